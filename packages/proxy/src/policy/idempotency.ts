/**
 * No double orders. Operations that cost money need an `Idempotency-Key` (one per user intent, reused on
 * retries): the first request with a key claims it, a repeat waits for and replays the first answer.
 * A definite refusal by Zadarma (or by the proxy, before sending) frees the key so the user can try again;
 * an answer that never came keeps it blocked, since the order may have gone through.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProxyError } from '../http/errors.js';
import type { ProxyStore } from '../store/store.js';
import { rateLimited } from '../upstream/budget.js';

const TTL_MS = 24 * 60 * 60 * 1000;
const PENDING = 'pending';
const KEY_FORMAT = /^[\x21-\x7e]{8,200}$/;

interface Record {
  fingerprint: string;
  status: number;
  body: string;
  headers: { [name: string]: string };
}

export class Idempotency {
  constructor(
    private readonly store: ProxyStore,
    private readonly waitMs = 30_000,
  ) {}

  /** Runs `send` once per (user, key); a repeat gets the same status and body. */
  async run(
    userId: string,
    key: string | undefined,
    fingerprintOf: string,
    send: () => Promise<Response>,
  ): Promise<Response> {
    if (!key) {
      throw new ProxyError(
        'invalid_request',
        'this operation costs money and needs an Idempotency-Key header',
      );
    }
    if (!KEY_FORMAT.test(key)) {
      throw new ProxyError('invalid_request', 'Idempotency-Key must be 8 to 200 printable ASCII characters');
    }
    const storeKey = `idempotency:${userId}:${key}`;
    const fingerprint = createHash('sha256').update(fingerprintOf).digest('hex');
    if (!(await this.store.setIfAbsent(storeKey, PENDING, TTL_MS))) {
      return this.#replay(storeKey, fingerprint);
    }
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (
        error instanceof ProxyError &&
        error.code !== 'upstream_timeout' &&
        error.code !== 'upstream_error'
      ) {
        await this.store.delete(storeKey); // refused for sure: nothing was ordered
        throw error;
      }
      const unknown = new ProxyError(
        error instanceof ProxyError && error.code === 'upstream_timeout'
          ? 'upstream_timeout'
          : 'upstream_error',
        'no answer from Zadarma: the request may have gone through; check before trying again',
      );
      await this.#save(storeKey, fingerprint, unknown.toResponse());
      throw unknown;
    }
    await this.#save(storeKey, fingerprint, response.clone());
    return response;
  }

  async #save(storeKey: string, fingerprint: string, response: Response) {
    const record: Record = {
      fingerprint,
      status: response.status,
      body: await response.text(),
      headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' },
    };
    await this.store.set(storeKey, JSON.stringify(record), TTL_MS);
  }

  async #replay(storeKey: string, fingerprint: string): Promise<Response> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const value = await this.store.get(storeKey);
      if (value === undefined) {
        // The first attempt was refused and freed the key meanwhile.
        throw new ProxyError(
          'invalid_request',
          'the first request with this Idempotency-Key failed; retry with it',
        );
      }
      if (value !== PENDING) {
        const record = JSON.parse(value) as Record;
        if (record.fingerprint !== fingerprint) {
          throw new ProxyError('invalid_request', 'this Idempotency-Key was used for a different request');
        }
        return new Response(record.body, {
          status: record.status,
          headers: { ...record.headers, 'idempotent-replayed': 'true' },
        });
      }
      if (Date.now() > deadline) throw rateLimited(1000); // the first request is still running
      await sleep(50);
    }
  }
}
