/**
 * phone/shared-engine.ts in Chromium: two "tabs" are two same-origin iframes (each its own browsing
 * context, its own Web Locks client and module copies; removing one discards it as closing a tab does),
 * each with a shared engine whose real engine registers through the real proxy at the sandbox gateway.
 * A third, plain engine in the top page calls them.
 */
import { expect } from '@open-wc/testing';
import { ZdApiError } from '../client/errors.js';
import { resetSandbox, waitFor } from '../test-support/env.js';
import { extensions, inboundAudio, nextEvent, phoneFor, signed, sleep } from '../test-support/phone.js';
import { createTabLeadership, type TabLeadership } from './leader.js';
import {
  createSharedEngine,
  type SharedCommand,
  type SharedPhoneEngine,
  type SharedSnapshot,
} from './shared-engine.js';
import type { EndedDetail, PhoneCall, PhoneEngine, RegistrationState } from './types.js';

interface Tab {
  frame: HTMLIFrameElement;
  engine: SharedPhoneEngine;
  /** The WebSocket URLs this tab opened (JsSIP's SIP connection). */
  sockets: string[];
  /** How many real engines this tab made (once per leadership). */
  made: () => number;
}

interface TabWindow extends Window {
  tab?: Omit<Tab, 'frame'>;
}

const sharedUrl = new URL('./shared-engine.ts', import.meta.url).pathname;
const phoneUrl = new URL('../test-support/phone.ts', import.meta.url).pathname;
let frames: HTMLIFrameElement[] = [];
let engines: PhoneEngine[] = [];

/** A tab: an iframe with a shared engine for `sip` (its real engine through the gateway's proxy). */
async function openTab(sip: string, userKey: string): Promise<Tab> {
  const frame = document.createElement('iframe');
  frame.allow = 'microphone; autoplay';
  frame.srcdoc = `<!doctype html><script type="module">
    import { createSharedEngine } from ${JSON.stringify(sharedUrl)};
    import { phoneFor } from ${JSON.stringify(phoneUrl)};
    const sockets = [];
    const Socket = window.WebSocket;
    window.WebSocket = class extends Socket {
      constructor(url, protocols) { super(url, protocols); sockets.push(String(url)); }
    };
    let made = 0;
    const engine = createSharedEngine({
      sip: ${JSON.stringify(sip)},
      userKey: ${JSON.stringify(userKey)},
      makeEngine: () => { made++; return phoneFor('gateway', ${JSON.stringify(sip)}); },
    });
    window.tab = { engine, sockets, made: () => made };
  </script>`;
  document.body.append(frame);
  frames.push(frame);
  const tab = await waitFor(() => (frame.contentWindow as TabWindow | null)?.tab, 'the tab to load', 10_000);
  return { ...tab, frame };
}

async function extensionOnline(sip: string): Promise<boolean> {
  const status = await signed('GET', `/v1/pbx/internal/${sip}/status/`);
  return status.is_online === true || status.is_online === 'true';
}

const incomingCall = (engine: PhoneEngine) =>
  nextEvent<{ call: PhoneCall }>(engine, 'call', (d) => d.call.direction === 'incoming').then((d) => d.call);
const endedOf = (engine: PhoneEngine, id: string) =>
  nextEvent<EndedDetail>(engine, 'ended', (d) => d.call.id === id);

/** Plays a call's remote audio in `doc` (Chromium measures inbound energy only of audio played out). */
function play(call: PhoneCall, doc: Document): void {
  const stream = call.remoteStream;
  if (!stream) throw new Error('no remote audio');
  const audio = doc.createElement('audio');
  audio.autoplay = true;
  audio.srcObject = stream;
  doc.body.append(audio);
}

async function hears(call: PhoneCall, what: string): Promise<void> {
  const started = performance.now();
  let before = (await inboundAudio(call)).energy;
  for (;;) {
    await sleep(700);
    const now = (await inboundAudio(call)).energy;
    if (((now - before) * 1000) / 700 > 0.02) return;
    before = now;
    if (performance.now() - started > 15_000) throw new Error(`${what} hears nothing`);
  }
}

