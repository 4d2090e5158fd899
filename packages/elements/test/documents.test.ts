/**
 * Node tests (vitest) of the elements' pure document modules; the browser tests are in src/ (`*.test.ts`,
 * web-test-runner).
 */
import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryOptions, isCountryCode } from '../src/documents/countries.js';
import { documentsStage, nextCheckDelay } from '../src/documents/verification.js';

describe('documentsStage', () => {
  it('tells "missing" from "pending": only the verification left is the customer’s part done', () => {
    expect(documentsStage([])).toBe('ready');
    expect(documentsStage(['verified'])).toBe('pending');
    expect(documentsStage(['uploaded', 'verified'])).toBe('missing');
    expect(documentsStage(['information'])).toBe('missing');
    expect(documentsStage(['address', 'verified'])).toBe('missing');
  });
});

describe('nextCheckDelay', () => {
  it('waits the interval first, then twice as long each time, up to 16 times the interval', () => {
    const delays: number[] = [];
    let delay = 0;
    for (let i = 0; i < 7; i++) delays.push((delay = nextCheckDelay(delay, 30)));
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 480_000, 480_000]);
    expect(nextCheckDelay(0, 0.2)).toBe(200);
  });

  it('takes nonsense for the default rather than asking without pause', () => {
    for (const nonsense of [0, -5, Number.NaN]) expect(nextCheckDelay(0, nonsense)).toBe(30_000);
  });
});

describe('country codes', () => {
  it('are the 249 assigned ISO 3166-1 codes, each once, each a region the browser can name', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    // Intl names an unknown code by the code itself: a typo in the list would show here.
    const unnamed = COUNTRY_CODES.filter((code) => !/^[A-Z]{2}$/.test(code) || names.of(code) === code);
    expect(unnamed).toEqual([]);
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('XK')).toBe(false);
    expect(countryOptions('de').find((c) => c.code === 'AT')?.name).toBe('Österreich');
  });
});
