/**
 * A small typed localize controller (in the spirit of Shoelace's): the element's own `lang`, else the
 * `lang` of the surrounding `<zd-config>` (or `configure()`), else the nearest `[lang]` ancestor, else
 * the page's. Unlike @lit/localize's runtime mode, which has one locale per page, each element may speak
 * its own language, so two pickers in two languages can share a page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { de } from './de.js';
import { en } from './en.js';
import type { Translation } from './translation.js';

const translations = new Map<string, Translation>([
  ['en', en],
  ['de', de],
]);
const fallback = en;

/** Adds or replaces languages (a partner's own, e.g. French). */
export function registerTranslation(...list: Translation[]): void {
  for (const t of list) translations.set(t.$code.toLowerCase(), t);
  for (const host of connected) host.requestUpdate();
}

/** The translation for a BCP 47 tag: exact (`de-at`), then its language (`de`), then English. */
export function translationFor(lang: string | undefined | null): Translation {
  if (!lang) return fallback;
  const tag = lang.toLowerCase();
  return translations.get(tag) ?? translations.get(tag.split('-')[0] ?? '') ?? fallback;
}

export interface LocalizeHost extends ReactiveControllerHost, HTMLElement {
  /** The language from configuration (`<zd-config lang>` or `configure()`), if any. */
  readonly configuredLang?: string | undefined;
}

const connected = new Set<LocalizeHost>();
let observer: MutationObserver | undefined;

function watchDocument(): void {
  if (observer) return;
  observer = new MutationObserver(() => {
    for (const host of connected) host.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
}

type Args<K extends keyof Translation> = Translation[K] extends (...args: infer A) => unknown ? A : [];
type Result<K extends keyof Translation> = Translation[K] extends (...args: never[]) => infer R
  ? R
  : Translation[K];

export class LocalizeController implements ReactiveController {
  readonly #host: LocalizeHost;
  readonly #numberFormats = new Map<string, Intl.NumberFormat>();

  constructor(host: LocalizeHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this.#host);
    watchDocument();
  }

  hostDisconnected(): void {
    connected.delete(this.#host);
  }

  /** The BCP 47 tag in use. */
  lang(): string {
    const host = this.#host;
    return (
      host.lang ||
      host.configuredLang ||
      host.closest('[lang]')?.getAttribute('lang') ||
      document.documentElement.lang ||
      navigator.language ||
      'en'
    );
  }

  /** The language's two-letter code that this kit has texts for (`de`, `en`), for API calls. */
  code(): string {
    return translationFor(this.lang()).$code;
  }

  dir(): 'ltr' | 'rtl' {
    return translationFor(this.lang()).$dir;
  }

  term<K extends keyof Translation>(key: K, ...args: Args<K>): Result<K> {
    const value = translationFor(this.lang())[key];
    if (typeof value === 'function') {
      return (value as unknown as (...a: Args<K>) => Result<K>)(...args);
    }
    return value as Result<K>;
  }

  /** Intl.NumberFormat in the element's language, cached per options. */
  numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
    const lang = this.lang();
    const key = `${lang}|${JSON.stringify(options)}`;
    let format = this.#numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(lang, options);
      this.#numberFormats.set(key, format);
    }
    return format;
  }
}
