/** Reseller operations (tag "Reseller"): the reseller's account, sub-users, their phones, money and keys. */
import { balanceText, convert, isCurrency, roundMoney, type Currency } from '../catalog/money.js';
import { zadarmaDateTime } from '../clock.js';
import { refused } from '../errors.js';
import {
  allAccounts,
  allowsTopup,
  charge,
  credit,
  generateCode,
  generateKey,
  generateSecret,
} from '../state/accounts.js';
import {
  activate,
  emailInUse,
  outcomeFor,
  pendingRegistration,
  startRegistration,
} from '../state/registrations.js';
import type { Account, ContactPhone, PendingRegistration } from '../state/types.js';
import {
  amount,
  integer,
  optionalInteger,
  optionalText,
  requireReseller,
  targetUser,
  text,
  type HandlerTable,
  type OperationContext,
} from './context.js';

const USERS_PER_PAGE = 50;
const CODE_VALIDITY_MS = 60 * 60 * 1000;

function userView(user: Account) {
  const phone = user.phones.find((p) => p.id === 0) ?? user.phones[0];
  return {
    id: String(user.id),
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    organization: user.organization,
    ...(phone ? { phone: phone.number } : {}),
    created: zadarmaDateTime(user.created),
    last_login: zadarmaDateTime(user.lastApiRequest ?? user.created),
    balance: balanceText(user.balance),
    currency: user.currency,
    sips_count: String(user.sips.length),
    is_active: true,
    allow_topup: allowsTopup(user),
    allow_api_requests: true,
  };
}

/** A registration not yet confirmed: listed as not active, with nothing on it yet. */
function pendingView(pending: PendingRegistration, fallbackCurrency: Currency) {
  const p = pending.params;
  return {
    id: String(pending.userId),
    email: pending.email,
    first_name: p.first_name ?? '',
    last_name: p.last_name ?? '',
    organization: p.organization ?? '',
    created: zadarmaDateTime(pending.created),
    last_login: zadarmaDateTime(pending.created),
    balance: balanceText(0),
    currency: p.currency && isCurrency(p.currency) ? p.currency : fallbackCurrency,
    sips_count: '0',
    is_active: false,
    allow_topup: false,
    allow_api_requests: false,
  };
}

/** Active users and pending registrations, in the order of their ids. */
function listedUsers(
  ctx: OperationContext,
): { id: number; email: string; sips: string[]; view: () => object }[] {
  const currency = ctx.state.reseller.currency;
  return [
    ...ctx.state.users.map((u) => ({ id: u.id, email: u.email, sips: u.sips, view: () => userView(u) })),
    ...ctx.state.registrations.map((r) => ({
      id: r.userId,
      email: r.email,
      sips: [] as string[],
      view: () => pendingView(r, currency),
    })),
  ].sort((a, b) => a.id - b.id);
}

function currencyParam(ctx: OperationContext): Currency {
  const currency = text(ctx, 'currency');
  if (!isCurrency(currency)) throw refused(`currency: ${currency} is not supported`);
  return currency;
}

const phoneView = (p: ContactPhone) => ({ id: p.id, number: p.number, is_proved: p.isProved });
const digits = (number: string) => number.replace(/^\+/, '');

function phoneOf(user: Account, number: string): ContactPhone {
  const phone = user.phones.find((p) => p.number === digits(number));
  if (!phone) throw refused(`Phone ${number} is not a contact phone of this user; add it first`);
  return phone;
}

