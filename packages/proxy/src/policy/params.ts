/**
 * Reading a browser's params from the query, a form, JSON or multipart text fields, refusing what must
 * never pass: a `user_id` in any spelling (the proxy injects the session's own), repeated or nested params.
 */
import { MAX_JSON_DEPTH } from '@zadarma-elements/api';
import { ProxyError } from '../http/errors.js';

export type FlatParams = Record<string, string>;

/**
 * What a param name of Zadarma's looks like. Anything else (`__proto__`, control characters, a
 * name 60 KB long) is refused by name rather than passed to code that indexes objects with it.
 */
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A name as an error message quotes it: short, whatever was sent. */
export const quoted = (name: string) => (name.length > 64 ? `${name.slice(0, 64)}…` : name);

/**
 * Whether a param name means `user_id` to PHP or to a person: percent-decoded (repeatedly), Unicode
 * compatibility-folded (fullwidth letters), lower-cased, punctuation, brackets and spaces removed
 * (PHP turns `user.id` and `user id` into `user_id`; `user_id[]` is an array of it).
 */
export function isUserIdKey(key: string): boolean {
  let decoded = key;
  for (let i = 0; i < 5; i++) {
    const next = phpUrldecode(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  const folded = decoded
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return folded.startsWith('userid');
}

/** PHP's `urldecode`: tolerant of malformed escapes, which it leaves as they are. */
function phpUrldecode(text: string): string {
  const parts = text.split(/(%[0-9a-fA-F]{2})/);
  const bytes = parts.map((part) =>
    /^%[0-9a-fA-F]{2}$/.test(part)
      ? Buffer.from([parseInt(part.slice(1), 16)])
      : Buffer.from(part.replace(/\+/g, ' ')),
  );
  return Buffer.concat(bytes).toString('utf8');
}

function refuseUserId(key: string): void {
  if (isUserIdKey(key)) {
    throw new ProxyError(
      'user_id_forbidden',
      'user_id is set by the proxy from the session and must not be sent',
      {
        field: 'user_id',
      },
    );
  }
}

/** Collects name/value pairs into flat params, refusing user_id, repeats and PHP array syntax. */
export function collectPairs(pairs: Iterable<readonly [string, string]>, into: FlatParams = {}): FlatParams {
  for (const [key, value] of pairs) addParam(into, key, value);
  return into;
}

export function addParam(params: FlatParams, key: string, value: string): void {
  refuseUserId(key);
  if (/[[\]]/.test(key)) {
    throw new ProxyError('invalid_param', `${quoted(key)}: nested or array params are not accepted`, {
      field: quoted(key),
    });
  }
  if (!PARAM_NAME.test(key)) {
    throw new ProxyError('invalid_param', `${quoted(key)}: is not a param name`, { field: quoted(key) });
  }
  if (Object.hasOwn(params, key)) {
    throw new ProxyError('invalid_param', `${key}: sent more than once`, { field: key });
  }
  params[key] = value;
}

/** A JSON body: one object of strings, numbers and booleans. */
export function paramsFromJson(body: unknown): FlatParams {
  // Look for user_id at any depth first, so that a nested one is reported as what it is.
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_JSON_DEPTH) throw new ProxyError('invalid_request', 'the JSON is nested too deeply');
    if (Array.isArray(value)) value.forEach((v) => walk(v, depth + 1));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        refuseUserId(k);
        walk(v, depth + 1);
      }
    }
  };
  walk(body, 0);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ProxyError('invalid_request', 'a JSON body must be an object of params');
  }
  const params: FlatParams = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') addParam(params, key, value);
    else if (typeof value === 'number' && Number.isFinite(value)) addParam(params, key, String(value));
    else if (typeof value === 'boolean') addParam(params, key, value ? '1' : '0');
    else if (value === null) continue;
    else
      throw new ProxyError('invalid_param', `${quoted(key)}: must be a string, number or boolean`, {
        field: quoted(key),
      });
  }
  return params;
}
