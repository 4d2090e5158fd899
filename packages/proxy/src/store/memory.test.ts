import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory.js';

describe('MemoryStore', () => {
  it('lets exactly one of many simultaneous claims win', async () => {
    const store = new MemoryStore();
    const wins = await Promise.all(Array.from({ length: 20 }, () => store.setIfAbsent('k', 'v', 1000)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('expires values and refills buckets with time', async () => {
    let now = 0;
    const store = new MemoryStore({ now: () => now });
    await store.set('a', '1', 100);
    now = 99;
    expect(await store.get('a')).toBe('1');
    now = 100;
    expect(await store.get('a')).toBeUndefined();
    expect(await store.take('b', 1, 2)).toEqual({ ok: true, retryAfterMs: 0 });
    expect(await store.take('b', 1, 2)).toEqual({ ok: false, retryAfterMs: 500 });
    now += 500;
    expect((await store.take('b', 1, 2)).ok).toBe(true);
  });

  it('delivers published messages to subscribers of that channel only', async () => {
    const store = new MemoryStore();
    const got: string[] = [];
    const off = store.subscribe('a', (m) => got.push(m));
    await store.publish('a', 'one');
    await store.publish('b', 'other');
    off();
    await store.publish('a', 'two');
    expect(got).toEqual(['one']);
  });
});
