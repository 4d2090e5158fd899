import { expect } from '@open-wc/testing';
import { errorFromAnswer, parseRetryAfter, ZdApiError } from './errors.js';
import { newIdempotencyKey } from './idempotency.js';
import { flattenQuery, formBody } from './query.js';
import { jwtLifetime } from './jwt.js';
import { TokenSource } from './token-source.js';
import { balance, order, setSipId } from './numbers.js';
import { ZdClient } from './zd-client.js';

describe('query and body encoding', () => {
  it('flattens the spec’s params object into the query', () => {
    expect(flattenQuery({ params: { country: 'DE', language: 'de' } })).to.equal('country=DE&language=de');
    expect(flattenQuery({ params: { mask: undefined } })).to.equal('');
    expect(flattenQuery({ a: 1, b: null })).to.equal('a=1');
  });

  it('builds form bodies, keeping an empty string (which clears a value)', () => {
    expect(formBody({ number: '4930123', caller_name: '' }).toString()).to.equal(
      'number=4930123&caller_name=',
    );
    expect(formBody({ direction_id: 3766, purpose: undefined }).toString()).to.equal('direction_id=3766');
  });

  it('makes UUID v4 idempotency keys, a new one each time', () => {
    const a = newIdempotencyKey();
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.to.equal(a);
  });
});

describe('errors', () => {
  it('maps the proxy’s answers to kinds', () => {
    const h = new Headers({ 'retry-after': '7' });
    const limited = errorFromAnswer(429, h, { status: 'error', code: 'rate_limited', message: 'slow down' });
    expect(limited.kind).to.equal('rate-limited');
    expect(limited.retryAfter).to.equal(7);
    expect(limited.retryable).to.equal(true);
    const invalid = errorFromAnswer(400, new Headers(), {
      code: 'invalid_param',
      message: 'mask',
      field: 'mask',
    });
    expect([invalid.kind, invalid.field, invalid.retryable]).to.deep.equal(['invalid', 'mask', false]);
    expect(errorFromAnswer(502, new Headers(), undefined).kind).to.equal('upstream');
    expect(errorFromAnswer(504, new Headers(), undefined).retryable).to.equal(true);
    expect(errorFromAnswer(401, new Headers(), {}).kind).to.equal('unauthorized');
    expect(errorFromAnswer(403, new Headers(), {}).kind).to.equal('forbidden');
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('12')).to.equal(12);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).to.be.within(4, 6);
    expect(parseRetryAfter(null)).to.equal(undefined);
  });
});

describe('TokenSource', () => {
  it('asks once for many callers and reuses the token until shortly before expiry', async () => {
    let now = 1_000_000;
    let calls = 0;
    const source = new TokenSource({
      now: () => now,
      getToken: async () => ({ token: `t${++calls}`, expiresAt: now + 120_000 }),
    });
    const [a, b] = await Promise.all([source.get(), source.get()]);
    expect([a, b, calls]).to.deep.equal(['t1', 't1', 1]);
    now += 60_000;
    expect(await source.get()).to.equal('t1');
    now += 35_000; // within 30 s of expiry
    expect(await source.get()).to.equal('t2');
    source.invalidate('t2');
    expect(await source.get()).to.equal('t3');
  });

  it('posts to the session URL and reads {token, expiresAt}', async () => {
    const seen: string[] = [];
    const source = new TokenSource({
      sessionUrl: 'https://partner.example/session',
      fetch: async (input, init) => {
        seen.push(`${init?.method} ${String(input)}`);
        return new Response(
          JSON.stringify({ token: 'abc', expiresAt: new Date(Date.now() + 600_000).toISOString() }),
        );
      },
    });
    expect(await source.get()).to.equal('abc');
    expect(seen).to.deep.equal(['POST https://partner.example/session']);
  });

  it('refuses to work without a session URL or callback', () => {
    expect(() => new TokenSource({})).to.throw(ZdApiError);
  });

  it('sends the configured credentials mode and headers (a function is asked each time)', async () => {
    const seen: { credentials?: RequestCredentials; auth: string | null; accept: string | null }[] = [];
    let n = 0;
    const source = new TokenSource({
      sessionUrl: 'https://backend.partner.example/session',
      sessionCredentials: 'include',
      sessionHeaders: async () => ({ Authorization: `Bearer partner-${++n}` }),
      fetch: async (_input, init) => {
        const headers = new Headers(init?.headers);
        seen.push({
          credentials: init?.credentials,
          auth: headers.get('authorization'),
          accept: headers.get('accept'),
        });
        return Response.json({ token: `t${n}`, expiresAt: Date.now() + 600_000 });
      },
    });
    await source.get();
    source.invalidate();
    await source.get();
    expect(seen).to.deep.equal([
      { credentials: 'include', auth: 'Bearer partner-1', accept: 'application/json' },
      { credentials: 'include', auth: 'Bearer partner-2', accept: 'application/json' },
    ]);
  });

  it('says what is wrong when the session endpoint answers something else than JSON', async () => {
    const source = new TokenSource({
      sessionUrl: '/s',
      fetch: async () => new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } }),
    });
    const error = await source.get().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ZdApiError);
    expect((error as ZdApiError).message).to.contain('did not answer JSON');
  });

  it('replaces a token by its own lifetime when the customer’s clock is behind', async () => {
    // Minted by the proxy at its own time: valid 120 s. The page's clock is 10 minutes behind, so the
    // `expiresAt` it reads looks 12 minutes away; the token's own iat/exp say 120 s.
    let now = 1_700_000_000_000;
    const claims = { iat: now / 1000 + 600, exp: now / 1000 + 720 };
    const jwt = (c: object) =>
      `e30.${btoa(JSON.stringify(c)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.sig`;
    let calls = 0;
    const source = new TokenSource({
      now: () => now,
      getToken: () => ({ token: jwt({ ...claims, n: ++calls }), expiresAt: claims.exp * 1000 }),
    });
    expect(jwtLifetime(await source.get())).to.equal(120_000);
    now += 85_000; // 35 s before the token's real end
    await source.get();
    expect(calls).to.equal(1);
    now += 10_000; // within 30 s of it
    await source.get();
    expect(calls).to.equal(2);
    expect(jwtLifetime('not-a-jwt')).to.equal(undefined);
    expect(jwtLifetime('a.%%%.c')).to.equal(undefined);
  });

  it('never sends again a token the proxy refused, even when the backend hands it out again', async () => {
    const source = new TokenSource({
      getToken: () => ({ token: 'cached', expiresAt: Date.now() + 600_000 }),
    });
    expect(await source.get()).to.equal('cached');
    source.invalidate('cached');
    const error = await source.get().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as ZdApiError).kind).to.equal('unauthorized');
  });
});

