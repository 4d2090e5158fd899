/**
 * The number field and the dial pad. Idle, the keys write the number and the call button dials it; in a
 * call, the keys send digits (DTMF) and the field is not shown.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DIAL_KEYS, KEY_LETTERS } from '../dial-number.js';
import type { SoftphoneView } from './view.js';

function renderKeys(view: SoftphoneView, inCall: boolean): TemplateResult {
  const t = view.localize;
  return html`<div class="keys" part="dial-pad" role="group" aria-label=${t.term('dialPad')}>
    ${DIAL_KEYS.map(
      (key) =>
        html`<button
          type="button"
          class="key"
          part="key"
          data-key=${key}
          aria-label=${/\d/.test(key) ? nothing : t.term('key', key)}
          @click=${() => view.pressKey(key)}
        >
          <span class="key__digit">${key}</span>
          <span class="key__letters" aria-hidden="true">${inCall ? '' : (KEY_LETTERS[key] ?? '')}</span>
        </button>`,
    )}
  </div>`;
}

/** The field, the pad and the call button, while no call is going on. */
export function renderDialPad(view: SoftphoneView): TemplateResult {
  const t = view.localize;
  const canCall = view.registration === 'registered' && view.number.replace(/\D/g, '') !== '';
  return html`<form
    class="dial"
    part="dial"
    @submit=${(e: Event) => {
      e.preventDefault();
      view.dial();
    }}
  >
    <label class="label" for="number">${t.term('number')}</label>
    <div class="number-row">
      <input
        id="number"
        class="input number"
        part="number-input"
        type="tel"
        inputmode="tel"
        autocomplete="tel"
        aria-describedby=${view.numberInvalid ? 'number-error number-hint' : 'number-hint'}
        aria-invalid=${view.numberInvalid ? 'true' : 'false'}
        .value=${view.number}
        @input=${(e: Event) => view.setNumber((e.target as HTMLInputElement).value)}
      />
      ${
        view.number
          ? html`<button
              type="button"
              class="button button--secondary icon-button"
              part="button delete-button"
              aria-label=${t.term('deleteDigit')}
              @click=${() => view.deleteDigit()}
            >
              <span aria-hidden="true">⌫</span>
            </button>`
          : nothing
      }
    </div>
    ${
      view.numberInvalid
        ? html`<p class="field-error" id="number-error" part="field-error" role="alert">
            ${t.term('invalidNumber', view.numberInvalid)}
          </p>`
        : nothing
    }
    <p class="hint" id="number-hint">${t.term('numberHint')}</p>
    ${renderKeys(view, false)}
    <div class="actions actions--center">
      <button
        type="submit"
        class="button button--call"
        part="button call-button"
        aria-disabled=${canCall ? 'false' : 'true'}
      >
        ${t.term('call')}
      </button>
    </div>
  </form>`;
}

/** The keypad during a call: each key sends its digit. */
export function renderInCallKeypad(view: SoftphoneView): TemplateResult {
  return html`<div class="in-call-keys">
    <p class="sent-digits" part="sent-digits" aria-live="polite">${view.sentDigits}</p>
    ${renderKeys(view, true)}
  </div>`;
}
