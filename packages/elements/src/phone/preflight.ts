/**
 * "Test my setup": each check is a function of its own that measures one thing and says
 * `{ ok, value, advice }` — `advice` a code the element words for the person (no UI here):
 * - the microphone's level (Web Audio AnalyserNode, RMS over ~1 s);
 * - the speaker: a short tone on the chosen output (`setSinkId`), played for real;
 * - the gateway: a WebSocket (subprotocol `sip`) to the credentials' wsUrl and a SIP OPTIONS round trip
 *   (any SIP answer proves a SIP server: the sandbox gateway says 200, Kamailio asks for credentials, 407);
 * - the registration: REGISTER → 200 of a running engine, or of one started for the test;
 * - the network: which ICE candidates the credentials' iceServers give (only local ones: TURN needed).
 * Credentials come from the proxy each time (`GET /softphone/credentials`) and are kept nowhere.
 * Loaded as a chunk with the settings view, only when the person opens the settings.
 */
import type { ZdClient } from '../client/zd-client.js';
import { loadChunk } from '../base/chunks.js';
import type { SoftphoneCredentials } from './credentials.js';
import type { PhoneEngine, RegistrationState } from './types.js';

export type PreflightAdvice =
  | 'microphone-blocked'
  | 'no-audio'
  | 'output-fixed'
  | 'playback-blocked'
  | 'no-credentials'
  | 'gateway-unreachable'
  | 'gateway-silent'
  | 'register-refused'
  | 'register-failed'
  | 'turn-needed'
  | 'no-network';

export interface CheckResult<V> {
  ok: boolean;
  /** What was measured (a level, a time, counts); absent when nothing could be. */
  value?: V;
  /** What the person should do or know; absent when all is well. */
  advice?: PreflightAdvice;
}

const result = <V>(ok: boolean, value?: V, advice?: PreflightAdvice): CheckResult<V> => ({
  ok,
  ...(value === undefined ? {} : { value }),
  ...(advice ? { advice } : {}),
});

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- the microphone ----

/** Below this RMS (about −60 dBFS) a microphone gives no usable sound: muted, broken or the wrong one. */
export const SILENCE_RMS = 0.001;

/** Root mean square of samples in −1…1. */
export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/**
 * The loudest RMS over `durationMs`, in dBFS (value; −Infinity is silence). `source` is a stream (left
 * open) or a device id ('' the default), which is opened for the check and closed again.
 */
export async function checkMicrophoneLevel(
  source: MediaStream | string,
  options: { durationMs?: number } = {},
): Promise<CheckResult<number>> {
  let stream: MediaStream;
  try {
    stream =
      typeof source === 'string'
        ? await navigator.mediaDevices.getUserMedia({
            audio: source ? { deviceId: { exact: source } } : true,
          })
        : source;
  } catch {
    return result<number>(false, undefined, 'microphone-blocked');
  }
  const context = new AudioContext();
  try {
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let loudest = 0;
    const until = performance.now() + (options.durationMs ?? 1000);
    while (performance.now() < until) {
      await wait(50);
      analyser.getFloatTimeDomainData(samples);
      loudest = Math.max(loudest, rms(samples));
    }
    const dbfs = loudest > 0 ? Math.round(20 * Math.log10(loudest)) : -Infinity;
    return loudest >= SILENCE_RMS ? result(true, dbfs) : result(false, dbfs, 'no-audio');
  } finally {
    void context.close().catch(() => undefined);
    if (typeof source === 'string') for (const track of stream.getTracks()) track.stop();
  }
}

// ---- the speaker ----

/**
 * Plays a short tone (660 Hz, `durationMs`) on the output `deviceId` ('' the default) through an
 * `<audio>`, as the calls play. value: the output it played on (the `sinkId`; '' the default). Without
 * `setSinkId` the tone plays on the system's output and says so (`output-fixed`).
 */
export async function checkSpeaker(
  deviceId: string,
  options: { durationMs?: number; audio?: HTMLAudioElement } = {},
): Promise<CheckResult<string>> {
  const context = new AudioContext();
  const audio = options.audio ?? new Audio();
  try {
    await context.resume();
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = 660;
    gain.gain.value = 0.2;
    const out = context.createMediaStreamDestination();
    tone.connect(gain).connect(out);
    tone.start();
    // (Not devices.ts's routeAudio: that module comes with another chunk.)
    const canRoute = 'setSinkId' in audio;
    const routed =
      canRoute &&
      (await audio.setSinkId(deviceId).then(
        () => true,
        () => false,
      ));
    audio.srcObject = out.stream;
    try {
      await audio.play();
    } catch {
      return result<string>(false, undefined, 'playback-blocked');
    }
    await wait(options.durationMs ?? 800);
    const played = audio.currentTime > 0;
    const sink = canRoute ? audio.sinkId : '';
    if (!played) return result(false, sink, 'playback-blocked');
    return deviceId && !routed ? result(true, sink, 'output-fixed') : result(true, sink);
  } finally {
    audio.pause();
    audio.srcObject = null;
    void context.close().catch(() => undefined);
  }
}

