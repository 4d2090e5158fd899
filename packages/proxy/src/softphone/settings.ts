/**
 * Where the softphone connects: the SIP-over-WebSocket address, the SIP domain and the ICE servers.
 * Zadarma documents none of them (no WSS address, no login format), so they are the partner's
 * configuration, taken from Zadarma (`ZD_SIP_WS_URL`, `ZD_SIP_DOMAIN`, `ZD_ICE_SERVERS`); nothing here
 * guesses a production address. In sandbox mode the sandbox's gateway fills what the environment leaves
 * out.
 */
import { Ajv } from 'ajv';
import type { SipGatewayInfo } from '@zadarma-elements/sandbox';
import { ConfigError } from '../config-error.js';
import type { IceServer } from '@zadarma-elements/api';

export type { IceServer };

export interface SoftphoneSettings {
  /** SIP over WebSocket (RFC 7118), `wss://…` (or `ws://` on loopback). */
  wsUrl: string;
  /** The domain of the extensions' addresses of record, `sip:<pbx_id>-<ext>@<domain>`. */
  domain: string;
  iceServers: IceServer[];
}

/** What the environment says; each value checked, any of them may be missing. */
export type SoftphoneEnv = Partial<SoftphoneSettings>;

const ICE_URL = '^(stun|stuns|turn|turns):[^\\s]+$';
const ICE_SERVERS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      urls: {
        anyOf: [
          { type: 'string', pattern: ICE_URL },
          { type: 'array', minItems: 1, items: { type: 'string', pattern: ICE_URL } },
        ],
      },
      username: { type: 'string' },
      credential: { type: 'string' },
    },
    required: ['urls'],
    // A misspelt `url` (the old, singular name) is refused rather than silently ignored by the browser.
    additionalProperties: false,
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true });
const validateIceServers = ajv.compile<IceServer[]>(ICE_SERVERS_SCHEMA);

/** A hostname (what JsSIP puts after the `@`), no scheme, port or path. */
const DOMAIN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** One line naming the most telling problem of an ICE server list, or undefined when it is fine. */
export function iceServersProblem(value: unknown): string | undefined {
  if (validateIceServers(value)) return undefined;
  const errors = validateIceServers.errors ?? [];
  // A misspelt field explains a missing `urls`; a bad URL explains the anyOf around it.
  const error =
    errors.find((e) => e.keyword === 'additionalProperties') ??
    errors.find((e) => /\/urls(\/|$)/.test(e.instancePath)) ??
    errors[0];
  const where = error?.instancePath ? ` at ${error.instancePath}` : '';
  if (error?.keyword === 'additionalProperties')
    return `unknown field "${String(error.params.additionalProperty)}"${where} (fields: urls, username, credential)`;
  if (error && /\/urls(\/|$)/.test(error.instancePath))
    return `urls${where.replace(/\/urls(\/\d+)?$/, '')} must be a stun:, stuns:, turn: or turns: URL or a non-empty list of them`;
  return `${error?.message ?? 'is not valid'}${where}`;
}

export function wsUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return 'must be a ws:// or wss:// URL';
  if (url.username || url.password) return 'must not carry credentials';
  return undefined;
}

export function domainProblem(value: string): string | undefined {
  return DOMAIN.test(value) ? undefined : 'must be a host name such as sip.example.com (no scheme or port)';
}

/**
 * Reads `ZD_SIP_WS_URL`, `ZD_SIP_DOMAIN`, `ZD_ICE_SERVERS`; a malformed value is a problem (one line
 * each, pushed to `problems`), a missing one is left out.
 */
export function softphoneFromEnv(env: Record<string, string | undefined>, problems: string[]): SoftphoneEnv {
  const out: SoftphoneEnv = {};
  const wsUrl = env.ZD_SIP_WS_URL?.trim();
  if (wsUrl) {
    const problem = wsUrlProblem(wsUrl);
    if (problem) problems.push(`ZD_SIP_WS_URL ${problem} (take the address from Zadarma)`);
    else out.wsUrl = wsUrl;
  }
  const domain = env.ZD_SIP_DOMAIN?.trim();
  if (domain) {
    const problem = domainProblem(domain);
    if (problem) problems.push(`ZD_SIP_DOMAIN ${problem}`);
    else out.domain = domain;
  }
  const ice = env.ZD_ICE_SERVERS?.trim();
  if (ice) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(ice);
    } catch {
      problems.push('ZD_ICE_SERVERS is not JSON: give a list like [{"urls":"stun:stun.example.com:3478"}]');
      return out;
    }
    const problem = iceServersProblem(parsed);
    if (problem) problems.push(`ZD_ICE_SERVERS: ${problem}`);
    else out.iceServers = parsed as IceServer[];
  }
  return out;
}

/** Settings given in code (`ProxyOptions.softphone`): checked like the environment, throwing ConfigError. */
export function checkSoftphoneSettings(settings: SoftphoneSettings): SoftphoneSettings {
  const problems = [
    wsUrlProblem(settings.wsUrl) && `softphone.wsUrl ${wsUrlProblem(settings.wsUrl)}`,
    domainProblem(settings.domain) && `softphone.domain ${domainProblem(settings.domain)}`,
    iceServersProblem(settings.iceServers) &&
      `softphone.iceServers: ${iceServersProblem(settings.iceServers)}`,
  ].filter(Boolean);
  if (problems.length) throw new ConfigError(problems.join('\n'));
  return { wsUrl: settings.wsUrl, domain: settings.domain, iceServers: structuredClone(settings.iceServers) };
}

/** Settings (perhaps with a warning about them), or none and the warning that says so. */
export type SoftphoneResolution =
  { settings: SoftphoneSettings; warning?: string } | { settings?: undefined; warning: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The environment's values over the sandbox gateway's (sandbox mode only). Both address and domain, or
 * neither: a softphone with only one of them cannot register, so half a configuration is a start-up
 * error. ICE servers default to none (a gateway with a public address needs none on most networks).
 */
export function resolveSoftphone(fromEnv: SoftphoneEnv, gateway?: SipGatewayInfo): SoftphoneResolution {
  const wsUrl = fromEnv.wsUrl ?? gateway?.wsUrl;
  const domain = fromEnv.domain ?? gateway?.domain;
  const iceServers = fromEnv.iceServers ?? gateway?.iceServers ?? [];
  if (wsUrl && domain) {
    const { protocol, hostname } = new URL(wsUrl);
    // Browsers refuse ws:// from an https page (mixed content); only loopback demos get away with it.
    const warning =
      protocol === 'ws:' && !LOOPBACK.has(hostname)
        ? `ZD_SIP_WS_URL is ws:// on ${hostname}: pages served over https can only connect to wss://`
        : undefined;
    return { settings: { wsUrl, domain, iceServers }, ...(warning ? { warning } : {}) };
  }
  if (wsUrl || domain || fromEnv.iceServers) {
    const missing = [!wsUrl && 'ZD_SIP_WS_URL', !domain && 'ZD_SIP_DOMAIN'].filter(Boolean).join(' and ');
    throw new ConfigError(
      `the softphone is half configured: ${missing} missing (take the WebSocket address, SIP domain and ICE servers from Zadarma)`,
    );
  }
  return {
    warning:
      'softphone not configured: set ZD_SIP_WS_URL and ZD_SIP_DOMAIN (and ZD_ICE_SERVERS) as Zadarma gives them; GET /softphone/credentials answers 503 until then',
  };
}
