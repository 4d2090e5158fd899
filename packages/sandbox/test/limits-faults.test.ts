/** Rate limits like Zadarma's, and each injected fault, in-process and over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_ID, startSandbox, type RunningSandbox } from '../src/index.js';
import { call, sandboxCall, signedRequest, testSandbox } from './helpers.js';

describe('rate limits', () => {
  it('counts per key and window, with X-RateLimit-* headers and 429 beyond', async () => {
    let now = 1_700_000_000_000;
    const sandbox = testSandbox({ rateLimit: { perMinute: 3, statisticsPerMinute: 1 }, now: () => now });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call(sandbox, 'GET', '/v1/info/balance/'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(answers[0]?.headers.get('x-ratelimit-limit')).toBe('3');
    expect(answers[3]?.headers.get('x-ratelimit-reset')).toBe(String(Math.ceil((now + 60_000) / 1000)));
    expect(answers[3]?.headers.get('retry-after')).toBe('60');
    expect(answers[3]?.body).toEqual({ status: 'error', message: 'Too many requests' });

    // Another key has its own budget: the demo user's own key.
    const keys = await sandbox.fetch(
      signedRequest(sandbox, 'GET', '/v1/reseller/users/api_key/', { user_id: DEMO_USER_ID }),
    );
    expect(keys.status).toBe(429); // still the reseller's spent budget
    const demo = sandbox.state.users.find((u) => u.id === DEMO_USER_ID);
    const own = await call(
      sandbox,
      'GET',
      '/v1/info/balance/',
      {},
      { key: demo?.key ?? '', secret: demo?.secret ?? '' },
    );
    expect(own.status).toBe(200);

    // Statistics have their own, smaller limit.
    const stats = { start: '2025-01-01 00:00:00', end: '2025-01-02 00:00:00', version: 2 };
    now += 60_000;
    expect(
      (await call(sandbox, 'GET', '/v1/statistics/pbx/', { ...stats, user_id: DEMO_USER_ID })).status,
    ).toBe(200);
    const second = await call(sandbox, 'GET', '/v1/statistics/pbx/', { ...stats, user_id: DEMO_USER_ID });
    expect(second.status).toBe(429);
    expect(second.headers.get('x-ratelimit-limit')).toBe('1');
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(200);
  });

  it('does not count requests that fail authentication against the key', async () => {
    const sandbox = testSandbox({ rateLimit: { perMinute: 1 } });
    for (let i = 0; i < 3; i++)
      expect((await call(sandbox, 'GET', '/v1/info/balance/', {}, { secret: 'wrong' })).status).toBe(401);
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(200);
  });
});

describe('faults, in-process', () => {
  it('forces a status for N requests on a path prefix, then lets requests through', async () => {
    const sandbox = testSandbox();
    const added = await sandboxCall(sandbox, 'POST', '/sandbox/faults', {
      status: 503,
      count: 2,
      pathPrefix: '/v1/info/',
    });
    expect(added.status).toBe(201);
    expect((await call(sandbox, 'GET', '/v1/direct_numbers/countries/')).status).toBe(200);
    const first = await call(sandbox, 'GET', '/v1/info/balance/');
    expect(first.status).toBe(503);
    expect(first.body).toEqual({ status: 'error', message: 'Service temporarily unavailable' });
    expect((await call(sandbox, 'GET', '/v1/info/timezone/')).status).toBe(503);
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(200);
    expect((await sandboxCall(sandbox, 'GET', '/sandbox/faults')).body.faults).toEqual([]);
  });

  it('fails every request at error rate 1 and none at 0, and clears', async () => {
    const sandbox = testSandbox();
    await sandboxCall(sandbox, 'POST', '/sandbox/faults', { errorRate: 1 });
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(500);
    await sandboxCall(sandbox, 'DELETE', '/sandbox/faults');
    await sandboxCall(sandbox, 'POST', '/sandbox/faults', { errorRate: 0, status: 502 });
    for (let i = 0; i < 5; i++) expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(200);
  });

  it('forces 429 like Zadarma: Retry-After and the error body', async () => {
    const sandbox = testSandbox();
    await sandboxCall(sandbox, 'POST', '/sandbox/faults', { status: 429, count: 1 });
    const r = await call(sandbox, 'GET', '/v1/info/balance/');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
  });

  it('adds latency', async () => {
    const sandbox = testSandbox();
    await sandboxCall(sandbox, 'POST', '/sandbox/faults', { latencyMs: 150, count: 1 });
    const start = performance.now();
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
    const again = performance.now();
    await call(sandbox, 'GET', '/v1/info/balance/');
    expect(performance.now() - again).toBeLessThan(100);
  });

  it('answers malformed JSON after carrying the request out: the order happened', async () => {
    const sandbox = testSandbox();
    await sandboxCall(sandbox, 'POST', '/sandbox/faults', {
      malformedJson: true,
      count: 1,
      pathPrefix: '/v1/direct_numbers/order',
    });
    const res = await sandbox.fetch(
      signedRequest(sandbox, 'POST', '/v1/direct_numbers/order/', {
        user_id: DEMO_USER_ID,
        direction_id: 13755,
        documents_group_id: 0,
      }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect((await sandboxCall(sandbox, 'GET', `/sandbox/counters`)).body.orders).toMatchObject({
      [DEMO_USER_ID]: 1,
    });
  });

  it('can refuse before carrying out, so nothing happens', async () => {
    const sandbox = testSandbox();
    await sandboxCall(sandbox, 'POST', '/sandbox/faults', { malformedJson: true, phase: 'before', count: 1 });
    const res = await sandbox.fetch(
      signedRequest(sandbox, 'POST', '/v1/direct_numbers/order/', {
        user_id: DEMO_USER_ID,
        direction_id: 13755,
        documents_group_id: 0,
      }),
    );
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect((await sandboxCall(sandbox, 'GET', `/sandbox/users/${DEMO_USER_ID}`)).body.orders).toBe(0);
  });

  it('rejects the in-process fetch like a network error on a connection reset', async () => {
    const sandbox = testSandbox();
    await sandboxCall(sandbox, 'POST', '/sandbox/faults', { connectionReset: true, count: 1 });
    const failure = await sandbox
      .fetch(signedRequest(sandbox, 'GET', '/v1/info/balance/'))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe('ECONNRESET');
  });

  it('refuses fault rules it does not understand', async () => {
    const sandbox = testSandbox();
    expect((await sandboxCall(sandbox, 'POST', '/sandbox/faults', { status: 200 })).status).toBe(400);
    expect((await sandboxCall(sandbox, 'POST', '/sandbox/faults', { colour: 'red' })).status).toBe(400);
    expect((await sandboxCall(sandbox, 'POST', '/sandbox/faults', {})).status).toBe(400);
  });
});

describe('faults over HTTP', () => {
  let running: RunningSandbox;
  beforeAll(async () => {
    running = await startSandbox({ port: 0, verificationDelayMs: null });
  });
  afterAll(async () => {
    await running.close();
  });

  it('resets the connection: the client sees a network error, and the next request works', async () => {
    await fetch(`${running.url}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ connectionReset: true, count: 1 }),
    });
    const failure = await fetch(
      signedRequest(running, 'GET', '/v1/info/balance/', {}, { baseUrl: running.url }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    const ok = await fetch(signedRequest(running, 'GET', '/v1/info/balance/', {}, { baseUrl: running.url }));
    expect(ok.status).toBe(200);
  });

  it('serves every fault kind over HTTP', async () => {
    await fetch(`${running.url}/sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        rules: [
          { status: 502, count: 1 },
          { malformedJson: true, count: 1, pathPrefix: '/v1/info/timezone' },
        ],
      }),
    });
    const bad = await fetch(signedRequest(running, 'GET', '/v1/info/balance/', {}, { baseUrl: running.url }));
    expect(bad.status).toBe(502);
    const malformed = await fetch(
      signedRequest(running, 'GET', '/v1/info/timezone/', {}, { baseUrl: running.url }),
    );
    expect(malformed.headers.get('content-type')).toContain('application/json');
    await expect(malformed.json()).rejects.toThrow();
  });
});
