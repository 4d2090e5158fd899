/**
 * The extension's SIP credentials from the proxy (`GET /softphone/credentials?sip=`, scope `softphone`),
 * through the kit's client (session token, fresh token after a 401, `ZdApiError` on failure). The answer
 * is `no-store`; the engine keeps it in its closure only, never in storage, attributes or events.
 */
import { ZdApiError, isAbortError } from '../client/errors.js';
import type { ZdClient } from '../client/zd-client.js';
import type { SoftphoneCredentials } from '@zadarma-elements/api';

export type { SoftphoneCredentials };

const text = (v: unknown): v is string => typeof v === 'string' && v !== '';

function checked(data: unknown): SoftphoneCredentials {
  const c = (typeof data === 'object' && data !== null ? data : {}) as Partial<
    Record<keyof SoftphoneCredentials, unknown>
  >;
  if (
    !text(c.login) ||
    !text(c.password) ||
    !text(c.domain) ||
    !text(c.wsUrl) ||
    !/^wss?:\/\//.test(c.wsUrl) ||
    !Array.isArray(c.iceServers)
  ) {
    // Names no value: the answer carries a password.
    throw new ZdApiError({
      kind: 'upstream',
      message: 'the proxy sent softphone credentials without login, password, domain or wsUrl',
    });
  }
  return {
    login: c.login,
    password: c.password,
    authorizationUser: text(c.authorizationUser) ? c.authorizationUser : c.login,
    domain: c.domain,
    wsUrl: c.wsUrl,
    iceServers: c.iceServers as RTCIceServer[],
    displayName: text(c.displayName) ? c.displayName : c.login,
    lines: typeof c.lines === 'number' && c.lines > 0 ? c.lines : 1,
  };
}

export async function fetchCredentials(
  client: ZdClient,
  sip: string,
  signal?: AbortSignal,
): Promise<SoftphoneCredentials> {
  // Not `client.url()`: that adds Zadarma's trailing slash, and this route is the proxy's own.
  const url = `${client.proxy}/softphone/credentials?sip=${encodeURIComponent(sip)}`;
  const data = await client.exchange<unknown>(async (token) => {
    try {
      return await fetch(url, { headers: client.headers(token), cache: 'no-store', signal: signal ?? null });
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) throw error;
      throw new ZdApiError({ kind: 'network', message: `the proxy is unreachable: ${String(error)}` });
    }
  });
  return checked(data);
}
