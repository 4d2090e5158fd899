/**
 * The proxy as a real process (its CLI), driven over loopback with raw HTTP, in front of PHP's server
 * as the upstream that checks every signature the PHP way.
 */
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '@zadarma-elements/api';
import { hasPhp } from '../../api/test/php.js';
import {
  ADMIN_TOKEN,
  KEY,
  SECRET,
  SESSION_SECRET,
  proxyCli,
  startPhpUpstream,
  startProxyProcess,
  type PhpUpstream,
  type ProxyProcess,
} from './harness.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path exactly as written: no client-side normalisation of `..`, `//` or `%2e`. */
function raw(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
) {
  const { hostname, port } = new URL(base);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!hasPhp && !process.env.CI)('zd-proxy over HTTP', () => {
  let php: PhpUpstream;
  let proxy: ProxyProcess;
  let token: string;
  const seen: RawResponse[] = [];
  const send = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
    const response = await raw(proxy.url, method, path, headers, body);
    seen.push(response);
    return response;
  };
  const authed = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    php = await startPhpUpstream();
    proxy = await startProxyProcess({
      ZADARMA_KEY: KEY,
      ZADARMA_SECRET: SECRET,
      ZADARMA_API_URL: php.url,
      ZD_SESSION_SECRET: SESSION_SECRET,
      ZD_ADMIN_TOKEN: ADMIN_TOKEN,
      ZD_ALLOWED_ORIGINS: 'https://partner.example',
      ZD_LOG_LEVEL: 'debug',
    });
    const minted = await send(
      'POST',
      '/sessions',
      { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      JSON.stringify({ userId: 12345, scopes: ['numbers:read', 'numbers:order', 'events'], sip: [100] }),
    );
    expect(minted.status).toBe(201);
    token = (JSON.parse(minted.body) as { token: string }).token;
  });
  afterAll(async () => {
    await proxy?.stop();
    php?.stop();
  });

  it('passes a good request, signed so that PHP accepts it', async () => {
    const response = await send('GET', '/v1/direct_numbers/country/?country=DE', authed());
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({
      status: 'success',
      params: { country: 'DE', user_id: '12345' },
    });
  });

  const resellerSpellings = [
    '/v1/reseller/users/list/',
    '/v1/reseller/users/list',
    '/v1/reseller//users/list/',
    '//v1/reseller/users/list/',
    '/v1/direct_numbers/../reseller/users/list/',
    '/v1/direct_numbers/%2e%2e/reseller/users/list/',
    '/v1/direct_numbers/%2E%2E/reseller/users/topup/',
    '/v1/direct_numbers/..%2freseller/users/list/',
    '/v1/direct_numbers%2f..%2freseller%2fusers%2flist/',
    '/v1/./reseller/users/api_key/',
    '/v1/%72eseller/users/list/',
    '/v1/RESELLER/users/list/',
    '/v1/reseller/users/find/?email=a@b.c',
    '/v1/reseller/account/info/',
  ];
  it.each(resellerSpellings)('GET %s → 404', async (path) => {
    php.clear();
    const response = await send('GET', path, authed());
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'error', code: 'not_found' });
    expect(php.requests()).toHaveLength(0);
  });

  it.each([
    ['POST', '/v1/reseller/users/topup/', 'amount=10&currency=EUR'],
    ['POST', '/v1/reseller/users/registration/new/', 'email=a%40b.c'],
    ['POST', '/v1/reseller/account/money_transfer/', 'amount=1'],
    ['POST', '/v1/reseller/users/api_key/', ''],
    ['POST', '/v1/direct_numbers/../reseller/users/topup/', 'amount=10'],
  ])('%s %s → 404', async (method, path, body) => {
    php.clear();
    const response = await send(
      method,
      path,
      { ...authed(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    );
    expect(response.status).toBe(404);
    expect(php.requests()).toHaveLength(0);
  });

  it('delivers a signed webhook to the event stream of that user', async () => {
    const echo = await send('GET', '/webhooks/zadarma/12345?zd_echo=check-42');
    expect(echo.body).toBe('check-42');
    const body = {
      event: 'NOTIFY_END',
      // Now: the proxy refuses notifications older than its window (ZD_WEBHOOK_MAX_AGE_SECONDS).
      call_start: new Date().toISOString().slice(0, 19).replace('T', ' '),
      pbx_call_id: 'in_9',
      caller_id: '4915112345678',
      called_did: '4930123456',
      disposition: 'answered',
    };
    const events = await fetch(`${proxy.url}/events`, { headers: authed() });
    const reader = events.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) throw new Error('no stream');
    let text = '';
    while (!text.includes('event: ready')) text += (await reader.read()).value ?? '';
    const delivered = await send(
      'POST',
      '/webhooks/zadarma/12345',
      {
        'content-type': 'application/x-www-form-urlencoded',
        signature: signWebhook(body, 'user-secret-12345') ?? '',
      },
      new URLSearchParams(body).toString(),
    );
    expect(delivered.status).toBe(200);
    while (!text.includes('in_9')) text += (await reader.read()).value ?? '';
    expect(text).toContain('event: NOTIFY_END');
    await reader.cancel();
  });

  it('answers errors as JSON without a trace', async () => {
    const responses = [
      await send('GET', '/v1/direct_numbers/countries/', { authorization: 'Bearer nope' }),
      await send(
        'POST',
        '/v1/documents/groups/create/',
        { ...authed(), 'content-type': 'application/json' },
        '{"a":',
      ),
      await send('GET', '/nothing-here'),
      await send(
        'PUT',
        '/v1/direct_numbers/set_caller_name/',
        { ...authed(), 'content-type': 'text/xml' },
        '<a/>',
      ),
    ];
    expect(responses.map((r) => r.status)).toEqual([401, 403, 404, 415]);
    for (const r of responses) {
      expect(JSON.parse(r.body)).toMatchObject({ status: 'error' });
      expect(r.body).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });

  it('shows neither key nor secret in any response body, header or log line', async () => {
    await proxy.stop();
    const log = proxy.output();
    expect(log).toContain('"msg":"request"');
    const everything = [log, ...seen.map((r) => JSON.stringify(r.headers) + r.body)].join('\n');
    for (const secret of [KEY, SECRET, SESSION_SECRET, ADMIN_TOKEN, 'user-secret-12345']) {
      expect(everything).not.toContain(secret);
    }
    // The session token travels only in the answer that is meant to carry it.
    expect(log).not.toContain(token);
  });
});

