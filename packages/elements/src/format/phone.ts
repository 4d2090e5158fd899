/**
 * Phone numbers for humans. The first paint uses what Zadarma tells about the destination (country
 * code and area code), so it needs no metadata; `loadPhoneFormatter()` then brings libphonenumber-js
 * (a separate chunk, loaded on demand, so the script-tag bundle stays small) for each country's own
 * grouping.
 */
import { loadChunk } from '../base/chunks.js';

export interface NumberHint {
  countryCode?: string | undefined;
  areaCode?: string | undefined;
}

/** Groups subscriber digits in blocks of 3–4: 7 → 3 4, 8 → 4 4, 9 → 3 3 3. */
export function groupDigits(digits: string): string {
  const n = digits.length;
  if (n <= 4) return digits;
  const sizes: number[] = n === 5 ? [2, 3] : n === 6 ? [3, 3] : n === 7 ? [3, 4] : n === 8 ? [4, 4] : [];
  if (sizes.length === 0) {
    // Threes, with the remainder spread over the last blocks as fours.
    const fours = n % 3;
    const threes = (n - 4 * fours) / 3;
    for (let i = 0; i < threes; i++) sizes.push(3);
    for (let i = 0; i < fours; i++) sizes.push(4);
  }
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out.join(' ');
}

/** `4930123456` with `{countryCode: '49', areaCode: '30'}` → `+49 30 123 456`. */
export function formatByArea(number: string, hint: NumberHint = {}): string {
  const digits = number.replace(/\D+/g, '');
  const cc = hint.countryCode ?? '';
  if (!cc || !digits.startsWith(cc)) return `+${groupDigits(digits)}`;
  let rest = digits.slice(cc.length);
  const area = hint.areaCode ?? '';
  const parts = [`+${cc}`];
  if (area && rest.startsWith(area)) {
    parts.push(area);
    rest = rest.slice(area.length);
  }
  if (rest) parts.push(groupDigits(rest));
  return parts.join(' ');
}

export type PhoneFormatter = (number: string) => string | undefined;

let loaded: Promise<PhoneFormatter> | undefined;

/**
 * libphonenumber-js, once, on demand; resolves to a formatter (undefined for numbers it cannot read).
 * Until then, or if its chunk is missing (a clear error in the console), numbers are formatted by area.
 */
export function loadPhoneFormatter(): Promise<PhoneFormatter> {
  loaded ??= loadChunk('phone-lib', () => import('./phone-lib.js')).then((m) => m.formatInternational);
  return loaded;
}

/** The best format available now: libphonenumber-js when loaded and it can, else by area. */
export function formatPhone(number: string, hint: NumberHint, lib?: PhoneFormatter): string {
  return lib?.(number) ?? formatByArea(number, hint);
}

/**
 * A destination with its dialling code, `Berlin · +49 30`: a separator, not brackets, as names may have
 * their own (`0800-Nummer (gebührenfrei) · +49 800`, never `… (gebührenfrei) (+49 800)`).
 */
export function withDialCode(name: string, countryCode: string, areaCode: string): string {
  return `${name} · +${countryCode} ${areaCode}`;
}
