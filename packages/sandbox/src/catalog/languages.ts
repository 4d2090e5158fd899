/** Interface languages Zadarma knows; the sandbox translates its names and texts into en, de and ru and falls back to en. */
export const LANGUAGES = ['en', 'es', 'de', 'pl', 'ru', 'ua', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A name or text the customer reads, in each language the sandbox speaks. */
export interface LocalisedName {
  en: string;
  de: string;
  ru: string;
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export function localise(name: LocalisedName, language: Language): string {
  return language === 'de' || language === 'ru' ? name[language] : name.en;
}
