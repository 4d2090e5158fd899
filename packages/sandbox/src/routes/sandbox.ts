/**
 * Sandbox-only endpoints under `/sandbox/`: apart from the Zadarma surface, unauthenticated (the
 * sandbox binds loopback), JSON in and out. They reveal what a real user would receive elsewhere
 * (SMS codes, e-mail links), play Zadarma's staff (document checks) and callers, inject faults,
 * and let tests read and reset the state. See README.md.
 */
import { Hono, type Context } from 'hono';
import { findDestination } from '../catalog/destinations.js';
import { ZadarmaError } from '../errors.js';
import { FaultInputError, parseFaultRule, type Faults } from '../faults.js';
import type { ResolvedOptions } from '../options.js';
import type { RateLimiter } from '../rate-limit.js';
import { CURRENCIES, isCurrency, type Currency } from '../catalog/money.js';
import { allAccounts, credit } from '../state/accounts.js';
import { decideGroup, settleDocuments } from '../state/documents.js';
import { settleNumbers } from '../state/numbers.js';
import { activate, pendingRegistration } from '../state/registrations.js';
import { demoUser, type SandboxStore } from '../state/store.js';
import { DOCUMENT_TYPES, type Account, type DocumentType } from '../state/types.js';
import type { Counters } from '../surface.js';
import { callRoutes } from './calls.js';
import { sipPasswordRoutes } from './sip-password.js';
import { BadInput, jsonBody, optionalString } from './json-input.js';
import { sipFaultRoutes } from './sip-faults.js';
import type { SipHooks } from '../app.js';

export interface SandboxRouteDeps {
  store: SandboxStore;
  options: ResolvedOptions;
  limiter: RateLimiter;
  faults: Faults;
  counters: () => Counters;
  resetCounters: () => void;
  sip: SipHooks;
}

/** A top-up's most: enough for any demo, small enough to catch an amount typed in cents. */
export const MAX_TOPUP = 10_000;

/** `{amount, currency?}`: a positive amount of money with at most cents, in a known currency. */
function topUpInput(body: Record<string, unknown>, account: Account): { amount: number; currency: Currency } {
  const unknown = Object.keys(body).filter((k) => k !== 'amount' && k !== 'currency');
  if (unknown.length)
    throw new BadInput(`unknown field(s): ${unknown.join(', ')}; the fields are amount, currency`);
  const { amount } = body;
  if (amount === undefined) throw new BadInput(`amount is required (a number in ${account.currency})`);
  if (
    typeof amount !== 'number' ||
    !Number.isFinite(amount) ||
    amount <= 0 ||
    amount > MAX_TOPUP ||
    Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6
  ) {
    throw new BadInput(`amount must be a number from 0.01 to ${MAX_TOPUP}, with at most two decimals`);
  }
  const currency = body.currency ?? account.currency;
  if (typeof currency !== 'string' || !isCurrency(currency)) {
    throw new BadInput(`currency must be one of ${CURRENCIES.join(', ')}`);
  }
  return { amount, currency };
}

function accountSummary(a: Account) {
  return {
    id: a.id,
    email: a.email,
    balance: a.balance,
    currency: a.currency,
    orders: a.orderCount,
    numbers: a.numbers.map((n) => ({
      number: n.number,
      directionId: n.directionId,
      status: n.status,
      documentsGroupId: n.documentsGroupId,
    })),
    phones: a.phones.map((p) => ({ id: p.id, number: p.number, isProved: p.isProved })),
    groups: a.groups.map((g) => ({
      id: g.id,
      addressRejection: g.addressRejection,
      files: g.files.map((f) => ({
        type: f.type,
        name: f.name,
        size: f.size,
        mime: f.mime,
        status: f.status,
        rejection: f.rejection,
      })),
    })),
    pbx: a.pbx && {
      id: a.pbx.id,
      extensions: a.pbx.extensions.map((e) => ({ number: e.number, online: e.online })),
      callinfoUrl: a.pbx.callinfo.url,
      webhooksUrl: a.pbx.webhooks.url,
      menus: a.pbx.menus.length,
      scenarios: a.pbx.scenarios.length,
      sounds: a.pbx.sounds.length,
      calls: a.pbx.calls.length,
    },
  };
}

