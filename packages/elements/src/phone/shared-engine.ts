/**
 * One registration per extension across the tabs of a browser (issue 12): `createSharedEngine` is a
 * `PhoneEngine` that, in the tab that leads (phone/leader.ts: a Web Lock + a BroadcastChannel), runs
 * the real engine and publishes a snapshot of it on every change; in the other tabs it shows those
 * snapshots as remote calls whose actions (answer, decline, hangup, mute, hold, resume, digits,
 * transfer, and dialling) are commands the leader carries out and answers.
 *
 * - The audio is the leader's: its tab holds the microphone and the peer connection, and plays the
 *   remote audio. A follower's calls have no `remoteStream` and no `peerConnection` (undefined); the
 *   element can tell "the call's audio plays in your other tab" from `leads === false`.
 * - When the leader's tab closes, the browser gives the lock to a waiting tab: that tab makes its own
 *   real engine (fresh credentials through the proxy) and registers. The old leader's calls died with
 *   its page: every follower sees them end (`failed`, cause `the tab that held the call closed`).
 * - A leader's snapshot is the whole state (registration, calls, the last few ended calls and the last
 *   few command answers), so a tab that joins late, or misses a message, catches up from the next one.
 * - Commands are answered in the snapshot (request id → done or the error); one the leader does not
 *   answer within `commandTimeoutMs` (no leader, for a moment, between two) fails with a ZdApiError.
 *   A void action (hangup, mute, digits…) that the leader refuses comes back as an `error` event; the
 *   leader's own engine `error` events (a refused re-INVITE) stay in its tab.
 * - Quality: the leader measures; each call's `quality` and `warnings` travel in the snapshot, so the
 *   followers fire the same `quality` and `warning` events (and `ended` carries the summary).
 */
import { ZdApiError } from '../client/errors.js';
import { createTabLeadership, type TabLeadership } from './leader.js';
import { RemoteCall } from './remote-call.js';
import {
  endedSnapshot,
  errorSnapshot,
  snapshotOf,
  type DistributiveOmit,
  type EndedSnapshot,
  type ReplySnapshot,
  type SharedCommand,
  type SharedSnapshot,
} from './shared-messages.js';
import type { EndedDetail, PhoneCall, PhoneEngine, PhoneEngineEventMap, RegistrationState } from './types.js';

export type {
  CallSnapshot,
  EndedSnapshot,
  ErrorSnapshot,
  ReplySnapshot,
  SharedCommand,
  SharedSnapshot,
} from './shared-messages.js';

export interface SharedEngineOptions {
  /** The extension. */
  sip: string;
  /**
   * Who the phone belongs to besides the extension: tabs share a phone only when `sip` and `userKey`
   * are the same (the element passes its proxy's URL and the token's user, so two customers — or two
   * partners' proxies — in one browser never share a phone).
   */
  userKey?: string;
  /** Makes the real engine, when (and each time) this tab comes to lead. */
  makeEngine: () => PhoneEngine | Promise<PhoneEngine>;
  /** Default: `createTabLeadership(name)` (tests pass their own). */
  leadership?: (name: string) => TabLeadership<SharedSnapshot, SharedCommand>;
  /** How long a follower waits for the leader's answer to a command (default 15 s). */
  commandTimeoutMs?: number;
}

export interface SharedPhoneEngine extends PhoneEngine {
  /** Whether this tab leads (runs the real engine, holds the audio); false while following or off. */
  readonly leads: boolean;
}

const KEEP_ENDED = 10;
const KEEP_REPLIES = 30;

function randomId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

interface Pending {
  resolve: (reply: ReplySnapshot) => void;
  reject: (error: ZdApiError) => void;
  timer: ReturnType<typeof setTimeout>;
}

class SharedEngine extends EventTarget implements SharedPhoneEngine {
  readonly #options: SharedEngineOptions;
  readonly #name: string;
  readonly #tabId = randomId();
  #leadership: TabLeadership<SharedSnapshot, SharedCommand> | undefined;
  #offs: (() => void)[] = [];
  #registration: RegistrationState = 'off';
  /** start()s waiting for the registration, settled by stop() too. */
  readonly #stopped = new Set<() => void>();
  #error: ZdApiError | undefined;

  // ---- leading ----
  #real: PhoneEngine | undefined;
  #realOffs: (() => void)[] = [];
  #ended: EndedSnapshot[] = [];
  #replies: ReplySnapshot[] = [];
  /** Counts takeovers and stops: a real engine made for an earlier one is stopped, not used. */
  #generation = 0;

