/**
 * The officially assigned ISO 3166-1 alpha-2 codes (what the spec's `country` and `nationality` take).
 * The names come from the browser (`Intl.DisplayNames`) in the element's language, so no list of names
 * travels in the bundle.
 */
// By first letter, then the second letters: `ADEF` is AD, AE, AF (a third of the size in the bundle).
const BY_FIRST_LETTER =
  'ADEFGILMOQRSTUWXZ BABDEFGHIJLMNOQRSTVWYZ CACDFGHIKLMNORUVWXYZ DEJKMOZ ECEGHRST FIJKMOR ' +
  'GABDEFGHILMNPQRSTUWY HKMNRTU IDELMNOQRST JEMOP KEGHIMNPRWYZ LABCIKRSTUVY ' +
  'MACDEFGHKLMNOPQRSTUVWXYZ NACEFGILOPRUZ OM PAEFGHKLMNRSTWY QA REOSUW SABCDEGHIJKLMNORSTVXYZ ' +
  'TCDFGHJKLMNORTVWZ UAGMSYZ VACEGINU WFS YET ZAMW';

export const COUNTRY_CODES: readonly string[] = BY_FIRST_LETTER.split(' ').flatMap(([first, ...seconds]) =>
  seconds.map((second) => `${first}${second}`),
);

const known = new Set(COUNTRY_CODES);

export function isCountryCode(value: string): boolean {
  return known.has(value);
}

export interface CountryOption {
  code: string;
  name: string;
}

/** Every country with its name in `lang`, sorted by name as that language sorts. */
export function countryOptions(lang: string): CountryOption[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  const collator = new Intl.Collator(lang);
  return COUNTRY_CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}
