/**
 * The handler's own side of the time policy, for a proxy mounted in a partner's server (where
 * zd-proxy's connection limits do not apply): a body that trickles in is cut on every route.
 */
import { describe, expect, it } from 'vitest';
import { createProxy } from './app.js';
import { silentLogger } from './log.js';
import { mintSessionToken } from './session/tokens.js';

const SESSION_SECRET = 'a-session-secret-of-at-least-32-bytes!!';
const ADMIN = 'admin-token-of-at-least-24-chars';

/** A body that sends a byte every 100 ms and never ends on its own. */
function trickling(): ReadableStream<Uint8Array> {
  let timer: NodeJS.Timeout | undefined;
  return new ReadableStream({
    start(controller) {
      timer = setInterval(() => controller.enqueue(new Uint8Array([0x61])), 100);
    },
    cancel() {
      clearInterval(timer);
    },
  });
}

describe('a proxy mounted in another server', () => {
  const proxy = createProxy({
    zadarma: { key: 'k', secret: 's', apiUrl: 'http://127.0.0.1:9' },
    sessionSecret: SESSION_SECRET,
    adminToken: ADMIN,
    logger: silentLogger,
    limits: { bodyTimeoutMs: 300 },
  });

  it('cuts a trickling body with 408 on every route, and closes the connection', async () => {
    const { token } = await mintSessionToken(SESSION_SECRET, { userId: 1, scopes: ['documents'] });
    const routes: [string, Record<string, string>][] = [
      ['/webhooks/zadarma/1', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['/sessions', { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }],
      [
        '/v1/documents/groups/create/',
        { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ],
      [
        '/v1/documents/upload/',
        { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=b' },
      ],
    ];
    const started = Date.now();
    const answers = await Promise.all(
      routes.map(([path, headers]) =>
        proxy.fetch(
          new Request(`http://proxy.test${path}`, {
            method: 'POST',
            headers,
            body: trickling(),
            duplex: 'half',
          } as RequestInit),
        ),
      ),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, routes[i]?.[0]).toBe(408);
      expect(answer.headers.get('connection'), routes[i]?.[0]).toBe('close');
      expect(await answer.json()).toMatchObject({ code: 'request_timeout' });
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
