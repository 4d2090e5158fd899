/**
 * The sandbox's outside numbers: what answers when an extension dials a phone number. Fictional
 * Berlin numbers (030 23125 xxx); any other number that looks like a phone number gets the echo after
 * a short ring, so a softphone can be tried against anything a customer types.
 */
import type { PartyKind } from '../media/index.js';

export interface OutsideParty {
  kind: PartyKind;
  /** How long it rings before it answers. */
  ringMs: number;
}

export const OUTSIDE_NUMBERS: Readonly<Record<string, PartyKind>> = {
  '+493023125001': 'echo',
  '+493023125002': 'tone',
  '+493023125003': 'wav',
  '+493023125004': 'recorder',
};

/** A dialled string that the gateway treats as an outside number: digits, an optional +, 5 or more. */
export const OUTSIDE_NUMBER = /^\+?\d{5,15}$/;

/** The number in E.164 with a +, from what a phone sends (`+49…`, `0049…`, `49…`, `030…`). */
export function normaliseNumber(dialled: string): string {
  const digits = dialled.replace(/^\+/, '');
  if (dialled.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  // A national Berlin number as Germans dial it: 030 … → +4930 …
  if (digits.startsWith('0')) return `+49${digits.slice(1)}`;
  return `+${digits}`;
}

export function outsidePartyFor(dialled: string): OutsideParty {
  const kind = OUTSIDE_NUMBERS[normaliseNumber(dialled)];
  return kind ? { kind, ringMs: 250 } : { kind: 'echo', ringMs: 1500 };
}
