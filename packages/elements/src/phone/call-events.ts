/**
 * The proxy's `GET /events` (server-sent events with the session user's verified Zadarma call
 * notifications) read with `fetch` — the token goes in the Authorization header, never in a URL, which
 * rules out `EventSource` — and a matcher that pairs a ringing incoming call with its NOTIFY_START /
 * NOTIFY_INTERNAL (the screen-pop).
 *
 * A chunk of its own (with eventsource-parser), loaded once calls are enabled: a page that never turns
 * calls on pays nothing for it.
 *
 * What the proxy vouches for: it verified Zadarma's signature, which covers only some fields of each
 * notification (`webhookSignedFields` in the api package: `caller_id`, `called_did`, `call_start` for
 * NOTIFY_START). The others (`pbx_call_id`, `internal`) come from the same verified request but are not
 * signed. Everything is data for plain text, never markup; Zadarma sends numbers, never names.
 */
import { createParser } from 'eventsource-parser';
import type { ZdCallNotification } from '../base/events.js';
import { lacksScope } from '../client/jwt.js';
import type { TokenSource } from '../client/token-source.js';

export type { ZdCallNotification } from '../base/events.js';

/** The events the proxy passes on (receiver.ts checks the names). */
export type CallNotificationEvent =
  'NOTIFY_START' | 'NOTIFY_INTERNAL' | 'NOTIFY_ANSWER' | 'NOTIFY_END' | 'NOTIFY_OUT_START' | 'NOTIFY_OUT_END';

/** One notification as read from the stream: its event and only the fields the kit knows, as strings. */
export interface CallNotification {
  event: CallNotificationEvent;
  call_start: string;
  pbx_call_id: string;
  caller_id?: string;
  called_did?: string;
  destination?: string;
  internal?: string;
  duration?: string;
  disposition?: string;
}

const EVENTS: readonly CallNotificationEvent[] = [
  'NOTIFY_START',
  'NOTIFY_INTERNAL',
  'NOTIFY_ANSWER',
  'NOTIFY_END',
  'NOTIFY_OUT_START',
  'NOTIFY_OUT_END',
];
const OPTIONAL = ['caller_id', 'called_did', 'destination', 'internal', 'duration', 'disposition'] as const;

/** The notification in an event's `data`, or undefined for anything else (never throws). */
export function parseNotification(data: string): CallNotification | undefined {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const event = text('event');
  const callStart = text('call_start');
  if (!event || !(EVENTS as readonly string[]).includes(event) || callStart === undefined) return undefined;
  const notification: CallNotification = {
    event: event as CallNotificationEvent,
    call_start: callStart,
    pbx_call_id: text('pbx_call_id') ?? '',
  };
  for (const name of OPTIONAL) {
    const value = text(name);
    if (value !== undefined) notification[name] = value;
  }
  return notification;
}

export type CallEventsState =
  /** Asking for the stream (first time, after a token expired, or after a failure). */
  | 'connecting'
  /** The proxy said `ready`: notifications arrive from now on. */
  | 'open'
  /** Waiting before the next attempt after a failure. */
  | 'retrying'
  /** 403: the session has no `events` scope. Reading stops for good; nothing is wrong with the phone. */
  | 'forbidden';

export interface CallEventsOptions {
  /** The proxy's base URL (`ZdClient.proxy`). */
  proxy: string;
  /** The kit's token source (`ZdClient.tokens`): a fresh token for each connection. */
  tokens: Pick<TokenSource, 'get' | 'invalidate'>;
  /** Ends the reading (and the connection). */
  signal: AbortSignal;
  onNotification: (notification: CallNotification) => void;
  onState?: (state: CallEventsState) => void;
  fetch?: typeof fetch;
  /** First wait after a failure; doubled up to `maxDelayMs`, with jitter (default 1 s … 30 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** Why one connection ended. */
type Ending = 'ended' | 'failed' | 'unauthorized' | 'forbidden';

const abortable = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Reads the stream until `signal` aborts or the proxy answers 403; resolves then (never rejects).
 * The proxy ends each stream when its token expires: the next connection starts at once with the token
 * source's fresh token. A failure (network, 5xx, 429) waits with exponential backoff (`Retry-After`
 * respected); a 401 drops the token and tries again with a new one.
 */
