/** Interface languages Zadarma knows; the sandbox translates names into en, de and ru and falls back to en. */
export const LANGUAGES = ['en', 'es', 'de', 'pl', 'ru', 'ua', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

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
