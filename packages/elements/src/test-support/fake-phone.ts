/**
 * A phone engine in the page, for the UI-state tests of `<zd-softphone>` only (the engine's own tests
 * use JsSIP against real SIP servers). It implements `PhoneEngine` exactly and records what the element
 * asked of it; the test plays the other end: `ring()`, `progress()`, `end()`.
 */
import type { ZdApiError } from '../client/errors.js';
import { $, waitForSelector } from './dom.js';
import type {
  CallQuality,
  CallStatus,
  CallTimings,
  DtmfTransport,
  Disposition,
  PhoneCall,
  PhoneEngine,
  PhoneEngineOptions,
  QualitySummary,
  QualityWarning,
  RegistrationState,
} from '../phone/types.js';

export type FakeAction =
  | { op: 'start' | 'stop' }
  | { op: 'microphone'; deviceId: string }
  | { op: 'call'; number: string }
  | { op: 'answer' | 'decline' | 'hangup' | 'hold' | 'resume'; id: string }
  | { op: 'mute'; id: string; on: boolean }
  | { op: 'dtmf'; id: string; digits: string; transport?: 'info' }
  | { op: 'transfer'; id: string; target: string; attended?: string };

let nextId = 1;

export class FakeCall implements PhoneCall {
  readonly id = `fake-${nextId++}`;
  status: CallStatus;
  muted = false;
  readonly startedAt = Date.now();
  answeredAt: number | undefined;
  readonly remoteStream: MediaStream | undefined = undefined;
  readonly peerConnection: RTCPeerConnection | undefined = undefined;
  quality: CallQuality | undefined;
  warnings: QualityWarning[] = [];

  constructor(
    private readonly engine: FakePhoneEngine,
    readonly direction: 'outgoing' | 'incoming',
    readonly remote: { number: string; name?: string },
  ) {
    this.status = direction === 'incoming' ? 'ringing' : 'dialing';
  }

  answer(): Promise<void> {
    this.engine.log({ op: 'answer', id: this.id });
    this.engine.progress(this, 'active');
    return Promise.resolve();
  }
  decline(): void {
    this.engine.log({ op: 'decline', id: this.id });
    this.engine.end(this, 'declined');
  }
  hangup(): void {
    this.engine.log({ op: 'hangup', id: this.id });
    this.engine.end(this, this.answeredAt === undefined ? 'cancelled' : 'answered');
  }
  mute(on: boolean): void {
    this.engine.log({ op: 'mute', id: this.id, on });
    this.muted = on;
    this.engine.changed(this);
  }
  hold(): Promise<void> {
    this.engine.log({ op: 'hold', id: this.id });
    this.engine.progress(this, 'held');
    return Promise.resolve();
  }
  resume(): Promise<void> {
    this.engine.log({ op: 'resume', id: this.id });
    this.engine.progress(this, 'active');
    return Promise.resolve();
  }
  sendDtmf(digits: string, options: { transport?: DtmfTransport } = {}): void {
    this.engine.log({
      op: 'dtmf',
      id: this.id,
      digits,
      ...(options.transport === 'info' ? { transport: 'info' as const } : {}),
    });
  }
  transfer(target: string, options: { attended?: PhoneCall } = {}): Promise<void> {
    this.engine.log({
      op: 'transfer',
      id: this.id,
      target,
      ...(options.attended ? { attended: options.attended.id } : {}),
    });
    this.engine.end(this, 'answered');
    if (options.attended) this.engine.end(options.attended as FakeCall, 'answered');
    return Promise.resolve();
  }
}

export class FakePhoneEngine extends EventTarget implements PhoneEngine {
  registration: RegistrationState = 'off';
  calls: FakeCall[] = [];
  error: ZdApiError | undefined;
  readonly actions: FakeAction[] = [];
  /** What `start()` does: register at once (default), or fail with this error. */
  startFailure: Error | undefined;
  /** The microphone the element chose last ('' the default). */
  microphone = '';

  constructor(readonly options: PhoneEngineOptions) {
    super();
  }

  log(action: FakeAction): void {
    this.actions.push(action);
  }

  setRegistration(state: RegistrationState): void {
    this.registration = state;
    this.dispatchEvent(new CustomEvent('registration', { detail: { state } }));
  }

  start(): Promise<void> {
    this.log({ op: 'start' });
    if (this.startFailure) return Promise.reject(this.startFailure);
    this.setRegistration('connecting');
    this.setRegistration('registered');
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.log({ op: 'stop' });
    this.setRegistration('off');
    return Promise.resolve();
  }

  setMicrophone(deviceId: string): Promise<void> {
    this.log({ op: 'microphone', deviceId });
    this.microphone = deviceId;
    return Promise.resolve();
  }

  call(number: string): Promise<PhoneCall> {
    this.log({ op: 'call', number });
    const call = new FakeCall(this, 'outgoing', { number });
    this.calls.push(call);
    this.changed(call);
    return Promise.resolve(call);
  }

  /** The other end calls in. */
  ring(number: string, name?: string): FakeCall {
    const call = new FakeCall(this, 'incoming', name ? { number, name } : { number });
    this.calls.push(call);
    this.changed(call);
    return call;
  }

  progress(call: FakeCall, status: CallStatus): void {
    call.status = status;
    if (status === 'active' && call.answeredAt === undefined) call.answeredAt = Date.now();
    this.changed(call);
  }

  changed(call: FakeCall): void {
    this.dispatchEvent(new CustomEvent('call', { detail: { call } }));
  }

  end(
    call: FakeCall,
    disposition: Disposition,
    timings: CallTimings = { signallingMs: 12 },
    quality?: QualitySummary,
  ): void {
    const durationMs = call.answeredAt === undefined ? 0 : Date.now() - call.answeredAt;
    call.status = 'ended';
    this.calls = this.calls.filter((c) => c !== call);
    const detail = { call, disposition, durationMs, timings, ...(quality ? { quality } : {}) };
    this.dispatchEvent(new CustomEvent('ended', { detail }));
  }

  /** A second of the call's quality measured. */
  measure(call: FakeCall, quality: CallQuality): void {
    call.quality = quality;
    this.dispatchEvent(new CustomEvent('quality', { detail: { call } }));
  }

  /** A quality warning rises or clears. */
  warn(call: FakeCall, code: QualityWarning, active: boolean): void {
    call.warnings = active ? [...call.warnings, code] : call.warnings.filter((w) => w !== code);
    this.dispatchEvent(new CustomEvent('warning', { detail: { call, code, active } }));
  }
}

/** An `engineFactory` for the element that keeps the engines it made. */
export function fakeEngineFactory(): {
  factory: (o: PhoneEngineOptions) => FakePhoneEngine;
  engines: FakePhoneEngine[];
} {
  const engines: FakePhoneEngine[] = [];
  return {
    engines,
    factory: (options) => {
      const engine = new FakePhoneEngine(options);
      engines.push(engine);
      return engine;
    },
  };
}

/** Clicks the element's "enable calls" and waits for the dial pad; the fake engine the element made. */
export async function enableFake(
  el: HTMLElement,
  engines: readonly FakePhoneEngine[],
): Promise<FakePhoneEngine> {
  $(el, '[part~=enable-button]')?.click();
  await waitForSelector(el, '#number', 'the dial pad');
  const engine = engines[0];
  if (!engine) throw new Error('no engine was made');
  return engine;
}
