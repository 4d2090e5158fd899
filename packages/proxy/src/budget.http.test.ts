/** The shared budget end to end: Zadarma's 429 honoured, the cache, joined requests, fair shares. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasPhp } from '../../api/test/php.js';
import { KEY, SECRET, SESSION_SECRET, startPhpUpstream, type PhpUpstream } from '../test/harness.js';
import { createProxy } from './app.js';
import { silentLogger } from './log.js';
import { mintSessionToken } from './session/tokens.js';

describe.skipIf(!hasPhp && !process.env.CI)('the budget over real HTTP', () => {
  let php: PhpUpstream;
  beforeAll(async () => {
    php = await startPhpUpstream();
  });
  afterAll(() => php.stop());
  beforeEach(() => php.clear());

  const setup = async (budget = {}) => {
    const proxy = createProxy({
      zadarma: { key: KEY, secret: SECRET, apiUrl: php.url },
      sessionSecret: SESSION_SECRET,
      logger: silentLogger,
      budget,
    });
    const session = async (userId = 1) =>
      (await mintSessionToken(SESSION_SECRET, { userId, scopes: ['numbers:read', 'numbers:order'] })).token;
    const get = (token: string, path: string) =>
      proxy.fetch(new Request(`http://proxy.test${path}`, { headers: { authorization: `Bearer ${token}` } }));
    return { proxy, session, get };
  };

  it('after Zadarma’s 429 nobody asks again until Retry-After has passed', async () => {
    const { proxy, session } = await setup();
    const token = await session();
    const put = () =>
      proxy.fetch(
        new Request('http://proxy.test/v1/direct_numbers/set_caller_name/', {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: 'number=4930123456&caller_name=ratelimit',
        }),
      );
    const first = await put();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    const second = await put();
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(2);
    expect(php.requests()).toHaveLength(1);
  });

  it('answers read-mostly lists from the cache, per user', async () => {
    const { session, get } = await setup();
    const [a, b] = [await session(1), await session(2)];
    const bodies = [];
    for (const token of [a, a, a, b])
      bodies.push(await (await get(token, '/v1/direct_numbers/countries/?language=de')).text());
    expect(php.requests().map((r) => r.params.user_id)).toEqual(['1', '2']);
    expect(bodies[0]).toBe(bodies[2]);
  });

  it('joins identical GETs in flight into one upstream request', async () => {
    const { session, get } = await setup();
    const token = await session();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => get(token, '/v1/direct_numbers/available/13755/')),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(php.requests()).toHaveLength(1);
  });

  it('keeps one busy session within its share while others go on', async () => {
    const { session, get } = await setup({ perSessionPerMinute: 2, maxWaitMs: 0 });
    const [busy, other] = [await session(1), await session(1)];
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await get(busy, `/v1/direct_numbers/country/?country=D${'EFG'[i]}`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await get(other, '/v1/direct_numbers/country/?country=AT')).status).toBe(200);
  });
});
