/**
 * The signing proxy as a web-standard handler: `createProxy(options).fetch(request)`. Run it with
 * `zd-proxy`, or mount `fetch` (or `app`) in a partner's own server.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import { readJsonValue, readLimitedText } from './http/body.js';
import { ERROR_STATUS, ProxyError, type ErrorCode } from './http/errors.js';
import { createLogger, type LogLevel, type Logger } from './log.js';
import { Idempotency } from './policy/idempotency.js';
import { passthrough } from './routes/passthrough.js';
import { requireAdmin, requireSession, type ProxyEnv } from './session/middleware.js';
import {
  mintSessionToken,
  normalizeSessionRequest,
  sessionKey,
  SessionRequestError,
  type SessionRequest,
} from './session/tokens.js';
import { MemoryStore } from './store/memory.js';
import type { ProxyStore } from './store/store.js';
import { Budget, type BudgetOptions } from './upstream/budget.js';
import { DEFAULT_API_URL, ZadarmaClient } from './upstream/client.js';
import { Gateway } from './upstream/gateway.js';
import { eventStream } from './webhooks/events.js';
import { receiveWebhook, type WebhookSecretResolver } from './webhooks/receiver.js';
import { resellerApiKeySecrets } from './webhooks/secrets.js';

export interface ProxyOptions {
  zadarma: { key: string; secret: string; apiUrl?: string };
  /** Signs session tokens; at least 32 bytes. */
  sessionSecret: string;
  /** Enables `POST /sessions` for the partner backend. */
  adminToken?: string;
  /** Origins allowed by CORS (exact, e.g. `https://app.example.com`); none by default. */
  allowedOrigins?: readonly string[];
  store?: ProxyStore;
  /** By default JSON lines on stderr, redacting the key, secrets and tokens, from `logLevel` up. */
  logger?: Logger;
  logLevel?: LogLevel;
  budget?: Partial<BudgetOptions>;
  limits?: Partial<ProxyLimits>;
  /** The secret that signs a sub-user's webhooks; by default read with the reseller key. */
  webhookSecret?: WebhookSecretResolver;
  /** For the upstream requests (tests). */
  fetch?: typeof fetch;
  /**
   * Demo only (`ZD_SANDBOX=1`): `POST /dev/session` mints this session for anyone, standing in for the
   * partner backend. Never set it against the real Zadarma API.
   */
  devSession?: SessionRequest;
  /**
   * Demo only, with `devSession`: `POST /dev/topup` (JSON `{amount, currency?}`) hands the body to this,
   * which adds sandbox money to that user (the embedded sandbox's `/sandbox/users/:id/topup`).
   */
  devTopUp?: (userId: string, body: string) => Promise<Response>;
}

export interface ProxyLimits {
  formBytes: number;
  uploadBytes: number;
  requestTimeoutMs: number;
  upstreamTimeoutMs: number;
}

export const DEFAULT_LIMITS: ProxyLimits = {
  formBytes: 64 * 1024,
  uploadBytes: 5 * 1024 * 1024,
  requestTimeoutMs: 60_000,
  upstreamTimeoutMs: 15_000,
};

export interface Proxy {
  fetch: (request: Request) => Promise<Response>;
  app: Hono<ProxyEnv>;
  /** The signed upstream client, for the partner backend's own (reseller) calls. */
  client: ZadarmaClient;
  store: ProxyStore;
}

const CORS_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key'];

