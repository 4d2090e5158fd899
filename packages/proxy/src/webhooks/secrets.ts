import { ProxyError } from '../http/errors.js';
import { ZadarmaApiError, type ZadarmaClient } from '../upstream/client.js';
import type { WebhookSecretResolver } from './receiver.js';

const TTL_MS = 10 * 60 * 1000;
/**
 * A secret that failed a signature is asked for again only once it is this old: a changed secret works
 * within a minute, and forged posts cost at most one lookup per listening user per minute.
 */
const RECHECK_AFTER_MS = 60 * 1000;
/** Zadarma said it has no such user (or no secret to show): believed for a minute. */
const UNKNOWN_TTL_MS = 60 * 1000;
const MAX_ENTRIES = 10_000;

/**
 * The default: a sub-user's notifications are signed with its own API secret, which the reseller key
 * may read (`GET /v1/reseller/users/api_key/`). Kept in memory for a while; never logged or sent on.
 * Lookups happen only for users with a page listening (receiver.ts), at most one at a time per user;
 * only Zadarma's own "no such user" is remembered as a negative answer. A lookup that failed for want
 * of budget or of an answer is not remembered, so it cannot make a real notification fail later. A
 * secret that fails a signature is asked for again once it is a minute old (RECHECK_AFTER_MS).
 */
export function resellerApiKeySecrets(
  client: ZadarmaClient,
  /** Takes a share of the key's budget: the session's that opened a stream, or the webhooks' own. */
  acquire: (sessionId?: string) => Promise<() => void>,
): WebhookSecretResolver {
  const cache = new Map<string, { secret: string | undefined; expires: number; fetched: number }>();
  const pending = new Map<string, Promise<string | undefined>>();

  const lookUp = async (userId: string, sessionId: string | undefined) => {
    let release: (() => void) | undefined;
    try {
      release = await acquire(sessionId);
      const answer = await client.call('reseller.users.api_key.get', { user_id: Number(userId) });
      const secret = answer.secret && answer.secret !== 'hidden' ? answer.secret : undefined;
      remember(userId, secret, secret ? TTL_MS : UNKNOWN_TTL_MS);
      return secret;
    } catch (error) {
      if (error instanceof ZadarmaApiError && error.status < 500 && error.status !== 429) {
        remember(userId, undefined, UNKNOWN_TTL_MS);
        return undefined;
      }
      // No budget now, or no answer: Zadarma sends the notification again; nothing is remembered.
      throw new ProxyError('upstream_error', 'the signature cannot be checked right now; send it again');
    } finally {
      release?.();
    }
  };

  const remember = (userId: string, secret: string | undefined, ttlMs: number) => {
    cache.delete(userId);
    if (cache.size >= MAX_ENTRIES) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(userId, { secret, expires: Date.now() + ttlMs, fetched: Date.now() });
  };

  return async (userId, context = {}) => {
    const hit = cache.get(userId);
    const stale =
      context.recheck && hit?.secret !== undefined && Date.now() - hit.fetched >= RECHECK_AFTER_MS;
    if (hit && hit.expires > Date.now() && !stale) return hit.secret;
    let lookup = pending.get(userId);
    if (!lookup) {
      lookup = lookUp(userId, context.sessionId).finally(() => pending.delete(userId));
      pending.set(userId, lookup);
    }
    return lookup;
  };
}
