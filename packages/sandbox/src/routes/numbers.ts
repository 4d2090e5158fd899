/** Virtual numbers (tag "Virtual Numbers"): catalogue, inventory, orders and owned numbers. */
import { COUNTRIES, destinationsOf, findCountry, findDestination } from '../catalog/destinations.js';
import { isLanguage, localise, type Language } from '../catalog/languages.js';
import { convert, isCurrency } from '../catalog/money.js';
import { zadarmaDateTime } from '../clock.js';
import { refused } from '../errors.js';
import { groupOf } from '../state/documents.js';
import { availableNumbers, orderNumber, ownNumber, pricesFor, prolong } from '../state/numbers.js';
import type { Account, VirtualNumber } from '../state/types.js';
import {
  flag,
  integer,
  optionalInteger,
  optionalText,
  text,
  type HandlerTable,
  type OperationContext,
} from './context.js';

/** Incoming channels a number can have, and what each one above the included two costs a month (USD). */
const MAX_CHANNELS = 10;
const CHANNEL_PRICE_USD = 1;

/** The `language` param, else the account's language. */
function languageOf(ctx: OperationContext): Language {
  const asked = optionalText(ctx, 'language');
  return asked && isLanguage(asked) ? asked : ctx.account.language;
}

function numberSummary(n: VirtualNumber, account: Account) {
  const d = findDestination(n.directionId);
  const country = d && findCountry(d.country);
  return {
    number: n.number,
    status: n.status,
    country: country ? localise(country.name, account.language) : '',
    description: d ? localise(d.name, account.language) : '',
    number_name: n.callerName || null,
    sip: n.sipId,
    sip_name: null,
    start_date: zadarmaDateTime(n.start),
    stop_date: zadarmaDateTime(n.stop),
    monthly_fee: n.monthlyFee,
    currency: n.currency,
  };
}

/** A number's SIP target: one of the account's SIPs or PBX extensions, or an external SIP URI. */
function checkSipTarget(account: Account, sipId: string): void {
  if (/^[^@\s]+@[A-Za-z0-9.-]+(:\d+)?$/.test(sipId)) return;
  if (account.sips.includes(sipId)) return;
  const ext = /^(?:(\d+)-)?(\d{3})$/.exec(sipId);
  if (ext && account.pbx?.extensions.some((e) => e.number === Number(ext[2]))) {
    if (!ext[1] || Number(ext[1]) === account.pbx.id) return;
  }
  throw refused(`sip_id ${sipId} is neither a SIP number or PBX extension of this account nor a SIP URI`);
}

