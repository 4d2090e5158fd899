/**
 * "Test my setup" in Chromium (fake devices) against the real proxy, the sandbox's SIP gateway and
 * Kamailio: each check on its own, then the whole run as the element starts it.
 */
import { expect } from '@open-wc/testing';
import { ZdClient } from '../client/zd-client.js';
import { resetSandbox } from '../test-support/env.js';
import {
  extensions,
  phoneFor,
  sipServer,
  softphoneToken,
  type SipServerName,
} from '../test-support/phone.js';
import { listDevices } from './devices.js';
import {
  checkGateway,
  checkIce,
  checkMicrophoneLevel,
  checkRegistration,
  checkSpeaker,
  iceVerdict,
  isLocalAddress,
  optionsRequest,
  responseStatus,
  runPreflight,
  type CheckResult,
  type PreflightCheck,
} from './preflight.js';
import type { PhoneEngine } from './types.js';

/** Silence: an AudioContext's stream with nothing playing into it. */
function silence(): MediaStream {
  const context = new AudioContext();
  void context.resume();
  return context.createMediaStreamDestination().stream;
}

describe('preflight: the microphone', () => {
  it('the fake microphone’s tone is heard: ok, with its level in dBFS', async () => {
    const outcome = await checkMicrophoneLevel('');
    expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
    expect(outcome.value).to.be.a('number').within(-60, 0);
    expect(outcome.advice).to.equal(undefined);
  });

  it('a silent microphone: "no audio from your microphone"', async () => {
    const outcome = await checkMicrophoneLevel(silence());
    expect(outcome).to.deep.equal({ ok: false, value: -Infinity, advice: 'no-audio' });
  });

  it('a device that cannot be opened: microphone-blocked', async () => {
    const outcome = await checkMicrophoneLevel('0'.repeat(64));
    expect(outcome).to.deep.equal({ ok: false, advice: 'microphone-blocked' });
  });
});

describe('preflight: the speaker', () => {
  it('plays a tone on the chosen output', async () => {
    const { speakers } = await listDevices();
    const output = speakers[1]?.deviceId ?? '';
    const audio = new Audio();
    const outcome = await checkSpeaker(output, { durationMs: 300, audio });
    expect(outcome).to.deep.equal({ ok: true, value: output });
  });

  describe('without setSinkId', () => {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'setSinkId');
    before(() => delete (HTMLMediaElement.prototype as Partial<HTMLMediaElement>).setSinkId);
    after(() => descriptor && Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', descriptor));

    it('the tone plays on the system’s output, and says so', async () => {
      const outcome = await checkSpeaker('a'.repeat(64), { durationMs: 300 });
      expect(outcome).to.deep.equal({ ok: true, value: '', advice: 'output-fixed' });
    });
  });
});

describe('preflight: SIP OPTIONS text', () => {
  it('is a request a WebSocket client sends, and only its own answer counts', () => {
    const text = optionsRequest('sip.example', true, 'abc123');
    expect(text.split('\r\n')[0]).to.equal('OPTIONS sip:sip.example SIP/2.0');
    expect(text).to.match(/\r\nVia: SIP\/2\.0\/WSS [a-z0-9]+\.invalid;branch=z9hG4bK/);
    expect(text).to.contain('\r\nCall-ID: abc123\r\n');
    expect(text.endsWith('Content-Length: 0\r\n\r\n')).to.equal(true);
    expect(responseStatus('SIP/2.0 200 OK\r\nCall-ID: abc123\r\n\r\n', 'abc123')).to.equal(200);
    expect(
      responseStatus('SIP/2.0 407 Proxy Authentication Required\r\ni: abc123\r\n\r\n', 'abc123'),
    ).to.equal(407);
    expect(responseStatus('SIP/2.0 200 OK\r\nCall-ID: other\r\n\r\n', 'abc123')).to.equal(undefined);
    expect(responseStatus('OPTIONS sip:x SIP/2.0\r\nCall-ID: abc123\r\n\r\n', 'abc123')).to.equal(undefined);
  });
});

