import { expect } from '@open-wc/testing';
import { filterByMask, markMask, normalizeMask } from './mask.js';
import { formatByArea, formatPhone, groupDigits, loadPhoneFormatter, withDialCode } from './phone.js';
import { formatPrice, orderTotal } from './price.js';
import { normalizeSipId, validateCallerName } from './validate.js';

describe('phone formatting', () => {
  it('groups subscriber digits in blocks of three and four', () => {
    expect(groupDigits('1234')).to.equal('1234');
    expect(groupDigits('1234567')).to.equal('123 4567');
    expect(groupDigits('12345678')).to.equal('1234 5678');
    expect(groupDigits('123456789')).to.equal('123 456 789');
    expect(groupDigits('1234567890')).to.equal('123 456 7890');
    expect(groupDigits('12345678901').replace(/ /g, '')).to.equal('12345678901');
  });

  it('formats by country and area code without metadata', () => {
    expect(formatByArea('4930123456', { countryCode: '49', areaCode: '30' })).to.equal('+49 30 123 456');
    expect(formatByArea('442071234567', { countryCode: '44', areaCode: '20' })).to.equal('+44 20 7123 4567');
    // Area code absent or not matching: country code, then groups.
    expect(formatByArea('4989123456', { countryCode: '49', areaCode: '30' })).to.equal('+49 8912 3456');
    expect(formatByArea('+1 212 555 0100', {})).to.equal('+121 2555 0100');
  });

  it('names a destination with its dialling code, never a bracket inside another', () => {
    expect(withDialCode('Berlin', '49', '30')).to.equal('Berlin · +49 30');
    expect(withDialCode('0800-Nummer (gebührenfrei)', '49', '800')).to.equal(
      '0800-Nummer (gebührenfrei) · +49 800',
    );
  });

  it('uses libphonenumber-js once loaded (a chunk of its own)', async () => {
    const lib = await loadPhoneFormatter();
    expect(formatPhone('4930123456', { countryCode: '49', areaCode: '30' }, lib)).to.equal('+49 30 123456');
    expect(formatPhone('12125550100', {}, lib)).to.equal('+1 212 555 0100');
    // Not a possible number: the area-based format stays.
    expect(formatPhone('49301', { countryCode: '49', areaCode: '30' }, lib)).to.equal('+49 30 1');
  });
});

describe('digit mask', () => {
  it('keeps digits only', () => {
    expect(normalizeMask(' +49 (30) 12-3a')).to.equal('4930123');
  });

  it('filters numbers that contain the mask', () => {
    const list = [{ number: '4930111' }, { number: '4930777' }, { number: '4977730' }];
    expect(filterByMask(list, '777').map((n) => n.number)).to.deep.equal(['4930777', '4977730']);
    expect(filterByMask(list, '')).to.have.length(3);
    expect(filterByMask(list, '999')).to.deep.equal([]);
  });

  it('marks the digits of the mask in a formatted number, across spaces', () => {
    expect(markMask('+49 30 123 456', '0123')).to.deep.equal([
      { text: '+49 3', match: false },
      { text: '0 123', match: true },
      { text: ' 456', match: false },
    ]);
    expect(markMask('+49 30 123', '')).to.deep.equal([{ text: '+49 30 123', match: false }]);
    expect(markMask('+49 30 123', '999')).to.deep.equal([{ text: '+49 30 123', match: false }]);
  });
});

describe('prices', () => {
  it('formats with Intl in the element language', () => {
    expect(formatPrice(5, 'EUR', 'de')).to.equal('5,00\u00a0€');
    expect(formatPrice(5, 'EUR', 'en')).to.equal('€5.00');
    expect(formatPrice(12.5, 'USD', 'en')).to.equal('$12.50');
  });

  it('falls back for a currency code Intl does not know', () => {
    expect(formatPrice(1, 'XX1', 'en')).to.equal('1.00 XX1');
  });

  it('totals the setup fee and the prepaid months, to the cent', () => {
    expect(orderTotal(20, 30, 'month')).to.equal(50);
    expect(orderTotal(20, 30, '3month')).to.equal(110);
    expect(orderTotal(0.1, 0.2, '3month')).to.equal(0.7);
  });
});

describe('validators', () => {
  it('accepts caller names of Latin letters, digits and spaces up to 30 characters', () => {
    expect(validateCallerName('Acme Support 24')).to.equal(undefined);
    expect(validateCallerName('')).to.equal(undefined);
    expect(validateCallerName('Müller')).to.equal('format');
    expect(validateCallerName('x'.repeat(31))).to.equal('too-long');
  });

  it('accepts SIP logins, extensions and SIP URIs', () => {
    expect(normalizeSipId(' 100 ')).to.equal('100');
    expect(normalizeSipId('sip:1234567890@sip.example.com:5060')).to.equal('1234567890@sip.example.com:5060');
    expect(normalizeSipId('office@pbx.example.com')).to.equal('office@pbx.example.com');
    expect(normalizeSipId('1')).to.equal(undefined);
    expect(normalizeSipId('not a uri')).to.equal(undefined);
    expect(normalizeSipId('a@b@c')).to.equal(undefined);
  });
});
