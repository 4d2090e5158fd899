/** Structured, redacting logs: one JSON object a line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  /** Whether `level` is written at all, to skip building fields that would be dropped. */
  enabled(level: LogLevel): boolean;
}

// Fields whose values are never written, whatever they hold.
const SENSITIVE_KEY = /secret|password|token|authorization|signature|api[_-]?key|^key$|cookie/i;
const REDACTED = '[redacted]';

/**
 * Removes sensitive fields and every occurrence of a known secret value (key, secret, session secret,
 * admin token) and of anything that looks like a bearer token or JWT, at any depth.
 */
export function redact(value: unknown, secrets: readonly string[], key = ''): unknown {
  if (key && SENSITIVE_KEY.test(key)) return REDACTED;
  if (typeof value === 'string') {
    let out = value;
    for (const s of secrets) if (s) out = out.split(s).join(REDACTED);
    return out
      .replace(/Bearer\s+[\w.~+/=-]+/gi, `Bearer ${REDACTED}`)
      .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, REDACTED);
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, secrets, k)]));
  }
  return value;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger writing JSON lines through `write` (stderr by default), redacting `secrets`. */
export function createLogger(options: {
  secrets: readonly string[];
  level?: LogLevel;
  write?: (line: string) => void;
}): Logger {
  const min = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  return {
    enabled: (level) => LEVELS[level] >= min,
    log(level, message, fields = {}) {
      if (LEVELS[level] < min) return;
      const entry = { time: new Date().toISOString(), level, msg: message, ...fields };
      write(JSON.stringify(redact(entry, options.secrets)));
    },
  };
}

export const silentLogger: Logger = { log() {}, enabled: () => false };