describe('ZdClient against a stub', () => {
  it('refreshes the token once on a 401 and repeats the request with its body', async () => {
    const tokens = ['old', 'new'];
    const seen: { auth: string | null; url: string; body: string }[] = [];
    const client = new ZdClient({
      proxy: 'https://proxy.example/',
      getToken: () => ({ token: tokens.shift() ?? 'none', expiresAt: Date.now() + 600_000 }),
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        seen.push({ auth: headers.get('authorization'), url: String(input), body: String(init?.body ?? '') });
        if (headers.get('authorization') === 'Bearer old') {
          return new Response('{"status":"error","code":"unauthorized","message":"expired"}', {
            status: 401,
          });
        }
        return Response.json({ status: 'success', number: '4930123456', sip_id: '100' });
      },
    });
    const result = await setSipId(client, { number: '4930123456', sip_id: '100' });
    expect(result.sip_id).to.equal('100');
    expect(seen.map((s) => s.auth)).to.deep.equal(['Bearer old', 'Bearer new']);
    expect(seen[1]?.url).to.equal('https://proxy.example/v1/direct_numbers/set_sip_id/');
    expect(seen[1]?.body).to.equal('number=4930123456&sip_id=100');
  });

  it('sends the idempotency key with an order and never a user_id', async () => {
    let headers = new Headers();
    let body = '';
    const client = new ZdClient({
      proxy: 'https://proxy.example',
      getToken: () => 'tok',
      fetch: async (_input, init) => {
        headers = new Headers(init?.headers);
        body = String(init?.body);
        return Response.json({
          status: 'success',
          number: '4930123456',
          is_reserved: 'false',
          is_activated: 'true',
        });
      },
    });
    await order(client, { direction_id: 3766, documents_group_id: 0, period: 'month' }, 'key-1');
    expect(headers.get('idempotency-key')).to.equal('key-1');
    expect(headers.get('content-type')).to.equal('application/x-www-form-urlencoded');
    expect(body).to.equal('direction_id=3766&documents_group_id=0&period=month');
    expect(body).not.to.contain('user_id');
  });

  it('turns a refused connection into a network error and a non-JSON body into an upstream error', async () => {
    const offline = new ZdClient({
      proxy: 'https://proxy.example',
      getToken: () => 'tok',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const e1 = await balance(offline).catch((e: unknown) => e);
    expect((e1 as ZdApiError).kind).to.equal('network');
    const garbled = new ZdClient({
      proxy: 'https://proxy.example',
      getToken: () => 'tok',
      fetch: async () => new Response('<html>gateway</html>', { status: 200 }),
    });
    const e2 = await balance(garbled).catch((e: unknown) => e);
    expect((e2 as ZdApiError).kind).to.equal('upstream');
  });
});
