/** Issue 13 "Sandbox fidelity": behaviour the reseller seed relies on, checked against the spec. */
import { describe, expect, it } from 'vitest';
import { convert } from '../src/catalog/money.js';
import { DEMO_USER_ID } from '../src/index.js';
import { TEST_CREDIT_USD } from '../src/routes/reseller.js';
import { call, sandboxCall, testSandbox, type CallResult } from './helpers.js';

const U = { user_id: DEMO_USER_ID };
type Codes = { phones: { userId: number; number: string; code: string }[] };

describe('the seed-only type parameter', () => {
  // The spec lists no `type` for these operations; only the seed does. The sandbox follows the spec.
  it.each([
    ['GET', '/v1/direct_numbers/number/', {}],
    ['PUT', '/v1/direct_numbers/autoprolongation/', { value: 'on' }],
    ['PUT', '/v1/direct_numbers/set_caller_name/', { caller_name: 'Shop' }],
    ['PUT', '/v1/direct_numbers/set_sip_id/', { sip_id: '100' }],
  ] as const)('%s %s refuses it as not a param of this operation', async (method, path, rest) => {
    const sandbox = testSandbox();
    const answer = await call(sandbox, method, path, { ...U, ...rest, number: '4930123456', type: 'a' });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('type: is not a param of this operation');
  });
});

