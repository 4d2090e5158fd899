/**
 * For the phone engine's browser tests: the SIP servers the harness runs (the sandbox's gateway and
 * Kamailio, each behind a proxy of its own), softphone tokens, extensions made through the signed API,
 * the sandbox parties' reports, and audio energy read from a call's getStats().
 */
import { ZdClient } from '../client/zd-client.js';
import { waitFor } from './env.js';
import { createPhoneEngine } from '../phone/engine.js';
import { jsSipFrom } from '../phone/jssip-loader.js';
import type { PhoneCall, PhoneEngine, PhoneEngineOptions } from '../phone/types.js';

export type SipServerName = 'gateway' | 'kamailio';

export interface SipServerEnv {
  proxy: string;
  wsUrl: string;
  domain: string;
}

interface PhoneEnv {
  demoUserId: number;
  sipServers: Record<SipServerName, SipServerEnv | { error: string }>;
}

let env: Promise<PhoneEnv> | undefined;
const phoneEnv = () => (env ??= fetch('/__zd/env').then((r) => r.json() as Promise<PhoneEnv>));

/** The server's proxy and addresses; throws the harness's reason when it could not start it. */
export async function sipServer(name: SipServerName): Promise<SipServerEnv> {
  const server = (await phoneEnv()).sipServers[name];
  if ('error' in server) throw new Error(`${name} is not available: ${server.error}`);
  return server;
}

/** A signed Zadarma call of the partner backend (the harness signs it); the demo user's unless told. */
export async function signed(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  params: Record<string, string | number> = {},
): Promise<Record<string, unknown>> {
  const { demoUserId } = await phoneEnv();
  const answer = await fetch('/__zd/signed', {
    method: 'POST',
    body: JSON.stringify({ method, path, params: { user_id: demoUserId, ...params } }),
  });
  const body = (await answer.json()) as Record<string, unknown>;
  if (!answer.ok) throw new Error(String(body.message));
  return body;
}

/** The demo user's PBX has at least `count` extensions (100 first); their three-digit numbers. */
export async function extensions(count: number): Promise<string[]> {
  const internal = await signed('GET', '/v1/pbx/internal/');
  const numbers = (internal.numbers as number[]).map(String);
  if (numbers.length < count) {
    const created = await signed('POST', '/v1/pbx/internal/create/', {
      quantity: count - numbers.length,
      start_number: 'any',
    });
    void created;
    return extensions(count);
  }
  return numbers.slice(0, count);
}

/** A session token with scope softphone for these extensions (as the partner backend mints it). */
export async function softphoneToken(sip: string[]): Promise<string> {
  const answer = await fetch('/__zd/token', {
    method: 'POST',
    body: JSON.stringify({ scopes: ['softphone'], sip }),
  });
  return ((await answer.json()) as { token: string }).token;
}

/** JsSIP straight from the dev server (the harness serves it as an ES module). */
export const directJsSip: NonNullable<PhoneEngineOptions['loadJsSip']> = async () =>
  jsSipFrom(await import('jssip'));

/**
 * The fake microphone without echo cancellation, noise suppression and gain control: both phones of a
 * test play the same tone in one page, which echo cancellation would otherwise take for an echo.
 */
export const rawMicrophone = () =>
  navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });

/** An engine for one extension, registered through `server`'s proxy. */
export async function phoneFor(
  server: SipServerName,
  sip: string,
  extra: Partial<PhoneEngineOptions> = {},
): Promise<PhoneEngine> {
  const { proxy } = await sipServer(server);
  const token = await softphoneToken([sip]);
  const client = new ZdClient({ proxy, getToken: () => token });
  return createPhoneEngine({ client, sip, loadJsSip: directJsSip, getMicrophone: rawMicrophone, ...extra });
}

export interface MediaCallEntry {
  id: string;
  number: string;
  login: string;
  kind: string;
  endedAt: string | null;
  media: { audioEnergy: number; audioPacketsReceived: number; digits: string };
  infoDigits: string;
}

export async function mediaCalls(): Promise<MediaCallEntry[]> {
  const answer = await fetch('/__zd/sandbox/media/calls');
  return ((await answer.json()) as { calls: MediaCallEntry[] }).calls;
}

/** The inbound audio energy so far (RTCInboundRtpStreamStats.totalAudioEnergy) and packets. */
export async function inboundAudio(call: PhoneCall): Promise<{ energy: number; packets: number }> {
  const pc = call.peerConnection;
  let energy = 0;
  let packets = 0;
  if (!pc) return { energy, packets };
  (await pc.getStats()).forEach(
    (report: { type?: string; kind?: string; totalAudioEnergy?: number; packetsReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') {
        energy = report.totalAudioEnergy ?? 0;
        packets = report.packetsReceived ?? 0;
      }
    },
  );
  return { energy, packets };
}

/** Resolves with the event's detail the next time `type` fires with a detail `accept` takes. */
export function nextEvent<T>(
  target: EventTarget,
  type: string,
  accept: (detail: T) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, listener);
      reject(new Error(`no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<T>).detail;
      if (!accept(detail)) return;
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(detail);
    };
    target.addEventListener(type, listener);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let players: HTMLAudioElement[] = [];

/**
 * Plays a call's remote audio, as the element does: Chromium measures inbound audio energy only for
 * audio that is played out. `stopPlaying()` (after each test) removes the players.
 */
export async function play(call: PhoneCall): Promise<void> {
  const stream = await waitFor(() => call.remoteStream, 'the remote audio');
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.srcObject = stream;
  document.body.append(audio);
  players.push(audio);
}

export function stopPlaying(): void {
  for (const audio of players) audio.remove();
  players = [];
}

/** How much inbound audio energy a call gains over `ms` (per second). */
export async function energyRate(call: PhoneCall, ms = 1500): Promise<number> {
  const before = (await inboundAudio(call)).energy;
  await sleep(ms);
  return (((await inboundAudio(call)).energy - before) * 1000) / ms;
}
