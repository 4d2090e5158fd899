/**
 * `createPhoneEngine`: one extension's phone, no UI (docs/softphone-plan.md). JsSIP is loaded on
 * `start()` (the first "enable calls"); the credentials live in this object's private fields only.
 * Registration: registration.ts; a call: call.ts; hold/resume: reoffer.ts; warm media: warmup.ts.
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { IncomingRTCSessionEvent, OutgoingRTCSessionEvent, UA } from 'jssip/lib/UA.js';
import { jwtClaims } from '../client/jwt.js';
import { ZdApiError } from '../client/errors.js';
import { SessionCall, type CallContext } from './call.js';
import { fetchCredentials, type SoftphoneCredentials } from './credentials.js';
import { displayNumber } from './disposition.js';
import { loadJsSip } from './jssip-loader.js';
import { superviseRegistration } from './registration.js';
import { createSharedEngine, type SharedPhoneEngine } from './shared-engine.js';
import type {
  EndedDetail,
  PhoneCall,
  PhoneEngine,
  PhoneEngineEventMap,
  PhoneEngineOptions,
  RegistrationState,
} from './types.js';
import { WarmMicrophone, defaultMicrophone, warmIce } from './warmup.js';

/** What can be dialled: digits with an optional +, *, #, or an extension's login; nothing else. */
function dialTarget(number: string): string {
  const cleaned = number.trim().replace(/[\s().-]/g, '');
  if (!/^(\+?[0-9*#]{1,32}|[0-9]+-[0-9]+)$/.test(cleaned))
    throw new ZdApiError({
      kind: 'invalid',
      field: 'number',
      message: `not a number that can be dialled: ${number}`,
    });
  return cleaned;
}

class Engine extends EventTarget implements PhoneEngine {
  readonly #options: PhoneEngineOptions;
  readonly #microphone: WarmMicrophone;
  #state: RegistrationState = 'off';
  #error: ZdApiError | undefined;
  #calls: SessionCall[] = [];
  #ua: UA | undefined;
  /** Kept here only: never in an attribute, storage or event. */
  #credentials: SoftphoneCredentials | undefined;
  #starting: Promise<void> | undefined;
  #placing = false;
  #stopping = false;
  /** Counts stop() calls: a start() still loading when stop() came must not go on afterwards. */
  #generation = 0;
  #cancelStart: (() => void) | undefined;
  #registerMs: number | undefined;

  constructor(options: PhoneEngineOptions) {
    super();
    this.#options = options;
    this.#microphone = new WarmMicrophone(options.getMicrophone ?? defaultMicrophone);
  }

  get registration(): RegistrationState {
    return this.#state;
  }
  get error(): ZdApiError | undefined {
    return this.#error;
  }
  get calls(): readonly PhoneCall[] {
    return [...this.#calls];
  }
  get registerMs(): number | undefined {
    return this.#registerMs;
  }

  async setMicrophone(deviceId: string): Promise<void> {
    if (!(await this.#microphone.use(deviceId))) return;
    await Promise.all(this.#calls.map(async (call) => call.replaceMicrophone(await this.#microphone.take())));
  }

  #emit<K extends keyof PhoneEngineEventMap>(type: K, detail: PhoneEngineEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #setState(state: RegistrationState, error?: ZdApiError): void {
    if (this.#stopping) return;
    this.#error = state === 'failed' ? error : undefined;
    if (state === this.#state && !error) return;
    this.#state = state;
    this.#emit('registration', { state, ...(error ? { error } : {}) });
  }

  start(): Promise<void> {
    if (this.#state === 'registered' || this.#state === 'reconnecting') return Promise.resolve();
    this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async #start(): Promise<void> {
    this.#stopping = false;
    this.#setState('connecting');
    const generation = this.#generation;
    try {
      const jssip = await (this.#options.loadJsSip ?? loadJsSip)();
      const credentials = await fetchCredentials(this.#options.client, this.#options.sip);
      if (generation !== this.#generation) return; // stopped meanwhile
      this.#credentials = credentials;
      this.#microphone.warm();
      warmIce(credentials.iceServers);
      const ua = new jssip.UA({
        sockets: [new jssip.WebSocketInterface(credentials.wsUrl)],
        uri: `sip:${credentials.login}@${credentials.domain}`,
        authorization_user: credentials.authorizationUser,
        password: credentials.password,
        display_name: credentials.displayName,
        register: true,
        session_timers: false,
        connection_recovery_min_interval: 1,
        connection_recovery_max_interval: 30,
        user_agent: 'Zadarma Elements softphone',
      });
      this.#ua = ua;
      // JsSIP REGISTERs as soon as the WebSocket is up: connected → registered is REGISTER → 200
      // (with the digest challenge's round trip), the figure the set-up test shows.
      let connectedAt = 0;
      ua.on('connected', () => (connectedAt = performance.now()));
      ua.on('registered', () => (this.#registerMs = Math.round(performance.now() - connectedAt)));
      ua.on('newRTCSession', (event: IncomingRTCSessionEvent | OutgoingRTCSessionEvent) =>
        this.#session(event),
      );
      const registered = superviseRegistration(ua, this.#options.sip, credentials.wsUrl, {
        // A start that stop() cancelled says nothing any more (its start timeout may still fire).
        state: (state, error) => {
          if (generation === this.#generation) this.#setState(state, error);
        },
        refetch: async () => {
          const fresh = await fetchCredentials(this.#options.client, this.#options.sip);
          this.#credentials = fresh;
          return fresh;
        },
        reconnected: () => this.#restartIce(),
      });
      void registered.catch(() => undefined); // (when stop() won the race below)
      ua.start();
      // stop() during the registration ends the wait (start() then resolves unregistered).
      await Promise.race([registered, new Promise<void>((resolve) => (this.#cancelStart = resolve))]);
    } catch (cause) {
      if (generation !== this.#generation) return;
      const error =
        cause instanceof ZdApiError ? cause : new ZdApiError({ kind: 'config', message: String(cause) });
      this.#setState('failed', error);
      this.#emit('error', { error });
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.#generation++;
    this.#cancelStart?.();
    this.#cancelStart = undefined;
    const ua = this.#ua;
    this.#ua = undefined;
    this.#credentials = undefined;
    if (ua) {
      const unregistered = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        ua.on('unregistered', () => {
          clearTimeout(timer);
          resolve();
        });
        if (!ua.isRegistered()) {
          clearTimeout(timer);
          resolve();
        }
      });
      for (const call of this.#calls) call.hangup();
      ua.unregister();
      await unregistered;
      this.#stopping = true;
      ua.stop();
    }
    this.#microphone.close();
    this.#stopping = false;
    this.#setState('off');
  }

  #context(): CallContext {
    const credentials = this.#credentials;
    if (!credentials || !this.#ua)
      throw new ZdApiError({ kind: 'config', message: 'calls are not enabled (start() the phone first)' });
    return {
      domain: credentials.domain,
      iceServers: credentials.iceServers,
      microphone: () => this.#microphone.take(),
      canSignal: () => this.#state === 'registered' && this.#ua?.isConnected() === true,
      changed: (call) => this.#emit('call', { call }),
      ended: (detail) => this.#ended(detail),
      quality: (call) => this.#emit('quality', { call }),
      warning: (call, code, active) => this.#emit('warning', { call, code, active }),
      beforeAnswer: (call) => this.#holdOthers(call),
    };
  }

  async call(number: string): Promise<PhoneCall> {
    const ua = this.#ua;
    const context = this.#context();
    if (!ua || this.#state !== 'registered')
      throw new ZdApiError({ kind: 'config', message: `the phone is not registered (${this.#state})` });
    const target = dialTarget(number);
    const call = new SessionCall(context, 'outgoing', { number: target });
    const stream = await call.takeMicrophone();
    this.#placing = true;
    let session: RTCSession;
    try {
      session = ua.call(`sip:${target}@${context.domain}`, {
        ...call.mediaOptions(stream),
        eventHandlers: call.handlers(),
      });
    } catch (cause) {
      for (const track of stream.getTracks()) track.stop();
      throw new ZdApiError({ kind: 'invalid', message: `the call could not be placed (${String(cause)})` });
    } finally {
      this.#placing = false;
    }
    call.attach(session, false);
    this.#add(call);
    return call;
  }

  #add(call: SessionCall): void {
    this.#calls.push(call);
    this.#emit('call', { call });
  }

  #ended(detail: EndedDetail): void {
    this.#calls = this.#calls.filter((c) => c !== detail.call);
    this.#emit('call', { call: detail.call });
    this.#emit('ended', detail);
  }

  /** A session JsSIP made: an incoming call, or the new call of a transfer we accepted. */
  #session(event: IncomingRTCSessionEvent | OutgoingRTCSessionEvent): void {
    if (event.originator === 'local' && this.#placing) return; // call() attaches it itself
    const session = event.session;
    const lines = this.#credentials?.lines ?? 1;
    if (event.originator === 'remote' && this.#calls.length >= lines) {
      session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    const identity = session.remote_identity;
    const name = identity.display_name;
    const call = new SessionCall(this.#context(), event.originator === 'remote' ? 'incoming' : 'outgoing', {
      number: displayNumber(identity.uri.user),
      ...(name ? { name } : {}),
    });
    call.attach(session, true);
    this.#add(call);
    // The INVITE with Replaces of an attended transfer takes the place of a call already answered.
    if (event.originator === 'remote' && event.request.hasHeader('replaces'))
      void call.answer().catch(() => undefined);
  }

  /** Call waiting: answering one call puts the others that talk on hold. */
  async #holdOthers(answering: SessionCall): Promise<void> {
    const talking = this.#calls.filter((c) => c !== answering && c.status === 'active');
    await Promise.all(talking.map((c) => c.hold().catch(() => undefined)));
  }

  /**
   * After a lost connection: every live call re-INVITEs (from the new connection; with an ICE restart
   * when its media broke as well). A refused one leaves the call as it is: its media may still flow.
   */
  #restartIce(): void {
    for (const call of this.#calls) {
      if (call.status !== 'active' && call.status !== 'held') continue;
      void call.reinviteAfterReconnect().catch((error: unknown) => {
        if (error instanceof ZdApiError) this.#emit('error', { error });
      });
    }
  }
}

// For "Test my setup" (preflight.ts), which loads it from here so that it stays in the engine's chunk
// (shared with a second chunk, the bundler would put it in a third, one more request on "enable calls").
export { fetchCredentials } from './credentials.js';

export function createPhoneEngine(options: PhoneEngineOptions): PhoneEngine {
  return new Engine(options);
}

export { createSharedEngine, type SharedPhoneEngine };

/** The token's user (`sub`), read only to tell customers apart; '' for a token that is not a JWT. */
function tokenSubject(token: string): string {
  const sub = jwtClaims(token)?.sub;
  return typeof sub === 'string' || typeof sub === 'number' ? String(sub) : '';
}

/**
 * The element's engine: one registration per extension across the browser's tabs (shared-engine.ts).
 * Tabs share only with the same proxy and the same user: the lock is named after the proxy's URL, the
 * token's `sub` and the extension (the token comes from the client's cache, the engine needs it anyway).
 */
export async function createTabSharedPhoneEngine(options: PhoneEngineOptions): Promise<PhoneEngine> {
  const token = await options.client.tokens.get();
  return createSharedEngine({
    sip: options.sip,
    userKey: `${options.client.proxy}|${tokenSubject(token)}`,
    makeEngine: () => createPhoneEngine(options),
  });
}
