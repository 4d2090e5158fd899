/**
 * Zadarma's call notifications for one sub-user: `GET ?zd_echo=X` answers X (Zadarma checks the URL
 * that way), POSTed notifications are verified with that user's API secret and fanned out to the
 * user's open event streams.
 */
import type { Context } from 'hono';
import { verifyWebhook } from '@zadarma-elements/api';
import { readLimitedText } from '../http/body.js';
import { ProxyError } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { ProxyStore } from '../store/store.js';

/** Returns the API secret that signs a sub-user's notifications, or undefined if unknown. */
export type WebhookSecretResolver = (userId: string) => Promise<string | undefined>;

export const eventChannel = (userId: string) => `events:${userId}`;

export interface WebhookDeps {
  store: ProxyStore;
  secretFor: WebhookSecretResolver;
  logger: Logger;
}

export async function receiveWebhook(c: Context, deps: WebhookDeps): Promise<Response> {
  const userId = c.req.param('userId') ?? '';
  if (!/^\d{1,20}$/.test(userId)) throw new ProxyError('not_found', 'no such webhook');

  if (c.req.method === 'GET') {
    const echo = c.req.query('zd_echo');
    if (echo === undefined || echo.length > 256) throw new ProxyError('invalid_request', 'expected zd_echo');
    // Plain text that a browser will not sniff into HTML: the value is the caller's.
    return new Response(echo, {
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    });
  }

  const body = Object.fromEntries(new URLSearchParams(await readLimitedText(c.req.raw, 64 * 1024)));
  const signature = c.req.header('signature') ?? '';
  // Unsigned posts are refused before any secret is looked up.
  const secret = signature ? await deps.secretFor(userId) : undefined;
  if (!secret || !verifyWebhook(body, signature, secret)) {
    deps.logger.log('warn', 'webhook refused: bad signature', { userId, event: body.event });
    throw new ProxyError('unauthorized', 'the notification signature does not verify');
  }
  await deps.store.publish(eventChannel(userId), JSON.stringify(body));
  deps.logger.log('info', 'webhook', { userId, event: body.event });
  return new Response(null, { status: 200 });
}
