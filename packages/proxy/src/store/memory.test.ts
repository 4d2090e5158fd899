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

  it('forgets buckets that have filled up again, so that one per session does not stay forever', async () => {
    let now = 0;
    const store = new MemoryStore({ now: () => now });
    for (let i = 0; i < 1000; i++) {
      await store.take(`session:${i}`, 30, 0.5);
      now += 100; // each refilled a minute after it was last used
    }
    expect(store.bucketCount).toBeLessThan(50); // those used in the last two seconds or so
    now += 61_000;
    for (let i = 0; i < 100; i++) await store.take('busy', 1000, 1);
    expect(store.bucketCount).toBeLessThan(10);
    // A bucket that has not filled up yet is kept: its user is still within the limit's memory.
    expect((await store.take('busy', 1000, 1)).ok).toBe(true);
    const low = new MemoryStore({ now: () => now });
    await low.take('k', 1, 1 / 60);
    for (let i = 0; i < 20; i++) await low.take(`other:${i}`, 1, 1 / 60);
    expect((await low.take('k', 1, 1 / 60)).ok).toBe(false);
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
