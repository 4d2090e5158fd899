/**
 * The phone engine in Chromium (fake microphone playing a 440 Hz tone) against the real proxy, the
 * sandbox and its SIP gateway, and — for every SIP case — Kamailio too (web-test-runner.config.mjs
 * starts both, each behind a proxy of its own). Two or three engines in one page call each other.
 */
import { expect } from '@open-wc/testing';
import { ZdApiError } from '../client/errors.js';
import { ZdClient } from '../client/zd-client.js';
import { mintToken, resetSandbox, waitFor } from '../test-support/env.js';
import {
  energyRate,
  extensions,
  mediaCalls,
  nextEvent,
  phoneFor,
  play,
  signed,
  sipServer,
  sleep,
  stopPlaying,
  type SipServerName,
} from '../test-support/phone.js';
import type { SessionCall } from './call.js';
import { createPhoneEngine } from './engine.js';
import { loadJsSip } from './jssip-loader.js';
import type { EndedDetail, PhoneCall, PhoneEngine, RegistrationState } from './types.js';

const SERVERS: SipServerName[] = ['gateway', 'kamailio'];

/** Engines made by a test, stopped after it. */
let engines: PhoneEngine[] = [];
async function phone(server: SipServerName, sip: string): Promise<PhoneEngine> {
  const engine = await phoneFor(server, sip);
  engines.push(engine);
  return engine;
}
async function registered(server: SipServerName, ...sips: string[]): Promise<PhoneEngine[]> {
  const phones = await Promise.all(sips.map((sip) => phone(server, sip)));
  await Promise.all(phones.map((p) => p.start()));
  return phones;
}

let restoreFetch: (() => void) | undefined;
afterEach(async () => {
  restoreFetch?.();
  restoreFetch = undefined;
  await Promise.all(engines.map((e) => e.stop()));
  engines = [];
});

/** Rewrites the page's credential answers (`change` gets the 1st, 2nd … answer's JSON). */
function onCredentials(change: (body: Record<string, unknown>, nth: number) => Promise<void> | void): {
  count: () => number;
} {
  const original = window.fetch;
  let n = 0;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.includes('/softphone/credentials') || !response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    await change(body, ++n);
    return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
  };
  restoreFetch = () => (window.fetch = original);
  return { count: () => n };
}

async function extensionOnline(sip: string): Promise<boolean> {
  const status = await signed('GET', `/v1/pbx/internal/${sip}/status/`);
  return status.is_online === true || status.is_online === 'true';
}

const incomingCall = (engine: PhoneEngine) =>
  nextEvent<{ call: PhoneCall }>(engine, 'call', (d) => d.call.direction === 'incoming').then((d) => d.call);
const endedOf = (engine: PhoneEngine, call?: PhoneCall, timeoutMs = 15_000) =>
  nextEvent<EndedDetail>(engine, 'ended', (d) => !call || d.call === call, timeoutMs);

afterEach(stopPlaying);

/** `from` calls `to`, `to` answers: both calls active, their audio played. */
async function talk(caller: PhoneEngine, callee: PhoneEngine, number: string) {
  const ringing = incomingCall(callee);
  const out = await caller.call(number);
  const inc = await ringing;
  expect(inc.status).to.equal('ringing');
  await inc.answer();
  await waitFor(() => out.status === 'active', 'the caller to see the answer');
  await Promise.all([play(out), play(inc)]);
  return { out, inc };
}

/** Waits until the call hears audio (its energy rate above `min`). */
const log = false;
async function hears(call: PhoneCall, what: string, min = 0.02): Promise<number> {
  const started = performance.now();
  for (;;) {
    const rate = await energyRate(call, 700);
    if (rate > min) {
      if (log) console.log(`${what}: energy rate ${rate.toFixed(4)}/s`);
      return rate;
    }
    if (performance.now() - started > 15_000) throw new Error(`${what} hears nothing (rate ${rate})`);
  }
}

