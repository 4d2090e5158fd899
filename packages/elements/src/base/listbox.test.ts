import { expect } from '@open-wc/testing';
import { fold, matchesQuery, nextActive } from './listbox.js';

describe('listbox keys', () => {
  it('moves, wraps and pages', () => {
    expect(nextActive('ArrowDown', -1, 3)).to.equal(0);
    expect(nextActive('ArrowDown', 2, 3)).to.equal(0);
    expect(nextActive('ArrowUp', 0, 3)).to.equal(2);
    expect(nextActive('Home', 2, 3)).to.equal(0);
    expect(nextActive('End', 0, 3)).to.equal(2);
    expect(nextActive('PageDown', 0, 30)).to.equal(10);
    expect(nextActive('PageUp', 5, 30)).to.equal(0);
    expect(nextActive('ArrowDown', 0, 0)).to.equal(-1);
  });

  it('searches case- and accent-insensitively', () => {
    expect(fold('München')).to.equal('munchen');
    expect(matchesQuery('munch', 'München')).to.equal(true);
    expect(matchesQuery('ÖSTER', 'Österreich')).to.equal(true);
    expect(matchesQuery('', 'x')).to.equal(true);
    expect(matchesQuery('+49', 'Deutschland', 'DE', '+49')).to.equal(true);
    expect(matchesQuery('xyz', 'Deutschland', undefined)).to.equal(false);
  });
});
