/** The phone engine's interface (docs/softphone-plan.md): what the `<zd-softphone>` element builds on. */
import type { ZdApiError } from '../client/errors.js';
import type { ZdClient } from '../client/zd-client.js';

/** JsSIP as `import('jssip')` gives it (types only: the module itself is a lazy chunk). */
export type JsSipModule = typeof import('jssip');

export type RegistrationState = 'off' | 'connecting' | 'registered' | 'reconnecting' | 'failed';
export type CallStatus = 'dialing' | 'ringing' | 'early' | 'active' | 'held' | 'ended';
//   dialing: INVITE sent, nothing back; early: 18x (remote rings); ringing: incoming, not answered
export type Disposition = 'answered' | 'declined' | 'busy' | 'cancelled' | 'no answer' | 'failed';

export interface CallTimings {
  mediaMs?: number;
  iceMs?: number;
  signallingMs?: number;
  connectedMs?: number;
}

export interface PhoneCall {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly remote: { number: string; name?: string };
  readonly status: CallStatus;
  readonly muted: boolean;
  readonly startedAt: number;
  readonly answeredAt: number | undefined;
  answer(): Promise<void>;
  decline(): void;
  hangup(): void;
  mute(on: boolean): void;
  hold(): Promise<void>; // re-INVITE a=sendonly; a failure rolls back, 491 retried once
  resume(): Promise<void>;
  sendDtmf(digits: string, options?: { transport?: 'rfc4733' | 'info' }): void; // default rfc4733
  transfer(target: string, options?: { attended?: PhoneCall }): Promise<void>;
  /** The remote audio, for the element's <audio> (sink chosen by the element). */
  readonly remoteStream: MediaStream | undefined;
}

export interface PhoneEngineEventMap {
  registration: CustomEvent<{ state: RegistrationState; error?: ZdApiError }>;
  call: CustomEvent<{ call: PhoneCall }>; // a call appeared or changed status/muted
  ended: CustomEvent<{ call: PhoneCall; disposition: Disposition; durationMs: number; timings: CallTimings }>;
  error: CustomEvent<{ error: ZdApiError }>;
}

export interface PhoneEngine extends EventTarget {
  readonly registration: RegistrationState;
  readonly calls: readonly PhoneCall[];
  start(): Promise<void>; // load JsSIP, fetch credentials, connect, REGISTER (401 → refetch once)
  stop(): Promise<void>; // un-REGISTER, close
  call(number: string): Promise<PhoneCall>;
}

export interface PhoneEngineOptions {
  client: ZdClient; // the kit's client: GET /softphone/credentials?sip=
  sip: string; // the token's extension
  loadJsSip?: () => Promise<JsSipModule>; // default: the lazy chunk; tests may pass a direct import
  getMicrophone?: () => Promise<MediaStream>;
}
