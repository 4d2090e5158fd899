import type { ProxyStore } from './store.js';

interface Bucket {
  tokens: number;
  updated: number;
  capacity: number;
  perSecond: number;
}

/** The default store: one process, nothing shared. */
export class MemoryStore implements ProxyStore {
  readonly #buckets = new Map<string, Bucket>();
  readonly #values = new Map<string, { value: string; expires: number }>();
  readonly #channels = new Map<string, Set<(message: string) => void>>();
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async take(key: string, capacity: number, perSecond: number) {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: capacity, updated: now, capacity, perSecond };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updated) / 1000) * perSecond);
    bucket.updated = now;
    Object.assign(bucket, { capacity, perSecond });
    // Last used last: the sweep looks at the least recently used first.
    this.#buckets.delete(key);
    this.#sweepBuckets(now);
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, retryAfterMs: 0 };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / perSecond) * 1000) };
  }

  async get(key: string) {
    const entry = this.#values.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.#now()) {
      this.#values.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number) {
    this.#values.set(key, { value, expires: this.#now() + ttlMs });
    this.#sweep();
  }

  // No await between the check and the write: two claims in the same tick must not both win.
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    const entry = this.#values.get(key);
    if (entry && entry.expires > this.#now()) return false;
    this.#values.set(key, { value, expires: this.#now() + ttlMs });
    return true;
  }

  async delete(key: string) {
    this.#values.delete(key);
  }

  async publish(channel: string, message: string) {
    for (const listener of this.#channels.get(channel) ?? []) listener(message);
  }

  subscribe(channel: string, listener: (message: string) => void) {
    const listeners = this.#channels.get(channel) ?? new Set();
    listeners.add(listener);
    this.#channels.set(channel, listeners);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.#channels.delete(channel);
    };
  }

  // A bucket that has filled up again is the same as none (one per session and per user would otherwise
  // stay for the life of the process): a few of the least recently used go on every take.
  #sweepBuckets(now: number) {
    let checked = 0;
    for (const [key, b] of this.#buckets) {
      if (b.tokens + ((now - b.updated) / 1000) * b.perSecond >= b.capacity) this.#buckets.delete(key);
      if (++checked >= 16) break;
    }
  }

  /** How many buckets are kept (for tests). */
  get bucketCount(): number {
    return this.#buckets.size;
  }

  // Expired entries go on writes, a few at a time, so memory stays bounded without a timer.
  #sweep() {
    const now = this.#now();
    let checked = 0;
    for (const [key, entry] of this.#values) {
      if (entry.expires <= now) this.#values.delete(key);
      if (++checked >= 16) break;
    }
  }
}
