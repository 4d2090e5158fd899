/**
 * SIP credentials of sandbox extensions, read and made through the signed Zadarma API over HTTP as a
 * partner backend would (`GET /v1/pbx/internal/`, `.../{sip}/password/`, `POST .../create/`).
 */
import { signRequest, type Params } from '@zadarma-elements/api';
import { SANDBOX_SIP_DOMAIN } from '../src/sip/info.js';
import type { SipAccount } from './sip-ws-client.js';

export interface SandboxAccess {
  url: string;
  key: string;
  secret: string;
}

export interface SandboxExtension extends SipAccount {
  pbxId: number;
  /** The three digits, e.g. `100`. */
  number: string;
}

export async function signedCall(
  sandbox: SandboxAccess,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  params: Params = {},
): Promise<Record<string, unknown>> {
  const { query, authorization } = signRequest(
    path,
    { ...params, format: 'json' },
    sandbox.key,
    sandbox.secret,
  );
  const url = `${sandbox.url}${path}${method === 'GET' ? `?${query}` : ''}`;
  const res = await fetch(url, {
    method,
    headers: {
      authorization,
      ...(method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body: method === 'GET' ? undefined : query,
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok || body.status !== 'success') {
    throw new Error(`${method} ${path}: ${res.status} ${String(body.message ?? '')}`);
  }
  return body;
}

/**
 * At least `count` extensions of a user's PBX (made when missing), with their current passwords.
 * `userId` undefined: the reseller's own account.
 */
export async function pbxExtensions(
  sandbox: SandboxAccess,
  userId: number | undefined,
  count: number,
  domain = SANDBOX_SIP_DOMAIN,
): Promise<SandboxExtension[]> {
  const who: Params = userId === undefined ? {} : { user_id: userId };
  const internal = await signedCall(sandbox, 'GET', '/v1/pbx/internal/', who);
  const pbxId = Number(internal.pbx_id);
  const numbers = (internal.numbers as number[]).map(String);
  const passwords = new Map<string, string>();
  if (numbers.length < count) {
    const created = await signedCall(sandbox, 'POST', '/v1/pbx/internal/create/', {
      ...who,
      quantity: count - numbers.length,
      start_number: 'any',
      return_password: 'true',
    });
    for (const p of created.passwords as { number: number; password: string }[]) {
      passwords.set(String(p.number), p.password);
      numbers.push(String(p.number));
    }
  }
  const chosen = numbers.slice(0, count);
  for (const n of chosen.filter((n) => !passwords.has(n))) {
    const answer = await signedCall(sandbox, 'GET', `/v1/pbx/internal/${n}/password/`, who);
    passwords.set(n, String(answer.password));
  }
  return chosen.map((number) => ({
    pbxId,
    number,
    login: `${pbxId}-${number}`,
    password: passwords.get(number) ?? '',
    domain,
  }));
}

/** A new sub-user with a PBX of its own (registered through the reseller API); returns its id. */
export async function newPbxUser(sandbox: SandboxAccess, name: string): Promise<number> {
  const registered = await signedCall(sandbox, 'POST', '/v1/reseller/users/registration/new/', {
    email: `${name}+now@example.com`,
    first_name: name,
    country: 'DE',
    currency: 'EUR',
    language: 'en',
  });
  const userId = Number(registered.user_id);
  await signedCall(sandbox, 'POST', '/v1/pbx/create/', { user_id: userId, password: `Pbx${name}1A` });
  return userId;
}
