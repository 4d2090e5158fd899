/** The code received (digits only), the resend with its cool-down, and the way back to another number. */
import { html, nothing, type TemplateResult } from 'lit';
import type { CodeProblem } from '../i18n/index.js';
import type { StepContext } from './context.js';
import type { Cooldown } from './cooldown.js';

export class CodeStep {
  readonly #ctx: StepContext;
  problem: CodeProblem | undefined;
  retryAfter: number | undefined;
  #busy = false;

  constructor(ctx: StepContext) {
    this.#ctx = ctx;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    const code = input.value.replace(/\s+/g, '');
    this.problem = !code ? 'required' : /^[0-9]{4,8}$/.test(code) ? undefined : 'digits';
    this.retryAfter = undefined;
    if (!this.problem) {
      this.#busy = true;
      this.#ctx.host.requestUpdate();
      try {
        await this.#ctx.confirm(code);
      } finally {
        this.#busy = false;
      }
    }
    this.#ctx.host.requestUpdate();
    if (this.problem) input.focus();
  }

  render(sentText: string, cooldown: Cooldown, resend: () => void): TemplateResult {
    const t = this.#ctx.t;
    const left = cooldown.remaining;
    const problem = this.problem;
    return html`<form class="form" part="form" novalidate @submit=${(e: SubmitEvent) => void this.#submit(e)}>
      <p class="intro" part="sent">${sentText}</p>
      <div class="field" part="field">
        <label class="label" for="zd-code">${t.term('codeLabel')}</label>
        <input
          id="zd-code"
          name="code"
          class="input input--code"
          part="input code-input"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength="8"
          data-autofocus
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby="zd-code-hint zd-code-error"
        />
        <p id="zd-code-hint" class="hint">${t.term('codeHint')}</p>
        <p id="zd-code-error" class="field__error" part="field-error" role="alert">
          ${problem ? t.term('codeProblem', problem, this.retryAfter) : nothing}
        </p>
      </div>
      <button type="submit" class="button" part="button confirm-button" ?disabled=${this.#busy}>
        ${this.#busy ? t.term('confirming') : t.term('confirm')}
      </button>
      <div class="actions">
        <button
          type="button"
          class="button button--secondary"
          part="button resend-button"
          ?disabled=${left > 0}
          aria-describedby="zd-cooldown"
          @click=${resend}
        >
          ${t.term('resend')}
        </button>
        <span id="zd-cooldown" class="hint" part="cooldown"
          >${left > 0 ? t.term('resendIn', left) : nothing}</span
        >
        <button type="button" class="link" part="button other-button" @click=${() => this.#ctx.restart()}>
          ${t.term('otherNumber')}
        </button>
      </div>
    </form>`;
  }
}
