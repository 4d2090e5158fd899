/**
 * The proxy handler called directly (as Hono's own tests do), against PHP's server as the upstream:
 * every request that reaches it had to carry a signature that PHP recomputes and accepts.
 */
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  KEY,
  SECRET,
  SESSION_SECRET,
  startPhpUpstream,
  type PhpUpstream,
} from '../test/harness.js';
import { hasPhp } from '../../api/test/php.js';
import { createProxy, type Proxy } from './app.js';
import { createLogger } from './log.js';
import { mintSessionToken } from './session/tokens.js';

const ORIGIN = 'https://partner.example';
const USER = '12345';

let php: PhpUpstream;
let proxy: Proxy;
let token: string;
const logLines: string[] = [];

async function call(
  method: string,
  path: string,
  init: { token?: string | null; body?: RequestInit['body']; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  const bearer = init.token === undefined ? token : init.token;
  if (bearer) headers.set('authorization', `Bearer ${bearer}`);
  return proxy.fetch(new Request(`http://proxy.test${path}`, { method, headers, body: init.body }));
}

const form = (params: Record<string, string>) => ({
  body: new URLSearchParams(params).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const json = (value: unknown, headers: Record<string, string> = {}) => ({
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json', ...headers },
});

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { status: string; code: string; message: string; field?: string };
  expect(body.status).toBe('error');
  return { status: response.status, code: body.code, field: body.field, message: body.message };
}

describe.skipIf(!hasPhp && !process.env.CI)('proxy handler against a PHP-verifying upstream', () => {
  beforeAll(async () => {
    php = await startPhpUpstream();
    proxy = createProxy({
      zadarma: { key: KEY, secret: SECRET, apiUrl: php.url },
      sessionSecret: SESSION_SECRET,
      adminToken: ADMIN_TOKEN,
      allowedOrigins: [ORIGIN],
      logger: createLogger({
        secrets: [KEY, SECRET, SESSION_SECRET, ADMIN_TOKEN],
        level: 'debug',
        write: (l) => logLines.push(l),
      }),
      limits: { upstreamTimeoutMs: 2_000 },
    });
    ({ token } = await mintSessionToken(SESSION_SECRET, {
      userId: USER,
      scopes: ['numbers:read', 'numbers:order', 'documents', 'softphone', 'events'],
      sip: ['100'],
    }));
  });
  afterAll(() => php.stop());
  beforeEach(() => php.clear());

  describe('pass-through', () => {
    it('forwards a GET signed, with the session user and format=json, and answers the upstream JSON unchanged', async () => {
      const response = await call('GET', '/v1/direct_numbers/country/?country=DE&language=de');
      expect(response.status).toBe(200);
      const text = await response.text();
      const [request] = php.requests();
      expect(request).toMatchObject({
        method: 'GET',
        path: '/v1/direct_numbers/country/',
        params: { country: 'DE', language: 'de', user_id: USER, format: 'json' },
      });
      expect(JSON.parse(text)).toEqual({
        status: 'success',
        method: 'GET',
        path: request?.path,
        params: request?.params,
        files: [],
      });
    });

    it('adds the trailing slash Zadarma expects', async () => {
      expect((await call('GET', '/v1/direct_numbers/countries?language=de')).status).toBe(200);
      expect(php.requests()[0]?.path).toBe('/v1/direct_numbers/countries/');
    });

    it('signs reserved characters and Unicode exactly as PHP (form and JSON bodies)', async () => {
      const name = 'Bü a=b&c %20 #?/:@+ ~*';
      expect(
        (
          await call(
            'PUT',
            '/v1/direct_numbers/set_caller_name/',
            form({ number: '4930123456', caller_name: name }),
          )
        ).status,
      ).toBe(200);
      const group = {
        salutation: 'MR',
        first_name: 'Jürgen',
        last_name: 'Groß',
        email: 'jürgen+test@example.com',
        country: 'DE',
        city: 'München',
        address: 'Königstraße 8\n80331 München',
        zip_code: '80331',
        street: 'Königstraße',
        building_number: '8',
        phone: '4915112345678',
      };
      const created = await call('POST', '/v1/documents/groups/create/', json(group));
      expect(created.status, await created.clone().text()).toBe(200);
      const [put, post] = php.requests();
      expect(put?.params.caller_name).toBe(name);
      expect(post?.params).toMatchObject({ ...group, user_id: USER });
    });

    it('only lets the softphone read its own extensions, and never their passwords', async () => {
      expect((await call('GET', '/v1/pbx/internal/100/info/')).status).toBe(200);
      expect(await errorOf(await call('GET', '/v1/pbx/internal/101/info/'))).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
      // The password reaches a page only inside /softphone/credentials.
      expect(await errorOf(await call('GET', '/v1/pbx/internal/100/password/'))).toMatchObject({
        status: 404,
        code: 'not_found',
      });
      expect(php.requests()).toHaveLength(1);
    });
  });

  describe('user_id from the browser is refused, in any form or place', () => {
    const cases: [string, () => Promise<Response>][] = [
      ['query', () => call('GET', '/v1/direct_numbers/?user_id=1')],
      ['query, upper case', () => call('GET', '/v1/direct_numbers/?USER_ID=1')],
      ['query, bracketed', () => call('GET', '/v1/direct_numbers/?user_id[]=1')],
      ['query, bracketed and encoded', () => call('GET', '/v1/direct_numbers/?user_id%5B0%5D=1')],
      ['query, encoded underscore', () => call('GET', '/v1/direct_numbers/?user%5Fid=1')],
      ['query, double-encoded', () => call('GET', '/v1/direct_numbers/?user%255Fid=1')],
      ['query, dot (PHP reads user.id as user_id)', () => call('GET', '/v1/direct_numbers/?user.id=1')],
      ['query, repeated', () => call('GET', '/v1/direct_numbers/?user_id=1&user_id=2')],
      ['query, fullwidth letters', () => call('GET', '/v1/direct_numbers/?ｕｓｅｒ＿ｉｄ=1')],
      [
        'query of a POST',
        () => call('POST', `/v1/documents/groups/create/?user_id=1`, json({ first_name: 'A' })),
      ],
      [
        'query of an upload',
        () => {
          const body = new FormData();
          body.set('group_id', '0');
          body.set('document_type', 'passport');
          body.set('file', new Blob([PNG]), 'p.png');
          return call('POST', '/v1/documents/upload/?user_id=1', { body });
        },
      ],
      [
        'form',
        () =>
          call(
            'POST',
            '/v1/direct_numbers/order/',
            form({ direction_id: '1', documents_group_id: '0', user_id: '1' }),
          ),
      ],
      [
        'form, mixed case',
        () =>
          call(
            'PUT',
            '/v1/direct_numbers/set_sip_id/',
            form({ number: '4930123456', sip_id: '100', User_Id: '1' }),
          ),
      ],
      ['JSON', () => call('POST', '/v1/documents/groups/create/', json({ first_name: 'A', user_id: 1 }))],
      [
        'JSON, nested',
        () => call('POST', '/v1/documents/groups/create/', json({ first_name: 'A', extra: { user_id: 1 } })),
      ],
      ['JSON, in an array', () => call('POST', '/v1/documents/groups/create/', json([{ userId: 1 }]))],
      [
        'multipart',
        () => {
          const body = new FormData();
          body.set('group_id', '0');
          body.set('document_type', 'passport');
          body.set('user_id', '1');
          body.set('file', new Blob([PNG]), 'p.png');
          return call('POST', '/v1/documents/upload/', { body });
        },
      ],
    ];
    it.each(cases)('%s', async (_, send) => {
      expect(await errorOf(await send())).toMatchObject({
        status: 400,
        code: 'user_id_forbidden',
        field: 'user_id',
      });
      expect(php.requests()).toHaveLength(0);
    });
  });

  describe('validation against the spec, before anything is signed', () => {
    it.each([
      ['a required param missing', '/v1/direct_numbers/country/', 'country'],
      ['a pattern broken', '/v1/direct_numbers/country/?country=Deutschland', 'country'],
      ['an unknown param', '/v1/direct_numbers/country/?country=DE&colour=red', 'colour'],
      ['a wrong type', '/v1/documents/groups/valid/0/?direction_id=abc', 'direction_id'],
      ['a bad path param', '/v1/documents/groups/valid/x/?direction_id=1', 'id'],
    ])('%s → 400 naming the field', async (_, path, field) => {
      expect(await errorOf(await call('GET', path))).toMatchObject({
        status: 400,
        code: 'invalid_param',
        field,
      });
      expect(php.requests()).toHaveLength(0);
    });

    it('an enum value outside the spec', async () => {
      const response = await call('POST', '/v1/direct_numbers/order/', {
        ...json(
          { direction_id: 1, documents_group_id: 0, period: 'year' },
          { 'idempotency-key': 'enum-test-0001' },
        ),
      });
      expect(await errorOf(response)).toMatchObject({ status: 400, field: 'period' });
    });

    it('a caller name longer than 30 characters', async () => {
      const response = await call(
        'PUT',
        '/v1/direct_numbers/set_caller_name/',
        form({ number: '4930123456', caller_name: 'x'.repeat(31) }),
      );
      expect(await errorOf(response)).toMatchObject({ status: 400, field: 'caller_name' });
    });

    it('nested params and repeats', async () => {
      expect(
        await errorOf(await call('GET', '/v1/direct_numbers/country/?country=DE&country=AT')),
      ).toMatchObject({ status: 400, field: 'country' });
      expect(await errorOf(await call('GET', '/v1/direct_numbers/country/?country[]=DE'))).toMatchObject({
        status: 400,
        code: 'invalid_param',
      });
    });
  });

  describe('sessions', () => {
    it('refuses missing, expired, tampered, alg:none and wrong-secret tokens with 401', async () => {
      const key = new TextEncoder().encode(SESSION_SECRET);
      const claims = { scp: ['numbers:read'] };
      const expired = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(USER)
        .setIssuer('zd-proxy')
        .setAudience('zd-elements')
        .setJti('j')
        .setIssuedAt(1)
        .setExpirationTime(2)
        .sign(key);
      const wrongSecret = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(USER)
        .setIssuer('zd-proxy')
        .setAudience('zd-elements')
        .setJti('j')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('another-secret-that-is-long-enough-000000'));
      const [header, payload, signature] = token.split('.');
      const otherUser = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), sub: '99999' }),
      ).toString('base64url');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      for (const bad of [
        null,
        'garbage',
        expired,
        wrongSecret,
        `${header}.${otherUser}.${signature}`,
        none,
      ]) {
        const response = await call('GET', '/v1/direct_numbers/countries/', { token: bad });
        expect(await errorOf(response)).toMatchObject({ status: 401, code: 'unauthorized' });
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
      }
      expect(php.requests()).toHaveLength(0);
    });

    it('checks scopes (403) and hides operations that are not allowlisted (404)', async () => {
      const { token: readOnly } = await mintSessionToken(SESSION_SECRET, {
        userId: USER,
        scopes: ['numbers:read'],
      });
      const order = await call('POST', '/v1/direct_numbers/order/', {
        token: readOnly,
        ...json({ direction_id: 1, documents_group_id: 0 }),
      });
      expect(await errorOf(order)).toMatchObject({ status: 403, code: 'forbidden' });
      for (const [method, path] of [
        ['GET', '/v1/reseller/users/list/'],
        ['POST', '/v1/reseller/users/topup/'],
        ['GET', '/v1/reseller/users/api_key/'],
        ['POST', '/v1/reseller/account/money_transfer/'],
        ['POST', '/v1/reseller/users/registration/new/'],
        ['DELETE', '/v1/direct_numbers/countries/'],
        ['GET', '/v1/statistics/'],
      ] as const) {
        expect(await errorOf(await call(method, path))).toMatchObject({ status: 404, code: 'not_found' });
      }
      expect(php.requests()).toHaveLength(0);
    });

    it('POST /sessions mints tokens for the admin only, with clear errors', async () => {
      const ok = await call('POST', '/sessions', {
        token: ADMIN_TOKEN,
        ...json({ userId: 777, scopes: ['numbers:read'], ttlSeconds: 60 }),
      });
      expect(ok.status).toBe(201);
      const minted = (await ok.json()) as { token: string; expiresAt: string };
      expect(Date.parse(minted.expiresAt) - Date.now()).toBeGreaterThan(50_000);
      expect((await call('GET', '/v1/direct_numbers/countries/', { token: minted.token })).status).toBe(200);
      expect(php.requests()[0]?.params.user_id).toBe('777');

      expect(
        (
          await call('POST', '/sessions', {
            token: 'wrong',
            ...json({ userId: 1, scopes: ['numbers:read'] }),
          })
        ).status,
      ).toBe(401);
      expect(
        (await call('POST', '/sessions', { token: token, ...json({ userId: 1, scopes: ['numbers:read'] }) }))
          .status,
      ).toBe(401);
      for (const [body, field] of [
        [{ userId: 'abc', scopes: ['numbers:read'] }, 'userId'],
        [{ userId: 1, scopes: ['reseller'] }, 'scopes'],
        [{ userId: 1, scopes: [] }, 'scopes'],
        [{ userId: 1, scopes: ['events'], ttlSeconds: 90_000 }, 'ttlSeconds'],
        [{ userId: 1, scopes: ['events'], ttlSeconds: '60' }, 'ttlSeconds'],
        [{ userId: [1], scopes: ['events'] }, 'userId'],
        [{ userId: 1, scopes: ['events'], sip: { ext: 100 } }, 'sip'],
      ] as const) {
        expect(
          await errorOf(await call('POST', '/sessions', { token: ADMIN_TOKEN, ...json(body) })),
        ).toMatchObject({ status: 400, code: 'invalid_request', field });
      }
      expect(
        await errorOf(await call('POST', '/sessions', { token: ADMIN_TOKEN, ...json([1, ['events']]) })),
      ).toMatchObject({ status: 400, message: expect.stringMatching(/^expected an object/) });
    });

    it('POST /sessions refuses unknown fields by name instead of ignoring them', async () => {
      const misspelt = await call('POST', '/sessions', {
        token: ADMIN_TOKEN,
        ...json({ userId: 777, scopes: ['numbers:read'], ttl: 5 }),
      });
      expect(await errorOf(misspelt)).toEqual({
        status: 400,
        code: 'invalid_request',
        field: 'ttl',
        message:
          'unknown field: ttl (did you mean ttlSeconds?); the fields are userId, scopes, sip, ttlSeconds',
      });
      const two = await call('POST', '/sessions', {
        token: ADMIN_TOKEN,
        ...json({ userId: 777, scopes: ['numbers:read'], user_id: 1, role: 'admin' }),
      });
      expect((await errorOf(two)).message).toMatch(/^unknown fields: user_id .*, role;/);
    });
  });

  describe('no double orders', () => {
    const order = (key?: string, direction = 3766) =>
      call(
        'POST',
        '/v1/direct_numbers/order/',
        json(
          { direction_id: direction, documents_group_id: 0, period: 'month' },
          key ? { 'idempotency-key': key } : {},
        ),
      );

    it('needs an Idempotency-Key', async () => {
      expect(await errorOf(await order())).toMatchObject({ status: 400, code: 'invalid_request' });
      expect(php.requests()).toHaveLength(0);
    });

    it('a double click and a retry order once and get the same answer', async () => {
      const key = `order-${Date.now()}`;
      const [a, b] = await Promise.all([order(key), order(key)]);
      const retry = await order(key);
      const bodies = await Promise.all([a.text(), b.text(), retry.text()]);
      expect([a.status, b.status, retry.status]).toEqual([200, 200, 200]);
      expect(new Set(bodies).size).toBe(1);
      expect(JSON.parse(bodies[0] ?? '')).toMatchObject({ status: 'success', is_activated: 'true' });
      expect(php.requests().filter((r) => r.path === '/v1/direct_numbers/order/')).toHaveLength(1);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    });

    it('refuses the same key for a different order', async () => {
      const key = `order-b-${Date.now()}`;
      expect((await order(key)).status).toBe(200);
      expect(await errorOf(await order(key, 9999))).toMatchObject({ status: 400, code: 'invalid_request' });
      expect(php.requests()).toHaveLength(1);
    });
  });

  describe('upstream failures', () => {
    it('maps a Zadarma refusal to 400 with its message', async () => {
      const response = await call(
        'PUT',
        '/v1/direct_numbers/set_caller_name/',
        form({ number: '4930123456', caller_name: 'reject' }),
      );
      expect(await errorOf(response)).toMatchObject({
        status: 400,
        code: 'upstream_rejected',
        message: 'Wrong caller name',
      });
    });

    it('maps a 5xx to 502 and a timeout to 504', async () => {
      expect(
        await errorOf(
          await call(
            'PUT',
            '/v1/direct_numbers/set_caller_name/',
            form({ number: '4930123456', caller_name: 'fail' }),
          ),
        ),
      ).toMatchObject({ status: 502, code: 'upstream_error' });
      expect(
        await errorOf(
          await call(
            'PUT',
            '/v1/direct_numbers/set_caller_name/',
            form({ number: '4930123456', caller_name: 'slow' }),
          ),
        ),
      ).toMatchObject({ status: 504, code: 'upstream_timeout' });
    });

    it('never retries a PUT, even after a 5xx', async () => {
      await call(
        'PUT',
        '/v1/direct_numbers/set_caller_name/',
        form({ number: '4930123456', caller_name: 'fail' }),
      );
      expect(php.requests()).toHaveLength(1);
    });
  });

  describe('limits and CORS', () => {
    it('refuses a form body over 64 KiB with 413', async () => {
      const response = await call(
        'PUT',
        '/v1/direct_numbers/set_caller_name/',
        form({ number: '4930123456', caller_name: 'x'.repeat(70 * 1024) }),
      );
      expect(await errorOf(response)).toMatchObject({ status: 413, code: 'too_large' });
    });

    it('answers preflights for allowed origins only, never with credentials or a wildcard', async () => {
      const preflight = (origin: string) =>
        call('OPTIONS', '/v1/direct_numbers/order/', {
          token: null,
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type,idempotency-key',
          },
        });
      const allowed = await preflight(ORIGIN);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await call('GET', '/v1/direct_numbers/countries/', { headers: { origin: ORIGIN } });
      expect(simple.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });
  });

  describe('uploads stream through, sniffed by content', () => {
    const upload = (file: Blob, name: string, extra: (f: FormData) => void = () => {}) => {
      const body = new FormData();
      body.set('group_id', '7');
      body.set('document_type', 'passport');
      extra(body);
      body.set('file', file, name);
      return call('POST', '/v1/documents/upload/', { body });
    };

    it('forwards the file unchanged with the text fields signed', async () => {
      const pdf = pdfOfSize(300 * 1024);
      const response = await upload(new Blob([pdf]), 'Reisepass.pdf');
      expect(response.status).toBe(200);
      const [request] = php.requests();
      expect(request?.params).toEqual({
        group_id: '7',
        document_type: 'passport',
        user_id: USER,
        format: 'json',
      });
      expect(request?.files.file).toMatchObject({
        size: pdf.byteLength,
        sha256: sha256(pdf),
        type: 'application/pdf',
        name: 'Reisepass.pdf',
      });
    });

    it('names the file by what it is, not what it claims', async () => {
      expect((await upload(new Blob([PNG], { type: 'image/jpeg' }), 'photo.jpg')).status).toBe(200);
      expect(php.requests()[0]?.files.file).toMatchObject({ type: 'image/png', name: 'photo.png' });
    });

    it('refuses text renamed to .jpg (415), an empty file (400), and 5 MiB + 1 byte (413) without sending anything', async () => {
      expect(
        await errorOf(
          await upload(new Blob(['just text, not a photo'], { type: 'image/jpeg' }), 'passport.jpg'),
        ),
      ).toMatchObject({ status: 415, field: 'file' });
      expect(await errorOf(await upload(new Blob([]), 'empty.pdf'))).toMatchObject({
        status: 400,
        field: 'file',
      });
      expect(
        await errorOf(await upload(new Blob([pdfOfSize(5 * 1024 * 1024 + 1)]), 'big.pdf')),
      ).toMatchObject({ status: 413, code: 'too_large' });
      expect(php.requests()).toHaveLength(0);
    });

    it('accepts exactly 5 MiB', async () => {
      expect((await upload(new Blob([pdfOfSize(5 * 1024 * 1024)]), 'max.pdf')).status).toBe(200);
      expect(php.requests()[0]?.files.file?.size).toBe(5 * 1024 * 1024);
    });

    it('wants the text fields first, one file, and valid fields', async () => {
      const late = new FormData();
      late.set('file', new Blob([PNG]), 'p.png');
      late.set('group_id', '7');
      late.set('document_type', 'passport');
      expect(await errorOf(await call('POST', '/v1/documents/upload/', { body: late }))).toMatchObject({
        status: 400,
      });
      expect(
        await errorOf(await upload(new Blob([PNG]), 'p.png', (f) => f.set('document_type', 'selfie'))),
      ).toMatchObject({ status: 400, field: 'document_type' });
      expect(
        await errorOf(
          await call('POST', '/v1/documents/upload/', form({ group_id: '7', document_type: 'passport' })),
        ),
      ).toMatchObject({ status: 415 });
      expect(php.requests()).toHaveLength(0);
    });
  });

  describe('webhooks and events', () => {
    const body = {
      event: 'NOTIFY_START',
      // Now: the proxy refuses notifications older than its window (ZD_WEBHOOK_MAX_AGE_SECONDS).
      call_start: new Date().toISOString().slice(0, 19).replace('T', ' '),
      pbx_call_id: 'in_1',
      caller_id: '4915112345678',
      called_did: '4930123456',
    };

    it('answers the zd_echo check', async () => {
      const response = await call('GET', `/webhooks/zadarma/${USER}?zd_echo=abc123`, { token: null });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('abc123');
    });

    it('verifies notifications with the user’s own secret and streams them to that user’s sessions', async () => {
      const { signWebhook } = await import('@zadarma-elements/api');
      const events = await call('GET', '/events');
      expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
      const reader = events.body?.pipeThrough(new TextDecoderStream()).getReader();
      if (!reader) throw new Error('no event stream body');
      let received = '';
      const until = async (text: string) => {
        while (!received.includes(text)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before ${text}`);
          received += value;
        }
      };
      await until('event: ready');

      const post = (signature: string) =>
        call('POST', `/webhooks/zadarma/${USER}`, {
          token: null,
          ...form(body),
          headers: { ...form(body).headers, signature },
        });
      expect((await post('bm90IGEgc2lnbmF0dXJl')).status).toBe(401);
      // Signed with the reseller's secret instead of the user's: refused too.
      expect((await post(signWebhook(body, SECRET) ?? '')).status).toBe(401);
      expect((await post(signWebhook(body, `user-secret-${USER}`) ?? '')).status).toBe(200);
      await until('event: NOTIFY_START');
      expect(received).toContain('"pbx_call_id":"in_1"');
      expect(received.match(/event: NOTIFY_START/g)).toHaveLength(1);
      await reader.cancel();
    });

    it('needs the events scope', async () => {
      const { token: noEvents } = await mintSessionToken(SESSION_SECRET, {
        userId: USER,
        scopes: ['numbers:read'],
      });
      expect((await call('GET', '/events', { token: noEvents })).status).toBe(403);
    });
  });

  it('never writes a key, secret or token into a log line', () => {
    expect(logLines.length).toBeGreaterThan(20);
    const all = logLines.join('\n');
    for (const secret of [KEY, SECRET, SESSION_SECRET, ADMIN_TOKEN, token, `user-secret-${USER}`])
      expect(all).not.toContain(secret);
  });
});

// A 1x1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x20), tail]);
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
