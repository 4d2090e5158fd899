/**
 * Runs in Chromium (softphone-bench.mjs bundles it with esbuild and opens it). For each SIP server:
 * a callee (our engine, answering every call), our engine as the caller, and stock JsSIP as the
 * caller with the same credentials; then calls alternating between the two callers, so that whatever
 * load the machine has falls on both alike. A call's setup time is dial → confirmed: from `call()` to
 * the caller's session confirmed (the 2xx received and the ACK sent; JsSIP's 'accepted' and 'confirmed'
 * fire in the same turn, and our engine's call turns 'active' on them).
 */
import JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import { ZdClient } from '../src/client/zd-client.js';
import { createPhoneEngine } from '../src/phone/engine.js';
import { fetchCredentials } from '../src/phone/credentials.js';
import { jsSipFrom } from '../src/phone/jssip-loader.js';
import type { CallTimings, EndedDetail, PhoneCall, PhoneEngine } from '../src/phone/types.js';

export interface BenchServer {
  name: string;
  proxy: string;
  callerToken: string;
  calleeToken: string;
}

export interface BenchConfig {
  servers: BenchServer[];
  caller: string;
  callee: string;
  calls: number;
}

export type StackName = 'ours' | 'stock';

/**
 * One measured call, in ms: setup (dial → confirmed) and its signalling part (INVITE sent → 2xx); the
 * rest is what comes before the INVITE leaves (the microphone, the offer, ICE).
 */
export interface Sample {
  setupMs: number;
  signallingMs: number;
  /** Stock only: dial → ICE gathering started (microphone + offer); the INVITE waits for its end. */
  gatheringStartMs?: number;
}

export interface ServerResult {
  name: string;
  error?: string;
  samples: Record<StackName, Sample[]>;
  /** Our engine's own per-call phase timings (from its 'ended' events). */
  oursTimings: CallTimings[];
}

const CALL_TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, what: string, ms = CALL_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The next 'ended' event of `engine` (any call). */
function nextEnded(engine: PhoneEngine): Promise<EndedDetail> {
  return new Promise((resolve) => {
    const listener = (event: CustomEvent<EndedDetail>) => {
      engine.removeEventListener('ended', listener);
      resolve(event.detail);
    };
    engine.addEventListener('ended', listener);
  });
}

/** The callee answers every incoming call as soon as it rings. */
function autoAnswer(engine: PhoneEngine): void {
  const answered = new WeakSet<PhoneCall>();
  engine.addEventListener('call', ({ detail: { call } }) => {
    if (call.direction !== 'incoming' || call.status !== 'ringing' || answered.has(call)) return;
    answered.add(call);
    void call.answer().catch(() => undefined);
  });
}

function engineFor(proxy: string, token: string, sip: string): PhoneEngine {
  const client = new ZdClient({ proxy, getToken: () => token });
  // Our engine as <zd-softphone> runs it, except that JsSIP comes from this bundle (not the CDN chunk).
  return createPhoneEngine({ client, sip, loadJsSip: async () => jsSipFrom(JsSIP) });
}

/** Stock JsSIP: a plain UA with the same credentials, registered (as a softphone would be). */
async function stockUa(proxy: string, token: string, sip: string): Promise<{ ua: JsSIP.UA; domain: string }> {
  const client = new ZdClient({ proxy, getToken: () => token });
  const c = await fetchCredentials(client, sip);
  const ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(c.wsUrl)],
    uri: `sip:${c.login}@${c.domain}`,
    authorization_user: c.authorizationUser,
    password: c.password,
  });
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      ua.on('registered', () => resolve());
      ua.on('registrationFailed', ({ cause }) => reject(new Error(`stock JsSIP: ${String(cause)}`)));
      ua.start();
    }),
    'stock JsSIP registration',
  );
  return { ua, domain: c.domain };
}

/** Our engine calls the callee: dial → active (confirmed); then hangs up and waits for both ends. */
async function oursCall(
  caller: PhoneEngine,
  callee: PhoneEngine,
  number: string,
): Promise<[Sample, CallTimings]> {
  const t0 = performance.now();
  const active = new Promise<number>((resolve, reject) => {
    const listener = ({ detail: { call } }: CustomEvent<{ call: PhoneCall }>) => {
      if (call.direction !== 'outgoing') return;
      if (call.status === 'active' || call.status === 'ended') {
        caller.removeEventListener('call', listener);
        if (call.status === 'active') resolve(performance.now());
        else reject(new Error('our call ended before it was answered'));
      }
    };
    caller.addEventListener('call', listener);
  });
  const calleeEnded = nextEnded(callee);
  const callerEnded = nextEnded(caller);
  const call = await caller.call(number);
  const confirmedAt = await withTimeout(active, 'our call');
  call.hangup();
  // The engine's own timings (INVITE sent → 2xx among them) come with the caller's 'ended'.
  const [ended] = await withTimeout(Promise.all([callerEnded, calleeEnded]), 'our hang-up');
  const setupMs = confirmedAt - t0;
  return [{ setupMs, signallingMs: ended.timings.signallingMs ?? Number.NaN }, ended.timings];
}

