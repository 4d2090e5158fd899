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
});
