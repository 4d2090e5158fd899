/**
 * Session tokens: short-lived HS256 JWTs that say which Zadarma sub-user a browser acts for, with which
 * scopes and, for the softphone, which PBX extensions.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import {
  MAX_SIP_EXTENSIONS,
  MAX_TTL_SECONDS,
  normalizeSessionRequest,
  SessionRequestError,
  SIP_EXTENSION,
  USER_ID,
  type SessionRequest,
} from './request.js';
import { isScope, type Scope } from './scopes.js';

export {
  DEFAULT_TTL_SECONDS,
  MAX_TTL_SECONDS,
  normalizeSessionRequest,
  SessionRequestError,
  type SessionRequest,
} from './request.js';

export const MIN_SECRET_BYTES = 32;
const ISSUER = 'zd-proxy';
const AUDIENCE = 'zd-elements';

export interface Session {
  userId: string;
  scopes: Scope[];
  sip: string[];
  /** The token's id: budgets and event streams are kept per session. */
  id: string;
  expiresAt: Date;
}

const encoder = new TextEncoder();

/** Checks a session secret for use; throws with a message fit for a start-up error. */
export function sessionKey(secret: string): Uint8Array {
  const key = encoder.encode(secret);
  if (key.length < MIN_SECRET_BYTES) {
    throw new SessionRequestError(
      `ZD_SESSION_SECRET must be at least ${MIN_SECRET_BYTES} bytes (it has ${key.length}); generate one with: openssl rand -base64 48`,
    );
  }
  return key;
}

/** Mints a session token. The partner backend calls this (or the CLI, or POST /sessions). */
export async function mintSessionToken(
  secret: string,
  request: SessionRequest,
): Promise<{ token: string; expiresAt: string }> {
  const key = sessionKey(secret);
  const { userId, scopes, sip, ttlSeconds } = normalizeSessionRequest(request);
  const now = Math.floor(Date.now() / 1000);
  const exp = now + ttlSeconds;
  const token = await new SignJWT({ scp: scopes, ...(sip.length ? { sip } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(key);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

export class InvalidSessionError extends Error {
  override name = 'InvalidSessionError';
}

/** How far a minting clock may be ahead of this one. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Verifies a token: HS256 only (no `alg: none`, no RS/HS confusion), right issuer/audience, not expired,
 * issued at a sane time and for at most the 24 h a token may live — even one signed with the real
 * secret by someone's own code is refused beyond that.
 */
export async function verifySessionToken(secret: string, token: string): Promise<Session> {
  try {
    const { payload } = await jwtVerify(token, sessionKey(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'jti'],
    });
    const scopes = Array.isArray(payload.scp) ? payload.scp.filter(isScope) : [];
    const sip: unknown[] = payload.sip === undefined ? [] : Array.isArray(payload.sip) ? payload.sip : [0];
    if (
      !payload.sub ||
      !USER_ID.test(payload.sub) ||
      !payload.jti ||
      sip.length > MAX_SIP_EXTENSIONS ||
      !sip.every((s) => typeof s === 'string' && SIP_EXTENSION.test(s))
    ) {
      throw new InvalidSessionError('the session token is malformed');
    }
    const { iat, exp } = payload;
    const now = Math.floor(Date.now() / 1000);
    if (typeof iat !== 'number' || iat > now + CLOCK_SKEW_SECONDS) {
      throw new InvalidSessionError('the session token has no sane issue time (iat)');
    }
    if (typeof exp !== 'number' || exp - iat > MAX_TTL_SECONDS) {
      throw new InvalidSessionError(`the session token lives longer than ${MAX_TTL_SECONDS} s`);
    }
    return {
      userId: payload.sub,
      scopes,
      sip: sip as string[],
      id: payload.jti,
      expiresAt: new Date(exp * 1000),
    };
  } catch (error) {
    if (error instanceof InvalidSessionError) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidSessionError('the session token has expired');
    throw new InvalidSessionError('the session token is not valid');
  }
}
