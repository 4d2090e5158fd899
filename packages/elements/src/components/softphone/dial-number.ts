/**
 * The element's side of dialling: the dial pad's keys, and the number to dial decided by phone/dial.ts
 * (`cleanDialled`) with libphonenumber-js from the kit's `phone-lib` chunk, loaded on the first call.
 */
import { loadChunk } from '../../base/chunks.js';
import { cleanDialled, type DialResult } from '../../phone/dial.js';

export { cleanDialInput, dialKey } from '../../phone/dial.js';

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

let phoneLib: Promise<typeof import('../../format/phone-lib.js')> | undefined;

/**
 * What to dial for typed, pasted or linked text: E.164 for a phone number (a national one read in the
 * customer's `country`), extensions and service codes as they are; else why not.
 */
export async function toDialNumber(text: string, country: string | undefined): Promise<DialResult> {
  phoneLib ??= loadChunk('phone-lib', () => import('../../format/phone-lib.js'));
  const { toE164 } = await phoneLib;
  return cleanDialled(text, { country, toE164 });
}
