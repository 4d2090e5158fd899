/**
 * What can go wrong when an element talks to the proxy, reduced to the few kinds a person can act on.
 * The proxy answers failures as `{"status":"error","code","message"}` (DESIGN.md, "The proxy").
 */

/** The kinds of failure an element tells apart (each has its own localized message). */
export type ZdErrorKind =
  /** No answer at all: offline, DNS, CORS, connection refused. Retry. */
  | 'network'
  /** 429: the shared request budget is spent for now. Retry after `retryAfter` seconds. */
  | 'rate-limited'
  /** 502/504/5xx or an answer that is not what the API promises. Retry. */
  | 'upstream'
  /** 401 even after a fresh token: the session is gone. */
  | 'unauthorized'
  /** 403: the session lacks the scope. */
  | 'forbidden'
  /** 400: a param was refused (by the proxy or by Zadarma; `field` names it when known). */
  | 'invalid'
  /** 404: the operation is not available through this proxy. */
  | 'not-found'
  /** 413: too large. */
  | 'too-large'
  /** No proxy or token source configured. */
  | 'config';

export interface ZdErrorInit {
  kind: ZdErrorKind;
  status?: number;
  code?: string;
  message: string;
  field?: string;
  retryAfter?: number;
  replayed?: boolean;
}

export class ZdApiError extends Error {
  readonly kind: ZdErrorKind;
  /** HTTP status, 0 when there was no answer. */
  readonly status: number;
  /** The proxy's error code (`invalid_param`, `rate_limited`, ...) when it sent one. */
  readonly code: string | undefined;
  readonly field: string | undefined;
  /** Seconds to wait before a retry, from `Retry-After`. */
  readonly retryAfter: number | undefined;
  /** The proxy replayed the stored answer of an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;

  constructor(init: ZdErrorInit) {
    super(init.message);
    this.name = 'ZdApiError';
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code;
    this.field = init.field;
    this.retryAfter = init.retryAfter;
    this.replayed = init.replayed ?? false;
  }

  /** Whether trying the same thing again may help. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'rate-limited' || this.kind === 'upstream';
  }
}

export function kindForStatus(status: number): ZdErrorKind {
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 405) return 'not-found';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  return 'upstream';
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds the error for a failed answer from its status, headers and (already parsed) body. */
export function errorFromAnswer(status: number, headers: Headers, body: unknown): ZdApiError {
  const record = isRecord(body) ? body : {};
  const message = typeof record['message'] === 'string' ? record['message'] : `HTTP ${status}`;
  return new ZdApiError({
    kind: status >= 200 && status < 300 ? 'invalid' : kindForStatus(status),
    status,
    message,
    ...(typeof record['code'] === 'string' ? { code: record['code'] } : {}),
    ...(typeof record['field'] === 'string' ? { field: record['field'] } : {}),
    ...(status === 429 ? { retryAfter: parseRetryAfter(headers.get('retry-after')) } : {}),
    replayed: headers.get('idempotent-replayed') === 'true',
  });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
