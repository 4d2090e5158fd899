/**
 * The signed client of the Zadarma API: what the proxy forwards through, and what a partner backend
 * uses for reseller operations (registration, topup, api_key, ...), typed from the official spec.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch as undiciFetch } from 'undici';
import {
  operations,
  signRequest,
  type OperationId,
  type Params,
  type ZadarmaOperations,
} from '@zadarma-elements/api';

export const DEFAULT_API_URL = 'https://api.zadarma.com';

export interface ZadarmaClientOptions {
  key: string;
  secret: string;
  /** Default `https://api.zadarma.com`; the sandbox's URL in tests and demos. */
  baseUrl?: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts for GET after a network error or a 502/503/504; other methods are never retried. */
  getRetries?: number;
  /** For tests; undici's fetch by default. */
  fetch?: typeof fetch;
  /** Told when Zadarma answers 429, so the budget can pause everyone. */
  onRateLimited?: (retryAfterMs: number) => void;
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Epoch seconds when the window resets, as Zadarma sends it. */
  reset?: number;
}

/** A file part streamed through; only the text fields of an upload are signed. */
export interface UploadFile {
  field: string;
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

/** A file given to `call()` for an operation whose body is multipart (`documents.upload`, `pbx.ivr.sounds.upload`). */
export interface FileInput {
  filename: string;
  /** What the file is; Zadarma (and the sandbox) judge it by its bytes too. */
  contentType: string;
  data: Blob | Uint8Array | ReadableStream<Uint8Array>;
}

export interface UpstreamRequest {
  method: string;
  /** Zadarma path with trailing slash, e.g. `/v1/direct_numbers/order/`. */
  path: string;
  /** Every signed param; `format=json` is added. Nested values are signed as PHP's `http_build_query`. */
  params: Params;
  file?: UploadFile;
  /** Send the params as a JSON body (the spec's `application/json` operations) rather than a form. */
  json?: boolean;
  signal?: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  /** The body as received. */
  text: string;
  /** The parsed body, `undefined` when it is not JSON. */
  json: unknown;
  rateLimit: RateLimitInfo;
  retryAfterMs?: number;
}

export type UpstreamFailureKind = 'timeout' | 'network' | 'aborted';

/** No answer from Zadarma: the request may or may not have been carried out. */
export class UpstreamFailure extends Error {
  override name = 'UpstreamFailure';
  constructor(
    readonly kind: UpstreamFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** Zadarma answered, with an error (its `message`, HTTP status and rate-limit state). */
export class ZadarmaApiError extends Error {
  override name = 'ZadarmaApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly response: UpstreamResponse,
  ) {
    super(message);
  }
}

type JsonOf<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : unknown;
type QueryOf<T> = T extends { parameters: { query?: { params?: infer P } } } ? P : unknown;
type BodyOf<T> = T extends { requestBody: { content: infer C } } ? C[keyof C] : unknown;
type PathOf<T> = T extends { parameters: { path: infer P } } ? P : unknown;

/** Multipart bodies: the spec types the file as a (binary) string; `call()` takes a `FileInput` there. */
type WithFile<B> = B extends { file: unknown } ? Omit<B, 'file'> & { file: FileInput } : B;

/** The params of an operation as the spec types them (query `params` object, body fields, path params). */
export type OperationParams<Id extends OperationId> = (unknown extends QueryOf<ZadarmaOperations[Id]>
  ? object
  : NonNullable<QueryOf<ZadarmaOperations[Id]>>) &
  (unknown extends BodyOf<ZadarmaOperations[Id]> ? object : WithFile<BodyOf<ZadarmaOperations[Id]>>) &
  (unknown extends PathOf<ZadarmaOperations[Id]> ? object : PathOf<ZadarmaOperations[Id]>);
export type OperationResult<Id extends OperationId> = JsonOf<ZadarmaOperations[Id]>;

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export class ZadarmaClient {
  readonly #key: string;
  readonly #secret: string;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #getRetries: number;
  readonly #fetch: typeof fetch;
  // Timeouts by the connection pool rather than an AbortSignal per request, which costs more.
  readonly #dispatcher: Agent;
  readonly #onRateLimited: ((ms: number) => void) | undefined;

  constructor(options: ZadarmaClientOptions) {
    if (!options.key || !options.secret) throw new TypeError('ZadarmaClient needs the API key and secret');
    this.#key = options.key;
    this.#secret = options.secret;
    this.#baseUrl = (options.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#getRetries = options.getRetries ?? 2;
    this.#fetch = options.fetch ?? (undiciFetch as unknown as typeof fetch);
    this.#dispatcher = new Agent({
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
      connect: { timeout: this.#timeoutMs },
    });
    this.#onRateLimited = options.onRateLimited;
  }

