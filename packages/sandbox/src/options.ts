/** What a sandbox can be told at start; everything has a default. */
import type { FaultRuleInput } from './faults.js';
import type { RegistrationOutcome } from './state/types.js';

export interface RateLimitOptions {
  /** Requests per window and key (Zadarma: 100 a minute). */
  perMinute?: number;
  /** Statistics requests per window and key (Zadarma: 3 a minute). */
  statisticsPerMinute?: number;
  /** The window; a minute unless a test wants it shorter. */
  windowMs?: number;
}

export interface SandboxOptions {
  /** The reseller's API key and secret; generated (or taken from the state file) when absent. */
  key?: string;
  secret?: string;
  /** For `startSandbox`: default 127.0.0.1 and 8787; port 0 picks a free port. */
  host?: string;
  port?: number;
  rateLimit?: RateLimitOptions;
  /** How long an uploaded document waits for its automatic verdict; `null` = only via `/sandbox/`. Default 10 s. */
  verificationDelayMs?: number | null;
  /** A JSON file to load the state from and write it back to after each change. */
  stateFile?: string;
  /** Fault rules active from the start (the CLI reads them from `ZD_SANDBOX_FAULTS`). */
  faults?: FaultRuleInput[];
  /** Which of Zadarma's three registration outcomes `registration/new` has by default. */
  registrationOutcome?: RegistrationOutcome;
  /** How long a simulated call waits for each webhook answer. Default 5 s. */
  webhookTimeoutMs?: number;
  /** The clock (epoch ms); tests move time with it. */
  now?: () => number;
}

export interface ResolvedOptions {
  rateLimit: Required<RateLimitOptions>;
  verificationDelayMs: number | null;
  stateFile: string | undefined;
  registrationOutcome: RegistrationOutcome;
  webhookTimeoutMs: number;
  now: () => number;
}

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  return {
    rateLimit: {
      perMinute: options.rateLimit?.perMinute ?? 100,
      statisticsPerMinute: options.rateLimit?.statisticsPerMinute ?? 3,
      windowMs: options.rateLimit?.windowMs ?? 60_000,
    },
    verificationDelayMs: options.verificationDelayMs === undefined ? 10_000 : options.verificationDelayMs,
    stateFile: options.stateFile,
    registrationOutcome: options.registrationOutcome ?? 'immediate',
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5_000,
    now: options.now ?? Date.now,
  };
}
