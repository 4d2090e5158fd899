/**
 * The credentials do what they are for: a SIP phone registers with exactly what
 * `GET /softphone/credentials` answers, at an independent SIP server (Debian's Kamailio, which checks
 * digests against the sandbox's passwords), and a changed password takes effect at the next call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@zadarma-elements/sandbox';
import {
  kamailioInstalled,
  startKamailio,
  type RunningKamailio,
} from '../../sandbox/test-support/kamailio.js';
import { SipWsClient } from '../../sandbox/test-support/sip-ws-client.js';
import { createProxy, type Proxy } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import type { SoftphoneCredentials } from '../src/routes/softphone.js';
import { mintSessionToken } from '../src/session/tokens.js';
import { ZadarmaClient } from '../src/upstream/client.js';
import { SESSION_SECRET } from './harness.js';

describe.skipIf(!kamailioInstalled() && !process.env.CI)('softphone credentials register at Kamailio', () => {
  let sandbox: RunningSandbox;
  let kamailio: RunningKamailio;
  let proxy: Proxy;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    kamailio = await startKamailio({ sandboxUrl: sandbox.url });
    proxy = createProxy({
      zadarma: { key: sandbox.key, secret: sandbox.secret, apiUrl: sandbox.url },
      sessionSecret: SESSION_SECRET,
      logger: silentLogger,
      softphone: { wsUrl: kamailio.wsUrl, domain: kamailio.domain, iceServers: [] },
    });
    ({ token } = await mintSessionToken(SESSION_SECRET, {
      userId: sandbox.demoUser.id,
      scopes: ['softphone'],
      sip: [sandbox.demoUser.sip],
    }));
  });
  afterAll(async () => {
    await kamailio?.close();
    await sandbox?.close();
  });

  const credentials = async () => {
    const response = await proxy.fetch(
      new Request(`http://proxy.test/softphone/credentials?sip=${sandbox.demoUser.sip}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(response.status).toBe(200);
    return (await response.json()) as SoftphoneCredentials;
  };
  const register = async (c: SoftphoneCredentials) => {
    expect(c.authorizationUser).toBe(c.login);
    const phone = await SipWsClient.connect(c.wsUrl, {
      login: c.login,
      password: c.password,
      domain: c.domain,
    });
    try {
      return (await phone.register()).status;
    } finally {
      phone.close();
    }
  };

  it('registers with the answer as it is; after a password change, only the new answer does', async () => {
    const first = await credentials();
    expect(await register(first)).toBe(200);

    const backend = new ZadarmaClient({ key: sandbox.key, secret: sandbox.secret, baseUrl: sandbox.url });
    await backend.call('pbx.internal.password.put', {
      user_id: sandbox.demoUser.id,
      sip: sandbox.demoUser.sip,
      value: 'Rotated4Password',
    });
    expect(await register(first)).toBe(403);
    const second = await credentials();
    expect(second.password).toBe('Rotated4Password');
    expect(await register(second)).toBe(200);
  });
});