describe('phone engine: loading and credentials', () => {
  before(resetSandbox);

  it('loads JsSIP only on start(), once; the default loader gives the module', async () => {
    let loads = 0;
    const engine = await phoneFor('gateway', '100', {
      loadJsSip: async () => {
        loads++;
        return loadJsSip();
      },
    });
    engines.push(engine);
    await sleep(50);
    expect(loads).to.equal(0);
    await engine.start();
    expect(loads).to.equal(1);
    expect(typeof (await loadJsSip()).UA).to.equal('function');
  });

  it('stop() while starting: start() settles, the phone stays off and unregistered', async () => {
    const engine = await phoneFor('gateway', '100');
    engines.push(engine);
    const starting = engine.start();
    await sleep(0);
    await engine.stop();
    await starting;
    await sleep(500);
    expect(engine.registration).to.equal('off');
    expect(await extensionOnline('100')).to.equal(false);
  });

  it('a session without scope softphone: failed with the proxy’s forbidden, no SIP connection', async () => {
    const { proxy } = await sipServer('gateway');
    const token = (await mintToken(['numbers:read'])).token;
    const engine = createPhoneEngine({ client: new ZdClient({ proxy, getToken: () => token }), sip: '100' });
    engines.push(engine);
    let thrown: unknown;
    await engine.start().catch((e: unknown) => (thrown = e));
    expect(thrown).to.be.instanceOf(ZdApiError);
    expect((thrown as ZdApiError).kind).to.equal('forbidden');
    expect(engine.registration).to.equal('failed');
    expect(engine.error).to.equal(thrown);
  });
});

