/**
 * `zd-proxy onboard`: the onboarding workflow from a shell. Progress goes to stderr, the result to
 * stdout (`--json` for a machine); exit 0 when done, 3 when waiting for the customer, 1 on an error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_API_URL, UpstreamFailure, ZadarmaApiError, ZadarmaClient } from '../upstream/client.js';
import {
  OnboardingInputError,
  RECORDING_CHOICES,
  type OnboardingInput,
  type RecordingChoice,
} from './context.js';
import { fileJournal } from './journal.js';
import { MenuPlanError, parseMenuPlan } from './menu-plan.js';
import { onboard } from './workflow.js';

export const ONBOARD_HELP = `  zd-proxy onboard --email <e-mail> --phone <+49...> [--name <first name>] [--country DE]
                   [--currency EUR] [--language de] [--topup "10 EUR"] [--extensions 3]
                   [--recording on_store|on|off] [--menu menu.json] [--widget-domain app.example.com]
                   [--proxy-url https://zadarma-proxy.example.com] [--state <file>]
                   [--code <sms code>] [--resend] [--confirm-reuse] [--registration-code <code>]
                   [--passwords <file>] [--json]
                                         onboard a customer as the reseller seed lists it (needs
                                         ZADARMA_KEY, ZADARMA_SECRET); resumable: run it again after
                                         a failure or once the customer confirmed the phone (exit 3)`;

const OPTIONS = {
  email: { type: 'string' },
  phone: { type: 'string' },
  name: { type: 'string' },
  country: { type: 'string' },
  currency: { type: 'string' },
  language: { type: 'string' },
  topup: { type: 'string' },
  extensions: { type: 'string' },
  recording: { type: 'string' },
  menu: { type: 'string' },
  'widget-domain': { type: 'string' },
  'proxy-url': { type: 'string' },
  state: { type: 'string' },
  code: { type: 'string' },
  resend: { type: 'boolean' },
  'confirm-reuse': { type: 'boolean' },
  'registration-code': { type: 'string' },
  passwords: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export class OnboardUsageError extends Error {
  override name = 'OnboardUsageError';
}

const usage = (message: string): never => {
  throw new OnboardUsageError(message);
};

function parseTopup(text: string): OnboardingInput['topup'] {
  const match = /^\s*(\d+(?:\.\d{1,2})?)\s*([A-Za-z]{3})\s*$/.exec(text);
  if (!match || Number(match[1]) <= 0)
    return usage(`--topup: "${text}" is not an amount and currency, e.g. "10 EUR"`);
  return { amount: Number(match[1]), currency: (match[2] ?? '').toUpperCase() };
}

function readMenu(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return usage(
      `--menu: ${file} ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not JSON'}`,
    );
  }
  return parseMenuPlan(json, path.dirname(path.resolve(file)));
}

/** The input from the command line; every mistake is found here, before anything is sent. */
export function inputFromArgs(args: string[], env: NodeJS.ProcessEnv) {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true });
  const email = values.email ?? usage('--email is required');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) usage(`--email: ${email} is not an e-mail address`);
  const phone = values.phone ?? usage('--phone is required (the customer’s contact phone, +49…)');
  if (!/^\+?[0-9]{7,15}$/.test(phone.replace(/[\s-]/g, '')))
    usage(`--phone: ${phone} is not an international number`);
  const extensions = Number(values.extensions ?? '1');
  if (!Number.isInteger(extensions) || extensions < 1 || extensions > 50)
    usage('--extensions: a whole number from 1 to 50');
  const recording = values.recording;
  if (recording !== undefined && !(RECORDING_CHOICES as readonly string[]).includes(recording))
    usage(`--recording: one of ${RECORDING_CHOICES.join(', ')}`);
  const country = (values.country ?? 'DE').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) usage('--country: a two-letter country code, e.g. DE');
  const proxyUrl =
    values['proxy-url'] ??
    env.ZD_PUBLIC_URL ??
    usage('--proxy-url (or ZD_PUBLIC_URL) is required: call notifications go there');
  if (!/^https?:\/\/[^\s/]+/.test(proxyUrl)) usage(`--proxy-url: ${proxyUrl} is not an http(s) URL`);
  if (values.code !== undefined && !/^[0-9]{4,8}$/.test(values.code))
    usage('--code: the 4 to 8 digits of the SMS');

  const input: OnboardingInput = {
    email,
    phone: phone.replace(/[\s-]/g, ''),
    firstName: values.name ?? email.split('@')[0] ?? email,
    country,
    extensions,
    proxyUrl,
    ...(values.currency ? { currency: values.currency.toUpperCase() } : {}),
    ...(values.language ? { language: values.language } : {}),
    ...(values.topup ? { topup: parseTopup(values.topup) } : {}),
    ...(recording ? { recording: recording as RecordingChoice } : {}),
    ...(values.menu ? { menus: readMenu(values.menu) } : {}),
    ...(values['widget-domain'] ? { widgetDomain: values['widget-domain'] } : {}),
    ...(values.code ? { phoneCode: values.code } : {}),
    ...(values['registration-code'] ? { registrationCode: values['registration-code'] } : {}),
    ...(values.resend ? { resendCode: true } : {}),
    ...(values['confirm-reuse'] ? { confirmReuse: true } : {}),
  };
  const state = values.state ?? `onboarding-${email.toLowerCase().replace(/[^a-z0-9@._-]/g, '_')}.json`;
  return { input, state, passwords: values.passwords, json: values.json === true };
}

const MARKS = { done: '✓', skipped: '·', waiting: '…' } as const;

/** Runs the command; resolves with the exit code. */
export async function onboardCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  out: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  try {
    const { input, state, passwords, json } = inputFromArgs(args, env);
    if (!env.ZADARMA_KEY || !env.ZADARMA_SECRET)
      usage('ZADARMA_KEY and ZADARMA_SECRET (the reseller’s) are required');
    const client = new ZadarmaClient({
      key: env.ZADARMA_KEY ?? '',
      secret: env.ZADARMA_SECRET ?? '',
      baseUrl: env.ZADARMA_API_URL ?? DEFAULT_API_URL,
    });
    const outcome = await onboard(input, {
      client,
      journal: fileJournal(state),
      progress: (step, kind, message) => out.stderr(`${MARKS[kind]} ${step}: ${message}\n`),
      ...(passwords ? { passwordsFile: passwords } : {}),
    });
    if (json) out.stdout(`${JSON.stringify(outcome)}\n`);
    else if (outcome.status === 'waiting') out.stdout(`waiting: ${outcome.message}\n`);
    else {
      const s = outcome.summary;
      out.stdout(
        `user ${s.userId}\nnumbers: ${s.numbers.join(', ') || '(none yet: the customer orders in <zd-number-picker>)'}\n` +
          `extensions: ${s.extensions.join(', ')}${passwords ? ` (passwords in ${passwords})` : ''}\ncallinfo: ${s.callinfoUrl}\n`,
      );
    }
    return outcome.status === 'done' ? 0 : 3;
  } catch (error) {
    out.stderr(`zd-proxy onboard: ${describe(error)}\n`);
    return 1;
  }
}

function describe(error: unknown): string {
  if (error instanceof ZadarmaApiError)
    return `Zadarma refused: ${error.message} (run again once fixed: done steps are kept)`;
  if (error instanceof UpstreamFailure)
    return `${error.message}; run again: done steps are kept, none is repeated`;
  if (
    error instanceof OnboardUsageError ||
    error instanceof MenuPlanError ||
    error instanceof OnboardingInputError
  )
    return error.message;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    return `${error.message} (try --help)`;
  return error instanceof Error ? error.message : String(error);
}
