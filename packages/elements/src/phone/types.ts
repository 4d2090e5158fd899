/**
 * The phone engine's interface (docs/softphone-plan.md): what `<zd-softphone>` conducts. No UI, no Lit.
 * JsSIP stays behind it: the element sees registration states, calls and events only.
 */
import type { ZdApiError } from '../client/errors.js';
import type { ZdClient } from '../client/zd-client.js';
import type { CallQuality, QualitySummary, QualityWarning } from './quality.js';

export type { CallQuality, QualityLevel, QualitySummary, QualityWarning } from './quality.js';

export type RegistrationState = 'off' | 'connecting' | 'registered' | 'reconnecting' | 'failed';
/** dialing: INVITE sent, nothing back; early: 18x (the remote rings); ringing: incoming, not answered. */
export type CallStatus = 'dialing' | 'ringing' | 'early' | 'active' | 'held' | 'ended';
export type Disposition = 'answered' | 'declined' | 'busy' | 'cancelled' | 'no answer' | 'failed';
export type DtmfTransport = 'rfc4733' | 'info';

/**
 * How long each phase of the call's setup took, in ms (absent when the call never got there).
 * mediaMs: obtaining the microphone (≈ 0 when pre-warmed); iceMs: the peer connection's start to the
 * first usable candidate (when the INVITE or answer leaves); signallingMs: INVITE sent → 2xx (outgoing)
 * or answer() → ACK (incoming); connectedMs: the call's start (call() or answer()) → audio connected.
 */
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
  /** re-INVITE a=sendonly; a failure rolls back (the call goes on unheld), 491 retried once (after 1 s). */
  hold(): Promise<void>;
  resume(): Promise<void>;
  /** Default RFC 4733 (RTP telephone-events); `info`: SIP INFO (application/dtmf-relay). */
  sendDtmf(digits: string, options?: { transport?: DtmfTransport }): void;
  /** Blind transfer (REFER), or attended (REFER with Replaces of `attended`, the consultation call). */
  transfer(target: string, options?: { attended?: PhoneCall }): Promise<void>;
  /** The remote audio, for the element's <audio> (sink chosen by the element). */
  readonly remoteStream: MediaStream | undefined;
  /** The call's peer connection, for quality statistics (getStats); undefined before media starts. */
  readonly peerConnection: RTCPeerConnection | undefined;
  /** The last second's quality (MOS, loss, jitter, RTT) once answered; undefined before. */
  readonly quality: CallQuality | undefined;
  /** The quality warnings that hold now (`losing-audio`, `no-microphone-audio`, `high-latency`). */
  readonly warnings: readonly QualityWarning[];
}

export interface EndedDetail {
  call: PhoneCall;
  disposition: Disposition;
  durationMs: number;
  timings: CallTimings;
  /** The SIP reason as JsSIP names it (`Busy`, `Rejected`, `Canceled`, …), for logs; never a secret. */
  cause?: string;
  /** The call's quality over its talk time (MOS average and minimum, worst loss, …); absent when it never talked. */
  quality?: QualitySummary;
}

export interface PhoneEngineEventMap {
  registration: CustomEvent<{ state: RegistrationState; error?: ZdApiError }>;
  /** A call appeared or changed status/muted. */
  call: CustomEvent<{ call: PhoneCall }>;
  ended: CustomEvent<EndedDetail>;
  /** Each second of a talking call: its quality (the call's `quality` and `warnings` say the same). */
  quality: CustomEvent<{ call: PhoneCall }>;
  /** A quality warning rose (`active`) or cleared. */
  warning: CustomEvent<{ call: PhoneCall; code: QualityWarning; active: boolean }>;
  error: CustomEvent<{ error: ZdApiError }>;
}

export interface PhoneEngine extends EventTarget {
  readonly registration: RegistrationState;
  readonly calls: readonly PhoneCall[];
  /** The registration's error while `registration` is 'failed'. */
  readonly error: ZdApiError | undefined;
  /**
   * Whether this tab holds the phone (the registration, the calls' audio). Absent for an engine of one
   * tab alone, which always does; false in a tab that follows another tab's phone (shared-engine.ts).
   */
  readonly leads?: boolean;
  /** Load JsSIP, fetch credentials, connect, REGISTER (a refused password → credentials refetched once). */
  start(): Promise<void>;
  /** Un-REGISTER, close. */
  stop(): Promise<void>;
  call(number: string): Promise<PhoneCall>;
  /**
   * The microphone from now on (`MediaDeviceInfo.deviceId`, '' the system's default), before or after
   * start(). While the phone runs, the device is opened first (a failure rejects and keeps the old one),
   * then every live call's sending track is replaced (`RTCRtpSender.replaceTrack`, no re-INVITE).
   */
  setMicrophone(deviceId: string): Promise<void>;
  /** REGISTER sent → 200 OK of the last registration, in ms (the digest challenge included). */
  readonly registerMs?: number | undefined;
  addEventListener<K extends keyof PhoneEngineEventMap>(
    type: K,
    listener: (event: PhoneEngineEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof PhoneEngineEventMap>(
    type: K,
    listener: (event: PhoneEngineEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** What the engine uses of JsSIP (the module, or its CommonJS default export). */
export type JsSipModule = Pick<typeof import('jssip'), 'UA' | 'WebSocketInterface'>;

export interface PhoneEngineOptions {
  /** The kit's client: GET /softphone/credentials?sip= */
  client: ZdClient;
  /** The token's extension. */
  sip: string;
  /** Default: the lazy chunk; tests may pass a direct import. */
  loadJsSip?: () => Promise<JsSipModule>;
  /** Default: getUserMedia({audio}) once, kept warm while the engine runs; `deviceId` '' the default. */
  getMicrophone?: (deviceId: string) => Promise<MediaStream>;
}
