/** Zadarma's error answers: HTTP status plus `{"status":"error","message":"..."}`. */

export class ZadarmaError extends Error {
  override name = 'ZadarmaError';
  constructor(
    readonly status: 400 | 401 | 402 | 403 | 404 | 405 | 409 | 413 | 429 | 500 | 501 | 502 | 503 | 504,
    message: string,
  ) {
    super(message);
  }
}

/** A business rule refused the call (Zadarma answers these with HTTP 400). */
export const refused = (message: string): ZadarmaError => new ZadarmaError(400, message);

export const notAuthorized = (): ZadarmaError => new ZadarmaError(401, 'Not authorized');

export function errorBody(message: string): { status: 'error'; message: string } {
  return { status: 'error', message };
}