let keys = 0;
const freshKey = () => `test-${Date.now()}-${keys++}`;

describe('shared engine: two tabs, one registration (gateway)', function () {
  this.timeout(90_000);
  let a = '100';
  let b = '101';

  before(async () => {
    await resetSandbox();
    [a = '100', b = '101'] = await extensions(2);
  });

  afterEach(async () => {
    await Promise.all(engines.map((e) => e.stop().catch(() => undefined)));
    engines = [];
    for (const frame of frames) {
      const tab = (frame.contentWindow as TabWindow | null)?.tab;
      await tab?.engine.stop().catch(() => undefined);
      frame.remove();
    }
    frames = [];
  });

  it('a second tab: one registration, remote control works, leadership moves on close', async () => {
    const key = freshKey();
    const first = await openTab(a, key);
    await first.engine.start();
    expect(first.engine.leads).to.equal(true);
    expect(first.engine.registration).to.equal('registered');

    const second = await openTab(a, key);
    await second.engine.start();
    expect(second.engine.leads).to.equal(false);
    expect(second.engine.registration).to.equal('registered');

    // One registration: one real engine, one SIP connection, in the first tab only.
    await sleep(300);
    expect([first.made(), second.made()]).to.deep.equal([1, 0]);
    expect(first.sockets).to.have.length(1);
    expect(second.sockets).to.deep.equal([]);
    expect(await extensionOnline(a)).to.equal(true);

    // An incoming call rings in both tabs.
    const caller = await phoneFor('gateway', b);
    engines.push(caller);
    await caller.start();
    const ringsFirst = incomingCall(first.engine);
    const ringsSecond = incomingCall(second.engine);
    const out = await caller.call(a);
    const [inLeader, inFollower] = await Promise.all([ringsFirst, ringsSecond]);
    expect(inFollower.id).to.equal(inLeader.id);
    expect(inLeader.status).to.equal('ringing');
    expect(inFollower.status).to.equal('ringing');
    expect(inFollower.remoteStream).to.equal(undefined);
    expect(inFollower.peerConnection).to.equal(undefined);

    // The follower answers: active in both tabs, two-way audio on the leader's peer connection.
    await inFollower.answer();
    await waitFor(() => inLeader.status === 'active', 'the leader’s call to be active');
    await waitFor(() => inFollower.status === 'active', 'the follower’s call to be active');
    await waitFor(() => out.status === 'active', 'the caller to see the answer');
    expect(inLeader.peerConnection).to.not.equal(undefined);
    play(inLeader, first.frame.contentDocument as Document);
    play(out, document);
    await Promise.all([hears(inLeader, 'the leader tab'), hears(out, 'the caller')]);
    // The leader measures the call's quality each second; the follower shows the same figures.
    const quality = await waitFor(() => inFollower.quality, 'the call’s quality in the follower', 5000);
    expect(quality.mos).to.be.above(1);

    // The follower mutes: the leader's call is muted.
    inFollower.mute(true);
    await waitFor(() => inLeader.muted, 'the leader’s call to be muted');
    await waitFor(() => inFollower.muted, 'the follower to show it muted');
    inFollower.mute(false);
    await waitFor(() => !inLeader.muted, 'the leader’s call to be unmuted');

    // The follower hangs up: ended in both tabs (the follower's history gets the leader's detail).
    const endedFirst = endedOf(first.engine, inLeader.id);
    const endedSecond = endedOf(second.engine, inLeader.id);
    inFollower.hangup();
    const [leaderEnd, followerEnd] = await Promise.all([endedFirst, endedSecond]);
    expect(followerEnd.disposition).to.equal('answered');
    expect(followerEnd.disposition).to.equal(leaderEnd.disposition);
    expect(followerEnd.durationMs).to.equal(leaderEnd.durationMs);
    expect(followerEnd.quality).to.deep.equal(leaderEnd.quality);
    expect(followerEnd.quality).to.not.equal(undefined);
    expect(followerEnd.call.status).to.equal('ended');
    expect(second.engine.calls).to.deep.equal([]);
    await waitFor(() => out.status === 'ended', 'the caller’s call to end');

    // The leader's tab closes: the follower takes over and registers by itself.
    const closed = performance.now();
    first.frame.remove();
    await waitFor(
      () => second.engine.leads && second.engine.registration === 'registered',
      'a new leader',
      8000,
    );
    const tookMs = performance.now() - closed;
    expect(tookMs).to.be.below(5000);
    expect(second.made()).to.equal(1);
    expect(second.sockets).to.have.length(1);
    expect(await extensionOnline(a)).to.equal(true);

    // …and takes a new call.
    const ringsNew = incomingCall(second.engine);
    const again = await caller.call(a);
    const inNew = await ringsNew;
    await inNew.answer();
    await waitFor(() => again.status === 'active', 'the caller to see the new leader answer');
    expect(inNew.peerConnection).to.not.equal(undefined);
    const endedNew = endedOf(second.engine, inNew.id);
    inNew.hangup();
    expect((await endedNew).disposition).to.equal('answered');
  });

  it('a follower dials through the leader; when the leader closes mid-call both followers see it end', async () => {
    const key = freshKey();
    const first = await openTab(a, key);
    await first.engine.start();
    const second = await openTab(a, key);
    const third = await openTab(a, key);
    await Promise.all([second.engine.start(), third.engine.start()]);
    const callee = await phoneFor('gateway', b);
    engines.push(callee);
    await callee.start();

    const rings = incomingCall(callee);
    const seenByLeader = incomingOrOutgoing(first.engine);
    const out = await second.engine.call(b);
    expect(out.direction).to.equal('outgoing');
    expect(second.engine.calls.map((c) => c.id)).to.deep.equal([out.id]);
    expect((await seenByLeader).id).to.equal(out.id);
    const inc = await rings;
    await inc.answer();
    await waitFor(() => out.status === 'active', 'the follower to see the answer');

    await waitFor(() => third.engine.calls[0]?.status === 'active', 'the third tab to see the call');

    const ended = [endedOf(second.engine, out.id), endedOf(third.engine, out.id)];
    first.frame.remove();
    for (const detail of await Promise.all(ended)) {
      expect(detail.disposition).to.equal('failed');
      expect(detail.cause).to.equal('the tab that held the call closed');
    }
    const tabs = [second, third];
    const next = await waitFor(
      () => tabs.find((t) => t.engine.leads && t.engine.registration === 'registered'),
      'the takeover',
      8000,
    );
    const other = tabs.find((t) => t !== next);
    await waitFor(
      () => other?.engine.registration === 'registered',
      'the other follower to see it registered',
    );
    await sleep(300);
    // Exactly one of them took over: one new real engine, one new SIP connection.
    expect(tabs.map((t) => t.engine.leads).filter(Boolean)).to.have.length(1);
    expect(tabs.map((t) => t.made())).to.have.members([1, 0]);
    expect(tabs.flatMap((t) => t.sockets)).to.have.length(1);
    expect(third.engine.calls).to.deep.equal([]);
  });

  it('the leader stops (disable, pagehide) mid-call: the follower sees the call end and takes over', async () => {
    const key = freshKey();
    const first = await openTab(a, key);
    await first.engine.start();
    const second = await openTab(a, key);
    await second.engine.start();
    const caller = await phoneFor('gateway', b);
    engines.push(caller);
    await caller.start();
    const rings = incomingCall(second.engine);
    await caller.call(a);
    const call = await rings;
    await call.answer();
    await waitFor(() => call.status === 'active', 'the call to talk');

    const ended = endedOf(second.engine, call.id);
    await first.engine.stop();
    const detail = await ended;
    expect(detail.disposition).to.equal('answered'); // hung up by the leader: its own detail, not 'failed'
    expect(first.engine.registration).to.equal('off');
    await waitFor(
      () => second.engine.leads && second.engine.registration === 'registered',
      'the takeover',
      8000,
    );
    expect(second.made()).to.equal(1);
  });

  it('tabs of another user (or proxy) do not share: each leads and registers', async () => {
    const first = await openTab(a, freshKey());
    const second = await openTab(a, freshKey());
    await Promise.all([first.engine.start(), second.engine.start()]);
    expect([first.engine.leads, second.engine.leads]).to.deep.equal([true, true]);
    expect([first.made(), second.made()]).to.deep.equal([1, 1]);
  });
});

