import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { GetToken, SessionRequestOptions } from '../../client/token-source.js';
import type { ZdClient } from '../../client/zd-client.js';
import { clientFor, zdConfigContext } from '../../config/context.js';

/**
 * @tag zd-config
 * @summary Configures the Zadarma elements inside it: which proxy they talk to, where their session
 * token comes from, and their language.
 *
 * @slot - The elements to configure (any depth).
 *
 * @example
 * ```html
 * <zd-config proxy="https://proxy.example.com" session-url="/api/zadarma-session" lang="de">
 *   <zd-number-picker></zd-number-picker>
 * </zd-config>
 * ```
 * A backend on another origin that knows its user by a cookie: `session-credentials="include"`. One that
 * wants its own bearer token: set the `sessionHeaders` property (an object, or a function asked each time).
 */
export class ZdConfig extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The proxy's base URL. */
  @property() proxy?: string;

  /** The partner backend's endpoint that mints session tokens (POST, answers `{token, expiresAt}`). */
  @property({ attribute: 'session-url' }) sessionUrl?: string;

  /**
   * Whether the session request carries the page's cookies: `same-origin` (default), `include` (a
   * backend on another origin that knows its user by a cookie; it must allow credentials by CORS), `omit`.
   */
  @property({ attribute: 'session-credentials' }) sessionCredentials?: RequestCredentials;

  /** Extra headers for the session request (e.g. `{Authorization: 'Bearer …'}`), or a function returning them. */
  @property({ attribute: false }) sessionHeaders?: SessionRequestOptions['sessionHeaders'];

  /** The elements' language (`de`, `en`); also sets `lang` for the DOM inside. */
  @property({ reflect: true }) override lang = '';

  /** Instead of `session-url`: a callback that returns a session token (`{token, expiresAt}` or a string). */
  @property({ attribute: false }) getToken?: GetToken;

  /** A ready client of your own; wins over the attributes. */
  @property({ attribute: false }) client?: ZdClient;

  readonly #provider = new ContextProvider(this, { context: zdConfigContext, initialValue: undefined });

  protected override willUpdate(changed: PropertyValues<this>): void {
    const settings = [
      'proxy',
      'sessionUrl',
      'sessionCredentials',
      'sessionHeaders',
      'getToken',
      'client',
    ] as const;
    if (changed.has('lang') || settings.some((name) => changed.has(name))) {
      this.#provider.setValue({
        client: clientFor({
          client: this.client,
          proxy: this.proxy,
          sessionUrl: this.sessionUrl,
          sessionCredentials: this.sessionCredentials,
          sessionHeaders: this.sessionHeaders,
          getToken: this.getToken,
        }),
        lang: this.lang || undefined,
      });
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
