/** Phone verification (tag "Verify"): a code by SMS, call or e-mail, then checked. Codes: `GET /sandbox/codes`. */
import { randomBytes } from 'node:crypto';
import { refused } from '../errors.js';
import { charge, generateCode } from '../state/accounts.js';
import { optionalText, text, type HandlerTable } from './context.js';

/** A request lives 10 minutes and allows 3 wrong codes, as Zadarma's does. */
const VERIFY_VALIDITY_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 3;
/** What one verification costs (USD): an SMS or a call. */
const PRICE_USD = { sms: 0.05, call_code: 0.1, email: 0 } as const;

export const verifyHandlers: HandlerTable = {
  verify: (ctx) => {
    const channel = text(ctx, 'channel');
    if (channel === 'call_button') {
      throw refused(
        'channel call_button needs a PBX call flow that the sandbox does not simulate; use sms, call_code or email',
      );
    }
    if (channel !== 'sms' && channel !== 'call_code' && channel !== 'email')
      throw refused('channel: is not valid');
    const to = text(ctx, 'to');
    if (channel !== 'email' && !/^\+?[0-9]{7,15}$/.test(to))
      throw refused('to: must be a phone number in international format');
    charge(ctx.account, PRICE_USD[channel], 'USD');
    const requestId = randomBytes(18).toString('base64url');
    ctx.account.verifications.push({
      requestId,
      channel,
      to,
      code: optionalText(ctx, 'code') ?? generateCode(4),
      expires: ctx.now + VERIFY_VALIDITY_MS,
      attempts: 0,
      confirmed: false,
    });
    return { status: 'success', request_id: requestId };
  },

  'verify.check': (ctx) => {
    const request = ctx.account.verifications.find((v) => v.requestId === text(ctx, 'request_id'));
    if (!request || request.expires < ctx.now || request.confirmed || request.attempts >= MAX_ATTEMPTS) {
      throw refused('No such request id');
    }
    request.attempts++;
    if (request.code !== text(ctx, 'code').trim()) throw refused('Invalid verification code');
    request.confirmed = true;
    return { status: 'success', message: 'Code is correct' };
  },
};
