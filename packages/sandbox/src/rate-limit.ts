/**
 * Zadarma's rate limits: a fixed window per API key (100 requests a minute), and a separate, much
 * smaller one for statistics (3 a minute). Every answer carries `X-RateLimit-*`; beyond the limit
 * the answer is 429 with `Retry-After`.
 */
import type { RateLimitOptions } from './options.js';

export type LimitKind = 'general' | 'statistics';

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the window ends. */
  reset: number;
  retryAfterSeconds: number;
}

interface Window {
  start: number;
  used: number;
}

export class RateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #limits: Required<RateLimitOptions>;
  readonly #now: () => number;

  constructor(limits: Required<RateLimitOptions>, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Counts one request of `key` and says whether it may go on. */
  take(key: string, kind: LimitKind): RateLimitVerdict {
    const now = this.#now();
    const limit = kind === 'statistics' ? this.#limits.statisticsPerMinute : this.#limits.perMinute;
    const id = `${kind}:${key}`;
    let window = this.#windows.get(id);
    if (!window || now - window.start >= this.#limits.windowMs) {
      window = { start: now, used: 0 };
      this.#windows.set(id, window);
    }
    const end = window.start + this.#limits.windowMs;
    const allowed = window.used < limit;
    if (allowed) window.used++;
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - window.used),
      reset: Math.ceil(end / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)),
    };
  }

  clear(): void {
    this.#windows.clear();
  }
}

export function rateLimitHeaders(v: RateLimitVerdict): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(v.limit),
    'X-RateLimit-Remaining': String(v.remaining),
    'X-RateLimit-Reset': String(v.reset),
  };
  if (!v.allowed) headers['Retry-After'] = String(v.retryAfterSeconds);
  return headers;
}
