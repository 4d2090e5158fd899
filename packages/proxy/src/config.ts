/** The proxy's configuration from the environment (DESIGN.md), with start-up errors a person can act on. */
import type { ProxyOptions } from './app.js';
import { ConfigError } from './config-error.js';
import type { LogLevel } from './log.js';
import { VERIFY_CHANNELS, type VerifyChannel } from './routes/verification.js';
import { MIN_SECRET_BYTES } from './session/tokens.js';
import { softphoneFromEnv, type SoftphoneEnv } from './softphone/settings.js';
import { zoneFormatter } from './webhooks/freshness.js';

export { ConfigError };

export interface ServeConfig {
  host: string;
  port: number;
  /** `ZD_SANDBOX=1`: start the embedded sandbox and use it as upstream (no real keys needed). */
  sandbox: boolean;
  /** `ZD_SANDBOX_STATE`: the embedded sandbox keeps its state in this JSON file between runs. */
  sandboxStateFile?: string;
  /** `ZD_SANDBOX_SIP_PORT`: the embedded sandbox's SIP gateway port (default: a free one, printed). */
  sandboxSipPort?: number;
  logLevel: LogLevel;
  /**
   * `ZD_SIP_WS_URL`, `ZD_SIP_DOMAIN`, `ZD_ICE_SERVERS` as given (each checked). `startProxy` completes them
   * from the sandbox's gateway in sandbox mode; `proxy.softphone`, when set, is used as it is.
   */
  softphone?: SoftphoneEnv;
  /** Without `zadarma` when `sandbox` is set: the sandbox provides it. */
  proxy: Omit<ProxyOptions, 'zadarma'> & { zadarma?: ProxyOptions['zadarma'] };
}

type Env = Record<string, string | undefined>;