/** Stock JsSIP calls the callee with `mediaConstraints: {audio: true}` and nothing else. */
async function stockCall(ua: JsSIP.UA, callee: PhoneEngine, target: string): Promise<Sample> {
  const calleeEnded = nextEnded(callee);
  const t0 = performance.now();
  const session: RTCSession = ua.call(target, { mediaConstraints: { audio: true } });
  let sent = 0;
  let gathering = 0;
  // (JsSIP made the peer connection inside ua.call(): its 'peerconnection' event is already past.)
  const pc = session.connection;
  pc.addEventListener('icegatheringstatechange', () => {
    if (pc.iceGatheringState === 'gathering') gathering ||= performance.now();
  });
  const confirmedAt = await withTimeout(
    new Promise<number>((resolve, reject) => {
      session.on('sending', () => (sent = performance.now()));
      session.on('confirmed', () => resolve(performance.now()));
      session.on('failed', ({ cause }) => reject(new Error(`stock call failed: ${String(cause)}`)));
    }),
    'stock call',
  );
  const ended = new Promise<void>((resolve) => session.on('ended', () => resolve()));
  session.terminate();
  await withTimeout(Promise.all([ended, calleeEnded]), 'stock hang-up');
  return { setupMs: confirmedAt - t0, signallingMs: confirmedAt - sent, gatheringStartMs: gathering - t0 };
}

interface Rig {
  result: ServerResult;
  callee: PhoneEngine;
  ours: PhoneEngine;
  stock: JsSIP.UA;
  target: string;
}

async function rig(server: BenchServer, config: BenchConfig): Promise<Rig> {
  const callee = engineFor(server.proxy, server.calleeToken, config.callee);
  autoAnswer(callee);
  const ours = engineFor(server.proxy, server.callerToken, config.caller);
  await withTimeout(Promise.all([callee.start(), ours.start()]), `${server.name}: registration`);
  const { ua: stock, domain } = await stockUa(server.proxy, server.callerToken, config.caller);
  return {
    result: { name: server.name, samples: { ours: [], stock: [] }, oursTimings: [] },
    callee,
    ours,
    stock,
    target: `sip:${config.callee}@${domain}`,
  };
}

async function measure(r: Rig, stack: StackName, number: string): Promise<void> {
  if (stack === 'ours') {
    const [sample, timings] = await oursCall(r.ours, r.callee, number);
    r.result.samples.ours.push(sample);
    r.result.oursTimings.push(timings);
  } else {
    r.result.samples.stock.push(await stockCall(r.stock, r.callee, r.target));
  }
}

async function runBench(config: BenchConfig): Promise<ServerResult[]> {
  const rigs: Rig[] = [];
  const failed: ServerResult[] = [];
  for (const server of config.servers) {
    try {
      const r = await rig(server, config);
      // One call per stack first, not counted: the first getUserMedia and JIT warm-up of each.
      await measure(r, 'ours', config.callee);
      await measure(r, 'stock', config.callee);
      r.result.samples = { ours: [], stock: [] };
      r.result.oursTimings = [];
      rigs.push(r);
    } catch (error) {
      failed.push({
        name: server.name,
        error: String(error),
        samples: { ours: [], stock: [] },
        oursTimings: [],
      });
    }
  }
  // Interleaved: call i goes to every server, ours first on even i and stock first on odd i.
  for (let i = 0; i < config.calls; i++) {
    for (const r of rigs) {
      if (r.result.error) continue;
      const order: StackName[] = i % 2 === 0 ? ['ours', 'stock'] : ['stock', 'ours'];
      try {
        for (const stack of order) await measure(r, stack, config.callee);
      } catch (error) {
        r.result.error = `call ${i + 1}: ${String(error)}`;
      }
    }
  }
  for (const r of rigs) {
    await r.ours.stop();
    await r.callee.stop();
    r.stock.stop();
  }
  return [...rigs.map((r) => r.result), ...failed];
}

declare global {
  interface Window {
    runBench: typeof runBench;
  }
}
window.runBench = runBench;
