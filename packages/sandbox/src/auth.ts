/**
 * Zadarma's request authentication: `Authorization: KEY:SIGNATURE`, where the signature is
 * recomputed here from the path and every param sent (PHP's encoding, `format` and `user_id`
 * included; for uploads the text fields only) with the secret of the account that owns KEY.
 */
import { safeEqual, signRequest, type Params } from '@zadarma-elements/api';
import { notAuthorized } from './errors.js';
import { findAccountByKey } from './state/accounts.js';
import type { Account, SandboxState } from './state/types.js';

/** The account whose key signed the request; throws 401 for anything else. */
export function authenticate(
  state: SandboxState,
  authorization: string | null,
  path: string,
  params: Params,
): Account {
  const separator = authorization?.indexOf(':') ?? -1;
  if (!authorization || separator <= 0) throw notAuthorized();
  const key = authorization.slice(0, separator).trim();
  const signature = authorization.slice(separator + 1).trim();
  const account = findAccountByKey(state, key);
  if (!account) throw notAuthorized();
  // The path as sent is what the client signed; the other spelling (with or without the trailing
  // slash) is accepted too, since Zadarma's own docs sign both.
  const paths = [path, path.endsWith('/') ? path.slice(0, -1) : `${path}/`];
  const valid = paths.some((p) =>
    safeEqual(signRequest(p, params, key, account.secret).signature, signature),
  );
  if (!valid) throw notAuthorized();
  return account;
}
