/**
 * Zadarma's request and webhook signatures, exactly as its PHP reference computes them.
 *
 * Request: params sorted by key (`ksort`), encoded by `http_build_query(..., PHP_QUERY_RFC1738)`,
 * `Authorization: KEY:base64(hex(HMAC-SHA1(path + query + md5hex(query), SECRET)))`.
 * Webhook: `Signature: base64(hex(HMAC-SHA1(field + field + ..., SECRET)))`.
 * Note the base64 of the *hex string*, not of the raw digest.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A value PHP's `http_build_query` accepts; `null`/`undefined` entries are skipped as PHP skips `null`. */
export type ParamValue =
  string | number | boolean | null | undefined | ParamValue[] | { [key: string]: ParamValue };
export type Params = Record<string, ParamValue>;

const utf8 = new TextEncoder();
const UNRESERVED = /^[A-Za-z0-9._-]*$/;

/**
 * PHP's `urlencode`: everything but `A-Za-z0-9-_.` percent-encoded (upper-case hex) from UTF-8,
 * space as `+`. Unlike `URLSearchParams` it encodes `*` and `~`.
 */
export function phpUrlencode(value: string): string {
  if (UNRESERVED.test(value)) return value; // the common case: nothing to encode
  let out = '';
  for (const byte of utf8.encode(value)) {
    if (
      (byte >= 0x30 && byte <= 0x39) || // 0-9
      (byte >= 0x41 && byte <= 0x5a) || // A-Z
      (byte >= 0x61 && byte <= 0x7a) || // a-z
      byte === 0x2d || // -
      byte === 0x2e || // .
      byte === 0x5f // _
    ) {
      out += String.fromCharCode(byte);
    } else if (byte === 0x20) {
      out += '+';
    } else {
      out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

/** How `http_build_query` turns a scalar into text: `true` → 1, `false` → 0, numbers as below. */
function scalarText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return phpNumberText(value);
  return value;
}

/**
 * Safe integers print as PHP ints; every other number as a PHP float through `%.14G` (PHP's
 * `precision` ini, which `http_build_query` uses): 14 significant digits, exponent form `1.0E+15`
 * outside 1e-4 ≤ |x| < 1e14.
 */
export function phpNumberText(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`Cannot encode ${value} as a query value`);
  if (Number.isSafeInteger(value)) return String(value);
  const [mantissa = '0', exp = '0'] = value.toExponential(13).split('e');
  const exponent = Number(exp);
  const digits = mantissa.replace(/\.?0+$/, '');
  if (exponent < -4 || exponent >= 14) {
    return `${digits.includes('.') ? digits : `${digits}.0`}E${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  const fixed = Number(`${mantissa}e${exponent}`).toFixed(Math.max(0, 13 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * PHP 8's `ksort` (SORT_REGULAR) on string keys: byte order of the UTF-8 keys, except that two numeric
 * strings compare as numbers. (JavaScript's `<` compares UTF-16 units, which differs for astral characters.)
 */
export function compareKeysLikePhp(a: string, b: string): number {
  if (isPhpNumeric(a) && isPhpNumeric(b)) {
    const x = Number(a.trim());
    const y = Number(b.trim());
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// PHP 8 numeric strings: optional surrounding whitespace, sign, digits with an optional fraction and exponent.
const PHP_NUMERIC = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/;
function isPhpNumeric(s: string): boolean {
  return PHP_NUMERIC.test(s);
}

/** `http_build_query($params, '', '&', PHP_QUERY_RFC1738)` without sorting (nested values as `a[b]`). */
export function httpBuildQuery(params: Params): string {
  return buildEntries(Object.entries(params));
}

// Entries, not an object: a JS object would move integer-like keys ("10") to the front again.
function buildEntries(entries: [string, ParamValue][]): string {
  const parts: string[] = [];
  const walk = (prefix: string, value: ParamValue): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value);
      for (const [k, v] of entries) walk(`${prefix}[${k}]`, v);
      return;
    }
    parts.push(`${phpUrlencode(prefix)}=${phpUrlencode(scalarText(value))}`);
  };
  for (const [key, value] of entries) walk(key, value);
  return parts.join('&');
}

/**
 * What PHP makes of received params (`parse_str`, `$_GET`, `$_POST`): a name with brackets is a nested
 * value — `numbers[0][number]=…` is `numbers` → `0` → `number`, `tags[]=…` appends — so a server signs
 * it as `ksort` + `http_build_query` of the nested value, which is how a PHP client signed it. Later
 * duplicates win. Not copied from PHP: integer keys out of order (PHP keeps the order they came in, a
 * JS object sorts them), and a base name's `.` or space (PHP makes them `_`).
 */
export function nestPhpParams(entries: Iterable<readonly [string, string]>): Params {
  const root: Record<string, ParamValue> = {};
  for (const [name, value] of entries) {
    const open = name.indexOf('[');
    const base = open > 0 ? name.slice(0, open) : name;
    const path: string[] = [];
    if (open > 0) {
      const brackets = /\[([^\]]*)\]/gy;
      brackets.lastIndex = open;
      for (let m = brackets.exec(name); m; m = brackets.exec(name)) path.push(m[1] ?? '');
    }
    if (path.length === 0) {
      root[name] = value;
      continue;
    }
    let node: Record<string, ParamValue> = root;
    let key = base;
    for (const segment of path) {
      const existing = node[key];
      const child: Record<string, ParamValue> =
        typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? existing : {};
      node[key] = child;
      node = child;
      // `[]` appends: the next integer key, as PHP takes it.
      key = segment === '' ? String(nextIndex(child)) : segment;
    }
    node[key] = value;
  }
  return root;
}

function nextIndex(node: Record<string, ParamValue>): number {
  let next = 0;
  for (const key of Object.keys(node)) if (/^(0|[1-9]\d*)$/.test(key)) next = Math.max(next, Number(key) + 1);
  return next;
}

/** The query string Zadarma signs: top-level keys sorted as PHP's `ksort`, then `httpBuildQuery`. */
export function signedQuery(params: Params): string {
  return buildEntries(Object.entries(params).sort(([a], [b]) => compareKeysLikePhp(a, b)));
}

const hmacHexBase64 = (data: string, secret: string): string =>
  Buffer.from(createHmac('sha1', secret).update(data, 'utf8').digest('hex'), 'utf8').toString('base64');

export interface SignedRequest {
  /** The sorted, encoded params: the GET query string or the form body. */
  query: string;
  signature: string;
  /** The value of the `Authorization` header: `KEY:SIGNATURE`. */
  authorization: string;
}

/**
 * Signs a request to `path` (e.g. `/v1/info/balance/`) with `params`, which must already contain
 * everything sent, `format=json` included. For multipart uploads pass only the text fields.
 */
export function signRequest(path: string, params: Params, key: string, secret: string): SignedRequest {
  const query = signedQuery(params);
  const md5 = createHash('md5').update(query, 'utf8').digest('hex');
  const signature = hmacHexBase64(path + query + md5, secret);
  return { query, signature, authorization: `${key}:${signature}` };
}

/** Constant-time string comparison for signatures and bearer tokens. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Which fields, concatenated in this order, each webhook event signs (Zadarma's notification docs). */
export const WEBHOOK_SIGNED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  NOTIFY_START: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_INTERNAL: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_END: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_IVR: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_ANSWER: ['caller_id', 'destination', 'call_start'],
  NOTIFY_OUT_START: ['internal', 'destination', 'call_start'],
  NOTIFY_OUT_END: ['internal', 'destination', 'call_start'],
  NOTIFY_RECORD: ['pbx_call_id', 'call_id_with_rec'],
};

/**
 * The fields a webhook `event` signs, or undefined for an event Zadarma does not sign. An own property
 * only: `constructor`, `__proto__` or `toString` are names a sender chooses, not entries of the table.
 */
export function webhookSignedFields(event: string | undefined): readonly string[] | undefined {
  return event !== undefined && Object.hasOwn(WEBHOOK_SIGNED_FIELDS, event)
    ? WEBHOOK_SIGNED_FIELDS[event]
    : undefined;
}

/** The `Signature` header Zadarma sends with a webhook `body`, or `null` for an event it does not sign. */
export function signWebhook(body: Record<string, string>, secret: string): string | null {
  const fields = webhookSignedFields(Object.hasOwn(body, 'event') ? body.event : undefined);
  if (!fields) return null;
  return hmacHexBase64(
    fields.map((f) => (Object.hasOwn(body, f) ? body[f] : undefined) ?? '').join(''),
    secret,
  );
}

/** Checks a webhook's `Signature` header in constant time; unknown events never verify. */
export function verifyWebhook(body: Record<string, string>, signature: string, secret: string): boolean {
  const expected = signWebhook(body, secret);
  return expected !== null && safeEqual(expected, signature);
}
