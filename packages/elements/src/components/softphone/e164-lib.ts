/** The libphonenumber-js part of dialling; loaded lazily by `toDialNumber()`. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** `030 1234567` in `DE` → `+49301234567`; undefined when it is no possible number there. */
export function nationalToE164(digits: string, country: string): string | undefined {
  const parsed = parsePhoneNumberFromString(digits, country.toUpperCase() as CountryCode);
  return parsed?.isPossible() ? parsed.number : undefined;
}
