import { expect } from '@open-wc/testing';
import { de } from './de.js';
import { en } from './en.js';
import { registerTranslation, translationFor } from './localize.js';
import type { Translation } from './translation.js';

/** Sample arguments for the texts that take some, so each can be rendered. */
const SAMPLES: Partial<Record<keyof Translation, unknown[]>> = {
  error: ['network'],
  stepLabel: ['country'],
  check: ['information'],
  documentType: ['passport'],
  groupField: ['first_name'],
  groupName: ['', 0],
  invalidField: ['zip_code'],
};

function render(t: Translation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(t)) {
    const args = SAMPLES[key as keyof Translation] ?? ['+49 30 123', 3, 1];
    out[key] =
      typeof value === 'function' ? String((value as (...a: unknown[]) => unknown)(...args)) : String(value);
  }
  return out;
}

describe('translations', () => {
  it('German and English have the same texts, none empty', () => {
    const a = render(en);
    const b = render(de);
    expect(Object.keys(b).sort()).to.deep.equal(Object.keys(a).sort());
    for (const [key, value] of Object.entries({ ...a, ...b })) expect(value, key).not.to.equal('');
  });

  it('German is really German (no text left in English except names and codes)', () => {
    const a = render(en);
    const b = render(de);
    const same = Object.keys(a).filter((k) => a[k] === b[k] && !k.startsWith('$'));
    expect(same.sort()).to.deep.equal(['badgeSms', 'errorDetail']);
  });

  it('picks the language by tag, falls back to English, and takes new languages', () => {
    expect(translationFor('de-AT').$code).to.equal('de');
    expect(translationFor('fr').$code).to.equal('en');
    expect(translationFor(undefined).$code).to.equal('en');
    registerTranslation({
      ...en,
      $code: 'en-GB',
      $name: 'British English',
      pickerTitle: 'Get a telephone number',
    });
    expect(translationFor('en-gb').pickerTitle).to.equal('Get a telephone number');
  });

  it('words errors and plurals in each language', () => {
    expect(en.error('rate-limited', 1)).to.contain('1 second.');
    expect(en.error('rate-limited', 5)).to.contain('5 seconds.');
    expect(de.error('rate-limited', 5)).to.contain('5 Sekunden');
    expect(de.connectTime(1)).to.equal('Aktiv innerhalb von 1 Tag');
    expect(de.numbersCount(50, 1234)).to.equal('50 von 1.234 Nummern');
    expect(en.numbersCount(3, 3)).to.equal('3 numbers');
  });
});
