/** The libphonenumber-js part of phone formatting; loaded lazily by `loadPhoneFormatter()`. */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** `4930123456` → `+49 30 123456`; undefined when libphonenumber-js cannot parse it. */
export function formatInternational(number: string): string | undefined {
  const digits = number.replace(/\D+/g, '');
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (!parsed || !parsed.isPossible()) return undefined;
  return parsed.formatInternational();
}