export const numberHandlers: HandlerTable = {
  'direct_numbers.countries': (ctx) => {
    const language = languageOf(ctx);
    return {
      status: 'success',
      info: COUNTRIES.map((c) => ({
        countryCode: c.dialCode,
        countryCodeIso: c.iso,
        name: localise(c.name, language),
      })),
    };
  },

  'direct_numbers.country': (ctx) => {
    const iso = text(ctx, 'country');
    const country = findCountry(iso);
    if (!country) throw refused(`No numbers are available in country ${iso}`);
    const language = languageOf(ctx);
    const only = optionalInteger(ctx, 'direction_id');
    const list = destinationsOf(iso).filter((d) => only === undefined || d.id === only);
    return {
      status: 'success',
      info: list.map((d) => {
        const prices = pricesFor(d, ctx.account);
        const entry: Record<string, unknown> = {
          id: String(d.id),
          countryCode: country.dialCode,
          areaCode: d.areaCode,
          name: localise(d.name, language),
          connect_fee: prices.connect,
          monthly_fee: prices.monthly,
          currency: ctx.account.currency,
          receive_sms: flag(d.receiveSms),
          is_toll: flag(d.tollFree),
          feature: d.feature && localise(d.feature, language),
          connect_time: String(d.connectTime),
        };
        // Like Zadarma, `restrictions` appears only where a destination has any.
        if (d.upload.length || d.specify.length)
          entry.restrictions = { upload: d.upload, specify: d.specify };
        return entry;
      }),
    };
  },

  'direct_numbers.available': (ctx) => {
    const d = destinationByPathId(ctx.op.pathParams.direction_id ?? '');
    if (!d) throw refused(`Direction ${ctx.op.pathParams.direction_id ?? ''} not found`);
    const mask = optionalText(ctx, 'mask')?.replace(/^\+/, '');
    const numbers = availableNumbers(ctx.state, d).filter((n) => !mask || n.number.includes(mask));
    return {
      status: 'success',
      numbers: numbers.map((n) => ({ id: n.id, direction_id: n.directionId, number: n.number })),
    };
  },

  'direct_numbers.order': (ctx) => {
    const period = optionalText(ctx, 'period') ?? 'month';
    const n = orderNumber(
      ctx.state,
      ctx.account,
      {
        directionId: integer(ctx, 'direction_id'),
        numberId: optionalText(ctx, 'number_id') || undefined,
        documentsGroupId: integer(ctx, 'documents_group_id'),
        purpose: optionalText(ctx, 'purpose'),
        receiveSms: optionalText(ctx, 'receive_sms') === '1',
        months: period === '3month' ? 3 : 1,
        autorenewPeriod: optionalText(ctx, 'autorenew_period') === 'year' ? 'year' : 'month',
      },
      ctx.now,
    );
    return {
      status: 'success',
      number: n.number,
      is_reserved: 'false',
      is_activated: flag(n.status === 'on'),
    };
  },

  direct_numbers: (ctx) => ({
    status: 'success',
    info: ctx.account.numbers.map((n) => ({
      ...numberSummary(n, ctx.account),
      channels: n.channels,
      minutes: 0,
      autorenew: flag(n.autorenew),
      is_on_test: flag(n.testMode),
      type: n.status === 'on' ? 'common' : 'order',
    })),
  }),

  'direct_numbers.number': (ctx) => {
    const n = ownNumber(ctx.account, text(ctx, 'number'));
    const smsCapable = findDestination(n.directionId)?.receiveSms ?? false;
    return {
      status: 'success',
      info: {
        ...numberSummary(n, ctx.account),
        channels: String(n.channels),
        autorenew: flag(n.autorenew),
        receive_sms: smsCapable ? (n.receiveSms ? 'on' : 'off') : null,
        is_on_test: flag(n.testMode),
      },
    };
  },

  'direct_numbers.prolong': (ctx) => {
    const n = ownNumber(ctx.account, text(ctx, 'number'));
    const paid = prolong(ctx.account, n, integer(ctx, 'months'));
    return {
      status: 'success',
      number: n.number,
      stop_date: zadarmaDateTime(n.stop),
      total_paid: { amount: paid, currency: ctx.account.currency },
    };
  },

  'direct_numbers.autoprolongation.get': (ctx) => {
    const n = ownNumber(ctx.account, text(ctx, 'number'));
    return { status: 'success', number: n.number, autoprolongation: n.autorenew ? 'on' : 'off' };
  },

  'direct_numbers.autoprolongation.put': (ctx) => {
    const n = ownNumber(ctx.account, text(ctx, 'number'));
    n.autorenew = text(ctx, 'value') === 'on';
    return { status: 'success', number: n.number, autoprolongation: n.autorenew ? 'on' : 'off' };
  },

  'direct_numbers.set_caller_name': (ctx) => {
    const n = ownNumber(ctx.account, text(ctx, 'number'));
    const name = text(ctx, 'caller_name');
    if (name.length > 30) throw refused('caller_name: must be at most 30 characters');
    if (!/^[A-Za-z0-9 ]*$/.test(name))
      throw refused('caller_name: only Latin letters, digits and spaces are allowed');
    n.callerName = name;
    return { status: 'success', number: n.number, caller_name: name };
  },

  'direct_numbers.set_sip_id': (ctx) => {
    const n = ownNumber(ctx.account, text(ctx, 'number'));
    const sipId = text(ctx, 'sip_id');
    checkSipTarget(ctx.account, sipId);
    n.sipId = sipId;
    const testMode = optionalText(ctx, 'test_mode');
    if (testMode) n.testMode = testMode === 'on';
    return { status: 'success', number: n.number, sip_id: sipId };
  },

  'direct_numbers.receive_sms': (ctx) => {
    const n = ownNumber(ctx.account, text(ctx, 'number'));
    if (!findDestination(n.directionId)?.receiveSms) throw refused('This number cannot receive SMS');
    const groupId = optionalInteger(ctx, 'documents_group_id');
    if (groupId !== undefined) groupOf(ctx.account, groupId);
    n.receiveSms = text(ctx, 'value') === 'on';
    return { status: 'success', number: n.number, receive_sms: n.receiveSms ? 'on' : 'off' };
  },

  'direct_numbers.incoming_channels.get': (ctx) => {
    const number = optionalText(ctx, 'number');
    const directionId = optionalInteger(ctx, 'direction_id');
    if (!number && directionId === undefined) throw refused('One of direction_id or number is required');
    const owned = number ? ownNumber(ctx.account, number) : undefined;
    const d = findDestination(owned?.directionId ?? directionId ?? 0);
    if (!d) throw refused(`Direction ${directionId ?? ''} not found`);
    const currency = optionalText(ctx, 'currency') ?? ctx.account.currency;
    if (!isCurrency(currency)) throw refused(`currency: ${currency} is not supported`);
    return {
      status: 'success',
      ...(owned ? { number: owned.number, channels: owned.channels } : {}),
      max_channels: MAX_CHANNELS,
      channel_price: convert(CHANNEL_PRICE_USD, 'USD', currency),
      currency,
    };
  },

  'direct_numbers.incoming_channels.put': (ctx) => {
    const n = ownNumber(ctx.account, text(ctx, 'number'));
    const channels = integer(ctx, 'channels');
    if (channels < 1 || channels > MAX_CHANNELS) throw refused(`channels: must be from 1 to ${MAX_CHANNELS}`);
    n.channels = channels;
    return { status: 'success' };
  },

  'direct_numbers.checking_wrongs': (ctx) => {
    const group = groupOf(ctx.account, integer(ctx, 'group_id'));
    const info: Record<string, unknown> = {};
    const wrong = group.files.find((f) => f.status === 'rejected');
    if (wrong) info.wrong_document = { document_type: wrong.type, message: wrong.rejection ?? '' };
    if (group.addressRejection) info.wrong_address = { message: group.addressRejection };
    return { status: 'success', info };
  },
};

/**
 * `available/{direction_id}`: a destination's id (`13755`) or, as Zadarma's docs also allow, its
 * country and area code (`de30`, `ru495`).
 */
function destinationByPathId(value: string) {
  if (/^\d+$/.test(value)) return findDestination(Number(value));
  const match = /^([a-z]{2})(\d+)$/i.exec(value);
  if (!match) return undefined;
  const [, iso = '', area] = match;
  return destinationsOf(iso.toUpperCase()).find((d) => d.areaCode === area);
}
