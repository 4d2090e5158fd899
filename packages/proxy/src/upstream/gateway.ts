/**
 * The way every browser call goes upstream: answers from the cache, identical GETs in flight joined,
 * the rate budget taken, the request signed and sent, and Zadarma's answer turned into the proxy's.
 */
import { signedQuery, type Params } from '@zadarma-elements/api';
import { ProxyError } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { ProxyStore } from '../store/store.js';
import { rateLimited, type Budget } from './budget.js';
import { UpstreamFailure, type UploadFile, type UpstreamResponse, type ZadarmaClient } from './client.js';

export interface ForwardRequest {
  method: string;
  path: string;
  params: Params;
  sessionId: string;
  statistics: boolean;
  /** Keep a successful GET answer this long (per exact params, user included). */
  cacheSeconds?: number;
  file?: UploadFile;
  signal?: AbortSignal;
}

export class Gateway {
  readonly #inFlight = new Map<string, Promise<UpstreamResponse>>();

  constructor(
    private readonly client: ZadarmaClient,
    private readonly budget: Budget,
    private readonly store: ProxyStore,
    private readonly logger: Logger,
  ) {}

  /** Resolves with Zadarma's answer as the proxy gives it; throws `ProxyError` for every failure. */
  async forward(request: ForwardRequest): Promise<Response> {
    return toProxyResponse(await this.fetch(request), this.logger);
  }

  /** Zadarma's raw answer (from the cache, a joined request or a new one). */
  async fetch(request: ForwardRequest): Promise<UpstreamResponse> {
    if (request.method !== 'GET') return this.#send(request);
    const key = `cache:${request.path}?${signedQuery(request.params)}`;
    if (request.cacheSeconds) {
      const cached = await this.store.get(key);
      if (cached !== undefined) return { status: 200, text: cached, json: JSON.parse(cached), rateLimit: {} };
    }
    const joined = this.#inFlight.get(key);
    if (joined) return joined;
    // The shared request is not tied to the first caller's signal: others may still want the answer.
    const pending = this.#send({ ...request, signal: undefined }).then(async (response) => {
      if (request.cacheSeconds && isSuccess(response)) {
        await this.store.set(key, response.text, request.cacheSeconds * 1000);
      }
      return response;
    });
    this.#inFlight.set(key, pending);
    try {
      return await pending;
    } finally {
      this.#inFlight.delete(key);
    }
  }

  async #send(request: ForwardRequest): Promise<UpstreamResponse> {
    const release = await this.budget.acquire(
      request.sessionId,
      { statistics: request.statistics },
      request.signal,
    );
    const started = performance.now();
    try {
      const response = await this.client.send(request);
      if (this.logger.enabled('debug'))
        this.logger.log('debug', 'upstream', {
          method: request.method,
          path: request.path,
          status: response.status,
          ms: Math.round(performance.now() - started),
        });
      return response;
    } catch (error) {
      if (error instanceof UpstreamFailure) {
        this.logger.log('warn', 'upstream failed', {
          method: request.method,
          path: request.path,
          kind: error.kind,
        });
        if (error.kind === 'timeout') throw new ProxyError('upstream_timeout', error.message);
        if (error.kind === 'aborted') throw new ProxyError('invalid_request', error.message);
        throw new ProxyError('upstream_error', error.message);
      }
      throw error;
    } finally {
      release();
    }
  }
}

export function isSuccess(response: UpstreamResponse): boolean {
  const body = response.json as { status?: unknown } | undefined;
  return response.status === 200 && typeof body === 'object' && body !== null && body.status === 'success';
}

/** Success: Zadarma's JSON unchanged. Otherwise the proxy's error shape with a fitting status. */
export function toProxyResponse(response: UpstreamResponse, logger: Logger): Response {
  if (isSuccess(response)) {
    return new Response(response.text, {
      status: 200,
      // Per-user answers: no shared cache may keep them.
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  if (response.status === 429) throw rateLimited(response.retryAfterMs ?? 60_000);
  const body = response.json as { status?: unknown; message?: unknown } | undefined;
  if (response.status >= 500) {
    throw new ProxyError('upstream_error', `Zadarma answered with an error (HTTP ${response.status})`);
  }
  if (typeof body !== 'object' || body === null) {
    throw new ProxyError('upstream_error', 'Zadarma sent an answer that is not JSON');
  }
  if (response.status === 401 || response.status === 403) {
    // The partner's key or secret is wrong: the browser can do nothing about it, the operator can.
    logger.log('error', 'Zadarma refused the proxy credentials; check ZADARMA_KEY and ZADARMA_SECRET', {
      status: response.status,
    });
    throw new ProxyError('upstream_error', 'the proxy is not authorised at Zadarma');
  }
  const message =
    typeof body.message === 'string' && body.message ? body.message : 'Zadarma refused the request';
  throw new ProxyError('upstream_rejected', message);
}
