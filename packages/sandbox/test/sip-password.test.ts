/** `GET /sandbox/sip/password?login=`: a login's current password, for SIP servers on this machine only. */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { testSandbox } from './helpers.js';

/** An address of this machine that is not loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('/sandbox/sip/password', () => {
  let running: RunningSandbox;
  let login: string;

  beforeAll(async () => {
    running = await startSandbox({
      port: 0,
      host: lanAddress ? '0.0.0.0' : '127.0.0.1',
      verificationDelayMs: null,
    });
    const pbx = running.sandbox.state.users.find((u) => u.id === running.demoUser.id)?.pbx;
    login = `${pbx?.id ?? 0}-${running.demoUser.sip}`;
  });
  afterAll(() => running?.close());

  const port = () => new URL(running.url).port;
  const ask = (query: string, host = '127.0.0.1') =>
    fetch(`http://${host}:${port()}/sandbox/sip/password?${query}`);

  it("answers a loopback caller the login's current password as plain text, not cached", async () => {
    const res = await ask(`login=${login}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(running.demoUser.sipPassword);
  });

  it('refuses a malformed login (400) and answers an unknown one 404', async () => {
    expect((await ask('login=100')).status).toBe(400);
    expect((await ask('login=')).status).toBe(400);
    expect((await ask(`login=${login.replace(/-\d+$/, '-999')}`)).status).toBe(404);
    expect((await ask('login=999999-100')).status).toBe(404);
  });

  it.skipIf(!lanAddress)('refuses a caller that is not on loopback', async () => {
    const res = await ask(`login=${login}`, lanAddress);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(running.demoUser.sipPassword);
  });

  it('refuses an in-process caller (no socket to tell where it comes from)', async () => {
    const answer = await testSandbox()
      .fetch(new Request('http://sandbox.test/sandbox/sip/password?login=5001-100'))
      .then((r) => r.status);
    expect(answer).toBe(403);
  });
});
