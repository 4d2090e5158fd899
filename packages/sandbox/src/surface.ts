/**
 * The Zadarma surface (`/v1/...`): every request goes through the same steps as at Zadarma —
 * faults (if any are set), params, signature, rate limit, operation, `user_id`, spec validation,
 * then the operation's handler on the state.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpBindings } from '@hono/node-server';
import { OperationMatcher, findParamProblem, type OperationId, type Params } from '@zadarma-elements/api';
import type { Context } from 'hono';
import { authenticate } from './auth.js';
import { ZadarmaError, errorBody, refused } from './errors.js';
import { MALFORMED_BODY, type FaultAction, type Faults } from './faults.js';
import type { ResolvedOptions } from './options.js';
import { rateLimitHeaders, type RateLimiter } from './rate-limit.js';
import { readParams } from './request-params.js';
import { documentHandlers } from './routes/documents.js';
import { infoHandlers } from './routes/info.js';
import { ivrHandlers } from './routes/ivr.js';
import { numberHandlers } from './routes/numbers.js';
import { pbxHandlers } from './routes/pbx.js';
import { resellerHandlers } from './routes/reseller.js';
import { verifyHandlers } from './routes/verify.js';
import type { HandlerTable, OperationContext } from './routes/context.js';
import { subUserOf } from './state/accounts.js';
import { settleDocuments } from './state/documents.js';
import { settleNumbers } from './state/numbers.js';
import type { SandboxStore } from './state/store.js';
import type { Account } from './state/types.js';

const HANDLERS: HandlerTable = {
  ...numberHandlers,
  ...documentHandlers,
  ...resellerHandlers,
  ...pbxHandlers,
  ...ivrHandlers,
  ...infoHandlers,
  ...verifyHandlers,
};

/** The operations the sandbox simulates; the rest of the spec answers 501. */
export const IMPLEMENTED_OPERATIONS = Object.keys(HANDLERS) as OperationId[];

const matcher = new OperationMatcher();

/** Requests seen, for `GET /sandbox/counters`. */
export interface Counters {
  total: number;
  byOperation: Record<string, number>;
  byStatus: Record<string, number>;
}

export const emptyCounters = (): Counters => ({ total: 0, byOperation: {}, byStatus: {} });

export interface SurfaceDeps {
  store: SandboxStore;
  options: ResolvedOptions;
  limiter: RateLimiter;
  faults: Faults;
  counters: () => Counters;
}

/** A "connection reset" fault: like undici's network error, so clients treat it as one. */
export class ConnectionResetFault extends TypeError {
  override name = 'ConnectionResetFault';
  constructor() {
    super('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
  }
}

function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service temporarily unavailable',
  504: 'Gateway timeout',
};

function faultResponse(c: Context, action: FaultAction): Response {
  if (action.kind === 'reset') {
    // Over HTTP: close the socket without a byte of answer. In-process: reject like fetch would.
    (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.destroy();
    throw new ConnectionResetFault();
  }
  if (action.kind === 'malformed') {
    return new Response(MALFORMED_BODY, {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
  const headers: Record<string, string> =
    action.status === 429 ? { 'Retry-After': '1', 'X-RateLimit-Remaining': '0' } : {};
  return json(errorBody(FAULT_MESSAGES[action.status] ?? 'Sandbox fault'), action.status, headers);
}

export function zadarmaSurface(deps: SurfaceDeps) {
  return async (c: Context): Promise<Response> => {
    const request = c.req.raw;
    const url = new URL(request.url);
    const plan = deps.faults.plan(request.method, url.pathname);
    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    if (plan.before) return faultResponse(c, plan.before);
    const response = await answer(deps, request, url);
    const counters = deps.counters();
    counters.byStatus[response.status] = (counters.byStatus[response.status] ?? 0) + 1;
    return plan.after ? faultResponse(c, plan.after) : response;
  };
}

async function answer(deps: SurfaceDeps, request: Request, url: URL): Promise<Response> {
  let headers: Record<string, string> = {};
  try {
    const { signed, file } = await readParams(request, url);
    const { state } = deps.store;
    const caller = authenticate(state, request.headers.get('authorization'), url.pathname, signed);
    const match = matcher.match(request.method, url.pathname);
    const verdict = deps.limiter.take(caller.key, match?.spec.statistics ? 'statistics' : 'general');
    headers = rateLimitHeaders(verdict);
    if (!verdict.allowed) throw new ZadarmaError(429, 'Too many requests');
    if (!match) {
      if (matcher.hasPath(url.pathname))
        throw new ZadarmaError(405, `Method ${request.method} is not allowed here`);
      throw new ZadarmaError(404, 'Method not found');
    }
    const counters = deps.counters();
    counters.total++;
    counters.byOperation[match.id] = (counters.byOperation[match.id] ?? 0) + 1;
    const handler = HANDLERS[match.id];
    if (!handler) throw new ZadarmaError(501, `${match.id} is not simulated by the sandbox`);

    const { format, user_id: userId, ...rest } = signed;
    if (format !== undefined && format !== 'json') throw refused('format: the sandbox answers in JSON only');
    const account = actingAccount(deps, caller, userId);
    const params = textParams(rest);
    // Reseller operations name their sub-user with `user_id` in the spec: validate it with them.
    if (userId !== undefined && hasParam(match.spec.params, 'user_id')) params.user_id = String(userId);
    const problem = findParamProblem(match, params, { files: file ? [file.field] : [] });
    if (problem) throw refused(problem.message);

    const now = deps.options.now();
    settleDocuments(account, now);
    settleNumbers(account);
    caller.lastApiRequest = now;
    const ctx: OperationContext = {
      op: match,
      params,
      raw: rest,
      file,
      caller,
      account,
      state,
      options: deps.options,
      now,
    };
    const body = await handler(ctx);
    deps.store.save();
    return json(body, 200, headers);
  } catch (error) {
    if (error instanceof ZadarmaError) return json(errorBody(error.message), error.status, headers);
    console.error('zd-sandbox: unexpected error', error);
    return json(errorBody('Internal server error'), 500, headers);
  }
}

function actingAccount(deps: SurfaceDeps, caller: Account, userId: Params[string]): Account {
  if (userId === undefined || userId === null) return caller;
  if (caller.resellerId !== null) throw refused('user_id: only a reseller may act for another user');
  return subUserOf(deps.store.state, caller, String(userId));
}

/** Scalars as text, as a form would carry them; JSON arrays and objects stay as they are for the schema. */
function textParams(params: Params): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      typeof v === 'object' && v !== null ? (v as unknown as string) : String(v),
    ]),
  );
}

function hasParam(schema: Record<string, unknown>, name: string): boolean {
  const variants = (schema.oneOf as Record<string, unknown>[] | undefined) ?? [schema];
  return variants.some((s) =>
    Object.hasOwn((s.properties as Record<string, unknown> | undefined) ?? {}, name),
  );
}
