/**
 * What the softphone dials: a typed or pasted number cleaned to E.164 (`+4930123456`), a PBX extension
 * (3 digits, as is) or a service code (`*98#`, as is); and the keys of a keyboard (numpad too) that
 * stand for a dial-pad key. National numbers are read in the customer's country by `toE164`, which the
 * caller passes (format/phone-lib.ts, libphonenumber-js): this module stays small enough for the
 * bundle, and libphonenumber-js stays in its lazy chunk.
 */
import type { E164Result } from '../format/phone-lib.js';

export type DialKind = 'number' | 'extension' | 'code';
export type DialRejection = 'empty' | 'too-short' | 'invalid-characters' | 'invalid-number';
export type DialResult = { ok: true; dial: string; kind: DialKind } | { ok: false; reason: DialRejection };

export interface DialOptions {
  /** The customer's country (ISO 3166-1 alpha-2, `DE`) for national numbers (`030 123456`). */
  country?: string | undefined;
  /** Reads a number as E.164 (format/phone-lib.ts `toE164`). */
  toE164: (number: string, country: string | undefined) => E164Result;
}

/** Extensions of a Zadarma PBX have 3 digits (100–999). */
const EXTENSION = /^[0-9]{3}$/;

/**
 * What pasted text carries around the digits: every kind of space (NBSP, thin, ideographic), invisible
 * format marks (bidi marks, zero-width spaces, soft hyphens), dashes and the minus sign, dots, slashes
 * (`030/123456`), parentheses and brackets.
 */
const SEPARATORS = /[\s\p{Cf}\p{Pd}\u2212./()[\]]/gu;

/** `tel:` / `callto:` links as copied from a page; a tel URI's parameters (`;ext=…`) are not dialled. */
function withoutScheme(text: string): string {
  const match = /^(?:tel|callto):(?:\/\/)?([^;]*)/i.exec(text);
  if (!match) return text;
  const number = match[1] ?? '';
  try {
    return decodeURIComponent(number);
  } catch {
    return number;
  }
}

/**
 * Cleans what the user typed or pasted into what to dial. Never throws: anything it cannot dial comes
 * back as `{ ok: false, reason }`. Cleaning a cleaned `dial` gives it back unchanged.
 *
 * - `+…` and `00…` are international; other numbers are national in `options.country` (without one,
 *   digits are read as international without the `+`, the way Zadarma writes numbers: `4930123456`).
 * - 3 digits are an extension; 1–2 digits are too short.
 * - Text with `*` or `#` and otherwise only digits (and `+`) is a service code, dialled as is.
 */
export function cleanDialled(input: string, options: DialOptions): DialResult {
  // NFKC turns full-width digits and plus signs (East Asian keyboards) into ASCII ones.
  const text = typeof input === 'string' ? input.normalize('NFKC') : '';
  const cleaned = withoutScheme(text.replace(SEPARATORS, '')).replace(SEPARATORS, '');
  if (cleaned === '') return { ok: false, reason: 'empty' };

  if (/[*#]/.test(cleaned)) {
    return /^[0-9*#+]+$/.test(cleaned)
      ? { ok: true, dial: cleaned, kind: 'code' }
      : { ok: false, reason: 'invalid-characters' };
  }
  if (cleaned === '+') return { ok: false, reason: 'too-short' };
  if (!/^\+?[0-9]+$/.test(cleaned)) return { ok: false, reason: 'invalid-characters' };

  let international = cleaned.startsWith('+')
    ? cleaned
    : cleaned.startsWith('00')
      ? `+${cleaned.slice(2)}`
      : '';
  if (!international) {
    if (cleaned.length < 3) return { ok: false, reason: 'too-short' };
    if (EXTENSION.test(cleaned)) return { ok: true, dial: cleaned, kind: 'extension' };
    if (!options.country) international = `+${cleaned}`;
  }
  const parsed = options.toE164(international || cleaned, options.country);
  return parsed.ok ? { ok: true, dial: parsed.e164, kind: 'number' } : parsed;
}

/**
 * The number field's text while the customer types or pastes: `tel:` links and their parameters,
 * spaces, dashes, dots, brackets and letters go; digits, `*` and `#` stay; a leading `+` stays and a
 * leading `00` becomes `+`. What is dialled is then decided by `cleanDialled`.
 */
export function cleanDialInput(text: string): string {
  // What comes before the number ("tel:", "Tel.: ") and a link's parameters (";ext=") are not dialled.
  let value = (text.normalize('NFKC').split(';')[0] ?? '').replace(/^[^0-9+*#]+/, '');
  const plus = /^(\+|00)/.test(value);
  value = value.replace(/^(\+|00)/, '').replace(/[^0-9*#]/g, '');
  return plus ? `+${value}` : value;
}

/** Keyboard `key` names that mean a dial-pad key beyond the characters themselves (old numpad names). */
const NAMED_KEYS: ReadonlyMap<string, string> = new Map([
  ['Multiply', '*'],
  ['Add', '+'],
]);

/**
 * The dial-pad key a keyboard key stands for (`event.key`: `'0'`–`'9'`, `'*'`, `'#'`, `'+'`, the numpad's
 * digits and `*`/`+` with Num Lock on), else undefined.
 */
export function dialKey(key: string): string | undefined {
  if (typeof key !== 'string') return undefined;
  if (/^[0-9*#+]$/.test(key)) return key;
  return NAMED_KEYS.get(key);
}
