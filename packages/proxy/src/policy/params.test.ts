import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operations } from '@zadarma-elements/api';
import { ProxyError } from '../http/errors.js';
import { collectPairs, isUserIdKey, paramsFromJson } from './params.js';

// Ways a browser could spell `user_id` so that PHP or Zadarma might still read it as one.
const spelling = fc
  .tuple(
    fc.constantFrom('user', 'USER', 'User', 'uSeR', 'ｕｓｅｒ'),
    fc.constantFrom('_', '.', ' ', '-', '', '%5F', '%5f', '%255F', '＿', '+'),
    fc.constantFrom('id', 'ID', 'Id', 'ｉｄ'),
    fc.constantFrom('', '[]', '[0]', '%5B%5D', '[x]'),
  )
  .map(([a, b, c, d]) => a + b + c + d);

describe('isUserIdKey', () => {
  it('catches user_id however it is spelt', () => {
    fc.assert(fc.property(spelling, (key) => isUserIdKey(key)));
  });

  it('lets every other param of the official spec through', () => {
    const names = new Set<string>();
    for (const op of Object.values(operations)) {
      const schema = op.params as { properties?: object; oneOf?: { properties?: object }[] };
      for (const branch of [schema, ...(schema.oneOf ?? [])])
        Object.keys(branch.properties ?? {}).forEach((n) => names.add(n));
    }
    names.delete('user_id');
    expect(names.size).toBeGreaterThan(50);
    expect([...names].filter(isUserIdKey)).toEqual([]);
  });

  it('survives malformed percent-encoding', () => {
    expect(isUserIdKey('%E0%A4%A')).toBe(false);
    expect(isUserIdKey('user%5Fid%')).toBe(true);
  });
});

describe('collecting params', () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof ProxyError ? `${error.status} ${error.code} ${error.field}` : 'other';
    }
    return 'none';
  };

  it('refuses repeats and PHP arrays, naming the field', () => {
    expect(
      codeOf(() =>
        collectPairs([
          ['a', '1'],
          ['a', '2'],
        ]),
      ),
    ).toBe('400 invalid_param a');
    expect(codeOf(() => collectPairs([['a[]', '1']]))).toBe('400 invalid_param a[]');
    expect(codeOf(() => collectPairs([['uSeR_iD', '1']]))).toBe('400 user_id_forbidden user_id');
  });

  it('takes JSON scalars as text, PHP-style booleans, skips null, refuses nesting', () => {
    expect(paramsFromJson({ a: 'x', b: 3, c: true, d: false, e: null })).toEqual({
      a: 'x',
      b: '3',
      c: '1',
      d: '0',
    });
    expect(codeOf(() => paramsFromJson({ a: { b: 1 } }))).toBe('400 invalid_param a');
    expect(codeOf(() => paramsFromJson([1]))).toBe('400 invalid_request undefined');
    expect(codeOf(() => paramsFromJson({ deep: [{ ['USER%5FID']: 1 }] }))).toBe(
      '400 user_id_forbidden user_id',
    );
  });
});