  /**
   * Calls an operation by its id, e.g. `call('reseller.users.topup', { user_id: 1, amount: 10, currency: 'EUR' })`.
   * The body is what the spec gives the operation: a form, JSON (`pbx.ivr.scenario.edit`, nested values
   * signed as PHP signs them) or multipart with the `FileInput` among the params (`documents.upload`).
   * Resolves with Zadarma's JSON; throws `ZadarmaApiError` for an error answer, `UpstreamFailure` for none.
   */
  async call<Id extends OperationId>(
    id: Id,
    params: OperationParams<Id>,
    options: { signal?: AbortSignal } = {},
  ): Promise<OperationResult<Id>> {
    const spec = operations[id];
    const all = params as Record<string, Params[string]>;
    const names = Object.keys(spec.pathParams);
    const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(all[name] ?? '')),
    );
    const rest = Object.entries(all as Record<string, Params[string] | FileInput>).filter(
      ([key]) => !names.includes(key),
    );
    const files = rest.filter((entry): entry is [string, FileInput] => isFileInput(entry[1]));
    const signed = Object.fromEntries(rest.filter(([, value]) => !isFileInput(value))) as Params;
    const multipart = spec.contentType === 'multipart/form-data';
    if (multipart ? files.length !== 1 : files.length > 0) {
      throw new TypeError(`${id} ${multipart ? 'takes one file' : 'takes no file'} (got ${files.length})`);
    }
    const [field, file] = files[0] ?? [];
    const response = await this.send({
      method: spec.method,
      path,
      params: signed,
      file: field && file ? uploadFile(field, file) : undefined,
      json: spec.contentType === 'application/json',
      signal: options.signal,
    });
    const body = response.json as { status?: string; message?: string } | undefined;
    if (response.status >= 400 || !body || body.status === 'error') {
      throw new ZadarmaApiError(body?.message ?? `HTTP ${response.status}`, response.status, response);
    }
    return response.json as OperationResult<Id>;
  }

  /** Signs and sends one request; resolves with any answer Zadarma gives, throws `UpstreamFailure` for none. */
  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const retries = request.method === 'GET' ? this.#getRetries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.#attempt(request);
        if (attempt < retries && RETRYABLE_STATUS.has(response.status)) {
          await this.#backoff(attempt, request.signal);
          continue;
        }
        return response;
      } catch (error) {
        const failure = toFailure(error, request.signal);
        if (attempt >= retries || failure.kind === 'aborted') throw failure;
        await this.#backoff(attempt, request.signal);
      }
    }
  }

  async #attempt(request: UpstreamRequest): Promise<UpstreamResponse> {
    const params: Params = { ...request.params, format: 'json' };
    const { query, authorization } = signRequest(request.path, params, this.#key, this.#secret);
    // A string, not a URL object: the query is already encoded, and fetch parses the URL anyway.
    let url = this.#baseUrl + request.path;
    const headers = new Headers({ authorization, accept: 'application/json' });
    let body: RequestInit['body'];
    if (request.method === 'GET') {
      url += `?${query}`;
    } else if (request.json) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(params);
    } else if (request.file) {
      const boundary = `zd-${crypto.randomUUID()}`;
      headers.set('content-type', `multipart/form-data; boundary=${boundary}`);
      body = multipartStream(boundary, params, request.file);
    } else {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = query;
    }
    // `dispatcher` is undici's own option (its types and the DOM's disagree on FormData, hence the cast).
    const init = {
      method: request.method,
      headers,
      body,
      dispatcher: this.#dispatcher,
    } as unknown as RequestInit & {
      duplex?: 'half';
    };
    if (request.signal) init.signal = request.signal;
    if (request.file) init.duplex = 'half'; // a streamed request body
    const res = await this.#fetch(url, init);
    const text = await res.text();
    const response: UpstreamResponse = {
      status: res.status,
      text,
      json: parseJson(text),
      rateLimit: readRateLimit(res.headers),
    };
    if (res.status === 429) {
      response.retryAfterMs = retryAfterMs(res.headers, response.rateLimit);
      this.#onRateLimited?.(response.retryAfterMs);
    }
    return response;
  }

  async #backoff(attempt: number, signal?: AbortSignal) {
    const ms = 200 * 2 ** attempt * (0.5 + Math.random());
    await sleep(ms, undefined, { signal });
  }
}

function isFileInput(value: unknown): value is FileInput {
  return (
    typeof value === 'object' &&
    value !== null &&
    'data' in value &&
    typeof (value as FileInput).filename === 'string' &&
    typeof (value as FileInput).contentType === 'string'
  );
}

function uploadFile(field: string, file: FileInput): UploadFile {
  const { data } = file;
  const body =
    data instanceof ReadableStream
      ? data
      : data instanceof Blob
        ? data.stream()
        : new Blob([data as Uint8Array<ArrayBuffer>]).stream();
  return { field, filename: file.filename, contentType: file.contentType, body };
}

function toFailure(error: unknown, signal?: AbortSignal): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  if (signal?.aborted) return new UpstreamFailure('aborted', 'the request was cancelled');
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code ?? '';
  if (TIMEOUT_CODES.has(code)) return new UpstreamFailure('timeout', 'Zadarma did not answer in time');
  return new UpstreamFailure('network', 'Zadarma could not be reached');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readRateLimit(headers: Headers): RateLimitInfo {
  const num = (name: string) => {
    const value = headers.get(name);
    return value === null || value === '' || !Number.isFinite(Number(value)) ? undefined : Number(value);
  };
  return {
    limit: num('x-ratelimit-limit'),
    remaining: num('x-ratelimit-remaining'),
    reset: num('x-ratelimit-reset'),
  };
}

/** From `Retry-After` (seconds), else `X-RateLimit-Reset` (epoch seconds), else a minute. */
function retryAfterMs(headers: Headers, rateLimit: RateLimitInfo): number {
  const retryAfter = Number(headers.get('retry-after'));
  if (headers.get('retry-after') && Number.isFinite(retryAfter)) return Math.max(1, retryAfter) * 1000;
  if (rateLimit.reset) return Math.max(1000, rateLimit.reset * 1000 - Date.now());
  return 60_000;
}

const encoder = new TextEncoder();

/** A multipart body whose text fields come first and whose file is streamed, never held whole. */
function multipartStream(boundary: string, params: Params, file: UploadFile): ReadableStream<Uint8Array> {
  const quote = (s: string) => s.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));
  let head = '';
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${String(value)}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`;
  const reader = file.body.getReader();
  let stage: 'head' | 'file' | 'done' = 'head';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === 'head') {
        stage = 'file';
        controller.enqueue(encoder.encode(head));
        return;
      }
      if (stage === 'file') {
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        stage = 'done';
        controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
