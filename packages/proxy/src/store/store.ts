/**
 * The only state the proxy keeps: the rate budget, the answer cache (with idempotency records) and the
 * event fan-out. Behind this interface so that a shared store (Redis) can replace the in-memory one and
 * any number of proxy instances share one budget and one event stream.
 */
export interface ProxyStore {
  /**
   * Takes one token from the bucket `key` (capacity `capacity`, refilled at `perSecond`), creating it
   * full. `retryAfterMs` says when the next token will be there when none is left.
   */
  take(key: string, capacity: number, perSecond: number): Promise<{ ok: boolean; retryAfterMs: number }>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets only when absent; true when this call set it (a claim). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, listener: (message: string) => void): () => void;
}
