/** Request bodies read with a hard size limit: the stream is cut at the limit, never read whole first. */
import { ProxyError } from './errors.js';
import { collectPairs, paramsFromJson, type FlatParams } from '../policy/params.js';

export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function tooLarge(maxBytes: number): ProxyError {
  return new ProxyError('too_large', `the request body is larger than ${formatBytes(maxBytes)}`);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}

export async function readForm(request: Request, maxBytes: number): Promise<FlatParams> {
  return collectPairs(new URLSearchParams(await readLimitedText(request, maxBytes)));
}

/** Any JSON value. */
export async function readJsonValue(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readLimitedText(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new ProxyError('invalid_request', 'the body is not valid JSON');
  }
}

/** A JSON object of params. */
export async function readJson(request: Request, maxBytes: number): Promise<FlatParams> {
  return paramsFromJson(await readJsonValue(request, maxBytes));
}