// ---- the gateway ----

export interface GatewayValue {
  /** The WebSocket's opening handshake, ms. */
  connectMs: number;
  /** OPTIONS sent → the SIP answer, ms. */
  rttMs: number;
  /** The SIP status of the answer (200 from a gateway, 407 from a proxy that wants credentials). */
  status: number;
}

const token = () => Math.random().toString(36).slice(2, 12);

/** A SIP OPTIONS for `domain` as a WebSocket client sends it (RFC 7118: Via …/WS, an .invalid host). */
export function optionsRequest(domain: string, secure: boolean, callId: string): string {
  const host = `${token()}.invalid`;
  return [
    `OPTIONS sip:${domain} SIP/2.0`,
    `Via: SIP/2.0/${secure ? 'WSS' : 'WS'} ${host};branch=z9hG4bK${token()};rport`,
    'Max-Forwards: 70',
    `To: <sip:${domain}>`,
    `From: <sip:preflight@${domain}>;tag=${token()}`,
    `Call-ID: ${callId}`,
    'CSeq: 1 OPTIONS',
    `Contact: <sip:preflight@${host};transport=ws>`,
    'Accept: application/sdp',
    'User-Agent: Zadarma Elements softphone (setup test)',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The status of a SIP response to `callId`, or undefined for anything else. */
export function responseStatus(message: string, callId: string): number | undefined {
  const status = /^SIP\/2\.0 (\d{3}) /.exec(message)?.[1];
  if (!status) return undefined;
  const id = /^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)/im.exec(message)?.[1];
  return id === callId ? Number(status) : undefined;
}

/** Opens a WebSocket to `wsUrl` (subprotocol `sip`), sends OPTIONS, waits for the answer (`timeoutMs`). */
export function checkGateway(
  wsUrl: string,
  domain: string,
  options: { timeoutMs?: number } = {},
): Promise<CheckResult<GatewayValue>> {
  return new Promise((resolve) => {
    const started = performance.now();
    let opened = 0;
    let socket: WebSocket;
    const done = (outcome: CheckResult<GatewayValue>) => {
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => done(result<GatewayValue>(false, undefined, opened ? 'gateway-silent' : 'gateway-unreachable')),
      options.timeoutMs ?? 5000,
    );
    try {
      socket = new WebSocket(wsUrl, 'sip');
    } catch {
      clearTimeout(timer);
      resolve(result<GatewayValue>(false, undefined, 'gateway-unreachable'));
      return;
    }
    const callId = token() + token();
    let sent = 0;
    socket.addEventListener('open', () => {
      opened = performance.now();
      sent = opened;
      socket.send(optionsRequest(domain, wsUrl.startsWith('wss:'), callId));
    });
    socket.addEventListener('message', ({ data }) => {
      const status = typeof data === 'string' ? responseStatus(data, callId) : undefined;
      if (status === undefined || status < 200) return; // provisional, or not ours
      done(
        result(true, {
          connectMs: Math.round(opened - started),
          rttMs: Math.round(performance.now() - sent),
          status,
        }),
      );
    });
    socket.addEventListener('close', () =>
      done(result<GatewayValue>(false, undefined, opened ? 'gateway-silent' : 'gateway-unreachable')),
    );
  });
}

// ---- the registration ----

/**
 * REGISTER → 200 in ms (value). A registered engine (the element's) tells its last registration; any
 * other is started for the test and stopped again: pass only a registered engine or one of your own.
 */
export async function checkRegistration(engine: PhoneEngine): Promise<CheckResult<number>> {
  if (engine.registration === 'registered') return result(true, engine.registerMs);
  const started = performance.now();
  try {
    await engine.start();
    // (start() resolves unregistered when stopped meanwhile)
    if ((engine.registration as RegistrationState) !== 'registered')
      return result<number>(false, undefined, 'register-failed');
    return result(true, engine.registerMs ?? Math.round(performance.now() - started));
  } catch {
    const refused = engine.error?.kind === 'unauthorized' || engine.error?.kind === 'forbidden';
    return result<number>(false, undefined, refused ? 'register-refused' : 'register-failed');
  } finally {
    await engine.stop().catch(() => undefined);
  }
}

// ---- the network (ICE) ----

export interface IceValue {
  host: number;
  srflx: number;
  relay: number;
}

/**
 * Addresses the internet cannot reach: private (RFC 1918), shared (CGN), loopback, link-local,
 * documentation and benchmark ranges (v4 and v6), IPv6 unique-local and link-local, or an mDNS name.
 */
const LOCAL =
  /^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|198\.1[89]\.|2001:db8:|::1$|f[cd]|fe80:)|\.local$/i;

