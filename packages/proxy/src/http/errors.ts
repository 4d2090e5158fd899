/** The error codes the proxy answers with, and their HTTP statuses (DESIGN.md, "The proxy"). */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_param: 400,
  user_id_forbidden: 400,
  upstream_rejected: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  upstream_error: 502,
  softphone_not_configured: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * An error that carries its own Response: `{"status":"error","code","message"}`. Messages are written
 * for the partner's developer and never contain a key, secret, token or password.
 */
export class ProxyError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The offending param, for `invalid_param` and `user_id_forbidden`. */
  readonly field: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ProxyError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.field = options.field;
    this.headers = options.headers ?? {};
  }

  toResponse(): Response {
    const body = {
      status: 'error',
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
    };
    return new Response(JSON.stringify(body), {
      status: this.status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        // Whatever a message quotes of the request, no browser reads it as anything but JSON.
        'x-content-type-options': 'nosniff',
        ...this.headers,
      },
    });
  }
}
