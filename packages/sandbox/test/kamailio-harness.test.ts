/** startKamailio itself: fixed subscribers, and close() leaves no process behind. */
import { describe, expect, it } from 'vitest';
import { startKamailio } from '../test-support/kamailio.js';
import { SipWsClient } from '../test-support/sip-ws-client.js';

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0); // the whole process group: Kamailio and its workers
    return true;
  } catch {
    return false;
  }
};

describe('startKamailio', () => {
  it('serves fixed subscribers, and close() stops every Kamailio process', async () => {
    const kamailio = await startKamailio({ subscribers: { '7-100': 'Secret1Abc' } });
    const account = { login: '7-100', password: 'Secret1Abc', domain: kamailio.domain };
    try {
      const client = await SipWsClient.connect(kamailio.wsUrl, account);
      expect((await client.register()).status).toBe(200);
      const wrong = await SipWsClient.connect(kamailio.wsUrl, { ...account, password: 'Other1Abc' });
      expect((await wrong.register()).status).toBe(403);
      client.close();
      wrong.close();
    } finally {
      await kamailio.close();
    }
    expect(groupAlive(kamailio.pid)).toBe(false);
    await expect(SipWsClient.connect(kamailio.wsUrl, account)).rejects.toThrow();
  });

  it('needs either a sandbox or subscribers', async () => {
    await expect(startKamailio({})).rejects.toThrow(/sandboxUrl or subscribers/);
  });
});
