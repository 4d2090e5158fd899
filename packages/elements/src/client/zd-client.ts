/**
 * `ZdClient`: the one way the elements talk to the proxy. Typed from the official Zadarma spec (the
 * generated `paths` and `operations`), since the proxy mirrors Zadarma's own paths. (openapi-fetch was
 * the first choice; its runtime is a tenth of the number picker's size budget, while the few calls the
 * elements make need only paths, a flat query and a form body, so the client sends them itself.)
 *
 * - Bearer session token from a `TokenSource`; on a 401 the token is dropped and the call is sent once
 *   more with a fresh one.
 * - GET params flat in the query, POST/PUT as form-urlencoded, paths with Zadarma's trailing slash.
 * - Never sends `user_id`: the proxy injects it from the token.
 * - Failures become `ZdApiError` with a `kind` the elements translate into a localized message.
 *
 * The operations are functions beside it (`numbers.ts`, `documents.ts`), not methods, so that a bundle
 * carries only the calls its element makes (the number picker none of the upload's).
 */
import type { ZadarmaOperations, ZadarmaPaths } from '@zadarma-elements/api';
import { errorFromAnswer, isAbortError, ZdApiError } from './errors.js';
import { flattenQuery, formBody } from './query.js';
import { TokenSource, type GetToken, type SessionRequestOptions } from './token-source.js';

export type Json200<Op extends keyof ZadarmaOperations> = ZadarmaOperations[Op] extends {
  responses: { 200: { content: { 'application/json': infer R } } };
}
  ? R
  : never;

type Form<Op extends keyof ZadarmaOperations> = ZadarmaOperations[Op] extends {
  requestBody: { content: { 'application/x-www-form-urlencoded': infer B } };
}
  ? Omit<B, 'user_id'>
  : never;

export type Country = Json200<'direct_numbers.countries'>['info'][number];
export type Destination = Json200<'direct_numbers.country'>['info'][number];
export type AvailableNumber = Json200<'direct_numbers.available'>['numbers'][number];
export type DocumentGroup = Json200<'documents.groups.list'>['groups'][number];
export type GroupValidity = Json200<'documents.groups.valid'>;
export type GroupParams = Form<'documents.groups.create'>;
export type GroupFile = Json200<'documents.files'>['documents'][number];
export type CheckingWrongs = Json200<'direct_numbers.checking_wrongs'>['info'];
export type UploadResult = Json200<'documents.upload'>;
export type OrderParams = Form<'direct_numbers.order'>;
export type OrderResult = Json200<'direct_numbers.order'>;
export type SetSipIdParams = Form<'direct_numbers.set_sip_id'>;
export type SetSipIdResult = Json200<'direct_numbers.set_sip_id'>;
export type SetCallerNameParams = Form<'direct_numbers.set_caller_name'>;
export type SetCallerNameResult = Json200<'direct_numbers.set_caller_name'>;
export type AutoprolongationParams = Form<'direct_numbers.autoprolongation.put'>;
export type AutoprolongationResult = Json200<'direct_numbers.autoprolongation.put'>;
export type Balance = Json200<'info.balance'>;
export type OwnNumber = Json200<'direct_numbers'>['info'][number];

export interface ZdClientOptions extends SessionRequestOptions {
  /** The proxy's base URL, e.g. `https://proxy.example.com` (no trailing `/v1`). */
  proxy: string;
  /** The partner backend's endpoint that mints session tokens (POST → `{token, expiresAt}`). */
  sessionUrl?: string;
  /** Or a callback that returns a token. */
  getToken?: GetToken;
  /** Default: the page's `fetch`. */
  fetch?: typeof fetch;
}

/** Per call. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface DocumentUpload {
  groupId: number;
  documentType: string;
  file: Blob;
  /** The name the file is stored under (the proxy keeps its base and sets the extension by content). */
  filename: string;
}

export interface UploadOptions extends CallOptions {
  /** Bytes sent so far, and in all. */
  onProgress?: (sent: number, total: number) => void;
}

const FORM = 'application/x-www-form-urlencoded';

export type Method = 'GET' | 'POST' | 'PUT';

/** Spec paths (without Zadarma's trailing slash) that have the method. */
export type PathWith<M extends Method> = {
  [P in keyof ZadarmaPaths]: ZadarmaPaths[P] extends { [K in Lowercase<M>]: { responses: unknown } }
    ? P
    : never;
}[keyof ZadarmaPaths];

export interface RequestSpec {
  /** Path params substituted into `{name}` segments. */
  path?: Record<string, string | number>;
  /** GET params (sent flat in the query). */
  query?: Record<string, unknown>;
  /** POST/PUT params (sent as application/x-www-form-urlencoded). */
  form?: Record<string, unknown>;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

export class ZdClient {
  readonly proxy: string;
  readonly tokens: TokenSource;
  readonly #fetch: typeof fetch;

  constructor(options: ZdClientOptions) {
    this.proxy = options.proxy.replace(/\/+$/, '');
    // Looked up per call, so that a page's own fetch instrumentation (added later) sees the requests too.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.tokens = new TokenSource({
      ...options,
      sessionUrl: options.sessionUrl && new URL(options.sessionUrl, document.baseURI).href,
      fetch: this.#fetch,
    });
  }

  /** The URL of a spec path on the proxy, with Zadarma's trailing slash and the params flat in the query. */
  url(path: string, spec: Pick<RequestSpec, 'path' | 'query'> = {}): string {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(spec.path?.[name] ?? '')),
    );
    const query = spec.query ? flattenQuery(spec.query) : '';
    return `${this.proxy}${filled}/${query ? `?${query}` : ''}`;
  }

  /** One call: the session token, once more with a fresh token after a 401, the answer or a `ZdApiError`. */
  request<T>(method: Method, path: string, spec: RequestSpec = {}): Promise<T> {
    const url = this.url(path, spec);
    const body = spec.form ? formBody(spec.form).toString() : undefined;
    return this.exchange<T>(async (token) => {
      const headers = this.headers(token, spec.headers);
      if (body !== undefined) headers.set('content-type', FORM);
      try {
        return await this.#fetch(url, { method, headers, body, signal: spec.signal ?? null });
      } catch (error) {
        if (isAbortError(error) || spec.signal?.aborted) throw error;
        throw new ZdApiError({ kind: 'network', message: `the proxy is unreachable: ${String(error)}` });
      }
    });
  }

  /** The headers of every call: JSON wanted, the session token. */
  headers(token: string, extra?: Record<string, string>): Headers {
    const headers = new Headers(extra);
    headers.set('accept', 'application/json');
    headers.set('authorization', `Bearer ${token}`);
    return headers;
  }

  /**
   * Sends with the current token (again with a fresh one after a 401) and reads the proxy's answer;
   * `send` makes the request (fetch, or the XHR of an upload).
   */
  async exchange<T>(send: (token: string) => Promise<Response>): Promise<T> {
    const token = await this.tokens.get();
    let response = await send(token);
    if (response.status === 401) {
      this.tokens.invalidate(token);
      response = await send(await this.tokens.get());
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch (error) {
      if (isAbortError(error)) throw error;
      // A body that is not JSON (a gateway's page in between, or a broken upstream).
      if (response.ok)
        throw new ZdApiError({ kind: 'upstream', status: response.status, message: 'unreadable answer' });
      throw errorFromAnswer(response.status, response.headers, undefined);
    }
    if (!response.ok) throw errorFromAnswer(response.status, response.headers, data);
    if (typeof data !== 'object' || data === null || (data as { status?: unknown }).status === 'error') {
      throw errorFromAnswer(400, response.headers, data);
    }
    return data as T;
  }
}
