/**
 * The one rate budget of the reseller key. Zadarma allows ~100 requests/min per key (3/min for
 * statistics) and all the partner's customers share that key, so: a global token bucket, a fair share
 * per session, a short wait for a token before refusing with 429, a pause while Zadarma says 429, and a
 * cap on concurrent upstream requests.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ProxyError } from '../http/errors.js';
import type { ProxyStore } from '../store/store.js';

export interface BudgetOptions {
  perMinute: number;
  statisticsPerMinute: number;
  /** One session's share of `perMinute`, so a single busy page cannot starve the others. */
  perSessionPerMinute: number;
  /** How long a request may wait for a token before it is refused. */
  maxWaitMs: number;
  /** Upstream requests in flight at once, per proxy instance. */
  concurrency: number;
}

export const DEFAULT_BUDGET: BudgetOptions = {
  perMinute: 100,
  statisticsPerMinute: 3,
  perSessionPerMinute: 30,
  maxWaitMs: 2_000,
  concurrency: 16,
};

const PAUSE_KEY = 'budget:paused-until';

export class Budget {
  readonly options: BudgetOptions;
  readonly #store: ProxyStore;
  #inFlight = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(store: ProxyStore, options: Partial<BudgetOptions> = {}) {
    this.#store = store;
    this.options = { ...DEFAULT_BUDGET, ...options };
  }

  /**
   * Waits for the session's share, the key's budget and a concurrency slot; returns the function that
   * frees the slot. Throws `rate_limited` (429 with Retry-After) when that would take too long.
   */
  async acquire(sessionId: string, kind: { statistics: boolean }, signal?: AbortSignal): Promise<() => void> {
    const deadline = Date.now() + this.options.maxWaitMs;
    const pausedUntil = Number((await this.#store.get(PAUSE_KEY)) ?? 0);
    if (pausedUntil > deadline) throw rateLimited(pausedUntil - Date.now());
    if (pausedUntil > Date.now()) await sleep(pausedUntil - Date.now(), undefined, { signal });

    const { perMinute, statisticsPerMinute, perSessionPerMinute } = this.options;
    await this.#takeOrWait(`budget:session:${sessionId}`, perSessionPerMinute, deadline, signal);
    await this.#takeOrWait('budget:key', perMinute, deadline, signal);
    if (kind.statistics) await this.#takeOrWait('budget:statistics', statisticsPerMinute, deadline, signal);
    await this.#slot(deadline);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#inFlight--;
      this.#waiting.shift()?.();
    };
  }

  /** Zadarma answered 429: nobody asks again before `retryAfterMs` has passed (on any instance). */
  async pause(retryAfterMs: number): Promise<void> {
    const until = Date.now() + retryAfterMs;
    await this.#store.set(PAUSE_KEY, String(until), retryAfterMs);
  }

  async #takeOrWait(key: string, perMinute: number, deadline: number, signal?: AbortSignal) {
    for (;;) {
      const { ok, retryAfterMs } = await this.#store.take(key, perMinute, perMinute / 60);
      if (ok) return;
      if (Date.now() + retryAfterMs > deadline) throw rateLimited(retryAfterMs);
      await sleep(retryAfterMs, undefined, { signal });
    }
  }

  async #slot(deadline: number) {
    while (this.#inFlight >= this.options.concurrency) {
      const wait = deadline - Date.now();
      if (wait <= 0) throw rateLimited(1000);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          this.#waiting.splice(this.#waiting.indexOf(wake) >>> 0, 1);
          resolve();
        }, wait);
        this.#waiting.push(wake);
      });
    }
    this.#inFlight++;
  }
}

export function rateLimited(retryAfterMs: number): ProxyError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ProxyError('rate_limited', `too many requests; try again in ${seconds} s`, {
    headers: { 'retry-after': String(seconds) },
  });
}
