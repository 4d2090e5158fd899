/**
 * Sub-user registration with Zadarma's three outcomes: active at once, activated by the user's
 * e-mail link, or activated by the reseller with the code from that e-mail.
 */
import { isCurrency } from '../catalog/money.js';
import { isLanguage } from '../catalog/languages.js';
import { refused } from '../errors.js';
import { allAccounts, createAccount, generateCode } from './accounts.js';
import type { Account, PendingRegistration, RegistrationOutcome, SandboxState } from './types.js';

/** An e-mail tag picks the outcome per registration: `anna+link@…` or `anna+code@…`. */
export function outcomeFor(email: string, fallback: RegistrationOutcome): RegistrationOutcome {
  const tag = /\+([a-z_]+)@/i.exec(email)?.[1]?.toLowerCase();
  if (tag === 'link') return 'email_link';
  if (tag === 'code') return 'reseller_code';
  if (tag === 'now') return 'immediate';
  return fallback;
}

export function emailInUse(state: SandboxState, email: string): boolean {
  const lower = email.toLowerCase();
  return (
    allAccounts(state).some((a) => a.email.toLowerCase() === lower) ||
    state.registrations.some((r) => r.email.toLowerCase() === lower)
  );
}

/** Creates the account a registration asked for and adds it to the reseller's users. */
export function activate(
  state: SandboxState,
  params: Record<string, string>,
  now: number,
  id: number = state.nextId.user++,
): Account {
  const currency = params.currency ?? state.reseller.currency;
  const language = params.language ?? 'en';
  if (!isCurrency(currency)) throw refused(`currency: ${currency} is not supported`);
  if (!isLanguage(language)) throw refused(`language: ${language} is not supported`);
  const account = createAccount(
    state.nextId,
    {
      id,
      resellerId: state.reseller.id,
      email: params.email ?? '',
      firstName: params.first_name ?? '',
      lastName: params.last_name,
      organization: params.organization,
      country: params.country ?? '',
      city: params.city,
      address: params.address,
      phone: params.phone?.replace(/^\+/, ''),
      currency,
      language,
    },
    now,
  );
  state.users.push(account);
  state.registrations = state.registrations.filter(
    (r) => r.email.toLowerCase() !== account.email.toLowerCase(),
  );
  return account;
}

export function pendingRegistration(state: SandboxState, email: string): PendingRegistration | undefined {
  return state.registrations.find((r) => r.email.toLowerCase() === email.toLowerCase());
}

export function startRegistration(
  state: SandboxState,
  params: Record<string, string>,
  outcome: Exclude<RegistrationOutcome, 'immediate'>,
  now: number,
): PendingRegistration {
  const pending: PendingRegistration = {
    userId: state.nextId.user++,
    email: params.email ?? '',
    outcome,
    code: generateCode(6),
    params,
    created: now,
  };
  state.registrations.push(pending);
  return pending;
}
