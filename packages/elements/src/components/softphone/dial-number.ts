/**
 * The number field's text: what typing, pasting and the dial pad may put there, and the number that is
 * dialled (E.164 when it is a phone number; extensions and service codes as they are).
 */
import { loadChunk } from '../../base/chunks.js';

/** The keys of the dial pad, in their order. */
export const DIAL_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The letters under the digits, as on a phone. */
export const KEY_LETTERS: Record<string, string> = {
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
  '0': '+',
};

/** A key that dials or, in a call, sends a digit (`+` only dials). */
export const isDialKey = (key: string): boolean => /^[0-9*#+]$/.test(key);

/**
 * Cleans typed or pasted text: `tel:` links and their parameters, spaces, dashes, dots, brackets and
 * letters go; digits, `*` and `#` stay; a leading `+` stays and a leading `00` becomes `+`.
 */
export function cleanDialInput(text: string): string {
  // What comes before the number ("tel:", "Tel.: ") and a link's parameters (";ext=") are not dialled.
  let value = (text.split(';')[0] ?? '').replace(/^[^0-9+*#]+/, '');
  const plus = /^(\+|00)/.test(value);
  value = value.replace(/^(\+|00)/, '').replace(/[^0-9*#]/g, '');
  return plus ? `+${value}` : value;
}

/** Extensions (`100`) and service codes (`*98#`) are dialled as they are, never made international. */
export function isExtension(cleaned: string): boolean {
  return !cleaned.startsWith('+') && (/[*#]/.test(cleaned) || cleaned.length <= 6);
}

type NationalToE164 = (digits: string, country: string) => string | undefined;
let lib: Promise<NationalToE164> | undefined;

/**
 * The number to dial: `+` and digits for a phone number — a national one (`030 1234567`) read in the
 * customer's `country` by libphonenumber-js (a chunk, loaded on the first call) —, extensions as typed.
 * Empty when nothing dialable is left.
 */
export async function toDialNumber(text: string, country: string | undefined): Promise<string> {
  const cleaned = cleanDialInput(text);
  if (cleaned === '+' || cleaned === '') return '';
  if (cleaned.startsWith('+') || isExtension(cleaned) || !country) return cleaned;
  lib ??= loadChunk('phone-lib', () => import('../../format/phone-lib.js')).then((m) => m.nationalToE164);
  return (await lib)(cleaned, country) ?? cleaned;
}
