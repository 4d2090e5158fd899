/**
 * `GET /softphone/credentials` and `webrtc.get_key` against a real sandbox: the shape, fresh passwords,
 * only the token's own extensions of the token's own user, no-store, the shared budget, the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@zadarma-elements/sandbox';
import { createProxy, type Proxy, type ProxyOptions } from '../src/app.js';
import { createLogger } from '../src/log.js';
import type { SoftphoneCredentials } from '../src/routes/softphone.js';
import { mintSessionToken, type SessionRequest } from '../src/session/tokens.js';
import type { SoftphoneSettings } from '../src/softphone/settings.js';
import { ZadarmaClient } from '../src/upstream/client.js';
import { SESSION_SECRET } from './harness.js';

const SETTINGS: SoftphoneSettings = {
  wsUrl: 'ws://127.0.0.1:8789',
  domain: 'pbx.sandbox.test',
  iceServers: [{ urls: 'stun:127.0.0.1:3478' }],
};

describe('softphone credentials through the proxy, on the sandbox', () => {
  let sandbox: RunningSandbox;
  let backend: ZadarmaClient;
  let proxy: Proxy;
  const logLines: string[] = [];
  /** Every password this test has seen or set: none may appear in the proxy's log. */
  const passwords = new Set<string>();
  let demo: { id: number; pbxId: number };
  let other: { id: number; pbxId: number; password: string };

  const makeProxy = (options: Partial<ProxyOptions> = {}) =>
    createProxy({
      zadarma: { key: sandbox.key, secret: sandbox.secret, apiUrl: sandbox.url },
      sessionSecret: SESSION_SECRET,
      logger: createLogger({ secrets: [], level: 'debug', write: (line) => logLines.push(line) }),
      softphone: SETTINGS,
      ...options,
    });
  const token = async (request: Partial<SessionRequest> = {}) =>
    (
      await mintSessionToken(SESSION_SECRET, {
        userId: demo.id,
        scopes: ['softphone'],
        sip: ['100'],
        ...request,
      })
    ).token;
  const get = (path: string, bearer: string, via: Proxy = proxy) =>
    via.fetch(new Request(`http://proxy.test${path}`, { headers: { authorization: `Bearer ${bearer}` } }));
  const body = async (response: Response) => (await response.json()) as Record<string, unknown>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, verificationDelayMs: null });
    backend = new ZadarmaClient({ key: sandbox.key, secret: sandbox.secret, baseUrl: sandbox.url });
    passwords.add(sandbox.demoUser.sipPassword);
    const demoPbx = await backend.call('pbx.internal', { user_id: sandbox.demoUser.id });
    demo = { id: sandbox.demoUser.id, pbxId: demoPbx.pbx_id };
    // The demo user's PBX gets a second extension, 101, that no token below names.
    await backend.call('pbx.internal.create', {
      user_id: demo.id,
      quantity: 1,
      start_number: '101',
    });

    // Another customer of the same partner, with a PBX whose first extension is also 100.
    const registered = (await backend.call('reseller.users.registration.new', {
      email: 'second.customer@example.com',
      first_name: 'Second',
      country: 'DE',
      currency: 'EUR',
    })) as { user_id: number };
    const otherPassword = 'OtherCustomer7Pass';
    passwords.add(otherPassword);
    await backend.call('pbx.create', { user_id: registered.user_id, password: otherPassword });
    const otherPbx = await backend.call('pbx.internal', { user_id: registered.user_id });
    other = { id: registered.user_id, pbxId: otherPbx.pbx_id, password: otherPassword };
    expect(other.pbxId).not.toBe(demo.pbxId);

    proxy = makeProxy();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('hands the token’s own extension everything a SIP phone needs, and no cache may keep it', async () => {
    const response = await get('/softphone/credentials?sip=100', await token());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const credentials = (await response.json()) as SoftphoneCredentials;
    expect(credentials).toEqual({
      login: `${demo.pbxId}-100`,
      password: sandbox.demoUser.sipPassword,
      authorizationUser: `${demo.pbxId}-100`,
      domain: SETTINGS.domain,
      wsUrl: SETTINGS.wsUrl,
      iceServers: SETTINGS.iceServers,
      displayName: 'Extension 100',
      lines: expect.any(Number) as number,
    });
    expect(credentials.lines).toBeGreaterThanOrEqual(1);
  });

  it('reads the password fresh: a change through the API applies at the next call', async () => {
    const bearer = await token();
    const before = (await body(await get('/softphone/credentials?sip=100', bearer))).password;
    const changed = 'Changed9Password';
    passwords.add(changed);
    await backend.call('pbx.internal.password.put', {
      user_id: demo.id,
      sip: '100',
      value: changed,
    });
    const after = (await body(await get('/softphone/credentials?sip=100', bearer))).password;
    expect(before).toBe(sandbox.demoUser.sipPassword);
    expect(after).toBe(changed);
  });

  it('refuses an extension the token does not name, even one of the same PBX', async () => {
    const response = await get('/softphone/credentials?sip=101', await token());
    expect(response.status).toBe(403);
    expect(await body(response)).toMatchObject({ status: 'error', code: 'forbidden', field: 'sip' });
  });

  it('refuses a session without the softphone scope, and malformed params', async () => {
    const reader = await token({ scopes: ['numbers:read'] });
    expect((await get('/softphone/credentials?sip=100', reader)).status).toBe(403);
    const bearer = await token();
    for (const query of [
      '',
      '?sip=',
      '?sip=10',
      '?sip=1000',
      '?sip=abc',
      '?sip=100&sip=100',
      '?sip=100&x=1',
    ]) {
      const response = await get(`/softphone/credentials${query}`, bearer);
      expect(response.status, query).toBe(400);
      expect((await body(response)).code, query).toBe('invalid_param');
    }
    const withUser = await get(`/softphone/credentials?sip=100&user_id=${other.id}`, bearer);
    expect(await body(withUser)).toMatchObject({ code: 'user_id_forbidden' });
    expect((await fetchWithout('/softphone/credentials?sip=100')).status).toBe(401);
  });
  const fetchWithout = (path: string) => proxy.fetch(new Request(`http://proxy.test${path}`));

  it('gives another customer’s token that customer’s own extension 100, never this user’s', async () => {
    const theirs = await token({ userId: other.id, sip: ['100', '101'] });
    const credentials = await body(await get('/softphone/credentials?sip=100', theirs));
    expect(credentials).toMatchObject({ login: `${other.pbxId}-100`, password: other.password });
    // Their PBX has no 101: Zadarma refuses, and nothing of the demo user's 101 comes back.
    const missing = await get('/softphone/credentials?sip=101', theirs);
    expect(missing.status).toBe(400);
    const text = await missing.text();
    expect(text).not.toContain(String(demo.pbxId));
    expect(text).not.toContain('password');
  });

  it('counts every upstream call against the session’s share of the budget; the PBX id is cached', async () => {
    // Four calls a minute for one session: the first answer takes three, the second needs two.
    const tight = makeProxy({ budget: { perSessionPerMinute: 4, maxWaitMs: 0 } });
    const bearer = await token();
    expect((await get('/softphone/credentials?sip=100', bearer, tight)).status).toBe(200);
    const second = await get('/softphone/credentials?sip=100', bearer, tight);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another session has its own share; the PBX id comes from the cache, so two calls suffice.
    const fresh = await token();
    expect((await get('/softphone/credentials?sip=100', fresh, tight)).status).toBe(200);
    // What reached Zadarma for one more session: info and password, not the PBX list (cached).
    const third = await token();
    const count = (id: string) => sandbox.sandbox.counters.byOperation[id] ?? 0;
    const before = ['pbx.internal', 'pbx.internal.info', 'pbx.internal.password.get'].map(count);
    expect((await get('/softphone/credentials?sip=100', third, tight)).status).toBe(200);
    const after = ['pbx.internal', 'pbx.internal.info', 'pbx.internal.password.get'].map(count);
    expect(after.map((n, i) => n - (before[i] ?? 0))).toEqual([0, 1, 1]);
  });

  it('answers 503 softphone_not_configured without settings', async () => {
    const bare = makeProxy({ softphone: undefined });
    expect(bare.softphone).toBeUndefined();
    const response = await get('/softphone/credentials?sip=100', await token(), bare);
    expect(response.status).toBe(503);
    expect(await body(response)).toMatchObject({ status: 'error', code: 'softphone_not_configured' });
  });

  it('no longer passes the extension password through /v1/', async () => {
    const response = await get('/v1/pbx/internal/100/password/', await token());
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(sandbox.demoUser.sipPassword);
  });

  it('lets the softphone scope read the widget key of its own extension only', async () => {
    const bearer = await token();
    const own = await get('/v1/webrtc/get_key/?sip=100', bearer);
    expect(own.status).toBe(200);
    expect(await body(own)).toMatchObject({ status: 'success', key: expect.any(String) as string });
    for (const sip of ['101', `${demo.pbxId}-101`, '']) {
      const response = await get(`/v1/webrtc/get_key/?sip=${sip}`, bearer);
      expect(response.status, sip).toBe(403);
    }
    expect((await get('/v1/webrtc/get_key/', bearer)).status).toBe(403);
    const reader = await token({ scopes: ['numbers:read'] });
    expect((await get('/v1/webrtc/get_key/?sip=100', reader)).status).toBe(403);
    const theirs = await token({ userId: other.id, sip: ['100'] });
    expect((await get('/v1/webrtc/get_key/?sip=100', theirs)).status).toBe(200);
  });

  it('never writes a password into the log, at debug level', () => {
    const log = logLines.join('\n');
    expect(log).toContain('/softphone/credentials');
    expect(log).toContain('/v1/pbx/internal/100/password/');
    for (const password of passwords) expect(log).not.toContain(password);
  });
});
