/**
 * The signing proxy as a web-standard handler: `createProxy(options).fetch(request)`. Run it with
 * `zd-proxy`, or mount `fetch` (or `app`) in a partner's own server.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { addOnboardingDemo } from './dev/onboarding-demo.js';
import { readJsonValue, readLimitedText } from './http/body.js';
import { ERROR_STATUS, ProxyError, type ErrorCode } from './http/errors.js';
import { createLogger, type LogLevel, type Logger } from './log.js';
import { Idempotency } from './policy/idempotency.js';
import { passthrough } from './routes/passthrough.js';
import { softphoneCredentials } from './routes/softphone.js';
import { DEFAULT_VERIFICATION, type VerificationPolicy } from './routes/verification.js';
import { requireAdmin, requireSession, type ProxyEnv } from './session/middleware.js';
import {
  mintSessionToken,
  normalizeSessionRequest,
  sessionKey,
  SessionRequestError,
  type SessionRequest,
} from './session/tokens.js';
import { checkSoftphoneSettings, type SoftphoneSettings } from './softphone/settings.js';
import { MemoryStore } from './store/memory.js';
import type { ProxyStore } from './store/store.js';
import { Budget, type BudgetOptions } from './upstream/budget.js';
import { DEFAULT_API_URL, ZadarmaClient } from './upstream/client.js';
import { Gateway } from './upstream/gateway.js';
import {
  DEFAULT_EVENT_LIMITS,
  eventStream,
  StreamCounts,
  type EventStreamLimits,
} from './webhooks/events.js';
import {
  DEFAULT_WEBHOOK_POLICY,
  receiveWebhook,
  type WebhookPolicy,
  type WebhookSecretResolver,
} from './webhooks/receiver.js';
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
  /** How old a notification may be, and the time zone of its `call_start`. */
  webhooks?: Partial<WebhookPolicy>;
  /** Streams per session and per user, a slow reader's queue, keep-alives. */
  events?: Partial<EventStreamLimits>;
  /** Phone verification: the channels a page may choose, the sender, template and limit per user. */
  verification?: Partial<VerificationPolicy>;
  /**
   * Where `<zd-softphone>` connects (take the values from Zadarma; none is built in). Without it,
   * `GET /softphone/credentials` answers 503 `softphone_not_configured`.
   */
  softphone?: SoftphoneSettings;
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
  /**
   * Demo only, with `devSession`: `POST /dev/call` (JSON `{from?, extension?, party?}`) rings that
   * user's PBX from outside (the embedded sandbox's `/sandbox/calls`) with this body, user id added.
   */
  devCall?: (body: string) => Promise<Response>;
  /**
   * Demo only, with `devSession`: the SMS codes the sandbox sent to a user (its `/sandbox/codes`), for
   * the onboarding page's stand-in phone (`GET /dev/onboard/code`).
   */
  devSmsCodes?: (userId: number) => Promise<string[]>;
}

export interface ProxyLimits {
  formBytes: number;
  uploadBytes: number;
  /**
   * The request line and headers (zd-proxy's server; a partner's own server has its own setting).
   * Not used by the handler itself, which starts once the headers are in.
   */
  headersTimeoutMs: number;
  /** A request body, from its first byte to its last, on every route. */
  bodyTimeoutMs: number;
  /** The whole request, body and answer, on every route (the event stream's answer excepted). */
  requestTimeoutMs: number;
  upstreamTimeoutMs: number;
}

export const DEFAULT_LIMITS: ProxyLimits = {
  formBytes: 64 * 1024,
  uploadBytes: 5 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  upstreamTimeoutMs: 15_000,
};

export interface Proxy {
  /** `env` as Hono takes it: on Node, `@hono/node-server` passes the connection (used to end streams). */
  fetch: (request: Request, env?: unknown) => Promise<Response>;
  app: Hono<ProxyEnv>;
  /** The signed upstream client, for the partner backend's own (reseller) calls. */
  client: ZadarmaClient;
  store: ProxyStore;
  /** The softphone settings in use (checked), or undefined when it is not configured. */
  softphone: SoftphoneSettings | undefined;
}

const CORS_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key'];

