/** The proxy's configuration from the environment (DESIGN.md), with start-up errors a person can act on. */
import type { ProxyOptions } from './app.js';
import type { LogLevel } from './log.js';
import { MIN_SECRET_BYTES } from './session/tokens.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface ServeConfig {
  host: string;
  port: number;
  /** `ZD_SANDBOX=1`: start the embedded sandbox and use it as upstream (no real keys needed). */
  sandbox: boolean;
  /** `ZD_SANDBOX_STATE`: the embedded sandbox keeps its state in this JSON file between runs. */
  sandboxStateFile?: string;
  logLevel: LogLevel;
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
    logLevel,
    proxy: { zadarma, sessionSecret, adminToken, allowedOrigins, budget: { perMinute, perSessionPerMinute } },
  };
}
