/** Accounts (the reseller and its sub-users): creation, lookup by key or id, and money. */
import { randomBytes, randomInt } from 'node:crypto';
import { convert, roundMoney, type Currency } from '../catalog/money.js';
import type { Language } from '../catalog/languages.js';
import { refused } from '../errors.js';
import type { Account, SandboxState } from './types.js';

/** Zadarma keys and secrets are 20 hex characters. */
export const generateKey = (): string => randomBytes(10).toString('hex');
export const generateSecret = (): string => randomBytes(10).toString('hex');

/** A password that meets Zadarma's rules (letters of both cases and digits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  while (!/[a-z]/.test(out) || !/[A-Z]/.test(out) || !/\d/.test(out)) {
    out = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
  }
  return out;
}

/** A numeric code as sent by SMS or read out by a call. */
export const generateCode = (digits = 6): string => String(randomInt(10 ** (digits - 1), 10 ** digits));

export interface NewAccountFields {
  id: number;
  resellerId: number | null;
  email: string;
  firstName: string;
  lastName?: string;
  organization?: string;
  country: string;
  city?: string;
  address?: string;
  phone?: string;
  currency: Currency;
  language: Language;
  balance?: number;
}

export function createAccount(
  nextId: SandboxState['nextId'],
  fields: NewAccountFields,
  now: number,
): Account {
  const sip = String(nextId.sip++).padStart(5, '0');
  return {
    id: fields.id,
    resellerId: fields.resellerId,
    email: fields.email,
    firstName: fields.firstName,
    lastName: fields.lastName ?? '',
    organization: fields.organization ?? '',
    country: fields.country,
    city: fields.city ?? '',
    created: now,
    balance: fields.balance ?? 0,
    currency: fields.currency,
    language: fields.language,
    key: generateKey(),
    secret: generateSecret(),
    lastApiRequest: null,
    sips: [sip],
    phones: fields.phone ? [{ id: 0, number: fields.phone, isProved: false, code: null }] : [],
    numbers: [],
    orderCount: 0,
    testCreditGranted: false,
    // Group 0 is every account's main document group, filled from what registration knew.
    groups: [
      {
        id: 0,
        info: compact({
          email: fields.email,
          first_name: fields.firstName,
          last_name: fields.lastName,
          organization: fields.organization,
          country: fields.country,
          city: fields.city,
          address: fields.address,
          phone: fields.phone,
        }),
        files: [],
        addressRejection: null,
      },
    ],
    pbx: null,
    verifications: [],
  };
}

function compact(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => !!e[1]));
}

export function allAccounts(state: SandboxState): Account[] {
  return [state.reseller, ...state.users];
}

export function findAccountByKey(state: SandboxState, key: string): Account | undefined {
  return allAccounts(state).find((a) => a.key === key);
}

/** A sub-user of `reseller`; anything else (unknown, another reseller's) is the same refusal. */
export function subUserOf(state: SandboxState, reseller: Account, userId: string): Account {
  const user = /^\d+$/.test(userId) ? state.users.find((u) => u.id === Number(userId)) : undefined;
  if (!user || user.resellerId !== reseller.id) throw refused('User not found');
  return user;
}

/** Takes `amount` in `currency` from the account; refuses when the balance does not cover it. */
export function charge(account: Account, amount: number, currency: Currency): number {
  const due = convert(amount, currency, account.currency);
  if (due > account.balance + 1e-9) {
    throw refused(
      `Not enough money on the balance: ${due.toFixed(2)} ${account.currency} needed, ${account.balance.toFixed(2)} available`,
    );
  }
  account.balance = roundMoney(account.balance - due);
  return due;
}

export function credit(account: Account, amount: number, currency: Currency): number {
  const added = convert(amount, currency, account.currency);
  account.balance = roundMoney(account.balance + added);
  return added;
}

/** Topping up needs a confirmed contact phone, as Zadarma requires before test money or top-ups. */
export const allowsTopup = (account: Account): boolean => account.phones.some((p) => p.isProved);