export function createProxy(options: ProxyOptions): Proxy {
  sessionKey(options.sessionSecret); // fail at start-up, not at the first request
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const store = options.store ?? new MemoryStore();
  const secrets = [
    options.zadarma.key,
    options.zadarma.secret,
    options.sessionSecret,
    options.adminToken ?? '',
  ];
  const logger = options.logger ?? createLogger({ secrets, level: options.logLevel });
  const budget = new Budget(store, options.budget);
  const client = new ZadarmaClient({
    key: options.zadarma.key,
    secret: options.zadarma.secret,
    baseUrl: options.zadarma.apiUrl ?? DEFAULT_API_URL,
    timeoutMs: limits.upstreamTimeoutMs,
    fetch: options.fetch,
    onRateLimited: (ms) => void budget.pause(ms),
  });
  const gateway = new Gateway(client, budget, store, logger);
  const idempotency = new Idempotency(store);
  const secretLookups = () => budget.acquire('webhook-secret-lookups', { statistics: false });
  const webhookDeps = {
    store,
    logger,
    secretFor: options.webhookSecret ?? resellerApiKeySecrets(client, secretLookups),
  };
  const session = requireSession({ secret: options.sessionSecret });

  const app = new Hono<ProxyEnv>();

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const level = c.res.status >= 500 ? 'error' : 'info';
    if (!logger.enabled(level)) return;
    // The path only: query strings may carry values a log has no business keeping.
    logger.log(level, 'request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      userId: c.get('session')?.userId,
    });
  });

  const allowed = new Set(options.allowedOrigins ?? []);
  const corsHeaders = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: CORS_HEADERS,
    exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
    credentials: false, // bearer tokens, no cookies: never credentials, never a wildcard
    maxAge: 600,
  });
  // Only browsers' cross-origin requests carry Origin; the others skip the header work.
  app.use((c, next) => (c.req.header('origin') ? corsHeaders(c, next) : next()));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  if (options.adminToken) {
    app.post('/sessions', requireAdmin({ token: options.adminToken }), async (c) => {
      // JSON `{userId, scopes, sip?, ttlSeconds?}`, checked strictly: types, values, no unknown field.
      const body = await readJsonValue(c.req.raw, limits.formBytes);
      return c.json(await mint(options.sessionSecret, body), 201);
    });
  }
  if (options.devSession) {
    const devSession = options.devSession;
    app.post('/dev/session', async (c) => c.json(await mint(options.sessionSecret, devSession), 201));
    const devTopUp = options.devTopUp;
    if (devTopUp) {
      const userId = normalizeSessionRequest(devSession).userId;
      app.post('/dev/topup', async (c) => {
        const answer = await devTopUp(userId, await readLimitedText(c.req.raw, limits.formBytes));
        const body: unknown = await answer.json();
        if (answer.ok) return c.json(body);
        const message = typeof body === 'object' && body && 'message' in body ? String(body.message) : '';
        throw new ProxyError(answer.status === 404 ? 'not_found' : 'invalid_request', message || 'refused');
      });
    }
  }

  app.get('/events', session, (c) => {
    if (!c.get('session').scopes.includes('events')) {
      throw new ProxyError('forbidden', 'this session may not read events (needs scope events)');
    }
    return eventStream(c, c.get('session'), store);
  });

  app.on(['GET', 'POST'], '/webhooks/zadarma/:userId', (c) => receiveWebhook(c, webhookDeps));

  app.use(
    '/v1/*',
    timeout(limits.requestTimeoutMs, () => new HTTPException(504)),
  );
  app.all('/v1/*', session, (c) => passthrough(c, c.get('session'), { gateway, idempotency, limits }));

  app.notFound(() => new ProxyError('not_found', 'not found').toResponse());
  app.onError((error, c) => {
    if (error instanceof ProxyError) return error.toResponse();
    if (error instanceof HTTPException) return fromHttpException(error).toResponse();
    logger.log('error', 'unexpected error', {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return new ProxyError('internal', 'internal error').toResponse();
  });

  return { fetch: (request) => Promise.resolve(app.fetch(request)), app, client, store };
}

async function mint(secret: string, request: unknown) {
  try {
    return await mintSessionToken(secret, normalizeSessionRequest(request));
  } catch (error) {
    if (error instanceof SessionRequestError) {
      throw new ProxyError('invalid_request', error.message, { field: error.field });
    }
    throw error;
  }
}

function fromHttpException(error: HTTPException): ProxyError {
  if (error.status === 504) return new ProxyError('upstream_timeout', 'the request took too long');
  const code = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((k) => ERROR_STATUS[k] === error.status);
  return new ProxyError(code ?? 'internal', error.message || 'request failed');
}
