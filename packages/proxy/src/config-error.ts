/** A start-up problem a person can act on: one line each, naming the setting. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
