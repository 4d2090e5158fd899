/**
 * Zadarma's call notifications for one sub-user: `GET ?zd_echo=X` answers X (Zadarma checks the URL
 * that way); POSTed notifications are checked in order of cost — well-formed, a known event, a
 * signature of the right shape, a user with a page listening — before that user's API secret is
 * looked up and the signature verified; then refused when stale or already delivered, and otherwise
 * fanned out to the user's open event streams.
 */
import type { Context } from 'hono';
import { verifyWebhook, webhookSignedFields } from '@zadarma-elements/api';
import { readLimitedText } from '../http/body.js';
import { ProxyError } from '../http/errors.js';
import type { Logger } from '../log.js';
import { quoted } from '../policy/params.js';
import { USER_ID } from '../session/request.js';
import type { ProxyStore } from '../store/store.js';
import { signedTime } from './freshness.js';
import { isListening } from './listeners.js';

/**
 * Returns the API secret that signs a sub-user's notifications, or undefined if unknown. `sessionId`
 * names the session on whose behalf it is fetched ahead of a notification (an event stream opening).
 */
export type WebhookSecretResolver = (
  userId: string,
  /**
   * `recheck`: the secret at hand did not verify a notification — ask Zadarma again if the one at hand
   * is old enough (the user may have a new secret); otherwise the one at hand.
   */
  context?: { sessionId?: string; recheck?: boolean },
) => Promise<string | undefined>;

export const eventChannel = (userId: string) => `events:${userId}`;

export interface WebhookPolicy {
  /** How old a notification may be, by the time its signature covers. */
  maxAgeMs: number;
  /** The time zone of `call_start` (the PBX's; the sandbox's is UTC). */
  timeZone: string;
}

export const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = { maxAgeMs: 4 * 60 * 60 * 1000, timeZone: 'UTC' };

/** A clock ahead of ours by this much is still "now". */
const FUTURE_SKEW_MS = 5 * 60 * 1000;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_FIELDS = 64;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** base64 of a 40-character hex HMAC-SHA1, as Zadarma sends it. */
const SIGNATURE = /^[A-Za-z0-9+/]{54}==$/;

export interface WebhookDeps {
  store: ProxyStore;
  secretFor: WebhookSecretResolver;
  logger: Logger;
  policy: WebhookPolicy;
  bodyTimeoutMs: number;
}

// One answer for every notification that cannot be verified, whatever the reason: a forged post learns
// nothing, not even whether the user has a page open.
const notVerified = () => new ProxyError('unauthorized', 'the notification signature does not verify');

export async function receiveWebhook(c: Context, deps: WebhookDeps): Promise<Response> {
  const userId = c.req.param('userId') ?? '';
  if (!USER_ID.test(userId)) throw new ProxyError('not_found', 'no such webhook');

  if (c.req.method === 'GET') {
    const echo = c.req.query('zd_echo');
    if (echo === undefined || echo.length > 256) throw new ProxyError('invalid_request', 'expected zd_echo');
    // Plain text that a browser will not sniff into HTML: the value is the caller's.
    return new Response(echo, {
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    });
  }

  const text = await readLimitedText(c.req.raw, { maxBytes: MAX_BODY_BYTES, timeoutMs: deps.bodyTimeoutMs });
  const body = notificationFields(text);
  const event = body.event;
  if (event === undefined) throw new ProxyError('invalid_param', 'event: is required', { field: 'event' });
  if (!webhookSignedFields(event)) {
    throw new ProxyError(
      'invalid_param',
      `event: ${quoted(event)} is not a notification this proxy verifies`,
      {
        field: 'event',
      },
    );
  }

  const signature = c.req.header('signature') ?? '';
  if (!SIGNATURE.test(signature) || !(await isListening(deps.store, userId))) throw notVerified();
  const verifies = (secret: string | undefined) => !!secret && verifyWebhook(body, signature, secret);
  const secret = await deps.secretFor(userId);
  // A user whose secret changed (regenerated in Zadarma) is not refused until the cached one expires.
  if (!verifies(secret) && !verifies(await deps.secretFor(userId, { recheck: true }))) {
    deps.logger.log('warn', 'webhook refused: bad signature', { userId, event });
    throw notVerified();
  }

  const happened = signedTime(body, deps.policy.timeZone);
  const now = Date.now();
  if (happened === undefined) {
    throw new ProxyError('invalid_request', `the notification has no time its signature covers`);
  }
  if (now - happened > deps.policy.maxAgeMs || happened - now > FUTURE_SKEW_MS) {
    deps.logger.log('warn', 'webhook refused: stale', {
      userId,
      event,
      ageSeconds: Math.round((now - happened) / 1000),
    });
    throw new ProxyError(
      'invalid_request',
      `the notification is ${happened < now ? 'older than the proxy accepts' : 'from the future'}` +
        ' (is ZD_WEBHOOK_TIMEZONE the PBX’s time zone?)',
    );
  }

  // Seen = the same event with the same signed fields: a replay with an unsigned field changed (a new
  // pbx_call_id) is the same notification. One call rings several extensions, hence NOTIFY_INTERNAL's.
  const seenKey = `webhook:seen:${userId}:${event}:${signature}${event === 'NOTIFY_INTERNAL' ? `:${body.internal ?? ''}` : ''}`;
  if (!(await deps.store.setIfAbsent(seenKey, '1', deps.policy.maxAgeMs + FUTURE_SKEW_MS))) {
    deps.logger.log('info', 'webhook refused: already delivered', { userId, event });
    throw new ProxyError('conflict', 'this notification was delivered before');
  }

  await deps.store.publish(eventChannel(userId), JSON.stringify(body));
  deps.logger.log('info', 'webhook', { userId, event });
  return new Response(null, { status: 200 });
}

/** The form fields of a notification: plain names, each once, not too many. */
function notificationFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of new URLSearchParams(text)) {
    if (!FIELD_NAME.test(name)) {
      throw new ProxyError('invalid_param', `${quoted(name)}: is not a field name`, { field: quoted(name) });
    }
    if (Object.hasOwn(fields, name)) {
      throw new ProxyError('invalid_param', `${name}: sent more than once`, { field: name });
    }
    if (++count > MAX_FIELDS) throw new ProxyError('invalid_request', `more than ${MAX_FIELDS} fields`);
    fields[name] = value;
  }
  return fields;
}