for (const server of SERVERS) {
  describe(`phone engine through ${server}`, function () {
    this.timeout(60_000);
    let a = '100';
    let b = '101';
    let c = '102';

    before(async () => {
      // Also clears the sandbox's rate limit (100 calls a minute, as Zadarma's): each phone's
      // credentials cost two or three.
      await resetSandbox();
      [a = '100', b = '101', c = '102'] = await extensions(3);
    });

    it('registers: connecting → registered, and un-registers on stop', async () => {
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

    it('a password changed after the credentials were fetched: fetched once more, then registered', async () => {
      const fresh = `Fresh${Date.now() % 100000}x9A`;
      const seen = onCredentials(async (_body, nth) => {
        // The first answer is stale by the time JsSIP REGISTERs with it.
        if (nth === 1) await signed('PUT', `/v1/pbx/internal/${b}/password/`, { value: fresh });
      });
      const [engine] = await registered(server, b);
      expect(engine?.registration).to.equal('registered');
      expect(seen.count()).to.equal(2);
    });

    it('a wrong password: failed, with a clear error that names no password', async () => {
      const seen = onCredentials((body) => {
        body.password = 'Wrong1password';
      });
      const engine = await phone(server, a);
      const failed = nextEvent<{ state: RegistrationState; error?: Error }>(
        engine,
        'registration',
        (d) => d.state === 'failed',
      );
      let thrown: unknown;
      await engine.start().catch((e: unknown) => (thrown = e));
      const detail = await failed;
      expect(engine.registration).to.equal('failed');
      expect(seen.count()).to.equal(2);
      expect(thrown).to.be.instanceOf(Error);
      const message = (thrown as Error).message;
      expect(message).to.match(/refused the credentials of extension \d{3} \(403/);
      expect(message).not.to.include('Wrong1password');
      expect(detail.error?.message).to.equal(message);
      expect(engine.error?.message).to.equal(message);
    });

    it('calls and answers: both sides hear the other, timings in the ended detail', async () => {
      const [pa, pb] = await registered(server, a, b);
      if (!pa || !pb) throw new Error('no phones');
      const { out, inc } = await talk(pa, pb, b);
      expect(out.remote.number).to.equal(b);
      expect(inc.remote.number).to.equal(a);
      expect(out.answeredAt).to.be.a('number');
      expect(out.remoteStream).to.be.instanceOf(MediaStream);
      // The INVITE left on the first usable candidate (no trickle: the offer is what the callee got),
      // while the caller's browser has gathered more by now.
      const candidates = (sdp = '') => sdp.split('\n').filter((l) => l.startsWith('a=candidate')).length;
      expect(candidates(inc.peerConnection?.remoteDescription?.sdp)).to.equal(1);
      expect(candidates(out.peerConnection?.localDescription?.sdp)).to.be.greaterThan(1);
      await hears(out, 'the caller');
      await hears(inc, 'the callee');
      // Quality from getStats each second: on loopback a clean line, no warnings.
      await waitFor(() => (out.quality?.packets ?? 0) > 0, 'a quality sample with audio');
      expect(out.quality?.mos, 'MOS on loopback').to.be.at.least(4);
      expect(out.quality?.level).to.equal('good');
      expect(out.warnings).to.deep.equal([]);
      const endedA = endedOf(pa, out);
      const endedB = endedOf(pb, inc);
      out.hangup();
      const [da, db] = await Promise.all([endedA, endedB]);
      expect(da.disposition).to.equal('answered');
      expect(db.disposition).to.equal('answered');
      expect(da.durationMs).to.be.greaterThan(0);
      expect(da.quality?.samples, 'quality samples in the summary').to.be.at.least(1);
      expect(da.quality?.avgMos).to.be.at.least(4);
      expect(da.quality?.warnings).to.deep.equal([]);
      for (const phase of ['mediaMs', 'iceMs', 'signallingMs', 'connectedMs'] as const) {
        expect(da.timings[phase], `caller ${phase}`).to.be.a('number');
        expect(db.timings[phase], `callee ${phase}`).to.be.a('number');
      }
      console.log(
        `${server} call timings: caller ${JSON.stringify(da.timings)} callee ${JSON.stringify(db.timings)}`,
      );
      expect(pa.calls).to.have.length(0);
      expect(pb.calls).to.have.length(0);
    });

    it('declined: both ends see the disposition declined', async () => {
      const [pa, pb] = await registered(server, a, b);
      if (!pa || !pb) throw new Error('no phones');
      const ringing = incomingCall(pb);
      const out = await pa.call(b);
      const inc = await ringing;
      const endedA = endedOf(pa, out);
      const endedB = endedOf(pb, inc);
      inc.decline();
      expect((await endedA).disposition).to.equal('declined');
      expect((await endedB).disposition).to.equal('declined');
      expect(out.status).to.equal('ended');
    });

    it('cancelled while ringing: both ends see cancelled', async () => {
      const [pa, pb] = await registered(server, a, b);
      if (!pa || !pb) throw new Error('no phones');
      const ringing = incomingCall(pb);
      const out = await pa.call(b);
      const inc = await ringing;
      await waitFor(() => out.status === 'early', 'the caller to hear it ring');
      const endedA = endedOf(pa, out);
      const endedB = endedOf(pb, inc);
      out.hangup();
      expect((await endedA).disposition).to.equal('cancelled');
      expect((await endedB).disposition).to.equal('cancelled');
    });

    it('busy: a call beyond the extension’s lines (3) is refused as busy', async () => {
      const [pa, pb, pc] = await registered(server, a, b, c);
      if (!pa || !pb || !pc) throw new Error('no phones');
      const ringingAtB = () =>
        nextEvent<{ call: PhoneCall }>(pb, 'call', (d) => d.call.direction === 'incoming');
      for (const caller of [pa, pa, pc]) {
        const ringing = ringingAtB();
        await caller.call(b);
        await ringing;
      }
      expect(pb.calls).to.have.length(3);
      const fourth = await pc.call(b);
      const ended = await endedOf(pc, fourth);
      expect(ended.disposition).to.equal('busy');
      expect(pb.calls).to.have.length(3);
    });

    it('mute stops the outgoing audio, unmute brings it back', async () => {
      const [pa, pb] = await registered(server, a, b);
      if (!pa || !pb) throw new Error('no phones');
      const { out, inc } = await talk(pa, pb, b);
      const talking = await hears(inc, 'the callee');
      const changed = nextEvent<{ call: PhoneCall }>(pa, 'call', (d) => d.call === out && d.call.muted);
      out.mute(true);
      await changed;
      expect(out.muted).to.equal(true);
      await sleep(500); // what was on its way arrives
      const muted = await energyRate(inc);
      expect(muted, `muted ${muted} vs talking ${talking}`).to.be.lessThan(talking / 10);
      // The other way still flows.
      await hears(out, 'the caller while muted');
      out.mute(false);
      expect(out.muted).to.equal(false);
      await hears(inc, 'the callee after unmute');
    });

    it('call waiting: a second call rings while talking; answering it holds the first', async () => {
      const [pa, pb, pc] = await registered(server, a, b, c);
      if (!pa || !pb || !pc) throw new Error('no phones');
      const first = await talk(pa, pb, b);
      const waiting = incomingCall(pb);
      const second = await pc.call(b);
      const ringing = await waiting;
      expect(ringing.status).to.equal('ringing');
      expect(first.inc.status).to.equal('active');
      expect(pb.calls).to.have.length(2);
      await ringing.answer();
      await waitFor(() => second.status === 'active', 'the second caller to see the answer');
      await play(second);
      await play(ringing);
      expect(first.inc.status).to.equal('held');
      expect(ringing.status).to.equal('active');
      await hears(second, 'the second caller');
      await hears(ringing, 'the callee from the second caller');
      await sleep(500);
      expect(await energyRate(first.out), 'the first caller, held').to.be.lessThan(0.02);
      second.hangup();
      await waitFor(() => pb.calls.length === 1, 'the second call to end');
      await first.inc.resume();
      await hears(first.out, 'the first caller after resume');
    });

    it('a refused hold rolls back: the call goes on, audio both ways; a 491 is retried once', async () => {
      const [pa, pb] = await registered(server, a, b);
      if (!pa || !pb) throw new Error('no phones');
      const { out, inc } = await talk(pa, pb, b);
      const refusals: number[] = [488, 491, 491, 491];
      (inc as SessionCall).session?.on('reinvite', ({ reject }) => {
        const status = refusals.shift();
        if (status) reject({ status_code: status });
      });
      let refused: unknown;
      await out.hold().catch((e: unknown) => (refused = e));
      expect((refused as { status?: number } | undefined)?.status).to.equal(488);
      expect(out.status).to.equal('active');
      await hears(inc, 'the callee after the refused hold');
      await hears(out, 'the caller after the refused hold');
      // 491 Request Pending twice: retried once (JsSIP waits 1 s), then a failure that rolls back.
      refused = undefined;
      await out.hold().catch((e: unknown) => (refused = e));
      expect((refused as { status?: number } | undefined)?.status).to.equal(491);
      expect(out.status).to.equal('active');
      // Once: the retry is taken.
      const started = performance.now();
      await out.hold();
      expect(performance.now() - started).to.be.greaterThan(900);
      expect(out.status).to.equal('held');
      await sleep(500);
      expect(await energyRate(inc)).to.be.lessThan(0.02);
      await out.resume();
      expect(out.status).to.equal('active');
    });

    it('blind transfer: B sends A on to C (REFER); A talks with C, B is out', async () => {
      const [pa, pb, pc] = await registered(server, a, b, c);
      if (!pa || !pb || !pc) throw new Error('no phones');
      const { out, inc } = await talk(pa, pb, b);
      const atC = incomingCall(pc);
      const newAtA = nextEvent<{ call: PhoneCall }>(
        pa,
        'call',
        (d) => d.call !== out && d.call.direction === 'outgoing',
      );
      await inc.transfer(c);
      const toC = (await newAtA).call;
      expect(toC.remote.number).to.equal(c);
      const ringing = await atC;
      expect(ringing.remote.number).to.equal(a);
      await ringing.answer();
      await waitFor(() => toC.status === 'active', 'A to talk with C');
      await waitFor(() => pb.calls.length === 0 && out.status === 'ended', 'B to leave');
      await play(toC);
      await play(ringing);
      await hears(toC, 'A from C');
      await hears(ringing, 'C from A');
    });

    it('attended transfer: B consults C, then joins A and C (REFER with Replaces)', async () => {
      const [pa, pb, pc] = await registered(server, a, b, c);
      if (!pa || !pb || !pc) throw new Error('no phones');
      const { out: aToB, inc: bFromA } = await talk(pa, pb, b);
      await bFromA.hold();
      const { out: bToC, inc: cFromB } = await talk(pb, pc, c);
      const replacing = incomingCall(pc);
      const newAtA = nextEvent<{ call: PhoneCall }>(
        pa,
        'call',
        (d) => d.call !== aToB && d.call.direction === 'outgoing',
      );
      await bFromA.transfer(c, { attended: bToC });
      const aToC = (await newAtA).call;
      const cFromA = await replacing;
      await waitFor(() => aToC.status === 'active' && cFromA.status === 'active', 'A and C to talk', 15_000);
      await waitFor(() => pb.calls.length === 0, 'B to leave both calls');
      await waitFor(() => cFromB.status === 'ended' && aToB.status === 'ended', 'the replaced calls to end');
      await play(aToC);
      await play(cFromA);
      await hears(aToC, 'A from C');
      await hears(cFromA, 'C from A');
    });

    it('hold stops the audio both ways, resume brings it back both ways', async () => {
      const [pa, pb] = await registered(server, a, b);
      if (!pa || !pb) throw new Error('no phones');
      const { out, inc } = await talk(pa, pb, b);
      const toCallee = await hears(inc, 'the callee');
      const toCaller = await hears(out, 'the caller');
      await out.hold();
      expect(out.status).to.equal('held');
      await sleep(500);
      expect(await energyRate(inc)).to.be.lessThan(toCallee / 10);
      expect(await energyRate(out)).to.be.lessThan(toCaller / 10);
      await out.resume();
      expect(out.status).to.equal('active');
      await hears(inc, 'the callee after resume');
      await hears(out, 'the caller after resume');
    });
  });
}

describe('the session token expires mid-call (gateway)', function () {
  this.timeout(30_000);
  let a = '';
  let b = '';
  before(async () => ([a = '', b = ''] = await extensions(2)));

  it('the call goes on with audio both ways; the phone stays registered', async () => {
    const { proxy } = await sipServer('gateway');
    const answer = await fetch('/__zd/token', {
      method: 'POST',
      body: JSON.stringify({ scopes: ['softphone'], sip: [a], ttlSeconds: 3 }),
    });
    const { token, expiresAt } = (await answer.json()) as { token: string; expiresAt: string };
    const client = new ZdClient({ proxy, getToken: () => token });
    const pa = await phoneFor('gateway', a, { client });
    engines.push(pa);
    const [pb] = await registered('gateway', b);
    if (!pb) throw new Error('no phone');
    await pa.start();
    const { out, inc } = await talk(pa, pb, b);
    await sleep(Math.max(0, Date.parse(expiresAt) - Date.now()) + 1000);
    // The token is dead for the proxy now …
    const refused = await fetch(`${proxy}/softphone/credentials?sip=${a}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).to.equal(401);
    // … and the call never needed it: SIP and media go on by themselves.
    expect(out.status).to.equal('active');
    await hears(out, 'the caller after the token expired');
    await hears(inc, 'the callee after the token expired');
    expect(pa.registration).to.equal('registered');
  });
});

describe('quality warnings (gateway)', function () {
  this.timeout(30_000);
  let a = '';
  let b = '';
  before(async () => ([a = '', b = ''] = await extensions(2)));

  it('a microphone that gives no sound: no-microphone-audio after 5 s, not while muted; in the summary', async () => {
    // A live audio track with nothing in it, as a dead or switched-off microphone gives.
    const silent = async () => {
      const context = new AudioContext();
      return context.createMediaStreamDestination().stream;
    };
    const pa = await phone('gateway', a);
    const pb = await phoneFor('gateway', b, { getMicrophone: silent });
    engines.push(pb);
    await Promise.all([pa.start(), pb.start()]);
    const { inc } = await talk(pa, pb, b);
    const raised = nextEvent<{ code: string; active: boolean }>(pb, 'warning', (d) => d.active);
    expect((await raised).code).to.equal('no-microphone-audio');
    expect(inc.warnings).to.deep.equal(['no-microphone-audio']);
    const cleared = nextEvent<{ code: string; active: boolean }>(pb, 'warning', (d) => !d.active);
    inc.mute(true); // silence is expected now
    expect((await cleared).code).to.equal('no-microphone-audio');
    const ended = nextEvent<EndedDetail>(pb, 'ended');
    inc.hangup();
    expect((await ended).quality?.warnings).to.deep.equal(['no-microphone-audio']);
  });
});

describe('a caller from outside (the sandbox rings the extension for real, gateway only)', function () {
  this.timeout(60_000);
  before(resetSandbox);

  it('rings, is answered, the tone party is heard and the sandbox hangs up', async () => {
    const [a = '100'] = await extensions(1);
    const [engine] = await registered('gateway', a);
    if (!engine) throw new Error('no phone');
    const ringing = incomingCall(engine);
    const answer = await fetch('/__zd/sandbox/calls', {
      method: 'POST',
      body: JSON.stringify({ from: '4930123456', extension: a, party: 'tone', durationSeconds: 4 }),
    });
    expect(answer.status).to.equal(202);
    const call = await ringing;
    expect(call.remote.number).to.match(/4930123456$/);
    // The sandbox hangs up 4 s after the answer; the wait also covers a slow `hears` on a busy machine.
    const ended = endedOf(engine, call, 40_000);
    await call.answer();
    await play(call);
    await hears(call, 'the phone from the tone party');
    const detail = await ended;
    expect(detail.disposition).to.equal('answered');
    expect(detail.durationMs).to.be.greaterThan(2000);
  });
});

describe('survival (gateway: its faults drop the WebSockets)', function () {
  this.timeout(60_000);
  before(resetSandbox);
  afterEach(async () => {
    await fetch('/__zd/sandbox/sip/faults', { method: 'DELETE' });
  });

  it('WebSocket lost: reconnecting → registered again, the call goes on with audio both ways', async () => {
    const [a = '100', b = '101'] = await extensions(2);
    const [pa, pb] = await registered('gateway', a, b);
    if (!pa || !pb) throw new Error('no phones');
    const { out, inc } = await talk(pa, pb, b);
    await hears(out, 'the caller');
    const states: RegistrationState[] = [];
    pa.addEventListener('registration', (e) => states.push(e.detail.state));
    const errors: string[] = [];
    pa.addEventListener('error', (e) => errors.push(e.detail.error.message));
    const back = nextEvent<{ state: RegistrationState }>(pa, 'registration', (d) => d.state === 'registered');
    const drop = await fetch('/__zd/sandbox/sip/faults', {
      method: 'POST',
      body: JSON.stringify({ dropConnections: true }),
    });
    expect(drop.ok).to.equal(true);
    await back;
    expect(states).to.include('reconnecting');
    expect(states.at(-1)).to.equal('registered');
    await waitFor(() => pb.registration === 'registered', 'the callee to register again');
    expect(out.status).to.equal('active');
    expect(inc.status).to.equal('active');
    await sleep(1500); // the target refresh (or re-INVITE with an ICE restart) has had its answer
    // Each phone's next in-dialog request, from its new WebSocket, moves its side of the dialog there
    // (the gateway's flow recovery): the refresh is accepted, and so is the BYE after it.
    expect(errors, errors.join()).to.deep.equal([]);
    expect(pa.calls).to.have.length(1);
    await hears(out, 'the caller after the reconnection');
    await hears(inc, 'the callee after the reconnection');
    const calleeEnded = endedOf(pb, inc, 10_000);
    out.hangup();
    expect((await calleeEnded).disposition).to.equal('answered');
  });
});

describe('survival: registrations refused for a while after a lost connection (gateway)', function () {
  this.timeout(60_000);
  before(resetSandbox);
  afterEach(async () => {
    await fetch('/__zd/sandbox/sip/faults', { method: 'DELETE' });
  });

  it('stays reconnecting through the 503s, retries, registers again', async () => {
    const [a = '100'] = await extensions(1);
    const [engine] = await registered('gateway', a);
    if (!engine) throw new Error('no phone');
    const states: RegistrationState[] = [];
    engine.addEventListener('registration', (e) => states.push(e.detail.state));
    const fault = (body: unknown) =>
      fetch('/__zd/sandbox/sip/faults', { method: 'POST', body: JSON.stringify(body) });
    expect((await fault({ refuseRegistrations: { forMs: 2500, status: 503 } })).ok).to.equal(true);
    expect((await fault({ dropConnections: true })).ok).to.equal(true);
    await nextEvent(
      engine,
      'registration',
      (d: { state: RegistrationState }) => d.state === 'registered',
      20_000,
    );
    expect(states).to.include('reconnecting');
    expect(states).not.to.include('failed');
    expect(await extensionOnline(a)).to.equal(true);
  });
});

describe('digits to the sandbox recorder (+493023125004, gateway only: Kamailio cannot reach the party)', function () {
  this.timeout(60_000);
  const RECORDER = '+493023125004';
  before(resetSandbox);

  async function recorderCall(engine: PhoneEngine) {
    const before = new Set((await mediaCalls()).map((c) => c.id));
    const call = await engine.call(RECORDER);
    await waitFor(() => call.status === 'active', 'the recorder to answer', 15_000);
    const entry = async () => (await mediaCalls()).find((c) => !before.has(c.id) && c.number === RECORDER);
    return { call, entry };
  }

  it('RFC 4733 by default: the party hears the digits in the media', async () => {
    const [a = '100'] = await extensions(1);
    const [engine] = await registered('gateway', a);
    if (!engine) throw new Error('no phone');
    const { call, entry } = await recorderCall(engine);
    await sleep(300);
    call.sendDtmf('12#');
    let heard = '';
    await waitFor(
      () => {
        void entry().then((e) => (heard = e?.media.digits ?? ''));
        return heard === '12#';
      },
      'the recorder to hear 12#',
      10_000,
    ).catch(() => undefined);
    expect(heard).to.equal('12#');
    const report = await entry();
    expect(report?.infoDigits).to.equal('');
    expect(report?.media.audioEnergy).to.be.greaterThan(0);
    call.hangup();
  });

  it('SIP INFO on request: the party gets the digits in INFO, none in the media', async () => {
    const [a = '100'] = await extensions(1);
    const [engine] = await registered('gateway', a);
    if (!engine) throw new Error('no phone');
    const { call, entry } = await recorderCall(engine);
    call.sendDtmf('9*', { transport: 'info' });
    let info = '';
    await waitFor(
      () => {
        void entry().then((e) => (info = e?.infoDigits ?? ''));
        return info === '9*';
      },
      'the recorder to get 9* by INFO',
      10_000,
    ).catch(() => undefined);
    expect(info).to.equal('9*');
    expect((await entry())?.media.digits).to.equal('');
    call.hangup();
  });
});
