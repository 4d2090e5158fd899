/**
 * `PhoneCall` over one JsSIP RTCSession: the status a person sees, the call's own microphone track (a
 * clone of the engine's warm one, so that muting or holding one call never silences another), the
 * remote audio, and the setup timings of `ended`.
 */
import type { RTCSession, RTCSessionEventMap } from 'jssip/lib/RTCSession.js';
import { ZdApiError } from '../client/errors.js';
import { CallQualityWatch } from './call-quality.js';
import { dispositionFor } from './disposition.js';
import { usableCandidate } from './ice.js';
import { refreshTarget, reoffer } from './reoffer.js';
import type {
  CallQuality,
  CallStatus,
  CallTimings,
  DtmfTransport,
  EndedDetail,
  PhoneCall,
  QualityWarning,
} from './types.js';

/** Tries of the refresh after a reconnection while the other side's connection is down (1 + 2 + 4 + 8 s). */
const RECONNECT_RETRIES = 4;

/** What a call needs from its engine. */
export interface CallContext {
  domain: string;
  iceServers: RTCIceServer[];
  /** A fresh microphone stream for this call (the engine's warm one, cloned). */
  microphone(): Promise<MediaStream>;
  changed(call: SessionCall): void;
  ended(detail: EndedDetail): void;
  /** A second of the call's quality measured, or one of its warnings rose or cleared. */
  quality(call: SessionCall): void;
  warning(call: SessionCall, code: QualityWarning, active: boolean): void;
  /** Whether SIP can be sent now (connected and registered): a request on a lost socket ends the call. */
  canSignal(): boolean;
  /** Before an incoming call is answered: holds the others (call waiting). */
  beforeAnswer(call: SessionCall): Promise<void>;
}

type Handlers = Partial<RTCSessionEventMap>;

let sequence = 0;

export class SessionCall implements PhoneCall {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly remote: { number: string; name?: string };
  readonly startedAt = Date.now();
  #status: CallStatus;
  #muted = false;
  #answeredAt: number | undefined;
  #remoteStream: MediaStream | undefined;
  #session: RTCSession | undefined;
  #local: MediaStream | undefined;
  #pc: RTCPeerConnection | undefined;
  readonly #context: CallContext;
  readonly #timings: CallTimings = {};
  /** performance.now() marks the timings are measured from. */
  #setupStart = performance.now();
  #pcStart = 0;
  #inviteSent = 0;
  #answering: Promise<void> | undefined;
  readonly #quality: CallQualityWatch;

