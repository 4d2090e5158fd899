/**
 * Session tokens for the proxy: fetched from the partner's own backend (`session-url`, POST, answers
 * `{token, expiresAt}`) or from a `getToken()` callback; kept until shortly before they expire,
 * refreshed once by many callers at the same time, and dropped after a 401.
 *
 * A token is replaced *before* the proxy would refuse it, so that no request is sent to be answered 401
 * (each such answer is a console error and an alert in the partner's error monitoring): its lifetime is
 * read from the token itself (`exp - iat`, counted from when it arrived, so a customer's clock that is
 * off does not matter) as well as from `expiresAt`, and the shorter one wins.
 */
import { jwtLifetime } from './jwt.js';
import { ZdApiError } from './errors.js';

export interface SessionToken {
  token: string;
  /** ISO 8601 string, epoch milliseconds or a Date. Absent: treated as valid for one minute. */
  expiresAt?: string | number | Date;
}

/** A partner's own way to get a token; may return the token alone. */
export type GetToken = () => Promise<SessionToken | string> | SessionToken | string;

/** How the session endpoint is asked (see "The session endpoint" in the elements' README). */
export interface SessionRequestOptions {
  /**
   * Whether the browser sends the page's cookies to the session endpoint: `same-origin` (default: a
   * backend on the page's own origin, known by its cookie), `include` (a backend on another origin that
   * uses cookies; it must answer with `Access-Control-Allow-Credentials: true` and the page's origin),
   * or `omit`.
   */
  sessionCredentials?: RequestCredentials;
  /** Extra headers for the session request, e.g. the partner's own bearer token; a function is asked each time. */
  sessionHeaders?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
}

export interface TokenSourceOptions extends SessionRequestOptions {
  sessionUrl?: string;
  getToken?: GetToken;
  /** Refresh this long before expiry (default 30 s, at most half the token's lifetime). */
  marginMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

interface Held {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

function expiryOf(value: SessionToken['expiresAt'], now: number): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return t;
  }
  return now + 60_000;
}

export class TokenSource {
  readonly #options: TokenSourceOptions;
  #held: Held | undefined;
  #pending: Promise<Held> | undefined;
  /** The last token the proxy refused: never sent again, even if the session endpoint hands it out. */
  #rejected: string | undefined;

  constructor(options: TokenSourceOptions) {
    if (!options.sessionUrl && !options.getToken) {
      throw new ZdApiError({ kind: 'config', message: 'no session-url and no getToken() configured' });
    }
    this.#options = options;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /** A token that is valid for a while yet; fetches a new one when needed (one fetch for all callers). */
  async get(): Promise<string> {
    const held = this.#held;
    if (held && this.#now() < held.refreshAt) return held.token;
    return (await this.refresh()).token;
  }

  /** Forgets the token (after a 401), so the next `get()` fetches a fresh one. */
  invalidate(token?: string): void {
    if (!token || this.#held?.token === token) {
      this.#held = undefined;
      if (token) this.#rejected = token;
    }
  }

  refresh(): Promise<Held> {
    this.#pending ??= this.#fetch().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #fetch(): Promise<Held> {
    const answer = await this.#ask();
    const now = this.#now();
    const session = typeof answer === 'string' ? { token: answer } : answer;
    if (!session || typeof session.token !== 'string' || session.token === '') {
      throw new ZdApiError({ kind: 'unauthorized', message: 'the session endpoint sent no token' });
    }
    if (session.token === this.#rejected) {
      // A backend that caches tokens handed out the one the proxy refused: sending it again only adds a 401.
      throw new ZdApiError({
        kind: 'unauthorized',
        message: 'the session endpoint sent a token the proxy refused',
      });
    }
    const lifetime = jwtLifetime(session.token);
    const expiresAt = Math.min(
      expiryOf(session.expiresAt, now),
      lifetime === undefined ? Infinity : now + lifetime,
    );
    const margin = Math.min(this.#options.marginMs ?? 30_000, Math.max(0, expiresAt - now) / 2);
    this.#held = { token: session.token, expiresAt, refreshAt: expiresAt - margin };
    return this.#held;
  }

  async #ask(): Promise<SessionToken | string> {
    if (this.#options.getToken) return this.#options.getToken();
    const doFetch =
      this.#options.fetch ??
      ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const { sessionHeaders } = this.#options;
    const headers = new Headers(
      typeof sessionHeaders === 'function' ? await sessionHeaders() : sessionHeaders,
    );
    headers.set('accept', 'application/json');
    let response: Response;
    try {
      response = await doFetch(this.#options.sessionUrl as string, {
        method: 'POST',
        headers,
        // By default the partner's backend knows its user by its own cookie (same origin, the usual case).
        credentials: this.#options.sessionCredentials ?? 'same-origin',
      });
    } catch (error) {
      throw new ZdApiError({ kind: 'network', message: `session endpoint unreachable: ${String(error)}` });
    }
    if (!response.ok) {
      throw new ZdApiError({
        kind: response.status === 401 || response.status === 403 ? 'unauthorized' : 'upstream',
        status: response.status,
        message: `session endpoint answered HTTP ${response.status}`,
      });
    }
    try {
      return (await response.json()) as SessionToken;
    } catch {
      throw new ZdApiError({
        kind: 'upstream',
        status: response.status,
        message: 'the session endpoint did not answer JSON',
      });
    }
  }
}