export function sandboxRoutes(deps: SandboxRouteDeps): Hono {
  const app = new Hono({ strict: false });
  const state = () => deps.store.state;
  const account = (id: string): Account => {
    const found = allAccounts(state()).find((a) => String(a.id) === id);
    if (!found) throw new ZadarmaError(404, `User ${id} not found`);
    settleDocuments(found, deps.options.now());
    settleNumbers(found);
    return found;
  };
  /** Mutations are written to the state file like those of the Zadarma surface. */
  const saved = <T>(value: T): T => {
    deps.store.save();
    return value;
  };

  app.onError((error, c) => {
    if (error instanceof BadInput || error instanceof FaultInputError)
      return c.json({ status: 'error', message: error.message }, 400);
    if (error instanceof ZadarmaError)
      return c.json({ status: 'error', message: error.message }, error.status);
    throw error;
  });

  app.get('/', (c) =>
    c.json({
      endpoints: [
        'GET /sandbox/state',
        'GET /sandbox/users/:id',
        'GET /sandbox/counters',
        'GET /sandbox/codes',
        'POST /sandbox/registrations/activate',
        'POST /sandbox/users/:id/groups/:groupId/verify',
        'POST /sandbox/users/:id/groups/:groupId/reject',
        'POST /sandbox/users/:id/topup',
        'POST /sandbox/users/:id/extensions/:ext/online',
        'POST /sandbox/calls',
        'GET|POST|DELETE /sandbox/faults',
        'DELETE /sandbox/faults/:id',
        'POST /sandbox/reset',
        'GET /sandbox/destinations/:id',
        'GET /sandbox/sip/password?login= (loopback only)',
        'GET|POST|DELETE /sandbox/sip/faults',
      ],
    }),
  );

  app.get('/state', (c) => {
    const s = state();
    return c.json({
      reseller: accountSummary(account(String(s.reseller.id))),
      demoUser: { id: demoUser(s).id, sip: demoUser(s).sip },
      users: s.users.map((u) => accountSummary(account(String(u.id)))),
      registrations: s.registrations.map((r) => ({ email: r.email, outcome: r.outcome })),
      takenNumbers: s.takenNumbers.length,
    });
  });

  app.get('/users/:id', (c) => c.json(accountSummary(account(c.req.param('id')))));

  app.get('/counters', (c) => {
    const s = state();
    return c.json({
      requests: deps.counters(),
      orders: Object.fromEntries(allAccounts(s).map((a) => [a.id, a.orderCount])),
    });
  });

  app.get('/codes', (c) => {
    const only = c.req.query('userId');
    const accounts = allAccounts(state()).filter((a) => !only || String(a.id) === only);
    const now = deps.options.now();
    return c.json({
      phones: accounts.flatMap((a) =>
        a.phones
          .filter((p) => p.code && p.code.expires > now)
          .map((p) => ({ userId: a.id, number: p.number, channel: p.code?.channel, code: p.code?.value })),
      ),
      verifications: accounts.flatMap((a) =>
        a.verifications
          .filter((v) => !v.confirmed && v.expires > now)
          .map((v) => ({ userId: a.id, requestId: v.requestId, channel: v.channel, to: v.to, code: v.code })),
      ),
      registrations: state().registrations.map((r) => ({ email: r.email, outcome: r.outcome, code: r.code })),
    });
  });

  app.post('/registrations/activate', async (c) => {
    const email = optionalString(await jsonBody(c), 'email');
    const pending = email ? pendingRegistration(state(), email) : undefined;
    if (!pending) throw new ZadarmaError(404, `No registration waits for ${email ?? '(no email given)'}`);
    const user = activate(state(), pending.params, deps.options.now(), pending.userId);
    return c.json(saved({ userId: user.id }));
  });

  const verdict = (kind: 'verified' | 'rejected') => async (c: Context) => {
    const user = account(c.req.param('id') ?? '');
    const group = user.groups.find((g) => String(g.id) === c.req.param('groupId'));
    if (!group) throw new ZadarmaError(404, `Documents group ${c.req.param('groupId') ?? ''} not found`);
    const body = await jsonBody(c);
    const documentType = optionalString(body, 'documentType');
    if (documentType && !(DOCUMENT_TYPES as readonly string[]).includes(documentType)) {
      throw new BadInput(`documentType must be one of ${DOCUMENT_TYPES.join(', ')}`);
    }
    const decided = decideGroup(
      group,
      {
        verdict: kind,
        documentType: documentType as DocumentType | undefined,
        message: optionalString(body, 'message'),
        address: body.address === true,
      },
      user.language,
    );
    settleNumbers(user);
    return c.json(saved({ decided: decided.map((f) => ({ type: f.type, name: f.name, status: f.status })) }));
  };
  app.post('/users/:id/groups/:groupId/verify', verdict('verified'));
  app.post('/users/:id/groups/:groupId/reject', verdict('rejected'));

  // Money from nowhere, as a customer paying by card would bring: the reseller is not charged.
  app.post('/users/:id/topup', async (c) => {
    const user = account(c.req.param('id'));
    const { amount, currency } = topUpInput(await jsonBody(c), user);
    const added = credit(user, amount, currency);
    return c.json(saved({ userId: user.id, added, balance: user.balance, currency: user.currency }));
  });

  app.post('/users/:id/extensions/:ext/online', async (c) => {
    const user = account(c.req.param('id'));
    const ext = user.pbx?.extensions.find((e) => String(e.number) === c.req.param('ext'));
    if (!ext) throw new ZadarmaError(404, `Extension ${c.req.param('ext')} not found`);
    ext.online = (await jsonBody(c)).online !== false;
    return c.json(saved({ number: ext.number, online: ext.online }));
  });

  app.get('/faults', (c) => c.json({ faults: deps.faults.list() }));
  app.post('/faults', async (c) => {
    const body = await jsonBody(c);
    const rules = Array.isArray(body.rules) ? (body.rules as unknown[]) : [body];
    const parsed = rules.map(parseFaultRule);
    return c.json({ faults: parsed.map((r) => deps.faults.add(r)) }, 201);
  });
  app.delete('/faults', (c) => {
    deps.faults.clear();
    return c.json({ faults: [] });
  });
  app.delete('/faults/:id', (c) => {
    if (!deps.faults.remove(Number(c.req.param('id')))) throw new ZadarmaError(404, 'No such fault rule');
    return c.json({ faults: deps.faults.list() });
  });

  app.post('/reset', (c) => {
    deps.store.reset();
    deps.faults.clear();
    deps.limiter.clear();
    deps.resetCounters();
    deps.sip.reset?.();
    return c.json({ reset: true, demoUser: demoUser(state()) });
  });

  app.route('/sip', sipPasswordRoutes(state));
  app.route('/sip', sipFaultRoutes(deps.sip));
  app.route(
    '/',
    callRoutes({
      state,
      now: deps.options.now,
      webhookTimeoutMs: deps.options.webhookTimeoutMs,
      save: () => deps.store.save(),
      telephony: () => deps.sip.telephony,
    }),
  );

  app.get('/destinations/:id', (c) => {
    const d = findDestination(Number(c.req.param('id')));
    if (!d) throw new ZadarmaError(404, 'No such destination');
    return c.json(d);
  });

  return app;
}
