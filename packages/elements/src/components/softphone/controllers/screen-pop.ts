/**
 * The screen-pop: while a call rings, what Zadarma told the proxy about it (`GET /events`): the number
 * the caller dialled (`called_did`) for the incoming panel, the notification itself for
 * `zd-incoming-call`, and the name the page's `callerLookup` finds for the caller's number.
 *
 * Part of the chunk the element loads when calls are enabled (`call-extras.ts`, with the reader and
 * matcher of `phone/call-events.ts` and eventsource-parser): a page that never enables calls pays
 * nothing for it. A session token without scope `events` is not even tried (a proxy's 403 stops it
 * too): the phone works as before, only without screen-pop. Network failures are retried with backoff,
 * never shown.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ZdCallInfo, ZdCallNotification } from '../../../base/events.js';
import type { TokenSource } from '../../../client/token-source.js';
import {
  readCallEvents,
  ScreenPopMatcher,
  type CallEventsState,
  type ScreenPopMatch,
} from '../../../phone/call-events.js';
import type { PhoneCall } from '../../../phone/types.js';

/** What `callerLookup` is asked with: the caller's number, the call, and Zadarma's notification if any. */
export interface CallerLookupInfo {
  /** The caller's number: E.164 (`+4930123456`) when it has a country code, else as the caller sent it. */
  number: string;
  call: ZdCallInfo;
  /** Zadarma's NOTIFY_START (or NOTIFY_INTERNAL) of the call, when the events stream has it. */
  notification?: ZdCallNotification;
}

/**
 * The page's own lookup of a caller (its CRM): answers the name to show for the number, or undefined
 * for none. Asked once per incoming call, when it rings (after at most a short wait for the notification).
 */
export type CallerLookup = (info: CallerLookupInfo) => Promise<string | undefined> | string | undefined;

/** What the panel shows of a call beyond SIP's own From. */
export interface ScreenPop {
  /** The name `callerLookup` answered (plain text, at most 100 characters). */
  name?: string;
  /** The customer's number that was called, E.164 (`+493012345678`); the panel formats it. */
  calledNumber?: string;
  notification?: ZdCallNotification;
}

export interface ScreenPopHost extends ReactiveControllerHost {
  readonly sip: string;
  callerLookup?: CallerLookup | undefined;
}

/** How the element reaches the proxy (its `ZdClient`). */
export interface EventsClient {
  proxy: string;
  tokens: Pick<TokenSource, 'get' | 'invalidate'>;
}

export interface ScreenPopOptions {
  /** How long `zd-incoming-call` waits for the notification when the stream is open (default 2 s). */
  notificationWaitMs?: number;
  fetch?: typeof fetch;
}

const MAX_NAME = 100;
const KEEP_CALLS = 20;

interface Entry {
  call: PhoneCall;
  pop: ScreenPop;
  /** Ends `ringing()`'s wait when the notification arrives. */
  matched?: () => void;
}

export class ScreenPopController implements ReactiveController {
  readonly #host: ScreenPopHost;
  readonly #options: ScreenPopOptions;
  #abort: AbortController | undefined;
  readonly #matcher: ScreenPopMatcher;
  #state: CallEventsState | 'off' = 'off';
  readonly #entries = new Map<string, Entry>();

  constructor(host: ScreenPopHost, options: ScreenPopOptions = {}) {
    this.#host = host;
    this.#options = options;
    this.#matcher = new ScreenPopMatcher({ sip: host.sip });
    host.addController(this);
  }

  /** `connecting`, `open`, `retrying`, `forbidden` (no scope `events`), or `off`. */
  get state(): CallEventsState | 'off' {
    return this.#state;
  }