describe('webrtc/get_key', () => {
  async function withPbx() {
    const sandbox = testSandbox();
    // The demo user comes with a PBX (extension 100 among others).
    const pbxId = sandbox.state.users.find((u) => u.id === DEMO_USER_ID)?.pbx?.id ?? -1;
    return { sandbox, pbxId };
  }

  it('gives a key for <pbx_id>-<ext> of this PBX', async () => {
    const { sandbox, pbxId } = await withPbx();
    const answer = await call(sandbox, 'GET', '/v1/webrtc/get_key/', { ...U, sip: `${pbxId}-100` });
    expect(answer.body).toEqual({ status: 'success', key: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('refuses a foreign PBX id and an extension that does not exist', async () => {
    const { sandbox, pbxId } = await withPbx();
    const foreign = await call(sandbox, 'GET', '/v1/webrtc/get_key/', { ...U, sip: `${pbxId + 1}-100` });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toEqual({ status: 'error', message: expect.stringContaining('does not belong') });
    const missing = await call(sandbox, 'GET', '/v1/webrtc/get_key/', { ...U, sip: `${pbxId}-109` });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('extension 109 does not exist');
  });
});

describe('test credit for a confirmed phone', () => {
  async function confirm(sandbox: ReturnType<typeof testSandbox>, userId: number, number: string) {
    const u = { user_id: userId };
    await call(sandbox, 'POST', '/v1/reseller/users/phones/add/', { ...u, number });
    await call(sandbox, 'POST', '/v1/reseller/users/phones/prove_by_sms/', { ...u, number });
    const codes = (await sandboxCall(sandbox, 'GET', `/sandbox/codes?userId=${userId}`))
      .body as unknown as Codes;
    const code = codes.phones.find((p) => p.number === number)?.code ?? '';
    const answer = await call(sandbox, 'POST', '/v1/reseller/users/phones/confirm/', { ...u, number, code });
    expect(answer.body).toMatchObject({ status: 'success' });
  }
  const balance = async (sandbox: ReturnType<typeof testSandbox>, userId: number) =>
    (await call(sandbox, 'GET', '/v1/info/balance/', { user_id: userId })).body.balance;

  it('grants 1 USD in the user currency once, not again for another phone', async () => {
    const sandbox = testSandbox();
    const registered = await call(sandbox, 'POST', '/v1/reseller/users/registration/new/', {
      email: 'credit+now@example.com',
      first_name: 'C',
      country: 'DE',
      currency: 'EUR',
    });
    const userId = Number(registered.body.user_id);
    expect(await balance(sandbox, userId)).toBe(0);
    await confirm(sandbox, userId, '4915112345670');
    const credit = convert(TEST_CREDIT_USD, 'USD', 'EUR');
    expect(credit).toBeGreaterThan(0);
    expect(await balance(sandbox, userId)).toBe(credit);
    await confirm(sandbox, userId, '4915112345671');
    expect(await balance(sandbox, userId)).toBe(credit);
  });
});

describe('pending registrations', () => {
  it('are listed and found as not active until confirmed', async () => {
    const sandbox = testSandbox();
    const registered = await call(sandbox, 'POST', '/v1/reseller/users/registration/new/', {
      email: 'pending+code@example.com',
      first_name: 'Paula',
      country: 'DE',
      currency: 'EUR',
    });
    expect(registered.body.user_id).toBeUndefined();
    const listed = (list: CallResult) =>
      (list.body.users as { email: string; is_active: boolean; id: string }[]).find(
        (u) => u.email === 'pending+code@example.com',
      );
    const before = listed(await call(sandbox, 'GET', '/v1/reseller/users/list/'));
    expect(before).toMatchObject({
      is_active: false,
      allow_topup: false,
      currency: 'EUR',
      balance: '0.0000',
    });
    const found = await call(sandbox, 'GET', '/v1/reseller/users/find/', {
      email: 'pending+code@example.com',
    });
    expect(found.body).toMatchObject({ status: 'success', user: { id: before?.id, is_active: false } });

    const activated = await sandboxCall(sandbox, 'POST', '/sandbox/registrations/activate', {
      email: 'pending+code@example.com',
    });
    // The user keeps the id it was listed under while pending.
    expect(String(activated.body.userId)).toBe(before?.id);
    const after = listed(await call(sandbox, 'GET', '/v1/reseller/users/list/'));
    expect(after).toMatchObject({ id: before?.id, is_active: true });
  });
});

describe('recording status in internal/{n}/info', () => {
  type Info = { record_store: string; record_email: string };
  async function step(sandbox: ReturnType<typeof testSandbox>, params: Record<string, string>) {
    const set = await call(sandbox, 'PUT', '/v1/pbx/internal/recording/', { ...U, id: '100', ...params });
    const info = (await call(sandbox, 'GET', '/v1/pbx/internal/100/info/', U)).body as unknown as Info;
    return { set, info: { record_store: info.record_store, record_email: info.record_email } };
  }

  it('shows every status transition consistently', async () => {
    const sandbox = testSandbox();
    const off = { record_store: 'false', record_email: 'false' };
    const store = { record_store: 'Without recognition', record_email: 'false' };

    let r = await step(sandbox, { status: 'on_store' });
    expect(r.set.body).toMatchObject({ status: 'success', internal_number: 100, recording: 'on' });
    expect(r.info).toEqual(store);

    r = await step(sandbox, { status: 'on_email' });
    expect(r.set.status).toBe(400); // no address yet

    r = await step(sandbox, { status: 'on_email', email: 'rec@example.com' });
    expect(r.set.body).toMatchObject({ recording: 'on', email: 'rec@example.com' });
    expect(r.info).toEqual({ record_store: 'Without recognition', record_email: 'rec@example.com' });

    r = await step(sandbox, { status: 'off_store' });
    expect(r.set.body).toMatchObject({ recording: 'on' });
    expect(r.info).toEqual({ record_store: 'false', record_email: 'rec@example.com' });

    r = await step(sandbox, { status: 'off_email' });
    expect(r.set.body).toMatchObject({ recording: 'off' });
    expect(r.set.body.email).toBeUndefined();
    expect(r.info).toEqual(off);

    // `on` switches both channels: storage, and e-mail because an address is kept.
    r = await step(sandbox, { status: 'on', speech_recognition: 'all' });
    expect(r.set.body).toMatchObject({ recording: 'on', speech_recognition: 'all' });
    expect(r.info).toEqual({
      record_store: 'For automatic speech recognition',
      record_email: 'rec@example.com',
    });

    r = await step(sandbox, { status: 'off' });
    expect(r.set.body).toMatchObject({ recording: 'off' });
    expect(r.info).toEqual(off);
  });
});
