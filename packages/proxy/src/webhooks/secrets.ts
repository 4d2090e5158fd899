import type { ZadarmaClient } from '../upstream/client.js';
import type { WebhookSecretResolver } from './receiver.js';

const TTL_MS = 10 * 60 * 1000;

/**
 * The default: a sub-user's notifications are signed with its own API secret, which the reseller key
 * may read (`GET /v1/reseller/users/api_key/`). Kept in memory for a while; never logged or sent on.
 */
export function resellerApiKeySecrets(
  client: ZadarmaClient,
  /** Takes a share of the key's budget, so forged webhooks for many users cannot spend it all. */
  acquire: () => Promise<() => void>,
): WebhookSecretResolver {
  const cache = new Map<string, { secret: string | undefined; expires: number }>();
  return async (userId) => {
    const hit = cache.get(userId);
    if (hit && hit.expires > Date.now()) return hit.secret;
    let secret: string | undefined;
    let release: (() => void) | undefined;
    try {
      release = await acquire();
      const answer = await client.call('reseller.users.api_key.get', { user_id: Number(userId) });
      secret = answer.secret && answer.secret !== 'hidden' ? answer.secret : undefined;
    } catch {
      // Unknown user, Zadarma unreachable or the share spent: refused now, Zadarma sends it again.
      secret = undefined;
    } finally {
      release?.();
    }
    cache.set(userId, { secret, expires: Date.now() + (secret ? TTL_MS : 5_000) });
    return secret;
  };
}
