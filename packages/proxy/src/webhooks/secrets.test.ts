/** The webhook secrets' cache: kept, asked for again after a failed signature only once a minute old. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZadarmaClient } from '../upstream/client.js';
import { resellerApiKeySecrets } from './secrets.js';

/** Zadarma's `reseller.users.api_key.get`, answering the user's secret of the moment. */
function zadarma() {
  const state = { secret: 'first-secret', lookups: 0 };
  const client = {
    call: async () => {
      state.lookups++;
      return { secret: state.secret };
    },
  } as unknown as ZadarmaClient;
  return { state, client };
}

const noBudget = async () => () => undefined;

describe('resellerApiKeySecrets', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it('keeps a secret; a recheck within the minute asks nothing; after it, the new secret', async () => {
    const { state, client } = zadarma();
    const secretFor = resellerApiKeySecrets(client, noBudget);
    expect(await secretFor('7')).toBe('first-secret');
    expect(await secretFor('7')).toBe('first-secret');
    expect(state.lookups).toBe(1);

    state.secret = 'regenerated'; // the customer made a new secret in Zadarma
    vi.advanceTimersByTime(30_000);
    // A forged post (or the first real one) within the minute: no lookup, the secret at hand.
    expect(await secretFor('7', { recheck: true })).toBe('first-secret');
    expect(state.lookups).toBe(1);

    vi.advanceTimersByTime(30_000);
    expect(await secretFor('7', { recheck: true })).toBe('regenerated');
    expect(state.lookups).toBe(2);
    // Fresh again: rechecks cost nothing for another minute, however many forged posts come.
    for (let i = 0; i < 100; i++) await secretFor('7', { recheck: true });
    expect(state.lookups).toBe(2);
  });
});
