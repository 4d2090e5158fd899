import { signRequest } from '@zadarma-elements/api';
import { describe, expect, it } from 'vitest';
import { hasPhp, phpSign } from '../../api/test/php.js';
import { DEMO_USER_ID, FOREIGN_USER_ID } from '../src/index.js';
import { call, signedRequest, testSandbox } from './helpers.js';

describe('signature verification', () => {
  const sandbox = testSandbox({ key: 'a1b2c3d4e5f6a7b8c9d0', secret: 'secret-of-the-reseller' });

  it('accepts a correctly signed GET, POST and PUT, with or without the trailing slash', async () => {
    expect((await call(sandbox, 'GET', '/v1/info/balance/')).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/info/balance')).status).toBe(200);
    const put = await call(sandbox, 'PUT', '/v1/pbx/internal/100/password/', {
      value: 'Sandbox2024x',
      user_id: DEMO_USER_ID,
    });
    expect(put.body).toMatchObject({ status: 'success', number: 100 });
    const post = await call(sandbox, 'POST', '/v1/pbx/callinfo/url/', {
      url: 'http://127.0.0.1:9/x',
      user_id: DEMO_USER_ID,
    });
    expect(post.body).toMatchObject({ status: 'success', url: 'http://127.0.0.1:9/x' });
  });

  it('refuses a missing header, a wrong key, a wrong secret and a malformed header with 401', async () => {
    const unsigned = await sandbox.fetch(new Request('http://sandbox.test/v1/info/balance/?format=json'));
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ status: 'error', message: 'Not authorized' });
    expect(
      (await call(sandbox, 'GET', '/v1/info/balance/', {}, { key: 'ffffffffffffffffffff' })).status,
    ).toBe(401);
    expect((await call(sandbox, 'GET', '/v1/info/balance/', {}, { secret: 'another-secret' })).status).toBe(
      401,
    );
    const malformed = signedRequest(sandbox, 'GET', '/v1/info/balance/');
    malformed.headers.set('authorization', `${sandbox.key}`);
    expect((await sandbox.fetch(malformed)).status).toBe(401);
  });

  it('refuses a param changed, added or dropped after signing', async () => {
    const params = { country: 'DE', language: 'en' };
    const signed = signedRequest(sandbox, 'GET', '/v1/direct_numbers/country/', params);
    expect((await sandbox.fetch(signed.clone())).status).toBe(200);
    const changed = new URL(signed.url);
    changed.searchParams.set('country', 'GB');
    const added = new URL(signed.url);
    added.searchParams.set('user_id', String(DEMO_USER_ID));
    const dropped = new URL(signed.url);
    dropped.searchParams.delete('format');
    for (const url of [changed, added, dropped]) {
      const res = await sandbox.fetch(new Request(url, { headers: signed.headers }));
      expect(res.status, url.search).toBe(401);
    }
    // A body changed after signing, too.
    const order = signedRequest(sandbox, 'PUT', '/v1/pbx/internal/100/password/', {
      value: 'Sandbox2024x',
      user_id: DEMO_USER_ID,
    });
    const tampered = new Request(order.url, {
      method: 'PUT',
      headers: order.headers,
      body: (await order.text()).replace('Sandbox2024x', 'Sandbox2024y'),
    });
    expect((await sandbox.fetch(tampered)).status).toBe(401);
  });

  it('signs with PHP encoding: `*` and `~` and spaces matter', async () => {
    // URLSearchParams leaves `*` alone where PHP writes %2A: a client that signs that way is refused.
    const params = { mask: '4930*~ x', format: 'json' };
    const wrongQuery = new URLSearchParams(Object.entries(params).sort()).toString();
    const { createHash, createHmac } = await import('node:crypto');
    const path = '/v1/direct_numbers/available/3766/';
    const md5 = createHash('md5').update(wrongQuery).digest('hex');
    const hex = createHmac('sha1', sandbox.secret)
      .update(path + wrongQuery + md5)
      .digest('hex');
    const wrong = await sandbox.fetch(
      new Request(`http://sandbox.test${path}?${wrongQuery}`, {
        headers: { authorization: `${sandbox.key}:${Buffer.from(hex).toString('base64')}` },
      }),
    );
    expect(wrong.status).toBe(401);
    expect((await call(sandbox, 'GET', path, { mask: '4930*~ x' })).status).toBe(200);
  });

  it.skipIf(!hasPhp && !process.env.CI)('accepts requests signed by PHP itself', async () => {
    const cases = [
      { path: '/v1/info/balance/', params: { format: 'json' } },
      {
        path: '/v1/direct_numbers/country/',
        params: { country: 'DE', language: 'de', format: 'json', user_id: String(DEMO_USER_ID) },
      },
      { path: '/v1/direct_numbers/available/3766/', params: { mask: '30 2*~', format: 'json' } },
      { path: '/v1/reseller/users/find/', params: { email: 'demo@example.com', format: 'json' } },
    ];
    const signatures = phpSign(cases.map((c) => ({ ...c, secret: sandbox.secret })));
    for (const [i, c] of cases.entries()) {
      const php = signatures[i];
      if (!php) throw new Error('PHP gave no answer');
      // The same signature as ours, and the sandbox takes PHP's own query string and signature.
      expect(php.signature).toBe(signRequest(c.path, c.params, sandbox.key, sandbox.secret).signature);
      const res = await sandbox.fetch(
        new Request(`http://sandbox.test${c.path}?${php.query}`, {
          headers: { authorization: `${sandbox.key}:${php.signature}` },
        }),
      );
      expect(res.status, c.path).toBe(200);
    }
  });
});

