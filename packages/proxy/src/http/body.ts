/**
 * Request bodies read with hard limits: the stream is cut at the size limit (never read whole first)
 * and at the time limit (a body sent a byte every few seconds does not hold a connection for minutes).
 */
import { JsonInputError, parseJsonInput } from '@zadarma-elements/api';
import { ProxyError } from './errors.js';
import { collectPairs, paramsFromJson, type FlatParams } from '../policy/params.js';

export interface BodyLimits {
  maxBytes: number;
  /** From the start of reading to the body's last byte. */
  timeoutMs: number;
}

export async function readLimitedText(request: Request, limits: BodyLimits): Promise<string> {
  const { maxBytes } = limits;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    reader.cancel().catch(() => {});
  }, limits.timeoutMs);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ProxyError) throw error;
    // The client hung up mid-body: nobody reads the answer, and nothing went wrong here.
    throw bodyCutOff();
  } finally {
    clearTimeout(timer);
  }
  if (timedOut) throw bodyTimeout(limits.timeoutMs);
  return Buffer.concat(chunks).toString('utf8');
}

export function tooLarge(maxBytes: number): ProxyError {
  return new ProxyError('too_large', `the request body is larger than ${formatBytes(maxBytes)}`);
}

/** The body did not arrive in time; the connection is closed with the answer, so the sender stops. */
export function bodyTimeout(timeoutMs: number): ProxyError {
  return new ProxyError('request_timeout', `the request body did not arrive within ${timeoutMs / 1000} s`, {
    headers: { connection: 'close' },
  });
}

export function bodyCutOff(): ProxyError {
  return new ProxyError('invalid_request', 'the request body ended before it was complete');
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}

export async function readForm(request: Request, limits: BodyLimits): Promise<FlatParams> {
  return collectPairs(new URLSearchParams(await readLimitedText(request, limits)));
}

/** Any JSON value, nested at most a few levels (what reads it afterwards may recurse). */
export async function readJsonValue(request: Request, limits: BodyLimits): Promise<unknown> {
  const text = await readLimitedText(request, limits);
  try {
    return parseJsonInput(text);
  } catch (error) {
    if (error instanceof JsonInputError) throw new ProxyError('invalid_request', error.message);
    throw error;
  }
}

/** A JSON object of params. */
export async function readJson(request: Request, limits: BodyLimits): Promise<FlatParams> {
  return paramsFromJson(await readJsonValue(request, limits));
}
