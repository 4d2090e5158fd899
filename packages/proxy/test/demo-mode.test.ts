/**
 * What `npm start` gives the demo page (sandbox mode): a session whose softphone may use extensions 100
 * and 101, both with SIP credentials, and `POST /dev/call`, a caller from outside whose call
 * notifications come back to the page on `GET /events` (the softphone's screen-pop).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, startProxy, type RunningProxy } from '../src/index.js';
import { SESSION_SECRET } from './harness.js';

describe('the demo customer in sandbox mode', () => {
  let proxy: RunningProxy;
  let token: string;

  beforeAll(async () => {
    proxy = await startProxy(
      configFromEnv({ ZD_SANDBOX: '1', ZD_SESSION_SECRET: SESSION_SECRET, PORT: '0', ZD_LOG_LEVEL: 'error' }),
    );
    const session = await fetch(`${proxy.url}/dev/session`, { method: 'POST' });
    token = ((await session.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('mints sessions for both phones and the screen-pop: scopes softphone and events, sip 100 and 101', () => {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      scp: string[];
      sip: string[];
    };
    expect(claims.scp).toEqual(expect.arrayContaining(['softphone', 'events']));
    expect(claims.sip).toEqual(['100', '101']);
  });

  it('has two extensions with SIP credentials, at the sandbox gateway', async () => {
    for (const sip of ['100', '101']) {
      const answer = await fetch(`${proxy.url}/softphone/credentials?sip=${sip}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
      const credentials = (await answer.json()) as { login: string; wsUrl: string };
      expect(credentials.login).toMatch(new RegExp(`^\\d+-${sip}$`));
      expect(credentials.wsUrl).toBe(proxy.softphone?.wsUrl);
    }
  });

  it('rings from outside, and the notifications reach the page’s event stream', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${proxy.url}/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body?.getReader();
    if (!reader) throw new Error('no stream body');
    let seen = '';
    const until = async (text: string) => {
      const decoder = new TextDecoder();
      while (!seen.includes(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before ${text}`);
        seen += decoder.decode(value, { stream: true });
      }
    };
    await until(':'); // the stream is open (a comment or an event)

    // The page cannot choose whose PBX rings: `userId` is the session's, whatever it sends.
    const ring = await fetch(`${proxy.url}/dev/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+4930111222', userId: 300001 }),
    });
    expect(ring.status).toBe(200); // no phone registered: scripted
    await until('NOTIFY_END');
    expect(seen).toContain('NOTIFY_START');
    expect(seen).toContain('4930111222');
    controller.abort();
  });

  it('refuses a body that is not JSON', async () => {
    const ring = await fetch(`${proxy.url}/dev/call`, { method: 'POST', body: 'ring ring' });
    expect(ring.status).toBe(400);
  });

  it('onboards a new customer for the onboarding page, as far as the SMS code, and mints only its sessions', async () => {
    const onboard = (body: unknown) =>
      fetch(`${proxy.url}/dev/onboard`, { method: 'POST', body: JSON.stringify(body) });
    const first = await onboard({ email: 'neu@example.de', phone: '+4930111222' });
    expect(first.status).toBe(200);
    const { outcome, progress } = (await first.json()) as {
      outcome: { status: string; for: string; userId: number };
      progress: { step: string; kind: string }[];
    };
    expect(outcome).toMatchObject({ status: 'waiting', for: 'phone_code' });
    expect(progress.map((p) => `${p.step} ${p.kind}`)).toEqual([
      'register done',
      'phone done',
      'phone_confirmed waiting',
    ]);
    const session = await fetch(`${proxy.url}/dev/onboard/session?email=neu@example.de`, { method: 'POST' });
    const { token: customerToken } = (await session.json()) as { token: string };
    const claims = JSON.parse(
      Buffer.from(customerToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as {
      sub: string;
      scp: string[];
    };
    expect(claims).toMatchObject({
      sub: String(outcome.userId),
      scp: ['phone:verify', 'pbx:manage', 'numbers:read'],
    });

    const stranger = await fetch(`${proxy.url}/dev/onboard/session?email=demo@example.de`, {
      method: 'POST',
    });
    expect(stranger.status).toBe(404);
    expect((await onboard({ email: 'not an address', phone: '+4930111222' })).status).toBe(400);
  });
});