export function configFromEnv(env: Env = process.env): ServeConfig {
  const problems: string[] = [];
  const sandbox = env.ZD_SANDBOX === '1' || env.ZD_SANDBOX === 'true';

  const sessionSecret = env.ZD_SESSION_SECRET ?? '';
  if (!sessionSecret) {
    problems.push('ZD_SESSION_SECRET is required (at least 32 bytes; e.g. `openssl rand -base64 48`)');
  } else if (Buffer.byteLength(sessionSecret) < MIN_SECRET_BYTES) {
    problems.push(
      `ZD_SESSION_SECRET is too short: ${Buffer.byteLength(sessionSecret)} bytes, needs ${MIN_SECRET_BYTES}`,
    );
  }

  let zadarma: ProxyOptions['zadarma'] | undefined;
  if (!sandbox) {
    const key = env.ZADARMA_KEY ?? '';
    const secret = env.ZADARMA_SECRET ?? '';
    if (!key) problems.push('ZADARMA_KEY is required (or ZD_SANDBOX=1 to run on the embedded sandbox)');
    if (!secret) problems.push('ZADARMA_SECRET is required (or ZD_SANDBOX=1 to run on the embedded sandbox)');
    const apiUrl = env.ZADARMA_API_URL || 'https://api.zadarma.com';
    if (!/^https?:\/\/[^/?#]+\/?$/.test(apiUrl))
      problems.push(`ZADARMA_API_URL is not a base URL: ${apiUrl}`);
    zadarma = { key, secret, apiUrl };
  }

  const adminToken = env.ZD_ADMIN_TOKEN || undefined;
  if (adminToken && adminToken.length < 24)
    problems.push('ZD_ADMIN_TOKEN is too short: use at least 24 characters');

  const allowedOrigins = (env.ZD_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (origin === '*') problems.push('ZD_ALLOWED_ORIGINS must list origins; a wildcard is not allowed');
    else if (!/^https?:\/\/[^/?#\s]+$/.test(origin)) {
      problems.push(`ZD_ALLOWED_ORIGINS: "${origin}" is not an origin like https://app.example.com`);
    }
  }

  const port = Number(env.PORT ?? 8788);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT is not a port number: ${env.PORT}`);

  // Zadarma's limit is per key; a partner whose limit was raised says so here.
  const perMinute = Number(env.ZD_BUDGET_PER_MINUTE ?? 100);
  const perSessionPerMinute = Number(env.ZD_BUDGET_PER_SESSION ?? Math.min(30, perMinute));
  if (!(perMinute >= 1)) problems.push('ZD_BUDGET_PER_MINUTE must be a positive number');
  if (!(perSessionPerMinute >= 1)) problems.push('ZD_BUDGET_PER_SESSION must be a positive number');

  /** A whole number from the environment within [min, max], or the default; a problem otherwise. */
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (it is "${text}")`);
      return fallback;
    }
    return value;
  };

  // One time policy for every route; the defaults suit a page on a phone uploading a 5 MiB document.
  const headersTimeoutMs = whole('ZD_HEADERS_TIMEOUT_SECONDS', 10, 1, 600) * 1000;
  const bodyTimeoutMs = whole('ZD_BODY_TIMEOUT_SECONDS', 30, 1, 3600) * 1000;
  const requestTimeoutMs = whole('ZD_REQUEST_TIMEOUT_SECONDS', 60, 1, 3600) * 1000;
  if (bodyTimeoutMs > requestTimeoutMs)
    problems.push('ZD_BODY_TIMEOUT_SECONDS must not be longer than ZD_REQUEST_TIMEOUT_SECONDS');

  const events = {
    perSession: whole('ZD_EVENTS_PER_SESSION', 3, 1, 100),
    perUser: whole('ZD_EVENTS_PER_USER', 10, 1, 1000),
    queueBytes: whole('ZD_EVENTS_QUEUE_KIB', 256, 1, 1024 * 1024) * 1024,
    keepAliveMs: whole('ZD_EVENTS_KEEPALIVE_SECONDS', 15, 1, 300) * 1000,
  };

  const timeZone = env.ZD_WEBHOOK_TIMEZONE || 'UTC';
  try {
    zoneFormatter(timeZone);
  } catch {
    problems.push(`ZD_WEBHOOK_TIMEZONE is not a time zone: ${timeZone} (e.g. UTC or Europe/Berlin)`);
  }
  const webhooks = {
    maxAgeMs: whole('ZD_WEBHOOK_MAX_AGE_SECONDS', 4 * 3600, 60, 7 * 24 * 3600) * 1000,
    timeZone,
  };

  const phone = (name: string): string | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    if (!/^\+?[0-9]{7,15}$/.test(value)) problems.push(`${name} must be a phone number like 4930123456`);
    return value.replace(/^\+/, '');
  };
  const channels = (env.ZD_VERIFY_CHANNELS || 'sms').split(',').map((c) => c.trim());
  for (const channel of channels.filter((c) => !(VERIFY_CHANNELS as readonly string[]).includes(c)))
    problems.push(`ZD_VERIFY_CHANNELS: "${channel}" is not a channel (${VERIFY_CHANNELS.join(', ')})`);
  const callFrom = phone('ZD_VERIFY_CALL_FROM');
  const smsCallerId = phone('ZD_VERIFY_SMS_SENDER');
  if (channels.includes('call_code') && !callFrom)
    problems.push('ZD_VERIFY_CHANNELS has call_code: ZD_VERIFY_CALL_FROM must name the number that calls');
  const templateId = env.ZD_VERIFY_SMS_TEMPLATE_ID
    ? whole('ZD_VERIFY_SMS_TEMPLATE_ID', 0, 1, Number.MAX_SAFE_INTEGER)
    : undefined;
  const verification = {
    channels: channels as VerifyChannel[],
    perUserPerHour: whole('ZD_VERIFY_PER_HOUR', 5, 1, 1000),
    ...(templateId ? { smsTemplateId: templateId } : {}),
    ...(smsCallerId ? { smsCallerId } : {}),
    ...(callFrom ? { callFrom } : {}),
  };

  const softphone = softphoneFromEnv(env, problems);
  const sipPort = env.ZD_SANDBOX_SIP_PORT;
  if (sipPort !== undefined && sipPort !== '' && !/^\d{1,5}$/.test(sipPort)) {
    problems.push('ZD_SANDBOX_SIP_PORT must be a port number (0 = a free port)');
  }

  const logLevel = (env.ZD_LOG_LEVEL ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    problems.push('ZD_LOG_LEVEL must be debug, info, warn or error');
  }

  if (problems.length) throw new ConfigError(problems.join('\n'));
  return {
    host: env.HOST || '127.0.0.1',
    port,
    sandbox,
    sandboxStateFile: env.ZD_SANDBOX_STATE || undefined,
    sandboxSipPort: sipPort ? Number(sipPort) : undefined,
    logLevel,
    softphone,
    proxy: {
      zadarma,
      sessionSecret,
      adminToken,
      allowedOrigins,
      budget: { perMinute, perSessionPerMinute },
      limits: { headersTimeoutMs, bodyTimeoutMs, requestTimeoutMs },
      events,
      webhooks,
      verification,
    },
  };
}
