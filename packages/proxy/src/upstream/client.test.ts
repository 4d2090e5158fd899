/** The upstream client against a small local server that behaves badly on purpose. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from '@zadarma-elements/api';
import { UpstreamFailure, ZadarmaApiError, ZadarmaClient } from './client.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let handler: Handler;
let hits: { method: string; url: string; authorization: string; body: string }[] = [];
let baseUrl: string;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c));
  req.on('end', () => {
    hits.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization ?? '',
      body,
    });
    handler(req, res, body);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  hits = [];
});

const client = (options: Partial<ConstructorParameters<typeof ZadarmaClient>[0]> = {}) =>
  new ZadarmaClient({ key: 'k', secret: 's', baseUrl, timeoutMs: 500, ...options });
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('ZadarmaClient', () => {
  it('signs GET params into the query and POST params into a form body, format=json always', async () => {
    handler = (_req, res) => json(res, 200, { status: 'success' });
    await client().send({ method: 'GET', path: '/v1/direct_numbers/country/', params: { country: 'DE' } });
    await client().send({ method: 'POST', path: '/v1/direct_numbers/order/', params: { direction_id: 1 } });
    const get = signRequest('/v1/direct_numbers/country/', { country: 'DE', format: 'json' }, 'k', 's');
    const post = signRequest('/v1/direct_numbers/order/', { direction_id: 1, format: 'json' }, 'k', 's');
    expect(hits).toMatchObject([
      {
        method: 'GET',
        url: `/v1/direct_numbers/country/?${get.query}`,
        authorization: get.authorization,
        body: '',
      },
      {
        method: 'POST',
        url: '/v1/direct_numbers/order/',
        authorization: post.authorization,
        body: post.query,
      },
    ]);
  });

  it('retries a GET after a dropped connection or a 503, with backoff', async () => {
    let n = 0;
    handler = (req, res) => {
      n++;
      if (n === 1) return req.socket.destroy();
      if (n === 2) return json(res, 503, {});
      json(res, 200, { status: 'success', n });
    };
    const response = await client().send({ method: 'GET', path: '/v1/info/balance/', params: {} });
    expect(response.json).toEqual({ status: 'success', n: 3 });
  });

  it('never retries a POST', async () => {
    handler = (req) => req.socket.destroy();
    await expect(
      client().send({ method: 'POST', path: '/v1/direct_numbers/order/', params: {} }),
    ).rejects.toMatchObject({
      kind: 'network',
    });
    expect(hits).toHaveLength(1);
  });

  it('gives up after its timeout', async () => {
    handler = () => {}; // never answers
    const error = await client({ getRetries: 0, timeoutMs: 100 })
      .send({ method: 'GET', path: '/v1/info/balance/', params: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamFailure);
    expect((error as UpstreamFailure).kind).toBe('timeout');
  });

  it('reads X-RateLimit-* and reports a 429 with its Retry-After', async () => {
    const reported: number[] = [];
    handler = (_req, res) =>
      json(
        res,
        429,
        { status: 'error', message: 'Too many requests' },
        {
          'x-ratelimit-limit': '100',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 40),
          'retry-after': '7',
        },
      );
    const response = await client({ onRateLimited: (ms) => reported.push(ms) }).send({
      method: 'GET',
      path: '/v1/info/balance/',
      params: {},
    });
    expect(response.status).toBe(429);
    expect(response.rateLimit).toMatchObject({ limit: 100, remaining: 0 });
    expect(reported).toEqual([7000]);
  });

  it('calls operations by id, typed, and throws Zadarma’s message', async () => {
    handler = (req, res) =>
      req.url?.startsWith('/v1/reseller/users/api_key/')
        ? json(res, 200, { status: 'success', user_id: 5, allow_reset: true, key: 'a', secret: 'b' })
        : json(res, 400, { status: 'error', message: 'Not enough money' });
    const keys = await client().call('reseller.users.api_key.get', { user_id: 5 });
    // @ts-expect-error amount is a number in the spec
    void (() => client().call('reseller.users.topup', { user_id: 5, amount: 'ten', currency: 'EUR' }));
    expect(keys.secret).toBe('b');
    const error = await client()
      .call('reseller.users.topup', { user_id: 5, amount: 10, currency: 'EUR' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZadarmaApiError);
    expect((error as ZadarmaApiError).message).toBe('Not enough money');
  });

  it('puts path params into the path, not the signed params', async () => {
    handler = (_req, res) => json(res, 200, { status: 'success', numbers: [] });
    await client().call('direct_numbers.available', { direction_id: '13755', mask: '4420' });
    const signed = signRequest(
      '/v1/direct_numbers/available/13755/',
      { mask: '4420', format: 'json' },
      'k',
      's',
    );
    expect(hits[0]).toMatchObject({
      url: `/v1/direct_numbers/available/13755/?${signed.query}`,
      authorization: signed.authorization,
    });
  });
});