/** Starts a confirmation by SMS or callback: a code the sandbox reveals at `GET /sandbox/codes`. */
function sendCode(ctx: OperationContext, channel: 'sms' | 'callback') {
  const user = targetUser(ctx);
  const phone = phoneOf(user, text(ctx, 'number'));
  if (phone.isProved) throw refused(`Phone ${phone.number} is already confirmed`);
  const usedElsewhere = allAccounts(ctx.state).some(
    (a) => a !== user && a.phones.some((p) => p.isProved && p.number === phone.number),
  );
  if (usedElsewhere && optionalText(ctx, 'confirm_number_reuse') !== '1') {
    throw refused(
      'This number is confirmed on another account; pass confirm_number_reuse=1 to use it anyway',
    );
  }
  phone.code = {
    value: generateCode(channel === 'sms' ? 6 : 4),
    channel,
    expires: ctx.now + CODE_VALIDITY_MS,
  };
  const message =
    channel === 'sms'
      ? 'You were sent an SMS message with a code. Code is valid for 1 hour.'
      : 'You will receive a call; the code will be read out. Code is valid for 1 hour.';
  return { status: 'success' as const, number: phone.number, message };
}

/** Moves money between reseller and user; amounts are converted into each side's currency. */
function transfer(from: Account, to: Account, value: number, currency: Currency) {
  const withdrawn = charge(from, value, currency);
  const credited = credit(to, value, currency);
  return { withdrawn, credited };
}

/** The seed: confirming a phone earns test money. 1 USD in the user's currency, once per user. */
export const TEST_CREDIT_USD = 1;

function grantTestCredit(user: Account): void {
  if (user.testCreditGranted) return;
  user.balance = roundMoney(user.balance + convert(TEST_CREDIT_USD, 'USD', user.currency));
  user.testCreditGranted = true;
}

