/**
 * The base of every `<zd-*>` element: configuration (own attributes, `<zd-config>`, `configure()`),
 * language, typed events and the shared rendering of loading and error states.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { isAbortError, ZdApiError } from '../client/errors.js';
import type { ZdClient } from '../client/zd-client.js';
import { LocalizeController } from '../i18n/localize.js';
import type { CommonTranslation, Texts } from '../i18n/translation.js';
import { ConfigController } from './config-controller.js';
import type { ZdEventDetailMap } from './events.js';

export class ZdElement<T extends CommonTranslation = CommonTranslation> extends LitElement {
  /** The proxy's base URL; overrides `<zd-config>` (needs `session-url` too). */
  @property() proxy?: string;

  /** The partner backend's session endpoint; overrides `<zd-config>`. */
  @property({ attribute: 'session-url' }) sessionUrl?: string;

  /** The element's language (`de`, `en`); else `<zd-config lang>`, the page's, the browser's. */
  @property() override lang = '';

  protected readonly config = new ConfigController(this);
  /** The element's texts in its language (each element brings its own, on top of the shared ones). */
  protected readonly localize: LocalizeController<T>;

  constructor(texts: Texts<T>) {
    super();
    this.localize = new LocalizeController(this, texts);
  }

  /** The shared texts, for what every element renders alike. */
  protected get common(): LocalizeController {
    return this.localize as unknown as LocalizeController;
  }

  get configuredLang(): string | undefined {
    return this.config.lang;
  }

  /** The client to the proxy; throws a `config` error when the page configured none. */
  protected get client(): ZdClient {
    const client = this.config.client;
    if (!client) {
      throw new ZdApiError({ kind: 'config', message: 'no proxy and session configured (see <zd-config>)' });
    }
    return client;
  }

  /** Dispatches a typed, bubbling, composed event; returns false when a listener called preventDefault(). */
  protected emit<K extends keyof ZdEventDetailMap>(
    name: K,
    detail: ZdEventDetailMap[K],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(
      new CustomEvent(name, {
        detail,
        bubbles: true,
        composed: true,
        cancelable: options.cancelable ?? false,
      }),
    );
  }

  /** Tells the page about a failure (`zd-error`) and returns it as a `ZdApiError`. */
  protected reportError(error: unknown, operation: string): ZdApiError {
    const zdError =
      error instanceof ZdApiError
        ? error
        : new ZdApiError({
            kind: 'upstream',
            message: error instanceof Error ? error.message : String(error),
          });
    // A request given up on purpose (superseded, or the element left the page) is no failure to report.
    if (!isAbortError(error)) this.emit('zd-error', { error: zdError, operation });
    return zdError;
  }

  protected renderLoading(label = this.common.term('loading')): TemplateResult {
    return html`<div class="state state--loading" part="loading" role="status">
      <span class="spinner" aria-hidden="true"></span>${label}
    </div>`;
  }

  protected renderEmpty(text: string): TemplateResult {
    return html`<p class="state state--empty" part="empty" role="status">${text}</p>`;
  }

  /** A localized error with the proxy's detail and, when it may help, a retry button. */
  protected renderError(error: unknown, retry?: () => void): TemplateResult {
    const zd = error instanceof ZdApiError ? error : undefined;
    const kind = zd?.kind ?? 'upstream';
    const fieldHint = zd?.kind === 'invalid' && zd.field ? this.common.term('invalidField', zd.field) : '';
    const canRetry = retry && (zd ? zd.retryable : true);
    return html`<div class="state state--error" part="error" role="alert">
      <p class="error__text">${this.common.term('error', kind, zd?.retryAfter)} ${fieldHint}</p>
      ${
        // What was refused, and what the page's developer must fix (a config error names it).
        (zd?.kind === 'invalid' || zd?.kind === 'config') && zd.message
          ? html`<p class="error__detail">${this.common.term('errorDetail')}: ${zd.message}</p>`
          : nothing
      }
      ${
        canRetry
          ? html`<button type="button" class="button" part="button retry-button" @click=${retry}>
              ${this.common.term('retry')}
            </button>`
          : nothing
      }
    </div>`;
  }
}
