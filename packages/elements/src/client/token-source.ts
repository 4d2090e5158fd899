/**
 * Session tokens for the proxy: fetched from the partner's own backend (`session-url`, POST, answers
 * `{token, expiresAt}`) or from a `getToken()` callback; kept until shortly before they expire,
 * refreshed once by many callers at the same time, and dropped after a 401.
 */
import { ZdApiError } from './errors.js';

export interface SessionToken {
  token: string;
  /** ISO 8601 string, epoch milliseconds or a Date. Absent: treated as valid for one minute. */
  expiresAt?: string | number | Date;
}

/** A partner's own way to get a token; may return the token alone. */
export type GetToken = () => Promise<SessionToken | string> | SessionToken | string;

export interface TokenSourceOptions {
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
    if (!token || this.#held?.token === token) this.#held = undefined;
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
    const expiresAt = expiryOf(session.expiresAt, now);
    const lifetime = Math.max(0, expiresAt - now);
    const margin = Math.min(this.#options.marginMs ?? 30_000, lifetime / 2);
    this.#held = { token: session.token, expiresAt, refreshAt: expiresAt - margin };
    return this.#held;
  }

  async #ask(): Promise<SessionToken | string> {
    if (this.#options.getToken) return this.#options.getToken();
    const doFetch =
      this.#options.fetch ??
      ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    let response: Response;
    try {
      response = await doFetch(this.#options.sessionUrl as string, {
        method: 'POST',
        headers: { accept: 'application/json' },
        // The partner's backend knows its user by its own cookie (same origin, the usual case).
        credentials: 'same-origin',
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
    return (await response.json()) as SessionToken;
  }
}
