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

/** Requires a valid session token; puts the session on the context. */
export const requireSession = (options: { secret: string }) =>
  createMiddleware<ProxyEnv>(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token) throw unauthorized('a session token is required (Authorization: Bearer ...)');
    try {
      c.set('session', await verifySessionToken(options.secret, token));
    } catch (error) {
      if (error instanceof InvalidSessionError) throw unauthorized(error.message);
      throw error;
    }
    await next();
  });

/** Server-to-server calls of the partner backend (`ZD_ADMIN_TOKEN`). */
export const requireAdmin = (options: { token: string }) =>
  createMiddleware(async (c, next) => {
    const token = bearer(c.req.header('authorization'));
    if (!token || !safeEqual(token, options.token)) throw unauthorized('the admin token is missing or wrong');
    await next();
  });
