/**
 * The customer's own contact phone (`/v1/reseller/users/phones/...` under scope `phone:verify`): what
 * `<zd-phone-verify>` calls. The proxy injects `user_id` from the token, so these reach only the token's
 * own sub-user; sending a code costs money and needs an Idempotency-Key (one per intent).
 */
import type { CallOptions, PathWith, ZdClient } from './zd-client.js';

export interface ContactPhone {
  id: number;
  number: string;
  is_proved: boolean;
}

export type ProveChannel = 'sms' | 'callback';

export function contactPhones(client: ZdClient, options: CallOptions = {}): Promise<ContactPhone[]> {
  return client
    .request<{ list?: ContactPhone[] }>('GET', '/v1/reseller/users/phones' satisfies PathWith<'GET'>, {
      signal: options.signal,
    })
    .then((d) => d.list ?? []);
}

export function addContactPhone(
  client: ZdClient,
  number: string,
  options: CallOptions = {},
): Promise<unknown> {
  return client.request('POST', '/v1/reseller/users/phones/add' satisfies PathWith<'POST'>, {
    form: { number },
    signal: options.signal,
  });
}

export interface ProveRequest {
  number: string;
  channel: ProveChannel;
  /** The customer agreed to use a number that is confirmed on another account. */
  reuse: boolean;
  /** The language the callback reads the code in. */
  language: string;
  idempotencyKey: string;
}

export function proveContactPhone(client: ZdClient, request: ProveRequest, options: CallOptions = {}) {
  const form: Record<string, string> = { number: request.number };
  if (request.reuse) form.confirm_number_reuse = '1';
  if (request.channel === 'callback') form.language = request.language;
  const path =
    request.channel === 'sms'
      ? ('/v1/reseller/users/phones/prove_by_sms' satisfies PathWith<'POST'>)
      : ('/v1/reseller/users/phones/prove_by_callback' satisfies PathWith<'POST'>);
  return client.request<{ message?: string }>('POST', path, {
    form,
    headers: { 'idempotency-key': request.idempotencyKey },
    signal: options.signal,
  });
}

export function confirmContactPhone(
  client: ZdClient,
  number: string,
  code: string,
  options: CallOptions = {},
): Promise<unknown> {
  return client.request('POST', '/v1/reseller/users/phones/confirm' satisfies PathWith<'POST'>, {
    form: { number, code },
    signal: options.signal,
  });
}

/** What Zadarma's refusal of a phone step means for the customer (its messages are English). */
export type PhoneRefusal =
  'wrong-code' | 'expired' | 'reuse' | 'already-confirmed' | 'already-added' | 'other';

export function phoneRefusal(message: string): PhoneRefusal {
  if (/wrong code/i.test(message)) return 'wrong-code';
  if (/no valid code|expired/i.test(message)) return 'expired';
  if (/confirmed on another account|confirm_number_reuse/i.test(message)) return 'reuse';
  if (/already (confirmed|proved)/i.test(message)) return 'already-confirmed';
  if (/already added/i.test(message)) return 'already-added';
  return 'other';
}
