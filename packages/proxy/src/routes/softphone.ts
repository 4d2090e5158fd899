/**
 * `GET /softphone/credentials?sip=100`: what `<zd-softphone>` needs to register one of the session's own
 * PBX extensions, in one answer the browser keeps in memory only. Assembled from three calls with the
 * session's `user_id` (so only that user's PBX is ever read), each on the shared budget:
 * `GET /v1/pbx/internal/` (the PBX id, cached per user), `/v1/pbx/internal/{sip}/info/` and
 * `/v1/pbx/internal/{sip}/password/` (both fresh, so a changed password applies at the next call).
 */
import type { Context } from 'hono';
import { ProxyError } from '../http/errors.js';
import type { Logger } from '../log.js';
import { collectPairs } from '../policy/params.js';
import type { Session } from '../session/tokens.js';
import type { SoftphoneSettings } from '../softphone/settings.js';
import type { SoftphoneCredentials } from '@zadarma-elements/api';
import { isSuccess, toProxyResponse, type Gateway } from '../upstream/gateway.js';
import type { UpstreamResponse } from '../upstream/client.js';

export type { SoftphoneCredentials };

export interface SoftphoneDeps {
  gateway: Gateway;
  logger: Logger;
  /** Undefined: not configured (503). */
  settings: SoftphoneSettings | undefined;
}

/** The PBX id changes only when a PBX is created; five minutes spare the budget on every reconnect. */
export const PBX_ID_CACHE_SECONDS = 300;

const EXTENSION = /^[0-9]{3}$/;

function requestedExtension(c: Context): string {
  const search = c.req.url.indexOf('?');
  // user_id in any spelling, repeats and array syntax are refused here as on every route.
  const params = search < 0 ? {} : collectPairs(new URLSearchParams(c.req.url.slice(search + 1)));
  const other = Object.keys(params).find((name) => name !== 'sip');
  if (other !== undefined) {
    throw new ProxyError('invalid_param', `${other}: is not a param of /softphone/credentials (only sip)`, {
      field: other,
    });
  }
  const sip = params.sip;
  if (sip === undefined || !EXTENSION.test(sip)) {
    throw new ProxyError('invalid_param', 'sip: must be one of the session’s PBX extensions (three digits)', {
      field: 'sip',
    });
  }
  return sip;
}

export async function softphoneCredentials(
  c: Context,
  session: Session,
  deps: SoftphoneDeps,
): Promise<Response> {
  if (!session.scopes.includes('softphone')) {
    throw new ProxyError('forbidden', 'this session may not use the softphone (needs scope softphone)');
  }
  const sip = requestedExtension(c);
  if (!session.sip.includes(sip)) {
    throw new ProxyError('forbidden', `extension ${sip} is not one of this session's`, { field: 'sip' });
  }
  const settings = deps.settings;
  if (!settings) {
    throw new ProxyError(
      'softphone_not_configured',
      'the softphone is not configured on this proxy (ZD_SIP_WS_URL, ZD_SIP_DOMAIN)',
    );
  }

  const get = (path: string, cacheSeconds?: number) =>
    deps.gateway.fetch({
      method: 'GET',
      path,
      params: { user_id: session.userId },
      sessionId: session.id,
      statistics: false,
      cacheSeconds,
    });
  const [pbx, info, secret] = await Promise.all([
    get('/v1/pbx/internal/', PBX_ID_CACHE_SECONDS),
    get(`/v1/pbx/internal/${sip}/info/`),
    get(`/v1/pbx/internal/${sip}/password/`),
  ]);
  const pbxId = field(successBody(pbx, deps.logger), 'pbx_id', isWholeNumber);
  const details = successBody(info, deps.logger);
  const password = field(successBody(secret, deps.logger), 'password', isNonEmptyText);
  const name = typeof details.name === 'string' ? details.name.trim() : '';
  const lines = Number(details.lines);

  const login = `${pbxId}-${sip}`;
  const credentials: SoftphoneCredentials = {
    login,
    password,
    authorizationUser: login,
    domain: settings.domain,
    wsUrl: settings.wsUrl,
    iceServers: settings.iceServers,
    displayName: name || sip,
    lines: Number.isInteger(lines) && lines > 0 ? lines : 1,
  };
  return new Response(JSON.stringify(credentials), {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      // A password: no cache of any kind keeps it, not even the browser's own.
      'cache-control': 'no-store',
      pragma: 'no-cache',
    },
  });
}

/** Zadarma's JSON object on success; its refusal or failure as the proxy answers it otherwise. */
function successBody(response: UpstreamResponse, logger: Logger): Record<string, unknown> {
  if (isSuccess(response)) return response.json as Record<string, unknown>;
  toProxyResponse(response, logger); // throws the fitting ProxyError for every answer but success
  throw new ProxyError('upstream_error', 'Zadarma sent an unexpected answer');
}

const isWholeNumber = (value: unknown): value is number | string =>
  (typeof value === 'number' && Number.isInteger(value) && value > 0) ||
  (typeof value === 'string' && /^[1-9][0-9]*$/.test(value));
const isNonEmptyText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** A field of Zadarma's answer that the credentials cannot do without; 502 naming it (never its value). */
function field<T>(body: Record<string, unknown>, name: string, check: (v: unknown) => v is T): T {
  const value = body[name];
  if (!check(value)) throw new ProxyError('upstream_error', `Zadarma's answer has no usable ${name}`);
  return value;
}
