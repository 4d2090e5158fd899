/**
 * The phone engine in Chromium (fake microphone playing a tone) against the real proxy, the sandbox and
 * its SIP gateway, and — for every SIP case — Kamailio too (web-test-runner.config.mjs starts both).
 */
import { expect } from '@open-wc/testing';
import type { EndedDetail, PhoneCall, PhoneEngine, RegistrationState } from './types.js';
import {
  extensions,
  inboundAudio,
  mediaCalls,
  nextEvent,
  phoneFor,
  signed,
  sleep,
  type SipServerName,
} from '../test-support/phone.js';

const SERVERS: SipServerName[] = ['gateway', 'kamailio'];

/** Engines made by a test, stopped after it. */
let engines: PhoneEngine[] = [];
async function phone(server: SipServerName, sip: string, extra = {}): Promise<PhoneEngine> {
  const engine = await phoneFor(server, sip, extra);
  engines.push(engine);
  return engine;
}
afterEach(async () => {
  await Promise.all(engines.map((e) => e.stop()));
  engines = [];
});

async function extensionOnline(sip: string): Promise<boolean> {
  const status = await signed('GET', `/v1/pbx/internal/${sip}/status/`);
  return status.is_online === true || status.is_online === 'true';
}

for (const server of SERVERS) {
  describe(`phone engine through ${server}`, function () {
    this.timeout(40_000);
    let a = '100';
    let b = '101';

    before(async () => {
      [a = '100', b = '101'] = await extensions(2);
    });

    it('registers: state connecting → registered', async () => {
      const engine = await phone(server, a);
      const states: RegistrationState[] = [];
      engine.addEventListener('registration', (e) => states.push(e.detail.state));
      expect(engine.registration).to.equal('off');
      await engine.start();
      expect(engine.registration).to.equal('registered');
      expect(states).to.deep.equal(['connecting', 'registered']);
      if (server === 'gateway') expect(await extensionOnline(a)).to.equal(true);
      await engine.stop();
      expect(engine.registration).to.equal('off');
      if (server === 'gateway') expect(await extensionOnline(a)).to.equal(false);
    });
  });
}
