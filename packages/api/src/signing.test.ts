import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareKeysLikePhp,
  httpBuildQuery,
  nestPhpParams,
  phpNumberText,
  phpUrlencode,
  signRequest,
  signWebhook,
  signedQuery,
  verifyWebhook,
  webhookSignedFields,
  type Params,
} from './signing.js';
import { hasPhp, phpSign } from '../test/php.js';

interface RequestVector {
  name: string;
  http_method: string;
  path: string;
  params: Params;
  files: Record<string, string> | [];
  signed_string: string;
  signature: string;
  authorization: string;
}
interface WebhookVector {
  name: string;
  body: Record<string, string>;
  signed_fields: string[];
  signature: string;
}
const vectors = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../../shared/zadarma/signature-vectors.json', import.meta.url)),
    'utf8',
  ),
) as { key: string; secret: string; requests: RequestVector[]; webhooks: WebhookVector[] };

describe('request signatures match the PHP vectors', () => {
  it.each(vectors.requests.map((v) => [v.name, v] as const))('%s', (_, v) => {
    // Multipart: only the text fields are signed; the vectors' params hold exactly those.
    const signed = signRequest(v.path, v.params, vectors.key, vectors.secret);
    expect(signed.query).toBe(v.signed_string);
    expect(signed.signature).toBe(v.signature);
    expect(signed.authorization).toBe(v.authorization);
  });
});

describe('webhook signatures match the PHP vectors', () => {
  it.each(vectors.webhooks.map((v) => [v.name, v] as const))('%s', (_, v) => {
    expect(signWebhook(v.body, vectors.secret)).toBe(v.signature);
    expect(verifyWebhook(v.body, v.signature, vectors.secret)).toBe(true);
    expect(verifyWebhook(v.body, v.signature, `${vectors.secret}x`)).toBe(false);
    const tampered = { ...v.body, [v.signed_fields[0] ?? '']: 'tampered' };
    expect(verifyWebhook(tampered, v.signature, vectors.secret)).toBe(false);
  });

  it('refuses events it does not know how to verify', () => {
    expect(signWebhook({ event: 'NOTIFY_SOMETHING_NEW' }, 's')).toBeNull();
    expect(verifyWebhook({ event: 'NOTIFY_SOMETHING_NEW' }, '', 's')).toBe(false);
  });

  it('reads its table of events by own names only, never through the prototype chain', () => {
    for (const event of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(webhookSignedFields(event)).toBeUndefined();
      expect(signWebhook({ event }, 's')).toBeNull();
      expect(verifyWebhook({ event }, 'x', 's')).toBe(false);
    }
    // A body without its own `event` (one parsed into an object with a prototype) signs nothing either.
    expect(signWebhook(Object.create({ event: 'NOTIFY_START' }) as Record<string, string>, 's')).toBeNull();
    expect(webhookSignedFields('NOTIFY_START')).toEqual(['caller_id', 'called_did', 'call_start']);
  });
});

describe('PHP encoding rules', () => {
  it('encodes what URLSearchParams leaves alone', () => {
    expect(phpUrlencode('a*b~c d!')).toBe('a%2Ab%7Ec+d%21');
    expect(new URLSearchParams({ x: 'a*b' }).toString()).toBe('x=a*b'); // why we do not use it
  });

  it('sorts keys by UTF-8 bytes, not UTF-16 units', () => {
    // U+FF5E (3 bytes) sorts before U+1F600 (4 bytes, a surrogate pair in UTF-16 that JS would put first).
    expect(['😀', '～'].sort(compareKeysLikePhp)).toEqual(['～', '😀']);
    expect(['a_b', 'aB', 'Zeta'].sort(compareKeysLikePhp)).toEqual(['Zeta', 'aB', 'a_b']);
    expect(['10', '9', 'a'].sort(compareKeysLikePhp)).toEqual(['9', '10', 'a']);
    expect(signedQuery({ '0x1A': 'a', 10: 1 })).toBe('0x1A=a&10=1'); // not JS's integer-keys-first order
  });

  it('prints numbers as PHP does', () => {
    expect(phpNumberText(10.5)).toBe('10.5');
    expect(phpNumberText(0.1 + 0.2)).toBe('0.3');
    expect(phpNumberText(1e15 + 0.5)).toBe('1.0E+15');
    expect(phpNumberText(1e-5)).toBe('1.0E-5');
    expect(phpNumberText(0.0001)).toBe('0.0001');
    expect(() => phpNumberText(Number.NaN)).toThrow(TypeError);
  });

  it('skips null and nests arrays as PHP does', () => {
    expect(httpBuildQuery({ a: null, b: [1, [2]], c: true, d: false })).toBe(
      'b%5B0%5D=1&b%5B1%5D%5B0%5D=2&c=1&d=0',
    );
  });
});