function incomingOrOutgoing(engine: PhoneEngine): Promise<PhoneCall> {
  return nextEvent<{ call: PhoneCall }>(engine, 'call').then((d) => d.call);
}

describe('shared engine: without Web Locks', () => {
  it('leads alone: the real engine is made and started in this tab', async () => {
    const fake = Object.assign(new EventTarget(), {
      registration: 'off' as RegistrationState,
      calls: [] as PhoneCall[],
      error: undefined,
      async start() {
        fake.registration = 'registered';
        fake.dispatchEvent(new CustomEvent('registration', { detail: { state: 'registered' } }));
      },
      async stop() {
        fake.registration = 'off';
      },
      setMicrophone: () => Promise.resolve(),
      call: () => Promise.reject(new Error('not here')),
    });
    let made = 0;
    const engine = createSharedEngine({
      sip: '100',
      makeEngine: () => {
        made++;
        return fake;
      },
      leadership: (name) => createTabLeadership(name, { locks: null }),
    });
    await engine.start();
    expect(made).to.equal(1);
    expect(engine.leads).to.equal(true);
    expect(engine.registration).to.equal('registered');
    await engine.stop();
    expect(engine.registration).to.equal('off');
    expect(fake.registration).to.equal('off');
  });
});

describe('shared engine: commands without an answer', () => {
  it('a follower’s answer() fails with a ZdApiError when no leader answers in time', async () => {
    let stateListener: ((state: SharedSnapshot) => void) | undefined;
    const commands: SharedCommand[] = [];
    const silent: TabLeadership<SharedSnapshot, SharedCommand> = {
      isLeader: false,
      state: undefined,
      onChange: () => () => undefined,
      publish: () => undefined,
      onState: (listener) => {
        stateListener = listener;
        return () => undefined;
      },
      command: (command) => void commands.push(command),
      onCommand: () => () => undefined,
      close: () => undefined,
    };
    const engine = createSharedEngine({
      sip: '100',
      makeEngine: () => {
        throw new Error('a follower makes no engine');
      },
      leadership: () => silent,
      commandTimeoutMs: 200,
    });
    const started = engine.start();
    const call = {
      id: 'c1',
      direction: 'incoming' as const,
      remote: { number: '+4930' },
      status: 'ringing' as const,
      muted: false,
      startedAt: Date.now(),
      answeredAt: undefined,
      quality: undefined,
      warnings: [],
    };
    stateListener?.({ leader: 'x', registration: 'registered', calls: [call], ended: [], replies: [] });
    await started;
    const [remote] = engine.calls;
    let thrown: unknown;
    await remote?.answer().catch((e: unknown) => (thrown = e));
    expect(thrown).to.be.instanceOf(ZdApiError);
    expect((thrown as ZdApiError).message).to.contain('did not answer');
    expect(commands.map((c) => c.op)).to.deep.equal(['answer']);

    // The leader's refusal comes back as the same kind of ZdApiError, for this request only.
    const holding = remote?.hold();
    const request = commands.at(-1)?.request ?? '';
    stateListener?.({
      leader: 'x',
      registration: 'registered',
      calls: [call],
      ended: [],
      replies: [
        { request: 'someone-else', error: { kind: 'config', message: 'not yours' } },
        { request, error: { kind: 'invalid', message: 'the call has ended' } },
      ],
    });
    let refused: unknown;
    await holding?.catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(ZdApiError);
    expect((refused as ZdApiError).kind).to.equal('invalid');
    expect((refused as ZdApiError).message).to.equal('the call has ended');
    await engine.stop();
    expect(engine.registration).to.equal('off');
  });
});
