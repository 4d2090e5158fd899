import { createMiddleware } from 'hono/factory';
import { safeEqual } from '@zadarma-elements/api';
import { ProxyError } from '../http/errors.js';
import { InvalidSessionError, verifySessionToken, type Session } from './tokens.js';

export type ProxyEnv = { Variables: { session: Session } };

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

const unauthorized = (message: string) =>
  new ProxyError('unauthorized', message, { headers: { 'www-authenticate': 'Bearer' } });

/**
 * Verified tokens, kept until they expire: a page sends the same token many times, and verifying
 * (WebCrypto HMAC, a hop to the thread pool) is the costliest step of a request. The key is the
 * whole token, signature included, so a changed token is verified afresh.
 */
class VerifiedTokens {
  readonly #entries = new Map<string, Session>();
  constructor(private readonly max = 10_000) {}

  get(token: string): Session | undefined {
    const session = this.#entries.get(token);
    if (session && session.expiresAt.getTime() <= Date.now()) {
      this.#entries.delete(token);
      return undefined;
    }
    return session;
  }

  set(token: string, session: Session) {
    if (this.#entries.size >= this.max) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, session);
  }
}

/** Requires a valid session token; puts the session on the context. */
export const requireSession = (options: { secret: string }) => {
  const verified = new VerifiedTokens();
  return createMiddleware<ProxyEnv>(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw unauthorized('a session token is required (Authorization: Bearer ...)');
    try {
      let session = verified.get(token);
      if (!session) {
        session = await verifySessionToken(options.secret, token);
        verified.set(token, session);
      }
      c.set('session', session);
    } catch (error) {
      if (error instanceof InvalidSessionError) throw unauthorized(error.message);
      throw error;
    }
    await next();
  });
};

/** Server-to-server calls of the partner backend (`ZD_ADMIN_TOKEN`). */
export const requireAdmin = (options: { token: string }) =>
  createMiddleware(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token || !safeEqual(token, options.token)) throw unauthorized('the admin token is missing or wrong');
    await next();
  });
