/**
 * Onboarding a customer, as the reseller seed lists it: register → contact phone → its confirmation
 * (the customer's SMS code) → topup → PBX → extensions → recording → voice menus → call notifications
 * → (Zadarma's widget). Each step's outcome goes to the journal; a run starts with the first step not
 * done, and steps that cost money check Zadarma before they repeat. The run stops at the phone code
 * until the customer confirms (`<zd-phone-verify>`) or the code is given; topup needs a confirmed phone.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import type { ZadarmaClient } from '../upstream/client.js';
import { addPhone, confirmPhone, register, topUp } from './account-steps.js';
import { StepContext, WaitingFor, type OnboardingInput, type Progress } from './context.js';
import type { Journal, StepId } from './journal.js';
import {
  buildMenus,
  callinfoUrl,
  createExtensions,
  createPbx,
  createWidget,
  extensionsOf,
  pointCallinfo,
  setRecording,
} from './pbx-steps.js';

export const STEPS: readonly { id: StepId; run: (ctx: StepContext) => Promise<void> }[] = [
  { id: 'register', run: register },
  { id: 'phone', run: addPhone },
  { id: 'phone_confirmed', run: confirmPhone },
  { id: 'topup', run: topUp },
  { id: 'pbx', run: createPbx },
  { id: 'extensions', run: createExtensions },
  { id: 'recording', run: setRecording },
  { id: 'menus', run: buildMenus },
  { id: 'callinfo', run: pointCallinfo },
  { id: 'widget', run: createWidget },
];

export interface OnboardingSummary {
  userId: number;
  numbers: string[];
  extensions: string[];
  callinfoUrl: string;
}

export type OnboardingOutcome =
  | { status: 'done'; summary: OnboardingSummary }
  | { status: 'waiting'; for: WaitingFor['reason']; message: string; userId?: number };

export interface OnboardOptions {
  client: ZadarmaClient;
  journal: Journal;
  progress?: Progress;
  /** Write the extensions' SIP passwords here (mode 0600), only when asked. */
  passwordsFile?: string;
}

export async function onboard(input: OnboardingInput, options: OnboardOptions): Promise<OnboardingOutcome> {
  const record = (await options.journal.load()) ?? { email: input.email, steps: {} };
  if (record.email.toLowerCase() !== input.email.toLowerCase()) {
    throw new Error(`the record is of ${record.email}, not ${input.email}: use another --state file`);
  }
  const ctx = new StepContext(options.client, input, record, options.journal, options.progress ?? (() => {}));
  for (const step of STEPS) {
    if (record.steps[step.id]?.state === 'done') {
      ctx.progress(step.id, 'skipped', 'done before');
      continue;
    }
    try {
      await step.run(ctx);
    } catch (error) {
      if (!(error instanceof WaitingFor)) throw error;
      ctx.progress(step.id, 'waiting', error.message);
      return { status: 'waiting', for: error.reason, message: error.message, userId: record.userId };
    }
  }
  const extensions = (await extensionsOf(ctx)) ?? [];
  if (options.passwordsFile) await writePasswords(ctx, extensions, options.passwordsFile);
  const numbers = (await ctx.forUser('direct_numbers')) as { info?: { number?: unknown }[] };
  return {
    status: 'done',
    summary: {
      userId: ctx.userId,
      numbers: (numbers.info ?? []).map((n) => String(n.number)),
      extensions,
      callinfoUrl: callinfoUrl(input.proxyUrl, ctx.userId),
    },
  };
}

async function writePasswords(ctx: StepContext, extensions: string[], file: string): Promise<void> {
  const lines: string[] = [];
  for (const sip of extensions) {
    const answer = (await ctx.forUser('pbx.internal.password.get', { sip })) as { password?: unknown };
    lines.push(`${sip}\t${String(answer.password ?? '')}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode otherwise
}