/** `address` as a candidate has it (Chromium writes IPv6 in brackets). */
export function isLocalAddress(address: string): boolean {
  return LOCAL.test(address.toLowerCase().replace(/^\[(.*)\]$/, '$1'));
}

/**
 * What the gathered candidates mean: a server-reflexive or relay candidate, or a public address of the
 * machine itself, reaches the internet; only local addresses mean a router in between, which calls
 * cross only with a TURN server.
 */
export function iceVerdict(candidates: readonly { type: string; address: string }[]): CheckResult<IceValue> {
  const value: IceValue = { host: 0, srflx: 0, relay: 0 };
  for (const c of candidates) {
    if (c.type === 'host') value.host++;
    else if (c.type === 'srflx' || c.type === 'prflx') value.srflx++;
    else if (c.type === 'relay') value.relay++;
  }
  if (candidates.length === 0) return result(false, value, 'no-network');
  if (value.srflx + value.relay > 0) return result(true, value);
  const publicHost = candidates.some((c) => c.type === 'host' && !isLocalAddress(c.address));
  return publicHost ? result(true, value) : result(false, value, 'turn-needed');
}

/** Gathers candidates with `iceServers` (at most `timeoutMs`), then closes. */
export async function checkIce(
  iceServers: RTCIceServer[],
  options: { timeoutMs?: number } = {},
): Promise<CheckResult<IceValue>> {
  const pc = new RTCPeerConnection({ iceServers });
  const found: { type: string; address: string }[] = [];
  try {
    const complete = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.timeoutMs ?? 5000);
      pc.addEventListener('icecandidate', ({ candidate }) => {
        if (candidate?.candidate) {
          found.push({ type: candidate.type ?? '', address: candidate.address ?? '' });
        } else if (!candidate) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    pc.createDataChannel('preflight');
    await pc.setLocalDescription(await pc.createOffer());
    await complete;
    return iceVerdict(found);
  } finally {
    pc.close();
  }
}

// ---- all of them ----

export type PreflightCheck = 'microphone' | 'speaker' | 'gateway' | 'registration' | 'network';
export const PREFLIGHT_CHECKS: readonly PreflightCheck[] = [
  'microphone',
  'speaker',
  'gateway',
  'registration',
  'network',
];

export interface PreflightValues {
  microphone: number;
  speaker: string;
  gateway: GatewayValue;
  registration: number;
  network: IceValue;
}

export interface PreflightOptions {
  client: ZdClient;
  sip: string;
  /** The microphone: a device id ('' the default) or a stream. */
  microphone: string | MediaStream;
  /** The speaker's device id ('' the default). */
  speaker: string;
  /** The element's running engine, else a fresh one (started and stopped by the check). */
  engine: () => Promise<PhoneEngine>;
}

/** Runs the checks one after the other (each gets the line to itself), telling each result as it comes. */
export async function runPreflight(
  options: PreflightOptions,
  report: <K extends PreflightCheck>(check: K, outcome: CheckResult<PreflightValues[K]>) => void,
): Promise<void> {
  report('microphone', await checkMicrophoneLevel(options.microphone));
  report('speaker', await checkSpeaker(options.speaker));
  let credentials: SoftphoneCredentials | undefined;
  try {
    // The engine's chunk has the credentials' fetch (engine.ts says why); the element loads it anyway.
    const { fetchCredentials } = await loadChunk('softphone-engine', () => import('./engine.js'));
    credentials = await fetchCredentials(options.client, options.sip);
  } catch {
    credentials = undefined;
  }
  if (!credentials) {
    for (const check of ['gateway', 'registration', 'network'] as const)
      report(check, result<never>(false, undefined, 'no-credentials'));
    return;
  }
  const { wsUrl, domain, iceServers } = credentials;
  credentials = undefined; // the password is not needed here: forgotten at once
  report('gateway', await checkGateway(wsUrl, domain));
  report(
    'registration',
    await options.engine().then(checkRegistration, () => result<number>(false, undefined, 'register-failed')),
  );
  report('network', await checkIce(iceServers));
}
