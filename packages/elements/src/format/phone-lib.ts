/** The libphonenumber-js part of phone formatting; loaded lazily by `loadPhoneFormatter()`. */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/min';

/** `4930123456` → `+49 30 123456`; undefined when libphonenumber-js cannot parse it. */
export function formatInternational(number: string): string | undefined {
  const digits = number.replace(/\D+/g, '');
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed || !parsed.isPossible()) return undefined;
  return parsed.formatInternational();
}

export type E164Result = { ok: true; e164: string } | { ok: false; reason: 'too-short' | 'invalid-number' };

/**
 * A dialled number (`+…` international, else national in `country`, ISO 3166-1 alpha-2; the country's
 * own international prefix such as `011` works too) as E.164, `+4930123456`. Only the length is checked
 * (libphonenumber-js' min metadata), which is what a dial pad can know before the call.
 */
export function toE164(number: string, country: string | undefined): E164Result {
  const upper = country?.toUpperCase();
  const defaultCountry = upper !== undefined && isSupportedCountry(upper) ? upper : undefined;
  const parsed = parsePhoneNumberFromString(number, defaultCountry);
  if (parsed?.isValid()) return { ok: true, e164: parsed.number };
  const length = validatePhoneNumberLength(number, defaultCountry);
  return { ok: false, reason: length === 'TOO_SHORT' ? 'too-short' : 'invalid-number' };
}