export const resellerHandlers: HandlerTable = {
  'reseller.account.info': (ctx) => {
    requireReseller(ctx);
    const r = ctx.caller;
    return {
      status: 'success',
      balance: r.balance,
      credit: 0,
      currency: r.currency,
      reseller_fee: 10,
      user_fee: 10,
    };
  },

  'reseller.users.list': (ctx) => {
    requireReseller(ctx);
    const page = optionalInteger(ctx, 'page') ?? 1;
    const users = listedUsers(ctx);
    return {
      status: 'success',
      total: users.length,
      total_pages: Math.max(1, Math.ceil(users.length / USERS_PER_PAGE)),
      page,
      users: users.slice((page - 1) * USERS_PER_PAGE, page * USERS_PER_PAGE).map((u) => u.view()),
    };
  },

  'reseller.users.find': (ctx) => {
    requireReseller(ctx);
    const id = optionalInteger(ctx, 'id');
    const email = optionalText(ctx, 'email')?.toLowerCase();
    const sip = optionalText(ctx, 'sip');
    if (id === undefined && !email && !sip) throw refused('One of id, email or sip is required');
    const user = listedUsers(ctx).find(
      (u) =>
        (id === undefined || u.id === id) &&
        (!email || u.email.toLowerCase() === email) &&
        (!sip || u.sips.includes(sip)),
    );
    if (!user) throw refused('User not found');
    return { status: 'success', user: user.view() };
  },

  'reseller.users.registration.new': (ctx) => {
    requireReseller(ctx);
    const email = text(ctx, 'email');
    if (emailInUse(ctx.state, email)) throw refused(`A user with e-mail ${email} already exists`);
    const outcome = outcomeFor(email, ctx.options.registrationOutcome);
    if (outcome === 'immediate') {
      const user = activate(ctx.state, ctx.params, ctx.now);
      return { status: 'success', user_id: user.id, message: 'You registered a new user in the system.' };
    }
    // Check now what activation would refuse later.
    if (ctx.params.currency && !isCurrency(ctx.params.currency))
      throw refused(`currency: ${ctx.params.currency} is not supported`);
    startRegistration(ctx.state, ctx.params, outcome, ctx.now);
    return {
      status: 'success',
      message:
        outcome === 'email_link'
          ? 'A confirmation link was sent to the e-mail of the new user. The account is activated when the user follows it.'
          : 'A confirmation code was sent to the e-mail of the new user. Confirm the registration with that code.',
    };
  },

  'reseller.users.registration.confirm': (ctx) => {
    requireReseller(ctx);
    const pending = pendingRegistration(ctx.state, text(ctx, 'email'));
    if (!pending || pending.outcome !== 'reseller_code')
      throw refused('No registration waits for confirmation with this e-mail');
    if (pending.code !== text(ctx, 'code').trim()) throw refused('Wrong confirmation code');
    const user = activate(ctx.state, pending.params, ctx.now, pending.userId);
    return { status: 'success', user_id: user.id };
  },

  'reseller.users.phones.get': (ctx) => ({ status: 'success', list: targetUser(ctx).phones.map(phoneView) }),

  'reseller.users.phones.add': (ctx) => {
    const user = targetUser(ctx);
    const number = digits(text(ctx, 'number'));
    if (user.phones.some((p) => p.number === number)) throw refused(`Phone ${number} is already added`);
    // The first phone becomes the main one (id 0).
    const phone: ContactPhone = {
      id: user.phones.length ? ctx.state.nextId.phone++ : 0,
      number,
      isProved: false,
      code: null,
    };
    user.phones.push(phone);
    return { status: 'success', ...phoneView(phone) };
  },

  'reseller.users.phones.update': (ctx) => {
    const user = targetUser(ctx);
    const phone = user.phones.find((p) => p.id === integer(ctx, 'id'));
    if (!phone) throw refused(`Phone id ${text(ctx, 'id')} not found`);
    Object.assign(phone, { number: digits(text(ctx, 'number')), isProved: false, code: null });
    return { status: 'success', ...phoneView(phone) };
  },

  'reseller.users.phones.prove_by_sms': (ctx) => sendCode(ctx, 'sms'),
  'reseller.users.phones.prove_by_callback': (ctx) => sendCode(ctx, 'callback'),

  'reseller.users.phones.confirm': (ctx) => {
    const user = targetUser(ctx);
    const phone = phoneOf(user, text(ctx, 'number'));
    if (!phone.code || phone.code.expires < ctx.now)
      throw refused('No valid code was sent to this number; request a new one');
    if (phone.code.value !== text(ctx, 'code').trim()) throw refused('Wrong code');
    phone.isProved = true;
    phone.code = null;
    grantTestCredit(user);
    return { status: 'success', message: 'Your number confirmed!', number: phone.number };
  },

  'reseller.users.topup': (ctx) => {
    const user = targetUser(ctx);
    if (!allowsTopup(user))
      throw refused('Top-up is not allowed until the user has confirmed a contact phone');
    const currency = currencyParam(ctx);
    const value = amount(ctx, 'amount');
    const { withdrawn, credited } = transfer(ctx.caller, user, value, currency);
    return {
      status: 'success',
      user_topup: { amount: credited, currency: user.currency },
      reseller_withdraw: { amount: withdrawn, currency: ctx.caller.currency },
    };
  },

  'reseller.account.money_transfer': (ctx) => {
    const user = targetUser(ctx);
    const currency = currencyParam(ctx);
    const value = amount(ctx, 'amount');
    if (text(ctx, 'type') === 'to_user') {
      if (!allowsTopup(user))
        throw refused('Top-up is not allowed until the user has confirmed a contact phone');
      transfer(ctx.caller, user, value, currency);
    } else {
      transfer(user, ctx.caller, value, currency);
    }
    return {
      status: 'success',
      user: { balance: balanceText(user.balance), currency: user.currency },
      reseller: { balance: balanceText(ctx.caller.balance), currency: ctx.caller.currency },
    };
  },

  'reseller.users.api_key.get': (ctx) => {
    const user = targetUser(ctx);
    return {
      status: 'success',
      user_id: user.id,
      ...(user.lastApiRequest ? { last_request_datetime: zadarmaDateTime(user.lastApiRequest) } : {}),
      allow_reset: true,
      key: user.key,
      secret: user.secret,
    };
  },

  'reseller.users.api_key.post': (ctx) => {
    const user = targetUser(ctx);
    user.key = generateKey();
    user.secret = generateSecret();
    return { status: 'success', user_id: user.id, key: user.key, secret: user.secret };
  },
};