  /** The microphone chosen in this tab: the real engine's while this tab leads (or once it does). */
  #microphone = '';

  // ---- following ----
  #remote = new Map<string, RemoteCall>();
  #pending = new Map<string, Pending>();

  constructor(options: SharedEngineOptions) {
    super();
    this.#options = options;
    this.#name = `zd-softphone:${options.userKey ?? ''}:${options.sip}`;
  }

  get leads(): boolean {
    return this.#real !== undefined;
  }
  get registration(): RegistrationState {
    return this.#registration;
  }
  /** The leading tab's measure; a follower has none. */
  get registerMs(): number | undefined {
    return this.#real?.registerMs;
  }
  get error(): ZdApiError | undefined {
    return this.#error;
  }
  get calls(): readonly PhoneCall[] {
    return this.#real ? this.#real.calls : [...this.#remote.values()];
  }

  #emit<K extends keyof PhoneEngineEventMap>(type: K, detail: PhoneEngineEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #setRegistration(state: RegistrationState, error?: ZdApiError): void {
    this.#error = state === 'failed' ? error : undefined;
    if (state === this.#registration && !error) return;
    this.#registration = state;
    this.#emit('registration', { state, ...(error ? { error } : {}) });
  }

  start(): Promise<void> {
    if (!this.#leadership) {
      const leadership =
        this.#options.leadership?.(this.#name) ??
        createTabLeadership<SharedSnapshot, SharedCommand>(this.#name);
      this.#leadership = leadership;
      this.#setRegistration('connecting');
      this.#offs = [
        leadership.onChange((leads) => (leads ? void this.#lead() : void this.#follow())),
        leadership.onState((snapshot) => this.#receive(snapshot)),
        leadership.onCommand((command) => void this.#carryOut(command)),
      ];
      // The fallback (no Web Locks) leads at once, before onChange was listened to.
      if (leadership.isLeader) void this.#lead();
      else if (leadership.state) this.#receive(leadership.state);
    }
    return this.#ready();
  }

  /** Resolves once registered (here or in the leader's tab), rejects when it failed, resolves on stop. */
  #ready(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = (): boolean => {
        const state = this.#registration;
        if (state === 'registered' || state === 'reconnecting' || !this.#leadership) resolve();
        else if (state === 'failed')
          reject(this.#error ?? new ZdApiError({ kind: 'config', message: 'the phone failed to register' }));
        else return false;
        return true;
      };
      if (check()) return;
      const listener = () => {
        if (!check()) return;
        this.removeEventListener('registration', listener);
        this.#stopped.delete(listener);
      };
      this.addEventListener('registration', listener);
      this.#stopped.add(listener);
    });
  }

  async stop(): Promise<void> {
    this.#generation++;
    const leadership = this.#leadership;
    for (const off of this.#offs.splice(0)) off();
    const real = this.#real;
    if (real) {
      // The calls end (their last snapshot goes out); the registration's 'off' is not news for the
      // followers — the next tab registers as it takes over.
      await this.#stopReal(real, true);
    }
    this.#leadership = undefined;
    leadership?.close();
    this.#endRemoteCalls('this tab stopped following');
    for (const [, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new ZdApiError({ kind: 'config', message: 'calls are not enabled' }));
    }
    this.#pending.clear();
    this.#setRegistration('off');
    for (const listener of [...this.#stopped]) listener();
  }

  /** The audio is the leading tab's: a follower keeps the choice for when it takes over. */
  setMicrophone(deviceId: string): Promise<void> {
    this.#microphone = deviceId;
    return this.#real ? this.#real.setMicrophone(deviceId) : Promise.resolve();
  }

  async call(number: string): Promise<PhoneCall> {
    if (this.#real) return this.#real.call(number);
    if (!this.#leadership)
      throw new ZdApiError({ kind: 'config', message: 'calls are not enabled (start() the phone first)' });
    const reply = await this.#request({ op: 'call', number });
    const call = reply.callId ? this.#remote.get(reply.callId) : undefined;
    if (!call) throw new ZdApiError({ kind: 'upstream', message: 'the call ended before it could be shown' });
    return call;
  }

  // ---- leading ----

  /** This tab got the lock: the old leader's calls are gone; a real engine of its own registers. */
  async #lead(): Promise<void> {
    const generation = ++this.#generation;
    this.#endRemoteCalls('the tab that held the call closed');
    this.#ended = [];
    this.#replies = [];
    for (const [request, pending] of this.#pending) {
      // Asked of the tab that closed: it will never answer.
      clearTimeout(pending.timer);
      this.#pending.delete(request);
      pending.reject(new ZdApiError({ kind: 'network', message: 'the tab that held the phone closed' }));
    }
    this.#setRegistration('connecting');
    let real: PhoneEngine;
    try {
      real = await this.#options.makeEngine();
    } catch (cause) {
      if (generation !== this.#generation) return;
      this.#failLeading(cause);
      return;
    }
    if (generation !== this.#generation || !this.#leadership?.isLeader) {
      void real.stop().catch(() => undefined);
      return;
    }
    this.#real = real;
    this.#listenToReal(real);
    this.#publish();
    // (Before start: the engine opens the chosen microphone from the first.)
    if (this.#microphone) real.setMicrophone(this.#microphone).catch(() => undefined);
    try {
      await real.start();
    } catch {
      // The registration event said it ('failed' with the error), to this tab and the followers.
    }
  }

  #failLeading(cause: unknown): void {
    const error = cause instanceof ZdApiError ? cause : new ZdApiError(errorSnapshot(cause));
    this.#setRegistration('failed', error);
    this.#emit('error', { error });
    this.#leadership?.publish({
      leader: this.#tabId,
      registration: 'failed',
      error: errorSnapshot(error),
      calls: [],
      ended: [],
      replies: [],
    });
  }

  #listenToReal(real: PhoneEngine): void {
    const on = <K extends keyof PhoneEngineEventMap>(
      type: K,
      handle: (detail: PhoneEngineEventMap[K]['detail']) => void,
    ) => {
      const listener = (event: Event) => handle((event as PhoneEngineEventMap[K]).detail);
      real.addEventListener(type, listener);
      this.#realOffs.push(() => real.removeEventListener(type, listener));
    };
    on('registration', ({ state, error }) => {
      this.#setRegistration(state, error);
      this.#publish();
    });
    on('call', (detail) => {
      // An ended call's snapshot goes with its ended event (next), so followers get its disposition.
      if (detail.call.status !== 'ended') this.#publish();
      this.#emit('call', detail);
    });
    on('ended', (detail) => {
      this.#ended = [...this.#ended, endedSnapshot(detail)].slice(-KEEP_ENDED);
      this.#publish();
      this.#emit('ended', detail);
    });
    on('quality', (detail) => {
      this.#publish();
      this.#emit('quality', detail);
    });
    on('warning', (detail) => {
      this.#publish();
      this.#emit('warning', detail);
    });
    on('error', (detail) => this.#emit('error', detail));
  }

  async #stopReal(real: PhoneEngine, publishCalls: boolean): Promise<void> {
    // Until the engine is off, its calls' ends still go out; its registration no longer does.
    for (const off of this.#realOffs.splice(0)) off();
    if (publishCalls) {
      const onEnded = (event: Event) => {
        const detail = (event as CustomEvent<EndedDetail>).detail;
        this.#ended = [...this.#ended, endedSnapshot(detail)].slice(-KEEP_ENDED);
        this.#publish(real);
        this.#emit('ended', detail);
      };
      real.addEventListener('ended', onEnded);
      try {
        await real.stop();
      } finally {
        real.removeEventListener('ended', onEnded);
      }
    } else await real.stop().catch(() => undefined);
    if (this.#real === real) this.#real = undefined;
  }

  /** The leader's snapshot, to every tab (and this one's `leadership.state`). */
  #publish(real: PhoneEngine | undefined = this.#real): void {
    if (!real || !this.#leadership?.isLeader) return;
    const error = real.error;
    this.#leadership.publish({
      leader: this.#tabId,
      registration: real.registration,
      ...(error ? { error: errorSnapshot(error) } : {}),
      calls: real.calls.map(snapshotOf),
      ended: this.#ended,
      replies: this.#replies,
    });
  }

  /** A command from a follower (or from this tab, while it still was one): done, then answered. */
  async #carryOut(command: SharedCommand): Promise<void> {
    const real = this.#real;
    const reply: ReplySnapshot = { request: command.request };
    try {
      if (!real) throw new ZdApiError({ kind: 'config', message: 'the phone is starting in another tab' });
      if (command.op === 'call') {
        reply.callId = (await real.call(command.number)).id;
      } else {
        const call = real.calls.find((c) => c.id === command.callId);
        if (!call) throw new ZdApiError({ kind: 'invalid', message: 'the call has ended' });
        switch (command.op) {
          case 'answer':
            await call.answer();
            break;
          case 'decline':
            call.decline();
            break;
          case 'hangup':
            call.hangup();
            break;
          case 'hold':
            await call.hold();
            break;
          case 'resume':
            await call.resume();
            break;
          case 'mute':
            call.mute(command.on);
            break;
          case 'dtmf':
            call.sendDtmf(command.digits, command.transport ? { transport: command.transport } : undefined);
            break;
          case 'transfer': {
            const attended = command.attended ? real.calls.find((c) => c.id === command.attended) : undefined;
            if (command.attended && !attended)
              throw new ZdApiError({ kind: 'invalid', message: 'the consultation call has ended' });
            await call.transfer(command.target, attended ? { attended } : undefined);
            break;
          }
        }
      }
    } catch (cause) {
      reply.error = errorSnapshot(cause);
    }
    this.#replies = [...this.#replies, reply].slice(-KEEP_REPLIES);
    this.#publish();
  }

  // ---- following ----

  /** This tab lost the lock while leading (pagehide): its engine stops; it follows the next leader. */
  async #follow(): Promise<void> {
    this.#generation++;
    const real = this.#real;
    if (real) await this.#stopReal(real, false);
    if (this.#leadership) this.#setRegistration('connecting');
  }

  #receive(snapshot: SharedSnapshot): void {
    if (this.#real || snapshot.leader === this.#tabId) return; // this tab's own
    const seen = new Set<string>();
    for (const data of snapshot.calls) {
      seen.add(data.id);
      const known = this.#remote.get(data.id);
      if (known) {
        const news = known.update(data);
        if (news.changed) this.#emit('call', { call: known });
        if (news.quality) this.#emit('quality', { call: known });
        for (const [code, active] of news.warnings) this.#emit('warning', { call: known, code, active });
      } else {
        const call = new RemoteCall(
          data,
          (command) => this.#request(command),
          (error) => this.#commandFailed(error),
        );
        this.#remote.set(data.id, call);
        this.#emit('call', { call });
      }
    }
    for (const [id, call] of this.#remote) {
      if (seen.has(id)) continue;
      const ended = snapshot.ended.find((e) => e.call.id === id);
      if (ended) this.#endRemote(call, ended);
      else this.#endRemote(call, undefined, 'the tab that held the call closed');
    }
    const error = snapshot.error && new ZdApiError(snapshot.error);
    this.#setRegistration(snapshot.registration, error);
    for (const reply of snapshot.replies) {
      const pending = this.#pending.get(reply.request);
      if (!pending) continue;
      this.#pending.delete(reply.request);
      clearTimeout(pending.timer);
      if (reply.error) pending.reject(new ZdApiError(reply.error));
      else pending.resolve(reply);
    }
  }

  #endRemote(call: RemoteCall, ended: EndedSnapshot | undefined, cause?: string): void {
    this.#remote.delete(call.id);
    if (ended) call.update(ended.call);
    call.end();
    this.#emit('call', { call });
    const talked = call.answeredAt !== undefined ? Date.now() - call.answeredAt : 0;
    this.#emit('ended', {
      call,
      disposition: ended?.disposition ?? 'failed',
      durationMs: ended?.durationMs ?? talked,
      timings: ended?.timings ?? {},
      ...((ended?.cause ?? cause) ? { cause: ended?.cause ?? cause } : {}),
      ...(ended?.quality ? { quality: ended.quality } : {}),
    });
  }

  #endRemoteCalls(cause: string): void {
    for (const call of [...this.#remote.values()]) this.#endRemote(call, undefined, cause);
  }

  #request(command: DistributiveOmit<SharedCommand, 'request'>): Promise<ReplySnapshot> {
    const leadership = this.#leadership;
    if (!leadership)
      return Promise.reject(new ZdApiError({ kind: 'config', message: 'calls are not enabled' }));
    const request = randomId();
    const timeoutMs = this.#options.commandTimeoutMs ?? 15_000;
    return new Promise<ReplySnapshot>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(request);
        reject(
          new ZdApiError({
            kind: 'network',
            message: `the tab that holds the phone did not answer within ${Math.round(timeoutMs / 1000)} s (${command.op})`,
          }),
        );
      }, timeoutMs);
      this.#pending.set(request, { resolve, reject, timer });
      leadership.command({ ...command, request } as SharedCommand);
    });
  }

  #commandFailed(error: unknown): void {
    this.#emit('error', {
      error: error instanceof ZdApiError ? error : new ZdApiError(errorSnapshot(error)),
    });
  }
}

export function createSharedEngine(options: SharedEngineOptions): SharedPhoneEngine {
  return new SharedEngine(options);
}
