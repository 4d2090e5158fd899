/** Node tests (vitest) of phone/dial.ts: the number field's text, what is dialled, and keyboard keys for the dial pad. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toE164 } from '../src/format/phone-lib.js';
import { cleanDialInput, cleanDialled as cleanWith, dialKey } from '../src/phone/dial.js';

/** What the element does: the kit's libphonenumber-js reads the numbers. */
const cleanDialled = (input: string, options: { country?: string | undefined } = {}) =>
  cleanWith(input, { ...options, toE164 });

describe('cleanDialled', () => {
  it('reads pasted numbers with every kind of separator and space as E.164', () => {
    const berlin = { ok: true, dial: '+4930123456', kind: 'number' };
    for (const pasted of [
      '+49 30 123456',
      '+49-30-123456',
      '+49.30.123.456',
      '+49 (30) 123456',
      '+49 (0)30 123456', // the trunk 0 written in brackets
      '0049 30 123456',
      '\u00a0+49\u00a030\u202f123\u2009456\u00a0',
      '\u202a+49 30 123456\u202c', // bidi embedding marks, as copied from some pages
      '+49\u200b30\u2011123\u2013456', // zero-width space, non-breaking hyphen, en dash
      '+49 30 123456\n',
      'tel:+49-30-123456',
      'TEL:+49 30 123456',
      'tel:%2B4930123456',
      'tel:+4930123456;ext=12',
      '＋４９ ３０ １２３４５６', // full-width
    ])
      expect(cleanDialled(pasted, { country: 'DE' }), JSON.stringify(pasted)).toEqual(berlin);
  });

  it('reads national numbers in the customer’s country', () => {
    expect(cleanDialled('030 123456', { country: 'DE' })).toEqual({
      ok: true,
      dial: '+4930123456',
      kind: 'number',
    });
    expect(cleanDialled('030/123456', { country: 'de' })).toMatchObject({ ok: true, dial: '+4930123456' });
    expect(cleanDialled('0151 2345 6789', { country: 'DE' })).toMatchObject({ dial: '+4915123456789' });
    expect(cleanDialled('(212) 555-0123', { country: 'US' })).toMatchObject({ dial: '+12125550123' });
    expect(cleanDialled('011 49 30 123456', { country: 'US' })).toMatchObject({ dial: '+4930123456' });
    expect(cleanDialled('020 7946 0958', { country: 'GB' })).toMatchObject({ dial: '+442079460958' });
    expect(cleanDialled('+44 (0)20 7946 0958')).toMatchObject({ dial: '+442079460958' });
    expect(cleanDialled('06 1234 5678', { country: 'IT' })).toMatchObject({ dial: '+390612345678' }); // Italy keeps its 0
    // Without a country, digits are international without the +, as Zadarma writes them.
    expect(cleanDialled('4930123456')).toMatchObject({ ok: true, dial: '+4930123456' });
  });

  it('keeps 3-digit extensions and service codes as they are', () => {
    expect(cleanDialled(' 101 ', { country: 'DE' })).toEqual({ ok: true, dial: '101', kind: 'extension' });
    expect(cleanDialled('*98#')).toEqual({ ok: true, dial: '*98#', kind: 'code' });
    expect(cleanDialled('*21*+49 30 123456#')).toEqual({ ok: true, dial: '*21*+4930123456#', kind: 'code' });
    expect(cleanDialled('#31#')).toEqual({ ok: true, dial: '#31#', kind: 'code' });
  });

  it('says why it cannot dial', () => {
    expect(cleanDialled('')).toEqual({ ok: false, reason: 'empty' });
    expect(cleanDialled(' \u00a0-() ')).toEqual({ ok: false, reason: 'empty' });
    expect(cleanDialled('tel:')).toEqual({ ok: false, reason: 'empty' });
    expect(cleanDialled('12')).toEqual({ ok: false, reason: 'too-short' });
    expect(cleanDialled('+')).toEqual({ ok: false, reason: 'too-short' });
    expect(cleanDialled('+49 30', { country: 'DE' })).toEqual({ ok: false, reason: 'too-short' });
    expect(cleanDialled('12345', { country: 'US' })).toEqual({ ok: false, reason: 'too-short' });
    expect(cleanDialled('0301', { country: 'DE' })).toEqual({ ok: false, reason: 'invalid-number' });
    expect(cleanDialled('call me', { country: 'DE' })).toEqual({ ok: false, reason: 'invalid-characters' });
    expect(cleanDialled('+49 30 12x456')).toEqual({ ok: false, reason: 'invalid-characters' });
    expect(cleanDialled('+49+30')).toEqual({ ok: false, reason: 'invalid-characters' });
    expect(cleanDialled('*98#abc')).toEqual({ ok: false, reason: 'invalid-characters' });
    expect(cleanDialled('+49 30 1234567890123456')).toEqual({ ok: false, reason: 'invalid-number' });
  });

  const countries = fc.constantFrom(
    undefined,
    'DE',
    'US',
    'CA',
    'GB',
    'GG',
    'RU',
    'KZ',
    'FR',
    'UA',
    'PL',
    'ES',
    'XX',
  );
  const dialText = fc.stringMatching(/^[+0-9 ()\-.*#\u00a0]{0,20}$/);

  it('gives back what it cleaned unchanged (idempotent)', () => {
    fc.assert(
      fc.property(fc.oneof(dialText, fc.string()), countries, (input, country) => {
        const first = cleanDialled(input, { country });
        if (!first.ok) return true;
        expect(cleanDialled(first.dial, { country })).toEqual(first);
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('idempotent on real numbers of many countries too', () => {
    const national = fc.stringMatching(/^0?[1-9][0-9]{5,11}$/);
    let numbers = 0;
    fc.assert(
      fc.property(national, countries, (input, country) => {
        const first = cleanDialled(input, { country });
        if (!first.ok) return;
        numbers += first.kind === 'number' ? 1 : 0;
        expect(cleanDialled(first.dial, { country })).toEqual(first);
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: a good part of them are numbers (about 14 %).
    expect(numbers).toBeGreaterThan(200);
  });

  it('never throws on arbitrary strings (or what is not a string)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        countries,
        (input, country) => {
          const result = cleanDialled(input, { country });
          return result.ok ? result.dial.length > 0 : typeof result.reason === 'string';
        },
      ),
      { numRuns: 2000 },
    );
    expect(cleanDialled(undefined as unknown as string)).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('cleanDialInput (the number field while typing)', () => {
  it('keeps what can be dialled: + and 00, tel: links, separators and letters go', () => {
    expect(cleanDialInput('+49 (30) 123-456')).toBe('+4930123456');
    expect(cleanDialInput('0049 30 / 1234 567')).toBe('+49301234567');
    expect(cleanDialInput('tel:+49-30-1234567;ext=12')).toBe('+49301234567');
    expect(cleanDialInput('Tel.: 030 123 45')).toBe('03012345');
    expect(cleanDialInput('＋４９ ３０ １２３')).toBe('+4930123');
    expect(cleanDialInput('*98#')).toBe('*98#');
    expect(cleanDialInput('12+34')).toBe('1234');
  });

  it('what it keeps, cleanDialled reads the same as the raw text (pasted numbers)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(\+|00)?[0-9 ()\-.\u00a0]{3,18}$/), (input) => {
        const raw = cleanDialled(input, { country: 'DE' });
        if (raw.ok) expect(cleanDialled(cleanDialInput(input), { country: 'DE' })).toEqual(raw);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('dialKey', () => {
  it('maps digits, *, #, + and the numpad’s names, and nothing else', () => {
    for (const key of ['0', '5', '9', '*', '#', '+']) expect(dialKey(key)).toBe(key);
    expect(dialKey('Multiply')).toBe('*');
    expect(dialKey('Add')).toBe('+');
    for (const key of ['a', 'Enter', 'Backspace', ' ', '', '12', 'F1', 'End', 'toString', '__proto__', '٣'])
      expect(dialKey(key), key).toBeUndefined();
  });
});