describe('zd-proxy CLI', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [proxyCli, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 10_000,
    });

  it('prints help, saying the lifetime is in seconds', () => {
    for (const args of [['--help'], ['token', '--help']]) {
      const result = run(args, {});
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('zd-proxy token --user');
      expect(result.stdout).toMatch(/--ttl is its lifetime in seconds: default 900, at most 86400/);
    }
  });

  it('mints a token the proxy accepts', async () => {
    const result = run(
      ['token', '--user', '42', '--scopes', 'numbers:read,softphone', '--sip', '100', '--ttl', '60'],
      {
        ZD_SESSION_SECRET: SESSION_SECRET,
      },
    );
    expect(result.status).toBe(0);
    const { verifySessionToken } = await import('../src/session/tokens.js');
    const session = await verifySessionToken(SESSION_SECRET, result.stdout.trim());
    expect(session).toMatchObject({ userId: '42', scopes: ['numbers:read', 'softphone'], sip: ['100'] });
    expect(session.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it.each([
    [['token', '--user', '42', '--scopes', 'numbers:read'], {}, /ZD_SESSION_SECRET is required/],
    [
      ['token', '--user', 'x', '--scopes', 'numbers:read'],
      { ZD_SESSION_SECRET: SESSION_SECRET },
      /--user must be the numeric Zadarma sub-user id/,
    ],
    [['token', '--user', '1', '--scopes', 'admin'], { ZD_SESSION_SECRET: SESSION_SECRET }, /unknown scope/],
    [['serve'], { ZD_SESSION_SECRET: 'short', ZADARMA_KEY: 'k', ZADARMA_SECRET: 's' }, /too short: 5 bytes/],
    [['serve'], { ZD_SESSION_SECRET: SESSION_SECRET }, /ZADARMA_KEY is required/],
    [
      ['serve'],
      {
        ZD_SANDBOX: '0',
        ZD_SESSION_SECRET: SESSION_SECRET,
        ZADARMA_KEY: 'k',
        ZADARMA_SECRET: 's',
        ZD_ALLOWED_ORIGINS: '*',
      },
      /wildcard/,
    ],
    [
      ['serve'],
      { ZD_SESSION_SECRET: SESSION_SECRET, ZADARMA_KEY: 'k', ZADARMA_SECRET: 's', PORT: 'eighty' },
      /PORT is not a port/,
    ],
    [
      ['serve'],
      {
        ZD_SESSION_SECRET: SESSION_SECRET,
        ZADARMA_KEY: 'k',
        ZADARMA_SECRET: 's',
        ZD_BODY_TIMEOUT_SECONDS: 'soon',
      },
      /^zd-proxy: ZD_BODY_TIMEOUT_SECONDS must be a whole number from 1 to 3600 \(it is "soon"\)\n$/,
    ],
    [
      ['serve'],
      {
        ZD_SESSION_SECRET: SESSION_SECRET,
        ZADARMA_KEY: 'k',
        ZADARMA_SECRET: 's',
        ZD_WEBHOOK_TIMEZONE: 'Berlin',
      },
      /^zd-proxy: ZD_WEBHOOK_TIMEZONE is not a time zone: Berlin/,
    ],
    [['frobnicate'], {}, /unknown command/],
    [
      ['token', '--user', '1', '--scopes', 'events', '--ttlSeconds', '5'],
      { ZD_SESSION_SECRET: SESSION_SECRET },
      /^zd-proxy: Unknown option '--ttlSeconds' \(did you mean --ttl\?\); token takes --user, --scopes, --sip, --ttl/,
    ],
    [
      ['token', '--user', '1', '--scopes', 'events', '--ttl', '15m'],
      { ZD_SESSION_SECRET: SESSION_SECRET },
      /^zd-proxy: --ttl must be a whole number of seconds from 1 to 86400\n$/,
    ],
    [
      ['token', '--user', '1', '--scopes', 'events', '--ttl', '0'],
      { ZD_SESSION_SECRET: SESSION_SECRET },
      /--ttl must be a whole number of seconds/,
    ],
    [
      ['token', '--user', '1', '--scopes', 'events', '--sip', 'front-desk'],
      { ZD_SESSION_SECRET: SESSION_SECRET },
      /^zd-proxy: --sip must be PBX extension number/,
    ],
    [
      ['token', '--user', '1', '--scopes', 'events', '--ttl'],
      { ZD_SESSION_SECRET: SESSION_SECRET },
      /--ttl <value>' argument missing/,
    ],
    [
      ['token', '--user', '1', '--scopes', 'events', 'extra'],
      { ZD_SESSION_SECRET: SESSION_SECRET },
      /Unexpected argument 'extra'/,
    ],
    [
      ['serve', '--port', '9000'],
      { ZD_SESSION_SECRET: SESSION_SECRET },
      /serve takes no arguments \(--port\)/,
    ],
  ] as const)('%j fails clearly', (args, env, message) => {
    const result = run([...args], { ...env });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    // One line per problem (a bad configuration may have several), each saying who speaks.
    for (const line of result.stderr.trim().split('\n')) expect(line).toMatch(/^zd-proxy: /);
    if (args[0] === 'token') expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
