/**
 * A small typed localize controller (in the spirit of Shoelace's): the element's own `lang`, else the
 * `lang` of the surrounding `<zd-config>` (or `configure()`), else the nearest `[lang]` ancestor, else
 * the page's. Unlike @lit/localize's runtime mode, which has one locale per page, each element may speak
 * its own language, so two pickers in two languages can share a page; and each element brings only its
 * own texts, so a bundle carries no other element's words.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PartnerTranslation } from './partner.js';
import type { CommonTranslation, Texts } from './translation.js';

/** Languages (or single texts) a partner adds or replaces, by lower-case tag. */
const partnerTranslations = new Map<string, PartnerTranslation>();

/** Adds or replaces languages (a partner's own, e.g. French); texts left out fall back to English. */
export function registerTranslation(...list: PartnerTranslation[]): void {
  for (const t of list) partnerTranslations.set(t.$code.toLowerCase(), t);
  for (const host of connected) host.requestUpdate();
}

/** Exact tag (`de-at`), then its language (`de`). */
function byTag<V>(lang: string, get: (tag: string) => V | undefined): V | undefined {
  const tag = lang.toLowerCase();
  return get(tag) ?? get(tag.split('-')[0] ?? '');
}

export interface Resolved<T extends CommonTranslation> {
  /** The element's own texts in that language, or English. */
  own: T;
  /** What a partner registered for that language, taking precedence. */
  partner: Partial<T> | undefined;
}

/** Which texts speak `lang`: a partner's registration, else the element's own, else English. */
export function resolveTexts<T extends CommonTranslation>(texts: Texts<T>, lang: string): Resolved<T> {
  return {
    own: byTag(lang, (tag) => texts[tag]) ?? texts.en,
    partner: byTag(lang, (tag) => partnerTranslations.get(tag)) as Partial<T> | undefined,
  };
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

type Args<T, K extends keyof T> = T[K] extends (...args: infer A) => unknown ? A : [];
type Result<T, K extends keyof T> = T[K] extends (...args: never[]) => infer R ? R : T[K];

export class LocalizeController<
  T extends CommonTranslation = CommonTranslation,
> implements ReactiveController {
  readonly #host: LocalizeHost;
  readonly #texts: Texts<T>;
  readonly #numberFormats = new Map<string, Intl.NumberFormat>();

  constructor(host: LocalizeHost, texts: Texts<T>) {
    this.#host = host;
    this.#texts = texts;
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

  #resolved(): Resolved<T> {
    return resolveTexts(this.#texts, this.lang());
  }

  /** The code of the language the texts are in (`de`, `en`, a partner's `fr`), for API calls. */
  code(): string {
    const { own, partner } = this.#resolved();
    return partner?.$code ?? own.$code;
  }

  dir(): 'ltr' | 'rtl' {
    const { own, partner } = this.#resolved();
    return partner?.$dir ?? own.$dir;
  }

  term<K extends keyof T>(key: K, ...args: Args<T, K>): Result<T, K> {
    const { own, partner } = this.#resolved();
    const value = partner?.[key] ?? own[key];
    if (typeof value === 'function') return (value as (...a: Args<T, K>) => Result<T, K>)(...args);
    return value as Result<T, K>;
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
