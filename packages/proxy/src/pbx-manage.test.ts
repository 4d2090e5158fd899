/**
 * Scope `pbx:manage` at the handler, against PHP's server as the upstream: a customer's page sets up its
 * own PBX (user_id injected), never another's, never with a weak password, never reading one back.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEY, SECRET, SESSION_SECRET, startPhpUpstream, type PhpUpstream } from '../test/harness.js';
import { hasPhp } from '../../api/test/php.js';
import { createProxy, type Proxy } from './app.js';
import { createLogger } from './log.js';
import { mintSessionToken } from './session/tokens.js';

const OWN_USER = '5001';
const OTHER_USER = '5002';

let php: PhpUpstream;
let proxy: Proxy;
let ownToken: string;
let otherToken: string;
let softphoneToken: string;

function call(method: string, path: string, token: string, params?: Record<string, string>) {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  let body: string | undefined;
  if (params) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(params).toString();
  }
  return proxy.fetch(new Request(`http://proxy.test${path}`, { method, headers, body }));
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { code: string; field?: string; message: string };
  return { status: response.status, code: body.code, field: body.field, message: body.message };
}

describe.skipIf(!hasPhp && !process.env.CI)('scope pbx:manage', () => {
  beforeAll(async () => {
    php = await startPhpUpstream();
    proxy = createProxy({
      zadarma: { key: KEY, secret: SECRET, apiUrl: php.url },
      sessionSecret: SESSION_SECRET,
      allowedOrigins: ['https://partner.example'],
      logger: createLogger({ secrets: [KEY, SECRET, SESSION_SECRET], write: () => undefined }),
      limits: { upstreamTimeoutMs: 2_000 },
    });
    ({ token: ownToken } = await mintSessionToken(SESSION_SECRET, {
      userId: OWN_USER,
      scopes: ['pbx:manage'],
    }));
    ({ token: otherToken } = await mintSessionToken(SESSION_SECRET, {
      userId: OTHER_USER,
      scopes: ['pbx:manage'],
    }));
    ({ token: softphoneToken } = await mintSessionToken(SESSION_SECRET, {
      userId: OWN_USER,
      scopes: ['softphone'],
      sip: ['100'],
    }));
  });
  afterAll(() => php.stop());
  beforeEach(() => php.clear());

  it("signs every call with the token's own user_id: another customer's token reaches only its own PBX", async () => {
    expect((await call('GET', '/v1/pbx/internal/', ownToken)).status).toBe(200);
    expect((await call('GET', '/v1/pbx/internal/', otherToken)).status).toBe(200);
    expect(
      (await call('PUT', '/v1/pbx/internal/101/password/', otherToken, { value: 'Strong123x' })).status,
    ).toBe(200);
    const users = php.requests().map((r) => r.params.user_id);
    expect(users).toEqual([OWN_USER, OTHER_USER, OTHER_USER]);
  });

  it('refuses a user_id from the page, in the body and in the query', async () => {
    const body = await call('POST', '/v1/pbx/internal/create/', otherToken, {
      start_number: '100',
      quantity: '1',
      user_id: OWN_USER,
    });
    expect(await errorOf(body)).toMatchObject({ status: 400, code: 'user_id_forbidden' });
    const query = await call('GET', `/v1/pbx/internal/?user_id=${OWN_USER}`, otherToken);
    expect(await errorOf(query)).toMatchObject({ status: 400, code: 'user_id_forbidden' });
    expect(php.requests()).toHaveLength(0);
  });

  it('refuses weak passwords before signing, and never lets a page read one back', async () => {
    for (const weak of ['short1', 'lettersonly', '12345678', 'with space 1a']) {
      const refused = await call('PUT', '/v1/pbx/internal/100/password/', ownToken, { value: weak });
      expect(await errorOf(refused), weak).toMatchObject({
        status: 400,
        code: 'invalid_param',
        field: 'value',
      });
    }
    const read = await call('GET', '/v1/pbx/internal/100/password/', ownToken);
    expect(await errorOf(read)).toMatchObject({ status: 404, code: 'not_found' });
    expect(php.requests()).toHaveLength(0);
  });

  it('creates extensions only without their passwords, within 1 to 10 at a time', async () => {
    const withPasswords = await call('POST', '/v1/pbx/internal/create/', ownToken, {
      start_number: '100',
      quantity: '2',
      return_password: 'true',
    });
    expect(await errorOf(withPasswords)).toMatchObject({ code: 'invalid_param', field: 'return_password' });
    const tooMany = await call('POST', '/v1/pbx/internal/create/', ownToken, {
      start_number: '100',
      quantity: '50',
    });
    expect(await errorOf(tooMany)).toMatchObject({ code: 'invalid_param', field: 'quantity' });
    const fine = await call('POST', '/v1/pbx/internal/create/', ownToken, {
      start_number: '100',
      quantity: '2',
      return_password: 'false',
    });
    expect(fine.status).toBe(200);
    expect(php.requests()).toHaveLength(1);
  });

  it('records to the cloud only, and switches notifications but never their URL', async () => {
    const email = await call('PUT', '/v1/pbx/internal/recording/', ownToken, {
      id: '100',
      status: 'on_email',
      email: 'someone@example.com',
    });
    expect((await errorOf(email)).status).toBe(400);
    expect(
      (await call('PUT', '/v1/pbx/internal/recording/', ownToken, { id: '100', status: 'on_store' })).status,
    ).toBe(200);
    expect(
      (await call('POST', '/v1/pbx/callinfo/notifications/', ownToken, { notify_start: 'false' })).status,
    ).toBe(200);
    const url = await call('POST', '/v1/pbx/callinfo/url/', ownToken, { url: 'https://evil.example/' });
    expect(await errorOf(url)).toMatchObject({ status: 404 });
    expect(php.requests()).toHaveLength(2);
  });

  it('reads any own extension with pbx:manage, while softphone stays limited to the token’s extensions', async () => {
    expect((await call('GET', '/v1/pbx/internal/105/status/', ownToken)).status).toBe(200);
    expect((await call('GET', '/v1/pbx/internal/100/status/', softphoneToken)).status).toBe(200);
    const other = await call('GET', '/v1/pbx/internal/105/status/', softphoneToken);
    expect(await errorOf(other)).toMatchObject({ status: 403, code: 'forbidden' });
    const manage = await call('PUT', '/v1/pbx/internal/100/password/', softphoneToken, {
      value: 'Strong123x',
    });
    expect(await errorOf(manage)).toMatchObject({ status: 403, code: 'forbidden' });
  });
});