  /** Starts reading the events (calls were enabled). Once forbidden, never again for this element. */
  start(client: EventsClient): void {
    if (this.#abort || this.#state === 'forbidden') return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#state = 'connecting';
    void readCallEvents({
      proxy: client.proxy,
      tokens: client.tokens,
      signal: abort.signal,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      onNotification: (notification) => this.#offer(this.#matcher.addNotification(notification)),
      onState: (state) => {
        if (!abort.signal.aborted) this.#state = state;
      },
    });
  }

  /** Stops reading (calls were disabled). */
  stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    if (this.#state !== 'forbidden') this.#state = 'off';
  }

  hostDisconnected(): void {
    this.stop();
  }

  hostUpdate(): void {
    // Ended calls are forgotten; a few are kept for the status line of the call that follows.
    for (const [id, entry] of this.#entries) {
      if (entry.call.status !== 'ringing') this.#matcher.forgetCall(id);
      if (entry.call.status === 'ended' && this.#entries.size > KEEP_CALLS) this.#entries.delete(id);
    }
  }

  /** What is known of the call beyond its SIP From. */
  of(call: { id?: string }): ScreenPop | undefined {
    return call.id === undefined ? undefined : this.#entries.get(call.id)?.pop;
  }

  /**
   * A call rings. Hands `emit` the detail `zd-incoming-call` adds: the notification — at once when it
   * came first or the stream is not open, else after waiting a moment for it (it may arrive after the
   * INVITE). Then asks the page's `callerLookup` for the name.
   */
  ringing(
    call: PhoneCall,
    info: ZdCallInfo,
    emit: (extra: { notification?: ZdCallNotification }) => void,
  ): void {
    const entry: Entry = { call, pop: {} };
    this.#entries.set(call.id, entry);
    this.#offer(this.#matcher.addCall(call.id, call.remote.number));
    const settle = () => {
      entry.matched = undefined;
      const notification = entry.pop.notification;
      emit(notification ? { notification } : {});
      const number = callerNumber(call.remote.number);
      void this.#lookUp(entry, { number, call: info, ...(notification ? { notification } : {}) });
    };
    // Waited for only while the stream is open or being opened again (a token that expired); not
    // while it is down (retrying) or refused: the page's event is not held up for nothing.
    const listening = this.#state === 'open' || this.#state === 'connecting';
    if (entry.pop.notification || !listening) return settle();
    const timer = setTimeout(() => settle(), this.#options.notificationWaitMs ?? 2000);
    entry.matched = () => {
      clearTimeout(timer);
      settle();
    };
  }

  #offer(match: ScreenPopMatch | undefined): void {
    if (!match) return;
    const entry = this.#entries.get(match.callId);
    if (!entry) return;
    const { notification } = match;
    const called = calledNumber(notification.called_did);
    entry.pop = { ...entry.pop, notification, ...(called ? { calledNumber: called } : {}) };
    entry.matched?.();
    this.#host.requestUpdate();
  }

  async #lookUp(entry: Entry, info: CallerLookupInfo): Promise<void> {
    const lookup = this.#host.callerLookup;
    if (!lookup) return;
    let name: unknown;
    try {
      name = await lookup(info);
    } catch (error) {
      // The page's own function failed: its console says so; the phone goes on with the number.
      console.warn('Zadarma Elements: callerLookup failed', error);
      return;
    }
    if (typeof name !== 'string' || !name.trim()) return;
    entry.pop = { ...entry.pop, name: name.trim().slice(0, MAX_NAME) };
    this.#host.requestUpdate();
  }
}

/** `4930123` → `+4930123`: Zadarma's numbers are international without the `+`. */
function calledNumber(did: string): string | undefined {
  const digits = did.replace(/^\+/, '');
  // The sandbox's customer without a number of its own is called on `0000000`.
  return /^\d{6,15}$/.test(digits) && !/^0+$/.test(digits) ? `+${digits}` : undefined;
}

/** The caller's number for a lookup: with `+` when it is an international one without it. */
function callerNumber(number: string): string {
  return /^\d{10,15}$/.test(number) && !number.startsWith('0') ? `+${number}` : number;
}