describe('preflight: what the ICE candidates mean', () => {
  const host = (address: string) => ({ type: 'host', address });
  it('only local addresses: TURN needed; a reflexive or relay candidate or a public address: ok', () => {
    expect(iceVerdict([host('192.168.1.20'), host('abcd-1234.local')])).to.deep.equal({
      ok: false,
      value: { host: 2, srflx: 0, relay: 0 },
      advice: 'turn-needed',
    });
    expect(iceVerdict([host('10.0.0.2'), { type: 'srflx', address: '93.184.216.34' }]).ok).to.equal(true);
    expect(iceVerdict([host('10.0.0.2'), { type: 'relay', address: '151.101.1.1' }]).ok).to.equal(true);
    expect(iceVerdict([host('93.184.216.34')]).ok).to.equal(true);
    expect(iceVerdict([])).to.deep.equal({
      ok: false,
      value: { host: 0, srflx: 0, relay: 0 },
      advice: 'no-network',
    });
    for (const local of [
      '127.0.0.1',
      '192.0.2.2',
      '203.0.113.9',
      '172.20.1.1',
      '100.64.0.1',
      '169.254.3.4',
      'fd00::1',
      '[fd00::2]',
      'fe80::1',
      '[::1]',
      '2001:db8::1',
    ])
      expect(isLocalAddress(local), local).to.equal(true);
    for (const open of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2a00:1450::1'])
      expect(isLocalAddress(open), open).to.equal(false);
  });

  it('gathers with the credentials’ iceServers: here (none; loopback and a documentation address) TURN is advised', async () => {
    const outcome = await checkIce([], { timeoutMs: 3000 });
    expect(outcome.ok).to.equal(false);
    expect(outcome.advice).to.equal('turn-needed');
    expect(outcome.value?.host).to.be.greaterThan(0);
    expect(outcome.value?.srflx).to.equal(0);
  });
});

describe('preflight: an unreachable gateway', () => {
  it('nothing listens: gateway-unreachable', async () => {
    const outcome = await checkGateway('ws://127.0.0.1:9/', 'sip.example', { timeoutMs: 3000 });
    expect(outcome).to.deep.equal({ ok: false, advice: 'gateway-unreachable' });
  });
});

for (const server of ['gateway', 'kamailio'] as SipServerName[]) {
  describe(`preflight against ${server}`, function () {
    this.timeout(30_000);
    let sip = '100';
    let engines: PhoneEngine[] = [];
    before(async () => {
      await resetSandbox();
      [sip = '100'] = await extensions(1);
    });
    afterEach(async () => {
      await Promise.all(engines.map((e) => e.stop()));
      engines = [];
    });

    it('the gateway answers OPTIONS over the WebSocket: ok, with the round trip', async () => {
      const { wsUrl, domain } = await sipServer(server);
      const outcome = await checkGateway(wsUrl, domain);
      expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
      // The gateway answers OPTIONS itself; Kamailio asks for credentials first: both are SIP servers.
      expect(outcome.value?.status).to.equal(server === 'gateway' ? 200 : 407);
      expect(outcome.value?.rttMs).to.be.a('number').at.least(0).below(2000);
      expect(outcome.value?.connectMs).to.be.a('number').at.least(0);
      console.log(`${server} OPTIONS: ${JSON.stringify(outcome.value)}`);
    });

    it('registration: REGISTER → 200 measured; an engine of its own is stopped again', async () => {
      const engine = await phoneFor(server, sip);
      engines.push(engine);
      const outcome = await checkRegistration(engine);
      expect(outcome.ok, JSON.stringify(outcome)).to.equal(true);
      expect(outcome.value).to.be.a('number').at.least(0).below(5000);
      expect(engine.registration).to.equal('off');
      console.log(`${server} REGISTER → 200: ${outcome.value} ms`);
    });

    it('a registered engine: its own registration is told, and it stays registered', async () => {
      const engine = await phoneFor(server, sip);
      engines.push(engine);
      await engine.start();
      const outcome = await checkRegistration(engine);
      expect(outcome).to.deep.equal({ ok: true, value: engine.registerMs });
      expect(engine.registration).to.equal('registered');
    });

    it('the whole run: each check reported in order; reachability and registration ok', async () => {
      const { proxy } = await sipServer(server);
      const token = await softphoneToken([sip]);
      const client = new ZdClient({ proxy, getToken: () => token });
      const seen: [PreflightCheck, CheckResult<unknown>][] = [];
      await runPreflight(
        {
          client,
          sip,
          microphone: '',
          speaker: '',
          engine: async () => {
            const engine = await phoneFor(server, sip);
            engines.push(engine);
            return engine;
          },
        },
        (check, outcome) => seen.push([check, outcome]),
      );
      expect(seen.map(([check]) => check)).to.deep.equal([
        'microphone',
        'speaker',
        'gateway',
        'registration',
        'network',
      ]);
      const outcome = Object.fromEntries(seen);
      for (const check of ['microphone', 'speaker', 'gateway', 'registration'])
        expect(outcome[check]?.ok, `${check}: ${JSON.stringify(outcome[check])}`).to.equal(true);
      expect(outcome.network?.advice).to.equal('turn-needed');
      // The credentials went nowhere: not into a result.
      expect(JSON.stringify(seen)).not.to.match(/password/i);
    });

    it('a session without the softphone scope: the server checks say the access data is missing', async () => {
      const { proxy } = await sipServer(server);
      const answer = await fetch('/__zd/token', {
        method: 'POST',
        body: JSON.stringify({ scopes: ['numbers:read'] }),
      });
      const { token } = (await answer.json()) as { token: string };
      const client = new ZdClient({ proxy, getToken: () => token });
      const seen: Partial<Record<PreflightCheck, CheckResult<unknown>>> = {};
      await runPreflight(
        {
          client,
          sip,
          microphone: silence(),
          speaker: '',
          engine: () => Promise.reject(new Error('unused')),
        },
        (check, outcome) => (seen[check] = outcome),
      );
      expect(seen.microphone?.advice).to.equal('no-audio');
      for (const check of ['gateway', 'registration', 'network'] as const)
        expect(seen[check]).to.deep.equal({ ok: false, advice: 'no-credentials' });
    });
  });
}
