/**
 * The customer's own contact phone, confirmed from the page (`<zd-phone-verify>`): the one narrow
 * exception to "no reseller operation from a browser". `user_id` is the token's (passthrough.ts injects
 * it; a page's is refused by name), so every operation acts on the token's own sub-user only. What is
 * checked here, on the server, before the request is signed:
 *
 * - `phones.add`: a session may not fill the account with numbers: at most `MAX_CONTACT_PHONES`.
 * - `prove_by_sms` / `prove_by_callback` cost the reseller money and speak in the partner's name: per
 *   user (not per session, so a new token is no new allowance) at most `PROVE_PER_HOUR` an hour and one
 *   every `PROVE_GAP_SECONDS`. They are `charges` operations: a retried request with the same
 *   `Idempotency-Key` replays the first answer instead of sending a second SMS or call; a resend is a new
 *   intent with a new key. A replay does not take from the allowance (this runs only when sending).
 * - `confirm`: codes are short (4 digits by callback), so guessing is limited per user too.
 */
import { ProxyError } from '../http/errors.js';
import type { Session } from '../session/tokens.js';
import type { ProxyStore } from '../store/store.js';
import { rateLimited } from '../upstream/budget.js';
import type { Gateway } from '../upstream/gateway.js';

export type ContactPhoneStep = 'add' | 'prove' | 'confirm';

export const MAX_CONTACT_PHONES = 3;
export const PROVE_PER_HOUR = 5;
export const PROVE_GAP_SECONDS = 30;
export const CONFIRM_PER_HOUR = 10;

interface ContactPhones {
  list?: unknown[];
}

async function take(store: ProxyStore, key: string, capacity: number, perSecond: number) {
  const allowance = await store.take(key, capacity, perSecond);
  if (!allowance.ok) throw rateLimited(allowance.retryAfterMs);
}

/** Throws `ProxyError` when the step is not allowed now; the page's params are already checked. */
export async function checkContactPhoneStep(
  step: ContactPhoneStep,
  session: Session,
  params: Readonly<Record<string, string>>,
  deps: { gateway: Gateway; store: ProxyStore },
): Promise<void> {
  const user = session.userId;
  if (step === 'prove') {
    // The gap first: a double click must not use up one of the hour's sends. The request that follows
    // Zadarma's "confirmed on another account" (the same, with confirm_number_reuse=1) comes at once,
    // after a refusal that sent nothing: it has a gap of its own (at most two in 30 s; the hour's 5 hold).
    const reuse = params.confirm_number_reuse === '1' ? ':reuse' : '';
    await take(deps.store, `phone-prove-gap:${user}${reuse}`, 1, 1 / PROVE_GAP_SECONDS);
    await take(deps.store, `phone-prove:${user}`, PROVE_PER_HOUR, PROVE_PER_HOUR / 3600);
    return;
  }
  if (step === 'confirm') {
    await take(deps.store, `phone-confirm:${user}`, CONFIRM_PER_HOUR, CONFIRM_PER_HOUR / 3600);
    return;
  }
  const answer = await deps.gateway.forward({
    method: 'GET',
    path: '/v1/reseller/users/phones/',
    params: { user_id: user },
    sessionId: session.id,
    statistics: false,
  });
  // Fail closed: without the list the limit cannot be checked.
  if (!answer.ok) {
    await answer.body?.cancel();
    throw new ProxyError('upstream_error', 'could not read the contact phones of this customer');
  }
  const phones = ((await answer.json()) as ContactPhones).list ?? [];
  if (phones.length >= MAX_CONTACT_PHONES) {
    throw new ProxyError(
      'conflict',
      `this customer already has ${phones.length} contact phones; a page may add at most ${MAX_CONTACT_PHONES}`,
    );
  }
}
