/**
 * What a partner may ask a session for, checked strictly: every field's type and value, and no field
 * the proxy does not know (a misspelt `ttl` must not quietly become a 15-minute token).
 */
import { isScope, SCOPES } from './scopes.js';

export const DEFAULT_TTL_SECONDS = 15 * 60;
export const MAX_TTL_SECONDS = 24 * 60 * 60;
/** A softphone needs one or a few of the customer's extensions, never a whole PBX. */
export const MAX_SIP_EXTENSIONS = 10;

/** A Zadarma sub-user id: a positive integer (as a JSON number or its digits). */
export const USER_ID = /^[1-9][0-9]{0,14}$/;
/** A PBX extension: three digits, 100 to 999. */
export const SIP_EXTENSION = /^[1-9][0-9]{2}$/;

export interface SessionRequest {
  /** The Zadarma sub-user id (digits). */
  userId: string | number;
  scopes: readonly string[];
  /** PBX extension(s) the softphone may use, e.g. `100`: three digits each, at most 10. */
  sip?: string | number | readonly (string | number)[];
  /** The token's lifetime in seconds (default 900, at most 86400). */
  ttlSeconds?: number;
}

export type SessionField = keyof SessionRequest;
export const SESSION_FIELDS: readonly SessionField[] = ['userId', 'scopes', 'sip', 'ttlSeconds'];

export interface NormalizedSessionRequest {
  userId: string;
  scopes: string[];
  sip: string[];
  ttlSeconds: number;
}

export class SessionRequestError extends Error {
  override name = 'SessionRequestError';
  /** The offending field, when there is one. */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/** How a field is called where the request came from: `ttlSeconds` in JSON, `--ttl` on the command line. */
export type FieldNames = Record<SessionField, string>;
const SAME_NAMES: FieldNames = { userId: 'userId', scopes: 'scopes', sip: 'sip', ttlSeconds: 'ttlSeconds' };

const simplified = (name: string) => name.toLowerCase().replace(/[_-]/g, '');

/** `ttl` → `ttlSeconds`, `user_id` → `userId`: the known field an unknown one most likely meant. */
export function likelyField(unknown: string, known: readonly string[]): string | undefined {
  const u = simplified(unknown);
  if (u.length < 3) return undefined;
  return known.find((k) => {
    const s = simplified(k);
    return s.startsWith(u) || u.startsWith(s);
  });
}

function refuseUnknownFields(request: object, names: FieldNames): void {
  const known = new Set<string>(SESSION_FIELDS);
  const unknown = Object.keys(request).filter((k) => !known.has(k));
  if (!unknown.length) return;
  const hints = unknown.map((u) => {
    const meant = likelyField(u, SESSION_FIELDS);
    return meant ? `${u} (did you mean ${names[meant as SessionField]}?)` : u;
  });
  throw new SessionRequestError(
    `unknown field${unknown.length > 1 ? 's' : ''}: ${hints.join(', ')}; ` +
      `the fields are ${SESSION_FIELDS.map((f) => names[f]).join(', ')}`,
    unknown[0],
  );
}

const isIdLike = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

/**
 * Validates a session request, from code, JSON or the command line. Throws `SessionRequestError`
 * naming the field (as `names` calls it). An absent or `undefined` optional field takes its default;
 * `null` is a wrong type like any other.
 */
export function normalizeSessionRequest(
  request: unknown,
  names: FieldNames = SAME_NAMES,
): NormalizedSessionRequest {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new SessionRequestError(
      `expected an object {${SESSION_FIELDS.map((f) => names[f] + (f === 'sip' || f === 'ttlSeconds' ? '?' : '')).join(', ')}}`,
    );
  }
  refuseUnknownFields(request, names);
  const { userId, scopes, sip, ttlSeconds } = request as Record<SessionField, unknown>;

  if (!isIdLike(userId) || !USER_ID.test(String(userId))) {
    throw new SessionRequestError(
      `${names.userId} must be the numeric Zadarma sub-user id (a positive integer)`,
      'userId',
    );
  }

  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === 'string')) {
    throw new SessionRequestError(`${names.scopes} must be a non-empty list of scopes`, 'scopes');
  }
  const unknownScopes = scopes.filter((s) => !isScope(s));
  if (unknownScopes.length) {
    throw new SessionRequestError(
      `unknown scope(s): ${unknownScopes.join(', ')} (the scopes are ${SCOPES.join(', ')})`,
      'scopes',
    );
  }

  const sipList: unknown[] = sip === undefined ? [] : Array.isArray(sip) ? sip : [sip];
  if (!sipList.every((s) => isIdLike(s) && SIP_EXTENSION.test(String(s)))) {
    throw new SessionRequestError(
      `${names.sip} must be PBX extension number(s) of three digits, like 100`,
      'sip',
    );
  }
  const extensions = [...new Set(sipList.map(String))];
  if (extensions.length > MAX_SIP_EXTENSIONS) {
    throw new SessionRequestError(`${names.sip} may name at most ${MAX_SIP_EXTENSIONS} extensions`, 'sip');
  }

  const ttl = ttlSeconds === undefined ? DEFAULT_TTL_SECONDS : ttlSeconds;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
    throw new SessionRequestError(
      `${names.ttlSeconds} must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}`,
      'ttlSeconds',
    );
  }

  return { userId: String(userId), scopes: [...new Set(scopes)], sip: extensions, ttlSeconds: ttl };
}
