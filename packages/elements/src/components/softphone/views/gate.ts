/** The gate: calls start only when the customer asks (a user gesture lets the browser play audio). */
import { html, type TemplateResult } from 'lit';
import type { SoftphoneView } from './view.js';

export function renderGate(view: SoftphoneView): TemplateResult {
  const t = view.localize;
  return html`<div class="gate" part="gate">
    <p class="hint" id="gate-hint">${t.term('enableHint')}</p>
    <button
      type="button"
      class="button"
      part="button enable-button"
      aria-describedby="gate-hint"
      ?disabled=${view.starting}
      @click=${() => view.enableCalls()}
    >
      ${view.starting ? html`<span class="spinner" aria-hidden="true"></span>` : ''}${t.term('enableCalls')}
    </button>
  </div>`;
}
