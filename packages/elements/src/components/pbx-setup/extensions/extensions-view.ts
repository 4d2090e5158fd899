/** The extensions panel's view: list with status, adding, password, recording, call notifications. */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../../i18n/localize.js';
import type { PbxSetupTranslation } from '../i18n/index.js';
import { CALLINFO_SWITCHES, type CallinfoSwitch, type Extension } from './pbx-api.js';

/** What the view reads from, and calls back into, the element. */
export interface ExtensionsHost {
  readonly localize: LocalizeController<PbxSetupTranslation>;
  readonly extensions: Extension[];
  readonly callinfo: Record<CallinfoSwitch, boolean> | undefined;
  readonly shownPassword: ReadonlySet<string>;
  readonly passwordMessage: ReadonlyMap<string, { text: string; error: boolean }>;
  readonly addedMessage: string;
  readonly busy: boolean;
  addExtensions(quantity: number): void;
  savePassword(number: string, input: HTMLInputElement): void;
  togglePasswordShown(number: string): void;
  setRecording(number: string, on: boolean): void;
  setCallinfo(name: CallinfoSwitch, on: boolean): void;
}

function renderExtension(host: ExtensionsHost, ext: Extension): TemplateResult {
  const t = host.localize;
  const id = `ext-${ext.number}`;
  const shown = host.shownPassword.has(ext.number);
  const message = host.passwordMessage.get(ext.number);
  return html`<li class="extension" part="extension" aria-labelledby="${id}-title">
    <h3 id="${id}-title" class="extension__title">
      ${t.term('extension', ext.number)}
      <span class="status status--${ext.online ? 'online' : 'offline'}" part="status"
        >${t.term(ext.online ? 'online' : 'offline')}</span
      >
    </h3>
    <form
      class="password"
      @submit=${(e: Event) => {
        e.preventDefault();
        const input = (e.currentTarget as HTMLFormElement).querySelector('input');
        if (input) host.savePassword(ext.number, input);
      }}
    >
      <label for="${id}-password">${t.term('password')}</label>
      <div class="password__row">
        <input
          id="${id}-password"
          name="password"
          part="input"
          type=${shown ? 'text' : 'password'}
          autocomplete="new-password"
          spellcheck="false"
          aria-describedby="${id}-hint ${id}-message"
        />
        <button
          type="button"
          class="button button--secondary"
          part="button"
          aria-pressed=${shown ? 'true' : 'false'}
          @click=${() => host.togglePasswordShown(ext.number)}
        >
          ${t.term(shown ? 'hidePassword' : 'showPassword')}
        </button>
        <button type="submit" class="button" part="button" ?disabled=${host.busy}>
          ${t.term('savePassword')}
        </button>
      </div>
      <p id="${id}-hint" class="hint">${t.term('passwordHint')}</p>
      <p id="${id}-message" class=${message?.error ? 'message message--error' : 'message'} role="status">
        ${message?.text ?? nothing}
      </p>
    </form>
    <fieldset class="recording">
      <legend>${t.term('recording')}</legend>
      ${[false, true].map(
        (on) =>
          html`<label
            ><input
              type="radio"
              name="${id}-recording"
              .checked=${ext.cloudRecording === on}
              ?disabled=${host.busy}
              @change=${() => host.setRecording(ext.number, on)}
            />
            ${t.term(on ? 'recordingCloud' : 'recordingOff')}</label
          >`,
      )}
    </fieldset>
  </li>`;
}

function renderCallinfo(host: ExtensionsHost): TemplateResult | typeof nothing {
  const callinfo = host.callinfo;
  if (!callinfo) return nothing;
  const t = host.localize;
  return html`<fieldset class="callinfo" part="callinfo">
    <legend>${t.term('notifications')}</legend>
    ${CALLINFO_SWITCHES.map(
      (name) =>
        html`<label class="switch"
          ><input
            type="checkbox"
            role="switch"
            name=${name}
            .checked=${callinfo[name]}
            ?disabled=${host.busy}
            @change=${(e: Event) => host.setCallinfo(name, (e.target as HTMLInputElement).checked)}
          />
          ${t.term('notification', name)}</label
        >`,
    )}
  </fieldset>`;
}

export function renderExtensions(host: ExtensionsHost): TemplateResult {
  const t = host.localize;
  return html`${
      host.extensions.length === 0
        ? html`<p class="state state--empty" part="empty" role="status">${t.term('extensionsEmpty')}</p>`
        : html`<ul class="extensions" part="extensions">
            ${host.extensions.map((ext) => renderExtension(host, ext))}
          </ul>`
    }
    <form
      class="add"
      part="add"
      @submit=${(e: Event) => {
        e.preventDefault();
        const input = (e.currentTarget as HTMLFormElement).querySelector('input');
        host.addExtensions(Number(input?.value ?? 1));
      }}
    >
      <label for="add-quantity">${t.term('addQuantity')}</label>
      <input id="add-quantity" part="input" type="number" min="1" max="10" value="1" required />
      <button type="submit" class="button" part="button" ?disabled=${host.busy}>
        ${t.term('addButton')}
      </button>
      <p class="message" role="status">${host.addedMessage}</p>
    </form>
    ${renderCallinfo(host)}`;
}
