/** The digit mask of the number search (pure, no DOM). */

/** Keeps digits only: `+49 (30) 12-3` → `4930123`. */
export function normalizeMask(input: string): string {
  return input.replace(/\D+/g, '');
}

/** Numbers whose digits contain the mask, in their order. An empty mask matches all. */
export function filterByMask<T extends { number: string }>(numbers: readonly T[], mask: string): T[] {
  if (!mask) return numbers.slice();
  const out: T[] = [];
  for (const n of numbers) if (n.number.includes(mask)) out.push(n);
  return out;
}

export interface MaskSegment {
  text: string;
  match: boolean;
}

/**
 * Splits a formatted number (`+49 30 1234 5678`) into segments, marking the first run of digits that
 * spells the mask (spaces and punctuation inside the run are marked too).
 */
export function markMask(formatted: string, mask: string): MaskSegment[] {
  if (!mask) return [{ text: formatted, match: false }];
  const digits: number[] = [];
  for (let i = 0; i < formatted.length; i++) if (/\d/.test(formatted.charAt(i))) digits.push(i);
  const plain = digits.map((i) => formatted.charAt(i)).join('');
  const at = plain.indexOf(mask);
  if (at < 0) return [{ text: formatted, match: false }];
  const start = digits[at] as number;
  const end = (digits[at + mask.length - 1] as number) + 1;
  const segments: MaskSegment[] = [];
  if (start > 0) segments.push({ text: formatted.slice(0, start), match: false });
  segments.push({ text: formatted.slice(start, end), match: true });
  if (end < formatted.length) segments.push({ text: formatted.slice(end), match: false });
  return segments;
}