// What a server reads from a form body a PHP client sent with nested params: PHP's parse_str, then the
// same signature. The sandbox checks signatures this way; before it did, nested params got 401.
describe.skipIf(!hasPhp && !process.env.CI)('received nested params: read and signed as PHP does', () => {
  const nested: Params[] = [
    {
      numbers: [
        { number: '4930123', sip: '100' },
        { number: '4930124', sip: '101' },
      ],
      user_id: 7,
    },
    { menu: { buttons: { '0': 'a', '1': 'b' }, name: 'Öffnungszeiten & mehr' }, format: 'json' },
    { z: '1', tags: ['x', 'y', 'z'], a: { b: { c: 'deep' } }, m: 'last' },
  ];
  const bodies = [
    ...nested.map((p) => httpBuildQuery(p)),
    // As browsers and other clients write them: `[]` appends, unencoded brackets, repeated keys.
    'tags[]=x&tags[]=y&b=2&a[k]=1',
    'a=1&a=2&list[5]=five&list[]=six',
  ];

  it('equals PHP for the nested bodies, and a client signing the nested params signs the same', () => {
    const php = phpSign(bodies.map((body) => ({ path: '/v1/pbx/ivr/', body, secret: 's3cret' })));
    bodies.forEach((body, i) => {
      const read = nestPhpParams(new URLSearchParams(body));
      expect(signRequest('/v1/pbx/ivr/', read, 'k', 's3cret').signature, body).toBe(php[i]?.signature);
    });
    nested.forEach((p, i) => {
      expect(signRequest('/v1/pbx/ivr/', p, 'k', 's3cret').signature).toBe(php[i]?.signature);
    });
  });
});

// The strongest check there is: arbitrary params through our code and through PHP itself.
describe.skipIf(!hasPhp && !process.env.CI)('property: equal to real PHP for arbitrary params', () => {
  // Integral doubles beyond 2^53 (and -0) reach PHP as ints through JSON, so PHP would not see a float.
  const phpAgreesOnType = (d: number) =>
    !Object.is(d, -0) && (!Number.isInteger(d) || Number.isSafeInteger(d) || Math.abs(d) >= 1e21);
  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const key = fc.oneof(
    { weight: 6, arbitrary: text },
    { weight: 1, arbitrary: fc.constantFrom('9', '10', ' 7', '1e1', '0x1A', '-3', 'user_id', 'a[b]') },
  );
  const value = fc.oneof(
    { weight: 6, arbitrary: text },
    { weight: 2, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).filter(phpAgreesOnType) },
    { weight: 1, arbitrary: fc.boolean() },
  );
  // PHP orders keys of equal numeric value by insertion, which a JS object cannot express; keep them apart.
  const params = fc.dictionary(key, value, { maxKeys: 8 }).filter((p) => {
    const numeric = Object.keys(p).filter((k) =>
      /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(k),
    );
    return new Set(numeric.map((k) => Number(k.trim()))).size === numeric.length;
  });

  it('sorted query and signature, 2000 cases', () => {
    const cases = fc.sample(
      fc.record({ path: fc.constant('/v1/info/balance/'), params, secret: text }),
      2000,
    );
    const php = phpSign(cases);
    cases.forEach((c, i) => {
      const ours = signRequest(c.path, c.params as Params, 'k', c.secret);
      expect({ params: c.params, query: ours.query }).toEqual({ params: c.params, query: php[i]?.query });
      expect(ours.signature).toBe(php[i]?.signature);
    });
  });

  it('does not depend on the order the params come in', () => {
    fc.assert(
      fc.property(params, (p) => {
        const reversed = Object.fromEntries(Object.entries(p).reverse());
        return signedQuery(p) === signedQuery(reversed as Params);
      }),
    );
  });
});
