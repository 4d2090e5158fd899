/** The sandbox-only endpoints: listing, reading state, reset, and their error answers. */
import { describe, expect, it } from 'vitest';
import { DEMO_USER_ID } from '../src/index.js';
import { call, sandboxCall, testSandbox } from './helpers.js';

describe('/sandbox/', () => {
  it('lists its endpoints and stays apart from the Zadarma surface (no signature needed, none accepted as one)', async () => {
    const sandbox = testSandbox();
    const index = await sandboxCall(sandbox, 'GET', '/sandbox/');
    expect(index.body.endpoints).toContain('POST /sandbox/calls');
    const unsigned = await sandbox.fetch(new Request('http://sandbox.test/v1/sandbox/state'));
    expect(unsigned.status).toBe(401);
  });

  it('resets to the seed, keeping the keys and the demo SIP password, and clearing faults and limits', async () => {
    const sandbox = testSandbox({ rateLimit: { perMinute: 2 } });
    const { key, secret } = sandbox;
    const password = sandbox.demoUser.sipPassword;
    await call(sandbox, 'POST', '/v1/direct_numbers/order/', {
      user_id: DEMO_USER_ID,
      direction_id: 13755,
      documents_group_id: 0,
    });
    await sandboxCall(sandbox, 'POST', '/sandbox/faults', { latencyMs: 1 });
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(429);
    expect((await sandboxCall(sandbox, 'GET', `/sandbox/users/${DEMO_USER_ID}`)).body.orders).toBe(1);

    const reset = await sandboxCall(sandbox, 'POST', '/sandbox/reset');
    expect(reset.body.demoUser).toEqual({ id: DEMO_USER_ID, sip: '100', sipPassword: password });
    expect(sandbox.key).toBe(key);
    expect(sandbox.secret).toBe(secret);
    expect((await sandboxCall(sandbox, 'GET', `/sandbox/users/${DEMO_USER_ID}`)).body.orders).toBe(0);
    expect((await sandboxCall(sandbox, 'GET', '/sandbox/faults')).body.faults).toEqual([]);
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(200);
    const counters = await sandboxCall(sandbox, 'GET', '/sandbox/counters');
    expect(counters.body.requests).toMatchObject({ total: 1, byOperation: { 'info.balance': 1 } });
  });

  it('answers unknown users, groups and bad bodies with an error', async () => {
    const sandbox = testSandbox();
    expect((await sandboxCall(sandbox, 'GET', '/sandbox/users/1')).status).toBe(404);
    expect(
      (await sandboxCall(sandbox, 'POST', `/sandbox/users/${DEMO_USER_ID}/groups/77/verify`, {})).status,
    ).toBe(404);
    const bad = await sandbox.fetch(
      new Request('http://sandbox.test/sandbox/faults', { method: 'POST', body: '{nope' }),
    );
    expect(bad.status).toBe(400);
    expect(
      (await sandboxCall(sandbox, 'POST', '/sandbox/registrations/activate', { email: 'none@example.com' }))
        .status,
    ).toBe(404);
    expect(
      (
        await sandboxCall(sandbox, 'POST', `/sandbox/users/${DEMO_USER_ID}/groups/0/reject`, {
          documentType: 'selfie',
        })
      ).status,
    ).toBe(400);
  });

  it('tops up an account with sandbox money, without charging the reseller, and refuses bad amounts by name', async () => {
    const sandbox = testSandbox();
    const balance = async (id: number) =>
      (await sandboxCall(sandbox, 'GET', `/sandbox/users/${id}`)).body.balance as number;
    const reseller = await balance(100001);
    expect(await balance(DEMO_USER_ID)).toBe(50);

    const topUp = (body: unknown, id: number = DEMO_USER_ID) =>
      sandboxCall(sandbox, 'POST', `/sandbox/users/${id}/topup`, body);
    expect(await topUp({ amount: 50 })).toEqual({
      status: 200,
      body: { userId: DEMO_USER_ID, added: 50, balance: 100, currency: 'EUR' },
    });
    // Another currency is converted at the sandbox's fixed rates (USD→EUR 0.92).
    expect((await topUp({ amount: 10, currency: 'USD' })).body).toMatchObject({ added: 9.2, balance: 109.2 });
    expect(await balance(100001)).toBe(reseller);
    // The Zadarma surface sees the money: a 0800 number (46 €) can now be ordered.
    const info = await call(sandbox, 'GET', '/v1/info/balance/', { user_id: DEMO_USER_ID });
    expect(info.body).toMatchObject({ balance: 109.2, currency: 'EUR' });

    for (const [body, message] of [
      [{}, /^amount is required \(a number in EUR\)$/],
      [{ amount: '50' }, /^amount must be a number from 0\.01 to 10000/],
      [{ amount: 0 }, /^amount must be/],
      [{ amount: -5 }, /^amount must be/],
      [{ amount: 1.005 }, /with at most two decimals$/],
      [{ amount: 10_001 }, /^amount must be/],
      [{ amount: 5, currency: 'BTC' }, /^currency must be one of USD, EUR, GBP, PLN$/],
      [{ amount: 5, amout: 5 }, /^unknown field\(s\): amout; the fields are amount, currency$/],
      [[50], /^the body must be a JSON object$/],
    ] as const) {
      const refused = await topUp(body);
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ status: 'error', message: expect.stringMatching(message) });
    }
    expect((await topUp({ amount: 5 }, 1)).status).toBe(404);
    expect(await balance(DEMO_USER_ID)).toBe(109.2);
  });
});
