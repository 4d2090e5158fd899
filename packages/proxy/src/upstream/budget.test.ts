import { describe, expect, it } from 'vitest';
import { ProxyError } from '../http/errors.js';
import { MemoryStore } from '../store/memory.js';
import { Budget } from './budget.js';

const plain = { statistics: false };

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProxyError);
  return error as ProxyError;
}

describe('the rate budget', () => {
  it('gives each session a fair share and refuses beyond it with Retry-After', async () => {
    const budget = new Budget(new MemoryStore(), { perSessionPerMinute: 2, maxWaitMs: 0 });
    (await budget.acquire('a', plain))();
    (await budget.acquire('a', plain))();
    const error = await refusal(budget.acquire('a', plain));
    expect(error.status).toBe(429);
    expect(Number(error.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another session is not starved by the first.
    (await budget.acquire('b', plain))();
  });

  it('holds all sessions to the key’s budget, and statistics to their own', async () => {
    const budget = new Budget(new MemoryStore(), { perMinute: 3, statisticsPerMinute: 1, maxWaitMs: 0 });
    (await budget.acquire('a', { statistics: true }))();
    await refusal(budget.acquire('b', { statistics: true }));
    (await budget.acquire('c', plain))();
    await refusal(budget.acquire('d', plain));
  });

  it('waits briefly for a token rather than refusing at once', async () => {
    const budget = new Budget(new MemoryStore(), {
      perMinute: 6000,
      perSessionPerMinute: 600,
      maxWaitMs: 500,
    }); // 10 a second
    const started = Date.now();
    for (let i = 0; i < 602; i++) (await budget.acquire('a', plain))();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('pauses everyone after Zadarma’s 429', async () => {
    const store = new MemoryStore();
    await new Budget(store).pause(30_000);
    const other = new Budget(store, { maxWaitMs: 100 }); // another instance, same store
    expect((await refusal(other.acquire('a', plain))).headers['retry-after']).toBe('30');
  });

  it('caps concurrent upstream requests and hands the slot on', async () => {
    const budget = new Budget(new MemoryStore(), { concurrency: 1, maxWaitMs: 1_000 });
    const release = await budget.acquire('a', plain);
    let second = false;
    const waiting = budget.acquire('b', plain).then((r) => {
      second = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(second).toBe(false);
    release();
    (await waiting)();
    expect(second).toBe(true);
    const short = new Budget(new MemoryStore(), { concurrency: 1, maxWaitMs: 50 });
    await short.acquire('a', plain);
    expect((await refusal(short.acquire('b', plain))).status).toBe(429);
  });
});
