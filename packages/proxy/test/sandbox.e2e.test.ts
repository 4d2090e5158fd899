/**
 * The whole server side as a partner runs it: the sandbox standing in for Zadarma, zd-proxy as a real
 * process in front of it, a "page" calling the proxy with a session token, and the partner backend
 * using the typed client for reseller operations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@zadarma-elements/sandbox';
import { ZadarmaClient } from '../src/upstream/client.js';
import { ADMIN_TOKEN, SESSION_SECRET, startProxyProcess, type ProxyProcess } from './harness.js';

// A 1x1 PNG: what a phone camera sends, as far as the sniffing is concerned.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('proxy in front of the sandbox', () => {
  let sandbox: RunningSandbox;
  let proxy: ProxyProcess;
  let token: string;
  let user: number;

  const page = (
    method: string,
    path: string,
    init: { body?: RequestInit['body']; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${proxy.url}${path}`, {
      method,
      body: init.body,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
  const json = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  });
  const control = async (path: string, body?: unknown) =>
    (await fetch(`${sandbox.url}/sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((r) => r.json())) as Record<string, unknown>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, verificationDelayMs: null });
    user = sandbox.demoUser.id;
    proxy = await startProxyProcess({
      ZADARMA_KEY: sandbox.key,
      ZADARMA_SECRET: sandbox.secret,
      ZADARMA_API_URL: sandbox.url,
      ZD_SESSION_SECRET: SESSION_SECRET,
      ZD_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    const minted = await fetch(`${proxy.url}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: user,
        scopes: ['numbers:read', 'numbers:order', 'documents', 'events', 'softphone'],
        sip: [sandbox.demoUser.sip],
      }),
    });
    token = ((await minted.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await proxy?.stop();
    await sandbox?.close();
  });

  it('orders a number whose destination needs documents, once, after they are verified', async () => {
    const countries = await json(await page('GET', '/v1/direct_numbers/countries/?language=de'));
    expect(countries.body.info).toContainEqual(
      expect.objectContaining({ countryCodeIso: 'DE', name: 'Deutschland' }),
    );

    const berlin = await json(await page('GET', '/v1/direct_numbers/country/?country=DE&direction_id=3766'));
    const [destination] = berlin.body.info as { id: string; restrictions?: { upload: string[] } }[];
    expect(destination?.restrictions?.upload).toContain('passport');

    const available = await json(await page('GET', '/v1/direct_numbers/available/3766/?mask=30'));
    const numbers = available.body.numbers as { id: string; number: string }[];
    expect(numbers.length).toBeGreaterThan(50);

    const order = (key: string, groupId: number) =>
      page('POST', '/v1/direct_numbers/order/', {
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          direction_id: 3766,
          number_id: numbers[0]?.id,
          documents_group_id: groupId,
          period: 'month',
        }),
      });

    const refused = await json(await order('order-before-documents', 0));
    expect(refused).toMatchObject({ status: 400, body: { code: 'upstream_rejected' } });

    const group = await json(
      await page('POST', '/v1/documents/groups/create/', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          salutation: 'MS',
          first_name: 'Jürgen',
          last_name: 'Groß',
          email: 'jürgen@example.de',
          country: 'DE',
          city: 'Berlin',
          address: 'Königstraße 8, 10115 Berlin',
          zip_code: '10115',
          street: 'Königstraße',
          building_number: '8',
          phone: '4915112345678',
        }),
      }),
    );
    expect(group.status).toBe(200);
    const groupId = (group.body.group as { id: number }).id;

    const form = new FormData();
    form.set('group_id', String(groupId));
    form.set('document_type', 'passport');
    form.set('file', new Blob([PNG]), 'pass.png');
    expect((await json(await page('POST', '/v1/documents/upload/', { body: form }))).status).toBe(200);

    await control(`/users/${user}/groups/${groupId}/verify`, {});
    const valid = await json(await page('GET', `/v1/documents/groups/valid/${groupId}/?direction_id=3766`));
    expect(valid.body).toMatchObject({
      is_information_match: 'true',
      is_documents_uploaded: 'true',
      is_documents_verified: 'true',
      is_address_match: 'true',
    });

    const ordersBefore = ((await control('/counters')).orders as Record<string, number>)[user] ?? 0;
    const [a, b] = await Promise.all([order('order-berlin-1', groupId), order('order-berlin-1', groupId)]);
    const [first, second] = [await json(a), await json(b)];
    expect(first).toEqual(second);
    expect(first.body).toMatchObject({ status: 'success', number: numbers[0]?.number });
    expect(((await control('/counters')).orders as Record<string, number>)[user]).toBe(ordersBefore + 1);
  });

  it('refuses oversize uploads with 413 and stays up (the cut-off upstream body crashes neither side)', async () => {
    const oversize = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    oversize.write('%PDF-1.4\n');
    for (let i = 0; i < 3; i++) {
      const form = new FormData();
      form.set('group_id', '0');
      form.set('document_type', 'passport');
      form.set('file', new Blob([oversize]), 'scan.pdf');
      const answer = await json(await page('POST', '/v1/documents/upload/', { body: form }));
      expect(answer).toMatchObject({ status: 413, body: { code: 'too_large' } });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await json(await page('GET', '/v1/documents/files/?group_id=0'))).body).toEqual({
      status: 'success',
      documents: [],
    });
  });

  it('passes no SIP password through /v1/, and says when the softphone is not configured', async () => {
    const passthrough = await page('GET', `/v1/pbx/internal/${sandbox.demoUser.sip}/password/`);
    expect(passthrough.status).toBe(404);
    // This proxy has no ZD_SIP_WS_URL / ZD_SIP_DOMAIN: it said so at start-up, and answers 503.
    expect(proxy.output()).toMatch(/softphone not configured: set ZD_SIP_WS_URL and ZD_SIP_DOMAIN/);
    const credentials = await json(await page('GET', `/softphone/credentials?sip=${sandbox.demoUser.sip}`));
    expect(credentials).toMatchObject({ status: 503, body: { code: 'softphone_not_configured' } });
    expect(proxy.output()).not.toContain(sandbox.demoUser.sipPassword);
  });

  it('delivers a simulated call’s signed notifications to the user’s event stream', async () => {
    // The partner backend points the user's notifications at the proxy, with the reseller key.
    const backend = new ZadarmaClient({ key: sandbox.key, secret: sandbox.secret, baseUrl: sandbox.url });
    await backend.call('pbx.callinfo.url.post', {
      user_id: user,
      url: `${proxy.url}/webhooks/zadarma/${user}`,
    });

    const events = await page('GET', '/events');
    const reader = events.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) throw new Error('no event stream');
    let text = '';
    while (!text.includes('event: ready')) text += (await reader.read()).value ?? '';

    const report = await control('/calls', { userId: user, from: '4915112345678' });
    expect(JSON.stringify(report)).toContain('NOTIFY_END');
    while (!text.includes('event: NOTIFY_END')) text += (await reader.read()).value ?? '';
    for (const event of ['NOTIFY_START', 'NOTIFY_INTERNAL', 'NOTIFY_ANSWER', 'NOTIFY_END'])
      expect(text).toContain(`event: ${event}`);
    expect(text).toContain('4915112345678');
    await reader.cancel();
  });

  it('turns the sandbox’s injected faults into the proxy’s errors', async () => {
    const faults = async (rule: unknown) =>
      fetch(`${sandbox.url}/sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      });
    const clear = () => fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' });
    const balance = async () => (await json(await page('GET', '/v1/info/balance/'))).body;

    await faults({ malformedJson: true, pathPrefix: '/v1/info/balance' });
    expect(await balance()).toMatchObject({ code: 'upstream_error' });
    await clear();
    await faults({ status: 503, pathPrefix: '/v1/info/balance' });
    expect(await balance()).toMatchObject({ code: 'upstream_error' });
    await clear();
    expect(await balance()).toMatchObject({ status: 'success' });
  });

  it('has no demo endpoints in front of a Zadarma it did not start itself', async () => {
    for (const path of ['/dev/session', '/dev/topup']) {
      const response = await fetch(`${proxy.url}${path}`, { method: 'POST', body: '{"amount":50}' });
      expect(response.status).toBe(404);
    }
  });
});

describe('zd-proxy with ZD_SANDBOX=1', () => {
  it('starts the embedded sandbox and mints demo sessions that work', async () => {
    const proxy = await startProxyProcess({ ZD_SANDBOX: '1', ZD_SESSION_SECRET: SESSION_SECRET });
    try {
      expect(proxy.output()).toMatch(/embedded sandbox at http:\/\/127\.0\.0\.1:\d+/);
      const { token } = (await (await fetch(`${proxy.url}/dev/session`, { method: 'POST' })).json()) as {
        token: string;
      };
      const balance = await fetch(`${proxy.url}/v1/info/balance/`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await balance.json()).toMatchObject({
        status: 'success',
        currency: expect.stringMatching(/^[A-Z]{3}$/),
      });
    } finally {
      await proxy.stop();
    }
  });

  it('adds sandbox money to the demo user with POST /dev/topup, refusing bad amounts by name', async () => {
    const proxy = await startProxyProcess({ ZD_SANDBOX: '1', ZD_SESSION_SECRET: SESSION_SECRET });
    try {
      expect(proxy.output()).toContain(`POST ${proxy.url}/dev/topup {"amount":50} adds sandbox money`);
      const { token } = (await (await fetch(`${proxy.url}/dev/session`, { method: 'POST' })).json()) as {
        token: string;
      };
      const balance = async () =>
        (
          (await (
            await fetch(`${proxy.url}/v1/info/balance/`, { headers: { authorization: `Bearer ${token}` } })
          ).json()) as { balance: number }
        ).balance;
      const topUp = (body: string) =>
        fetch(`${proxy.url}/dev/topup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      const before = await balance();
      const added = await topUp('{"amount":50}');
      expect(added.status).toBe(200);
      expect(await added.json()).toEqual({
        userId: 200001,
        added: 50,
        balance: before + 50,
        currency: 'EUR',
      });
      expect(await balance()).toBe(before + 50);

      for (const [body, message] of [
        ['{"amount":"fifty"}', /^amount must be a number/],
        ['{"ammount":50}', /^unknown field\(s\): ammount/],
        ['not json', /^the body must be a JSON object/],
      ] as const) {
        const refused = await topUp(body);
        expect(refused.status).toBe(400);
        expect(await refused.json()).toEqual({
          status: 'error',
          code: 'invalid_request',
          message: expect.stringMatching(message),
        });
      }
      expect(await balance()).toBe(before + 50);
    } finally {
      await proxy.stop();
    }
  });
});
