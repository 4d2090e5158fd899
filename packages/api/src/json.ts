/**
 * JSON from outside, parsed only when its nesting stays within a bound: what reads it afterwards
 * (walks, validators, signers) may recurse, and 3,000 levels of `[` must be a refusal, not a crash.
 */

/** Deep enough for any body this kit takes (they are flat objects, or one level of lists). */
export const MAX_JSON_DEPTH = 32;

export class JsonInputError extends Error {
  override name = 'JsonInputError';
}

/** The deepest nesting of arrays and objects in `text`, counting brackets outside strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > deepest) deepest = depth;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/** `JSON.parse`, refusing nesting deeper than `maxDepth` before anything is built. */
export function parseJsonInput(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (jsonDepth(text) > maxDepth) {
    throw new JsonInputError(`the JSON is nested deeper than ${maxDepth} levels`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new JsonInputError('the body is not valid JSON');
  }
}
