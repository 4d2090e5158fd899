/** Puts the sandbox together: state, limits and faults, the Zadarma surface and the `/sandbox/` endpoints. */
import { Hono } from 'hono';
import { Faults, parseFaultRule } from './faults.js';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { demoUser, SandboxStore } from './state/store.js';
import type { SandboxState } from './state/types.js';
import { ConnectionResetFault, emptyCounters, zadarmaSurface, type Counters } from './surface.js';
import { errorBody } from './errors.js';
import type { SipFaultControl } from './sip/faults.js';

export interface DemoUser {
  id: number;
  /** The PBX extension of the demo user's softphone. */
  sip: string;
  sipPassword: string;
}

export interface Sandbox {
  /** The web-standard handler (a Hono app's `fetch`). */
  fetch: (request: Request, env?: unknown) => Promise<Response>;
  app: Hono;
  /** The live state (replaced on reset; read it through this getter). */
  readonly state: SandboxState;
  readonly key: string;
  readonly secret: string;
  readonly demoUser: DemoUser;
  readonly counters: Counters;
  faults: Faults;
  store: SandboxStore;
  options: ResolvedOptions;
  /** Filled by startSandbox when its SIP gateway runs: faults for `/sandbox/sip/faults`, and a reset. */
  sip: SipHooks;
}

export interface SipHooks {
  faults?: SipFaultControl;
  /** The state was reset: registrations of the old extensions go. */
  reset?: () => void;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const resolved = resolveOptions(options);
  const store = new SandboxStore({
    stateFile: resolved.stateFile,
    key: options.key,
    secret: options.secret,
    now: resolved.now,
  });
  const limiter = new RateLimiter(resolved.rateLimit, resolved.now);
  const faults = new Faults();
  for (const rule of options.faults ?? []) faults.add(parseFaultRule(rule));
  let counters = emptyCounters();
  const sip: SipHooks = {};

  const app = new Hono({ strict: false });
  app.onError((error, c) => {
    // A reset fault must reach the server (or the in-process caller) as a failure, not as an answer.
    if (error instanceof ConnectionResetFault) throw error;
    console.error('zd-sandbox: unexpected error', error);
    return c.json(errorBody('Internal server error'), 500);
  });
  app.route(
    '/sandbox',
    sandboxRoutes({
      store,
      options: resolved,
      limiter,
      faults,
      counters: () => counters,
      resetCounters: () => (counters = emptyCounters()),
      sip,
    }),
  );
  app.all('/v1/*', zadarmaSurface({ store, options: resolved, limiter, faults, counters: () => counters }));
  app.notFound((c) => c.json(errorBody('Method not found'), 404));

  return {
    fetch: async (request, env) => app.fetch(request, env),
    app,
    get state() {
      return store.state;
    },
    get key() {
      return store.state.reseller.key;
    },
    get secret() {
      return store.state.reseller.secret;
    },
    get demoUser() {
      return demoUser(store.state);
    },
    get counters() {
      return counters;
    },
    faults,
    store,
    options: resolved,
    sip,
  };
}