export async function readCallEvents(options: CallEventsOptions): Promise<void> {
  const { signal } = options;
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let failures = 0;
  let refreshedToken = false;
  while (!signal.aborted) {
    options.onState?.('connecting');
    const started = Date.now();
    const { ending, opened, retryAfterMs } = await connectOnce(options);
    if (signal.aborted) return;
    if (ending === 'forbidden') {
      options.onState?.('forbidden');
      return;
    }
    // A stream that was open a while and ended (the token expired) reconnects at once with a fresh
    // token; one that ends as soon as it opens counts as a failure, so nothing loops tight.
    if (opened && Date.now() - started >= 2000) {
      failures = 0;
      refreshedToken = false;
      continue;
    }
    // A 401: the token source drops that token; the first time, a new one is tried at once.
    if (ending === 'unauthorized' && !refreshedToken) {
      refreshedToken = true;
      continue;
    }
    failures++;
    const backoff = Math.min(maxDelay, minDelay * 2 ** Math.min(failures - 1, 16));
    const wait = Math.max(retryAfterMs ?? 0, backoff * (0.5 + Math.random() / 2));
    options.onState?.('retrying');
    await abortable(wait, signal);
  }
}

async function connectOnce(
  options: CallEventsOptions,
): Promise<{ ending: Ending; opened: boolean; retryAfterMs?: number }> {
  const { signal } = options;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let token: string;
  try {
    token = await options.tokens.get();
  } catch {
    return { ending: 'failed', opened: false };
  }
  // A session without the scope would only get 403 (and a red line in the customer's console).
  if (lacksScope(token, 'events')) return { ending: 'forbidden', opened: false };
  let response: Response;
  try {
    response = await doFetch(`${options.proxy.replace(/\/+$/, '')}/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      cache: 'no-store',
      signal,
    });
  } catch {
    return { ending: 'failed', opened: false };
  }
  if (response.status === 401) {
    options.tokens.invalidate(token);
    void response.body?.cancel().catch(() => undefined);
    return { ending: 'unauthorized', opened: false };
  }
  if (response.status === 403) {
    void response.body?.cancel().catch(() => undefined);
    return { ending: 'forbidden', opened: false };
  }
  if (!response.ok || !response.body) {
    const seconds = Number(response.headers.get('retry-after'));
    void response.body?.cancel().catch(() => undefined);
    return {
      ending: 'failed',
      opened: false,
      ...(seconds > 0 ? { retryAfterMs: Math.min(seconds, 300) * 1000 } : {}),
    };
  }

  let opened = false;
  const parser = createParser({
    onEvent: (message) => {
      if (message.event === 'ready') {
        opened = true;
        options.onState?.('open');
        return;
      }
      const notification = parseNotification(message.data);
      if (notification) options.onNotification(notification);
    },
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  } catch {
    // The connection broke (or was aborted): the loop decides what comes next.
    return { ending: opened ? 'ended' : 'failed', opened };
  } finally {
    reader.releaseLock();
  }
  return { ending: 'ended', opened };
}

/** Digits only, without an international `00`: `+49 30 123` and `004930123` are both `4930123`. */
export function phoneDigits(number: string): string {
  return number.replace(/\D/g, '').replace(/^00/, '');
}

/**
 * The same caller? Equal digits, or one number the national tail of the other (a SIP From without the
 * country code), at least 6 digits long.
 */
export function sameCaller(a: string, b: string): boolean {
  const x = phoneDigits(a);
  const y = phoneDigits(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 6 && long.endsWith(short.replace(/^0+/, ''));
}

export interface MatcherOptions {
  /** The extension this phone is (a NOTIFY_INTERNAL for it is the best match). */
  sip: string;
  /** How far apart a notification and the INVITE may arrive, either order (default 10 s). */
  windowMs?: number;
  now?: () => number;
}

export interface ScreenPopMatch {
  callId: string;
  notification: ZdCallNotification;
}

interface Pending {
  notification: ZdCallNotification;
  /** The extension a NOTIFY_INTERNAL names (undefined for NOTIFY_START). */
  internal: string | undefined;
  at: number;
}

/**
 * Pairs ringing incoming calls (by the caller's number) with the NOTIFY_START / NOTIFY_INTERNAL of
 * the same caller that arrived within `windowMs`, whichever comes first: the notification may come
 * before the INVITE (Zadarma tells the PBX's webhook as the call enters it) or after it (the webhook
 * travels through the partner's proxy). Each call gets at most one notification and each notification
 * (one `pbx_call_id`) at most one call. A NOTIFY_END / NOTIFY_ANSWER for another extension ends a
 * pending notification: that call is over or was taken elsewhere.
 */
export class ScreenPopMatcher {
  readonly #sip: string;
  readonly #windowMs: number;
  readonly #now: () => number;
  #pending: Pending[] = [];
  /** Ringing calls without a notification yet. */
  #waiting: { callId: string; number: string; at: number }[] = [];
  readonly #matched = new Map<string, ZdCallNotification>();

  constructor(options: MatcherOptions) {
    this.#sip = options.sip;
    this.#windowMs = options.windowMs ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The notification paired with this call, if any. */
  matchOf(callId: string): ZdCallNotification | undefined {
    return this.#matched.get(callId);
  }

  /** A notification arrived; answers the call it pairs with, if one rings already. */
  addNotification(n: CallNotification): ScreenPopMatch | undefined {
    this.#expire();
    if (n.event === 'NOTIFY_END' || (n.event === 'NOTIFY_ANSWER' && n.internal !== this.#sip)) {
      this.#pending = this.#pending.filter((p) => !samePbxCall(p.notification, n));
      return undefined;
    }
    if (n.event !== 'NOTIFY_START' && n.event !== 'NOTIFY_INTERNAL') return undefined;
    if (!n.caller_id) return undefined;
    // A NOTIFY_INTERNAL for another extension: this phone is not (or not only) the one rung.
    if (n.event === 'NOTIFY_INTERNAL' && n.internal !== undefined && n.internal !== this.#sip)
      return undefined;
    const notification: ZdCallNotification = {
      caller_id: n.caller_id,
      called_did: n.called_did ?? '',
      call_start: n.call_start,
      pbx_call_id: n.pbx_call_id,
    };
    if ([...this.#matched.values()].some((m) => samePbxCall(m, n))) return undefined;
    const waiting = this.#waiting.find((w) => sameCaller(w.number, notification.caller_id));
    if (waiting) {
      this.#waiting = this.#waiting.filter((w) => w !== waiting);
      this.#matched.set(waiting.callId, notification);
      this.#pending = this.#pending.filter((p) => !samePbxCall(p.notification, n));
      return { callId: waiting.callId, notification };
    }
    const before = this.#pending.findIndex((p) => samePbxCall(p.notification, n));
    const entry = { notification, internal: n.internal, at: this.#now() };
    if (before >= 0) this.#pending[before] = entry;
    else this.#pending.push(entry);
    return undefined;
  }

  /** A call rings; answers its notification if one came before it. */
  addCall(callId: string, number: string): ScreenPopMatch | undefined {
    this.#expire();
    const known = this.#matched.get(callId);
    if (known) return { callId, notification: known };
    if (this.#waiting.some((w) => w.callId === callId)) return undefined;
    const candidates = this.#pending.filter((p) => sameCaller(number, p.notification.caller_id));
    // The NOTIFY_INTERNAL for this very extension first, then the newest (the list is in arrival order).
    const best = candidates.find((p) => p.internal === this.#sip) ?? candidates.at(-1);
    if (!best) {
      this.#waiting.push({ callId, number, at: this.#now() });
      return undefined;
    }
    this.#pending = this.#pending.filter((p) => !samePbxCall(p.notification, best.notification));
    this.#matched.set(callId, best.notification);
    return { callId, notification: best.notification };
  }

  /** The call stopped ringing or ended: forgotten. */
  forgetCall(callId: string): void {
    this.#waiting = this.#waiting.filter((w) => w.callId !== callId);
    this.#matched.delete(callId);
  }

  #expire(): void {
    const oldest = this.#now() - this.#windowMs;
    this.#pending = this.#pending.filter((p) => p.at >= oldest);
    this.#waiting = this.#waiting.filter((w) => w.at >= oldest);
  }
}

type CallKey = Pick<CallNotification, 'pbx_call_id' | 'call_start' | 'caller_id'>;

function samePbxCall(a: CallKey, b: CallKey): boolean {
  if (a.pbx_call_id && b.pbx_call_id) return a.pbx_call_id === b.pbx_call_id;
  return a.call_start === b.call_start && a.caller_id === b.caller_id;
}