  constructor(
    context: CallContext,
    direction: 'outgoing' | 'incoming',
    remote: { number: string; name?: string },
  ) {
    this.id = `call-${++sequence}`;
    this.#context = context;
    this.direction = direction;
    this.remote = remote;
    this.#status = direction === 'outgoing' ? 'dialing' : 'ringing';
    this.#quality = new CallQualityWatch(
      {
        update: () => this.#context.quality(this),
        warning: (code, active) => this.#context.warning(this, code, active),
      },
      () => this.#muted,
    );
  }

  get status(): CallStatus {
    return this.#status;
  }
  get muted(): boolean {
    return this.#muted;
  }
  get answeredAt(): number | undefined {
    return this.#answeredAt;
  }
  get remoteStream(): MediaStream | undefined {
    return this.#remoteStream;
  }
  get peerConnection(): RTCPeerConnection | undefined {
    return this.#pc;
  }
  get quality(): CallQuality | undefined {
    return this.#quality.latest?.quality;
  }
  get warnings(): readonly QualityWarning[] {
    return this.#quality.latest?.warnings ?? [];
  }
  /** The JsSIP session (for attended transfer's Replaces). */
  get session(): RTCSession | undefined {
    return this.#session;
  }

  /** The call's microphone stream, measured as the media phase. */
  async takeMicrophone(): Promise<MediaStream> {
    const started = performance.now();
    this.#local = await this.#context.microphone();
    this.#timings.mediaMs = Math.round(performance.now() - started);
    return this.#local;
  }

  /** JsSIP options shared by call(), answer() and a transfer's new call. */
  mediaOptions(stream: MediaStream) {
    return {
      mediaStream: stream,
      pcConfig: { iceServers: this.#context.iceServers },
      rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
    };
  }

  /** The listeners, given to `ua.call()` as eventHandlers (so none misses an early event) or attached. */
  handlers(): Handlers {
    const withServers = this.#context.iceServers.length > 0;
    return {
      peerconnection: ({ peerconnection }) => this.#watchConnection(peerconnection),
      icecandidate: ({ candidate, ready }) => {
        if (!usableCandidate(candidate, withServers)) return;
        this.#timings.iceMs ??= Math.round(performance.now() - this.#pcStart);
        ready();
      },
      sending: () => (this.#inviteSent = performance.now()),
      progress: () => {
        if (this.direction === 'outgoing' && this.#status === 'dialing') this.#set('early');
      },
      accepted: () => {
        if (this.direction === 'outgoing' && this.#inviteSent)
          this.#timings.signallingMs = Math.round(performance.now() - this.#inviteSent);
        this.#answeredAt ??= Date.now();
        this.#set('active');
      },
      confirmed: () => {
        if (this.direction === 'incoming' && this.#timings.signallingMs === undefined)
          this.#timings.signallingMs = Math.round(performance.now() - this.#setupStart);
        this.#answeredAt ??= Date.now();
        if (this.#status !== 'held') this.#set('active');
      },
      hold: ({ originator }) => {
        if (originator === 'local') this.#set('held');
      },
      unhold: ({ originator }) => {
        if (originator === 'local') this.#set('active');
      },
      muted: () => this.#setMuted(true),
      unmuted: () => this.#setMuted(false),
      ended: ({ cause }) => this.#end(cause),
      failed: ({ cause }) => this.#end(cause),
    };
  }

  /** `withHandlers`: the session was made without our eventHandlers (incoming, or a transfer's). */
  attach(session: RTCSession, withHandlers: boolean): void {
    this.#session = session;
    if (withHandlers) {
      for (const [name, listener] of Object.entries(this.handlers())) {
        session.on(
          name as keyof RTCSessionEventMap,
          listener as RTCSessionEventMap[keyof RTCSessionEventMap],
        );
      }
    }
    // A transfer's REFER to us: accept it, the new call is the engine's like any other.
    session.on('refer', ({ accept }) => {
      void this.#context.microphone().then((stream) => accept(undefined, this.mediaOptions(stream)));
    });
    // The transfer target's side of an attended transfer: the replacing INVITE is taken.
    session.on('replaces', ({ accept }) => accept());
    if (session.connection) this.#watchConnection(session.connection);
  }

  /**
   * Another microphone mid-call: the sending track is replaced (`RTCRtpSender.replaceTrack`, no
   * re-INVITE: the codec and the path stay), muted or held stays so, the old track is stopped. A call with
   * no media yet (ringing) takes its microphone when answered.
   */
  async replaceMicrophone(stream: MediaStream): Promise<void> {
    const track = stream.getAudioTracks()[0];
    const senders = this.#pc?.getSenders().filter((s) => s.track?.kind === 'audio') ?? [];
    if (!track || senders.length === 0 || this.#status === 'ended') {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    // Muted or on hold, JsSIP has disabled the sending track: the new one goes on as the old one was.
    track.enabled = senders[0]?.track?.enabled ?? !this.#muted;
    await Promise.all(senders.map((sender) => sender.replaceTrack(track)));
    const old = this.#local;
    this.#local = stream;
    for (const t of old?.getTracks() ?? []) if (t !== track) t.stop();
  }

  #watchConnection(pc: RTCPeerConnection): void {
    if (this.#pc === pc) return;
    this.#pc = pc;
    this.#pcStart = performance.now();
    pc.addEventListener('track', (event) => {
      this.#remoteStream = event.streams[0] ?? new MediaStream([event.track]);
      this.#context.changed(this);
    });
    // The media's path broke (a new network) while signalling works: ICE restart by re-INVITE. While
    // the WebSocket is down, the engine does it once registered again.
    pc.addEventListener('iceconnectionstatechange', () => {
      if (pc.iceConnectionState !== 'failed' || !this.#context.canSignal()) return;
      if (this.#status !== 'active' && this.#status !== 'held') return;
      void reoffer(this.#live(), 'ice-restart').catch(() => undefined);
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected' && this.#timings.connectedMs === undefined)
        this.#timings.connectedMs = Math.round(performance.now() - this.#setupStart);
    });
  }

  #set(status: CallStatus): void {
    if (this.#status === status || this.#status === 'ended') return;
    this.#status = status;
    if (status === 'active' && this.#pc) this.#quality.start(this.#pc);
    this.#context.changed(this);
  }

  #setMuted(muted: boolean): void {
    if (this.#muted === muted) return;
    this.#muted = muted;
    this.#context.changed(this);
  }

  #end(cause: string | undefined): void {
    if (this.#status === 'ended') return;
    const answered = this.#answeredAt !== undefined;
    this.#status = 'ended';
    for (const track of this.#local?.getTracks() ?? []) track.stop();
    const quality = this.#quality.stop();
    this.#context.ended({
      call: this,
      disposition: dispositionFor(cause, answered),
      durationMs: answered ? Date.now() - (this.#answeredAt ?? Date.now()) : 0,
      timings: { ...this.#timings },
      ...(cause ? { cause } : {}),
      ...(quality ? { quality } : {}),
    });
  }

  #live(): RTCSession {
    if (!this.#session || this.#status === 'ended')
      throw new ZdApiError({ kind: 'invalid', message: 'the call has ended' });
    return this.#session;
  }

  answer(): Promise<void> {
    if (this.direction !== 'incoming')
      return Promise.reject(
        new ZdApiError({ kind: 'invalid', message: 'only an incoming call can be answered' }),
      );
    this.#answering ??= (async () => {
      const session = this.#live();
      await this.#context.beforeAnswer(this);
      this.#setupStart = performance.now();
      const stream = await this.takeMicrophone();
      await new Promise<void>((resolve, reject) => {
        session.on('confirmed', () => resolve());
        session.on('failed', ({ cause }) =>
          reject(new ZdApiError({ kind: 'upstream', message: `the call could not be answered (${cause})` })),
        );
        session.answer(this.mediaOptions(stream));
      });
    })();
    return this.#answering;
  }

  decline(): void {
    const session = this.#live();
    // 603 Decline: the caller hears "declined", not "unavailable" (JsSIP's default 480).
    session.terminate({ status_code: 603, reason_phrase: 'Decline' });
  }

  hangup(): void {
    if (this.#status === 'ended') return;
    this.#live().terminate();
  }

  mute(on: boolean): void {
    const session = this.#live();
    if (on) session.mute({ audio: true });
    else session.unmute({ audio: true });
  }

  hold(): Promise<void> {
    if (this.#status === 'held') return Promise.resolve();
    return reoffer(this.#live(), 'hold');
  }

  resume(): Promise<void> {
    if (this.#status !== 'held') return Promise.resolve();
    return reoffer(this.#live(), 'unhold');
  }

  /**
   * After a reconnection (engine.ts): a re-INVITE with an ICE restart when the media broke too (a new
   * network); when it still flows (only the WebSocket was lost), an SDP-less UPDATE that only tells the
   * new Contact (reoffer.ts says why).
   */
  async reinviteAfterReconnect(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const ice = this.#pc?.iceConnectionState;
      const flowing = ice === 'connected' || ice === 'completed';
      try {
        return await (flowing ? refreshTarget(this.#live()) : reoffer(this.#live(), 'ice-restart'));
      } catch (error) {
        // 430 Flow Failed: the other side lost its connection too and is not back yet (RFC 5626 §4.5);
        // it comes back by itself, so try again a little later.
        const again = error instanceof ZdApiError && error.status === 430 && attempt < RECONNECT_RETRIES;
        if (!again || this.#status === 'ended') throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
      }
    }
  }

  sendDtmf(digits: string, options: { transport?: DtmfTransport } = {}): void {
    const tones = digits.replace(/[^0-9A-D*#,]/gi, '');
    if (!tones) return;
    const transportType = (options.transport === 'info' ? 'INFO' : 'RFC2833') as NonNullable<
      Parameters<RTCSession['sendDTMF']>[1]
    >['transportType'];
    this.#live().sendDTMF(tones, { transportType, duration: 120, interToneGap: 80 });
  }

  transfer(target: string, options: { attended?: PhoneCall } = {}): Promise<void> {
    const session = this.#live();
    const replaces = options.attended instanceof SessionCall ? options.attended.session : undefined;
    if (options.attended && !replaces)
      return Promise.reject(
        new ZdApiError({ kind: 'invalid', message: 'the consultation call is not this phone’s' }),
      );
    const uri = /^sips?:/.test(target)
      ? target
      : `sip:${target.replace(/[^0-9+*#A-Za-z.-]/g, '')}@${this.#context.domain}`;
    return new Promise<void>((resolve, reject) => {
      session.refer(uri, {
        ...(replaces ? { replaces } : {}),
        eventHandlers: {
          requestSucceeded: () => resolve(),
          requestFailed: ({ response }: { response?: { status_code?: number } }) =>
            reject(
              new ZdApiError({
                kind: 'upstream',
                message: `the transfer was refused (${response?.status_code ?? 'no answer'})`,
              }),
            ),
          // The transfer target answered: this leg is no longer needed. (The consultation call of an
          // attended transfer is ended by the target, which replaced it: RFC 3891.)
          accepted: () => {
            if (this.#status !== 'ended') this.hangup();
          },
        },
      });
    });
  }
}
