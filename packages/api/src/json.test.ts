import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepth, JsonInputError, MAX_JSON_DEPTH, parseJsonInput } from './json.js';

describe('JSON from outside', () => {
  it('measures nesting as JSON.parse would build it, ignoring brackets inside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[\\"{{{{"}')).toBe(1);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const depthOf = (v: unknown): number =>
          v !== null && typeof v === 'object'
            ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf))
            : 0;
        expect(jsonDepth(JSON.stringify(value))).toBe(depthOf(value));
      }),
    );
  });

  it('parses what is within the bound and refuses deeper nesting before building it', () => {
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parseJsonInput(nested(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    expect(() => parseJsonInput(nested(MAX_JSON_DEPTH + 1))).toThrow(JsonInputError);
    expect(() => parseJsonInput(nested(3000))).toThrow(/nested deeper than 32 levels/);
    expect(() => parseJsonInput('{"a":'.repeat(3000) + '1' + '}'.repeat(3000))).toThrow(JsonInputError);
    expect(() => parseJsonInput('{"a":')).toThrow(/not valid JSON/);
  });
});
