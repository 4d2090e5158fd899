/**
 * The customer's own contact phone from a page (`reseller.users.phones.*` under `phone:verify`), the
 * proxy handler called directly against a real sandbox: only the token's own sub-user is reached, a
 * `user_id` in any spelling is refused, codes are digits, sending a code is a limited charge.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@zadarma-elements/sandbox';
import { createProxy, type Proxy } from '../src/app.js';
import { createLogger } from '../src/log.js';
import { MAX_CONTACT_PHONES, PROVE_GAP_SECONDS, PROVE_PER_HOUR } from '../src/routes/contact-phones.js';
import { mintSessionToken } from '../src/session/tokens.js';
import { MemoryStore } from '../src/store/memory.js';
import { ZadarmaClient } from '../src/upstream/client.js';
import { SESSION_SECRET } from './harness.js';

interface Answer {
  status: string;
  code?: string;
  field?: string;
  message?: string;
  list?: { id: number; number: string; is_proved: boolean }[];
}

describe('contact phone from the page, on the sandbox', () => {
  let sandbox: RunningSandbox;
  let backend: ZadarmaClient;
  let proxy: Proxy;
  let now = Date.now();
  let keyCount = 0;
  const users = { a: 0, b: 0 };
  const B_NUMBER = '4915112340002';

  const register = async (email: string) =>
    (
      (await backend.call('reseller.users.registration.new', {
        email,
        first_name: 'Test',
        country: 'DE',
        currency: 'EUR',
      })) as { user_id: number }
    ).user_id;
  const tokenFor = async (userId: number) =>
    (await mintSessionToken(SESSION_SECRET, { userId, scopes: ['phone:verify'] })).token;
  const post = async (
    path: string,
    params: Record<string, string>,
    bearer: string,
    headers: Record<string, string> = {},
  ) => {
    const response = await proxy.fetch(
      new Request(`http://proxy.test/v1/reseller/users/phones/${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: new URLSearchParams(params).toString(),
      }),
    );
    return { status: response.status, body: (await response.json()) as Answer, headers: response.headers };
  };
  const prove = (channel: 'sms' | 'callback', params: Record<string, string>, bearer: string) =>
    post(`prove_by_${channel}/`, params, bearer, { 'idempotency-key': `test-key-${++keyCount}` });
  const phonesOf = async (userId: number) =>
    (await backend.call('reseller.users.phones.get', { user_id: userId })) as unknown as Answer;
  const codesOf = async (userId: number) =>
    (
      (await (await fetch(`${sandbox.url}/sandbox/codes?userId=${userId}`)).json()) as {
        phones: { number: string; code: string; channel: string }[];
      }
    ).phones;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, verificationDelayMs: null, sip: false });
    backend = new ZadarmaClient({ key: sandbox.key, secret: sandbox.secret, baseUrl: sandbox.url });
    users.a = await register('customer.a@example.com');
    users.b = await register('customer.b@example.com');
    await backend.call('reseller.users.phones.add', { user_id: users.b, number: B_NUMBER });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    // A fresh store (and clock) per test: the allowances of one test do not leak into the next.
    now = Date.now();
    proxy = createProxy({
      zadarma: { key: sandbox.key, secret: sandbox.secret, apiUrl: sandbox.url },
      sessionSecret: SESSION_SECRET,
      logger: createLogger({ secrets: [], level: 'error', write: () => {} }),
      store: new MemoryStore({ now: () => now }),
    });
  });

  it('adds, proves by SMS and confirms the token user’s own phone', async () => {
    const a = await tokenFor(users.a);
    const number = '4915112340001';
    expect((await post('add/', { number }, a)).body.status).toBe('success');
    expect((await prove('sms', { number }, a)).body.status).toBe('success');
    const [sent] = await codesOf(users.a);
    expect(sent).toMatchObject({ number, channel: 'sms' });
    expect((await post('confirm/', { number, code: sent?.code ?? '' }, a)).body.status).toBe('success');
    expect((await phonesOf(users.a)).list).toEqual([{ id: 0, number, is_proved: true }]);
  });

  it("never reaches another customer's phone: B's number is not A's", async () => {
    const a = await tokenFor(users.a);
    const sms = await prove('sms', { number: B_NUMBER }, a);
    expect(sms.status).toBe(400);
    expect(sms.body.message).toMatch(/not a contact phone of this user/);
    const confirm = await post('confirm/', { number: B_NUMBER, code: '123456' }, a);
    expect(confirm.status).toBe(400);
    expect(await codesOf(users.b)).toEqual([]);
    expect((await phonesOf(users.b)).list).toEqual([{ id: 0, number: B_NUMBER, is_proved: false }]);
  });

  it('refuses a user_id in any spelling, in the body or the query', async () => {
    const a = await tokenFor(users.a);
    for (const name of ['user_id', 'USER_ID', 'User_Id', 'userId', 'user-id', 'user_id[]', ' user_id']) {
      const answer = await post('add/', { number: '4915112349999', [name]: String(users.b) }, a);
      expect(answer.status, name).toBe(400);
    }
    const query = await proxy.fetch(
      new Request(`http://proxy.test/v1/reseller/users/phones/?user_id=${users.b}`, {
        headers: { authorization: `Bearer ${a}` },
      }),
    );
    expect(query.status).toBe(400);
    expect((await phonesOf(users.b)).list).toHaveLength(1);
    expect((await phonesOf(users.a)).list?.map((p) => p.number)).not.toContain('4915112349999');
  });

  it('reads the own list only', async () => {
    const b = await tokenFor(users.b);
    const response = await proxy.fetch(
      new Request('http://proxy.test/v1/reseller/users/phones/', {
        headers: { authorization: `Bearer ${b}` },
      }),
    );
    expect(((await response.json()) as Answer).list).toEqual([{ id: 0, number: B_NUMBER, is_proved: false }]);
  });

  it('takes only digits as the code, and no caller id or SIP number from the page', async () => {
    const b = await tokenFor(users.b);
    for (const code of ['12a456', '12 34', '', '1234567890', '١٢٣٤']) {
      const answer = await post('confirm/', { number: B_NUMBER, code }, b);
      expect(answer.status, code).toBe(400);
      expect(answer.body.field, code).toBe('code');
    }
    for (const name of ['caller_id', 'sip_id']) {
      const answer = await prove('callback', { number: B_NUMBER, [name]: '100' }, b);
      expect(answer.body.field, name).toBe(name);
    }
    expect(await codesOf(users.b)).toEqual([]);
  });

  it('needs an Idempotency-Key to send a code, and a retry with it sends nothing new', async () => {
    const b = await tokenFor(users.b);
    const without = await post('prove_by_callback/', { number: B_NUMBER }, b);
    expect(without.status).toBe(400);
    const headers = { 'idempotency-key': 'one-intent-0001' };
    const first = await post('prove_by_callback/', { number: B_NUMBER, language: 'de' }, b, headers);
    expect(first.body.status).toBe('success');
    const [code] = await codesOf(users.b);
    expect(code?.channel).toBe('callback');
    const retry = await post('prove_by_callback/', { number: B_NUMBER, language: 'de' }, b, headers);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await codesOf(users.b)).toEqual([code]);
  });

  it(`sends at most ${PROVE_PER_HOUR} codes an hour per user, ${PROVE_GAP_SECONDS} s apart, whatever the token`, async () => {
    const number = B_NUMBER;
    expect((await prove('sms', { number }, await tokenFor(users.b))).body.status).toBe('success');
    const soon = await prove('callback', { number }, await tokenFor(users.b));
    expect(soon.status).toBe(429);
    expect(Number(soon.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let sent = 1; sent < PROVE_PER_HOUR; sent++) {
      now += PROVE_GAP_SECONDS * 1000;
      expect((await prove('sms', { number }, await tokenFor(users.b))).body.status).toBe('success');
    }
    now += PROVE_GAP_SECONDS * 1000;
    const tooMany = await prove('sms', { number }, await tokenFor(users.b));
    expect(tooMany.status).toBe(429);
    // Another customer's allowance is their own.
    const a = await tokenFor(users.a);
    await post('add/', { number: '4915112340005' }, a);
    expect((await prove('sms', { number: '4915112340005' }, a)).body.status).toBe('success');
  });

  it('lets the reuse follow at once the refusal of a number confirmed on another account', async () => {
    const number = '4915112340077';
    const e = await register('customer.e@example.com');
    await backend.call('reseller.users.phones.add', { user_id: e, number });
    await backend.call('reseller.users.phones.prove_by_sms', { user_id: e, number });
    const [sent] = await codesOf(e);
    await backend.call('reseller.users.phones.confirm', { user_id: e, number, code: sent?.code ?? '' });
    const d = await register('customer.d@example.com');
    const token = await tokenFor(d);
    await post('add/', { number }, token);
    const refused = await prove('sms', { number }, token);
    expect(refused.body.message).toMatch(/confirmed on another account/);
    expect((await prove('sms', { number, confirm_number_reuse: '1' }, token)).body.status).toBe('success');
    // The gap still holds for each form of the request.
    expect((await prove('sms', { number, confirm_number_reuse: '1' }, token)).status).toBe(429);
  });

  it('limits guessing the code', async () => {
    const b = await tokenFor(users.b);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await post('confirm/', { number: B_NUMBER, code: '0000' }, b)).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it(`lets a page add at most ${MAX_CONTACT_PHONES} contact phones`, async () => {
    const c = await register('customer.c@example.com');
    const token = await tokenFor(c);
    for (let i = 0; i < MAX_CONTACT_PHONES; i++) {
      expect((await post('add/', { number: `49151123450${i}0` }, token)).body.status).toBe('success');
    }
    const more = await post('add/', { number: '4915112345999' }, token);
    expect(more.status).toBe(409);
    expect((await phonesOf(c)).list).toHaveLength(MAX_CONTACT_PHONES);
  });

  it('needs the phone:verify scope', async () => {
    const { token } = await mintSessionToken(SESSION_SECRET, { userId: users.a, scopes: ['numbers:read'] });
    expect((await post('add/', { number: '4915112340009' }, token)).status).toBe(403);
    expect((await post('update/', { id: '0', number: '4915112340009' }, token)).status).toBe(404);
  });
});
