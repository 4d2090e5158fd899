/**
 * The demo's onboarding page (sandbox mode only): `POST /dev/onboard` runs the onboarding workflow for
 * a new customer as far as it goes (it stops at the SMS code until the customer confirms), and
 * `POST /dev/onboard/session?email=` mints that customer's sessions for the customer-facing elements —
 * only for customers onboarded here, whose record is in this proxy's store.
 */
import type { Hono } from 'hono';
import { ProxyError } from '../http/errors.js';
import { readJsonValue, type BodyLimits } from '../http/body.js';
import { storeJournal } from '../onboarding/journal.js';
import { onboard } from '../onboarding/workflow.js';
import type { OnboardingInput } from '../onboarding/context.js';
import { mintSessionToken } from '../session/tokens.js';
import type { ProxyEnv } from '../session/middleware.js';
import type { ProxyStore } from '../store/store.js';
import type { ZadarmaClient } from '../upstream/client.js';

export interface OnboardingDemoDeps {
  client: ZadarmaClient;
  store: ProxyStore;
  sessionSecret: string;
  bodyLimits: BodyLimits;
  /** The sandbox's SMS codes for a user: the stand-in for the customer's phone. */
  smsCodes?: (userId: number) => Promise<string[]>;
}

/** What the demo sets up for every customer: two employees and a menu that rings them. */
const DEMO_SETUP = {
  extensions: 2,
  recording: 'on_store',
  topup: { amount: 10, currency: 'EUR' },
  menus: [{ title: 'Hauptmenü', scenarios: [{ button: -1, label: 'none', extensions: '100 101' }] }],
} satisfies Partial<OnboardingInput>;

const field = (body: unknown, name: string, pattern: RegExp, mustBe: string): string => {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ProxyError('invalid_param', `${name}: must be ${mustBe}`, { field: name });
  }
  return value;
};
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[a-z]{2,}$/i;

export function addOnboardingDemo(app: Hono<ProxyEnv>, deps: OnboardingDemoDeps): void {
  app.post('/dev/onboard', async (c) => {
    const body = await readJsonValue(c.req.raw, deps.bodyLimits);
    const email = field(body, 'email', EMAIL, 'an e-mail address');
    const phone = field(body, 'phone', /^\+?[0-9]{7,15}$/, 'an international phone number, e.g. +4930123456');
    const progress: { step: string; kind: string; message: string }[] = [];
    const outcome = await onboard(
      {
        ...DEMO_SETUP,
        email,
        phone,
        firstName: email.split('@')[0] ?? 'Demo',
        country: 'DE',
        currency: 'EUR',
        language: 'de',
        proxyUrl: new URL(c.req.url).origin,
      },
      {
        client: deps.client,
        journal: storeJournal(deps.store, email),
        progress: (step, kind, message) => progress.push({ step, kind, message }),
      },
    );
    return c.json({ outcome, progress });
  });

  const onboarded = async (email: string) => {
    const record = EMAIL.test(email) ? await storeJournal(deps.store, email).load() : undefined;
    if (record?.userId === undefined) {
      throw new ProxyError('not_found', 'no customer of that e-mail was onboarded on this page');
    }
    return { ...record, userId: record.userId };
  };

  const smsCodes = deps.smsCodes;
  if (smsCodes) {
    app.get('/dev/onboard/code', async (c) => {
      const record = await onboarded(c.req.query('email') ?? '');
      return c.json({ codes: await smsCodes(record.userId) });
    });
  }

  app.post('/dev/onboard/session', async (c) => {
    const record = await onboarded(c.req.query('email') ?? '');
    const extensions = record.steps.extensions?.detail?.extensions;
    const sip = Array.isArray(extensions) ? extensions.map(String) : [];
    const session = await mintSessionToken(deps.sessionSecret, {
      userId: record.userId,
      scopes: [
        'phone:verify',
        'pbx:manage',
        'numbers:read',
        ...(sip.length ? (['softphone', 'events'] as const) : []),
      ],
      sip,
      ttlSeconds: 900,
    });
    return c.json(session, 201);
  });
}
