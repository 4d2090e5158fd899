/** The number (national, in the chosen country, or international with +) and the channel for the code. */
import { html, nothing, type TemplateResult } from 'lit';
import { loadChunk } from '../../../base/chunks.js';
import type { ProveChannel } from '../../../client/phones.js';
import type { PhoneProblem } from '../i18n/index.js';
import type { StepContext } from './context.js';

let phoneLib: Promise<typeof import('../../../format/phone-lib.js')> | undefined;

export class PhoneStep {
  readonly #ctx: StepContext;
  #problem: PhoneProblem | undefined;
  #busy = false;
  country = '';
  number = '';
  channel: ProveChannel | undefined;

  constructor(ctx: StepContext) {
    this.#ctx = ctx;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.country = String(data.get('country') ?? '');
    this.number = String(data.get('number') ?? '').trim();
    this.channel = (data.get('channel') as ProveChannel | null) ?? this.#ctx.channels()[0] ?? 'sms';
    this.#problem = undefined;
    if (!this.number) this.#problem = 'required';
    let e164 = '';
    if (!this.#problem) {
      phoneLib ??= loadChunk('phone-lib', () => import('../../../format/phone-lib.js'));
      const result = (await phoneLib).toE164(this.number, this.country);
      if (result.ok) e164 = result.e164;
      else this.#problem = result.reason;
    }
    if (this.#problem) {
      this.#ctx.host.requestUpdate();
      await this.#ctx.host.updateComplete;
      this.#ctx.host.shadowRoot?.querySelector<HTMLInputElement>('#zd-number')?.focus();
      return;
    }
    this.#busy = true;
    this.#ctx.host.requestUpdate();
    try {
      await this.#ctx.send(e164, this.channel);
    } finally {
      this.#busy = false;
      this.#ctx.host.requestUpdate();
    }
  }

  render(countries: readonly string[], regionName: (code: string) => string): TemplateResult {
    const t = this.#ctx.t;
    const channels = this.#ctx.channels();
    const chosen = this.channel ?? channels[0];
    const problem = this.#problem;
    return html`<form class="form" part="form" novalidate @submit=${(e: SubmitEvent) => void this.#submit(e)}>
      <p class="intro">${t.term('intro')}</p>
      <div class="field" part="field">
        <label class="label" for="zd-country">${t.term('countryLabel')}</label>
        <select id="zd-country" name="country" class="input" part="input">
          ${countries.map(
            (c) =>
              html`<option value=${c} ?selected=${c === (this.country || countries[0])}>
                ${regionName(c)}
              </option>`,
          )}
        </select>
      </div>
      <div class="field" part="field">
        <label class="label" for="zd-number">${t.term('numberLabel')}</label>
        <input
          id="zd-number"
          name="number"
          class="input"
          part="input"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          data-autofocus
          .value=${this.number}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby="zd-number-hint zd-number-error"
        />
        <p id="zd-number-hint" class="hint">${t.term('numberHint')}</p>
        <p id="zd-number-error" class="field__error" part="field-error">
          ${problem ? t.term('phoneProblem', problem) : nothing}
        </p>
      </div>
      ${
        channels.length > 1
          ? html`<fieldset class="fieldset">
              <legend class="label">${t.term('channelLabel')}</legend>
              ${channels.map(
                (c) =>
                  html`<label class="choice">
                    <input type="radio" name="channel" value=${c} ?checked=${c === chosen} />
                    ${c === 'sms' ? t.term('channelSms') : t.term('channelCallback')}
                  </label>`,
              )}
            </fieldset>`
          : html`<input type="hidden" name="channel" value=${chosen ?? 'sms'} />`
      }
      <button type="submit" class="button" part="button send-button" ?disabled=${this.#busy}>
        ${this.#busy ? t.term('sending') : t.term('send')}
      </button>
    </form>`;
  }
}