export function createProxy(options: ProxyOptions): Proxy {
  sessionKey(options.sessionSecret); // fail at start-up, not at the first request
  const softphone = options.softphone && checkSoftphoneSettings(options.softphone);
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
  // Ahead of a notification, the lookup is on the budget of the session that opened a stream.
  const secretLookups = (sessionId = 'webhook-secret-lookups') =>
    budget.acquire(sessionId, { statistics: false });
  const secretFor = options.webhookSecret ?? resellerApiKeySecrets(client, secretLookups);
  const webhookDeps = {
    store,
    logger,
    secretFor,
    policy: { ...DEFAULT_WEBHOOK_POLICY, ...options.webhooks },
    bodyTimeoutMs: limits.bodyTimeoutMs,
  };
  const eventDeps = { store, logger, secretFor, limits: { ...DEFAULT_EVENT_LIMITS, ...options.events } };
  const streamCounts = new StreamCounts();
  const verification = { ...DEFAULT_VERIFICATION, ...options.verification };
  const bodyLimits = { maxBytes: limits.formBytes, timeoutMs: limits.bodyTimeoutMs };
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

  // On every answer, errors included: nothing the proxy sends is to be sniffed, framed or referred from.
  app.use(
    secureHeaders({
      xContentTypeOptions: true,
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: false,
      crossOriginResourcePolicy: false,
      crossOriginOpenerPolicy: false,
      crossOriginEmbedderPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );

  // One policy for every route: the whole request within its time, or 504 (408 for a body that
  // trickles in, from the body readers). The event stream's handler returns at once; its answer lasts.
  app.use(timeout(limits.requestTimeoutMs, () => new HTTPException(504)));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  if (options.adminToken) {
    app.post('/sessions', requireAdmin({ token: options.adminToken }), async (c) => {
      // JSON `{userId, scopes, sip?, ttlSeconds?}`, checked strictly: types, values, no unknown field.
      const body = await readJsonValue(c.req.raw, bodyLimits);
      return c.json(await mint(options.sessionSecret, body), 201);
    });
  }
  if (options.devSession) {
    const devSession = options.devSession;
    app.post('/dev/session', async (c) => c.json(await mint(options.sessionSecret, devSession), 201));
    addOnboardingDemo(app, {
      client,
      store,
      sessionSecret: options.sessionSecret,
      bodyLimits,
      smsCodes: options.devSmsCodes,
    });
    const devTopUp = options.devTopUp;
    if (devTopUp) {
      const userId = normalizeSessionRequest(devSession).userId;
      app.post('/dev/topup', async (c) => {
        const answer = await devTopUp(userId, await readLimitedText(c.req.raw, bodyLimits));
        const body: unknown = await answer.json();
        if (answer.ok) return c.json(body);
        const message = typeof body === 'object' && body && 'message' in body ? String(body.message) : '';
        throw new ProxyError(answer.status === 404 ? 'not_found' : 'invalid_request', message || 'refused');
      });
    }
    const devCall = options.devCall;
    if (devCall) {
      const userId = Number(normalizeSessionRequest(devSession).userId);
      app.post('/dev/call', async (c) => {
        const body = await readJsonValue(c.req.raw, bodyLimits);
        const asked = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
        // Only what a demo visitor may choose: never another user.
        const call = { from: asked.from, extension: asked.extension, party: asked.party, userId };
        const answer = await devCall(JSON.stringify(call));
        const reply: unknown = await answer.json();
        // 202: a registered phone rings for real; 200: nothing rang, the call was scripted.
        if (answer.ok) return c.json(reply, answer.status === 202 ? 202 : 200);
        const message = typeof reply === 'object' && reply && 'message' in reply ? String(reply.message) : '';
        throw new ProxyError(answer.status === 404 ? 'not_found' : 'invalid_request', message || 'refused');
      });
    }
  }

  app.get('/events', session, (c) => {
    if (!c.get('session').scopes.includes('events')) {
      throw new ProxyError('forbidden', 'this session may not read events (needs scope events)');
    }
    return eventStream(c, c.get('session'), streamCounts, eventDeps);
  });

  app.on(['GET', 'POST'], '/webhooks/zadarma/:userId', (c) => receiveWebhook(c, webhookDeps));

  app.get('/softphone/credentials', session, (c) =>
    softphoneCredentials(c, c.get('session'), { gateway, logger, settings: softphone }),
  );

  app.all('/v1/*', session, (c) =>
    passthrough(c, c.get('session'), { gateway, idempotency, store, verification, limits }),
  );

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

  return {
    fetch: (request, env) => Promise.resolve(app.fetch(request, env)),
    app,
    client,
    store,
    softphone,
  };
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