describe('nested params (PHP arrays), signed by PHP', () => {
  const sandbox = testSandbox();

  it('takes a form body with numbers[0] … numbers[10] signed as PHP signs them; a changed element is 401', async () => {
    if (!hasPhp && !process.env.CI) return;
    const path = '/v1/info/number_lookup/';
    // Eleven numbers: PHP signs numbers[10] last (array order); sorting the flat names would put it
    // after numbers[1], and the signature would not match.
    const numbers = Array.from({ length: 11 }, (_, i) => `49301234${String(i).padStart(2, '0')}`);
    const params = { numbers, format: 'json' };
    const [php] = phpSign([{ path, params, secret: sandbox.secret }]);
    if (!php) throw new Error('PHP gave no answer');
    expect(php.query).toMatch(/numbers%5B9%5D=4930123409&numbers%5B10%5D=4930123410$/);
    const send = (body: string) =>
      sandbox.fetch(
        new Request(`http://sandbox.test${path}`, {
          method: 'POST',
          headers: {
            authorization: `${sandbox.key}:${php.signature}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body,
        }),
      );
    // Before the sandbox read `numbers[0]` as PHP does (a nested value), this was 401.
    expect((await send(php.query)).status).not.toBe(401);
    expect((await send(php.query.replace('4930123410', '4930123411'))).status).toBe(401);
  });
});

describe('acting for users', () => {
  const sandbox = testSandbox();

  it('acts for a sub-user with user_id, and for the reseller without', async () => {
    const own = await call(sandbox, 'GET', '/v1/info/balance/');
    const demo = await call(sandbox, 'GET', '/v1/info/balance/', { user_id: DEMO_USER_ID });
    expect(own.body).toMatchObject({ currency: 'USD' });
    expect(demo.body).toMatchObject({ currency: 'EUR' });
  });

  it('refuses unknown users and users of another reseller alike', async () => {
    for (const userId of [FOREIGN_USER_ID, 999999, 'abc']) {
      const r = await call(sandbox, 'GET', '/v1/info/balance/', { user_id: userId });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ status: 'error', message: 'User not found' });
    }
  });

  it("takes a sub-user's own key (from api_key) and refuses user_id with it", async () => {
    const keys = await call(sandbox, 'GET', '/v1/reseller/users/api_key/', { user_id: DEMO_USER_ID });
    const key = String(keys.body.key);
    const secret = String(keys.body.secret);
    const own = await call(sandbox, 'GET', '/v1/info/balance/', {}, { key, secret });
    expect(own.body).toMatchObject({ status: 'success', currency: 'EUR' });
    const asReseller = await call(sandbox, 'GET', '/v1/reseller/users/list/', {}, { key, secret });
    expect(asReseller.status).toBe(400);
    const forOther = await call(
      sandbox,
      'GET',
      '/v1/info/balance/',
      { user_id: DEMO_USER_ID },
      { key, secret },
    );
    expect(forOther.status).toBe(400);
    // A new pair replaces the old one at once.
    await call(sandbox, 'POST', '/v1/reseller/users/api_key/', { user_id: DEMO_USER_ID });
    expect((await call(sandbox, 'GET', '/v1/info/balance/', {}, { key, secret })).status).toBe(401);
  });

  it('answers unknown methods 404, wrong HTTP methods 405 and unsimulated ones 501, in Zadarma’s shape', async () => {
    const unknown = await call(sandbox, 'GET', '/v1/no/such/method/');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ status: 'error', message: 'Method not found' });
    expect((await call(sandbox, 'DELETE', '/v1/info/balance/')).status).toBe(405);
    const esim = await call(sandbox, 'GET', '/v1/esim/devices/');
    expect(esim.status).toBe(501);
    expect(esim.body.status).toBe('error');
  });

  it('refuses params the spec does not allow with 400', async () => {
    const missing = await call(sandbox, 'GET', '/v1/direct_numbers/country/', {});
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ status: 'error', message: 'country: is required' });
    const extra = await call(sandbox, 'GET', '/v1/info/balance/', { colour: 'blue' });
    expect(extra.status).toBe(400);
    const pattern = await call(sandbox, 'GET', '/v1/direct_numbers/country/', { country: 'Germany' });
    expect(pattern.status).toBe(400);
  });
});
