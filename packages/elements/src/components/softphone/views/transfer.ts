/** Transfer: the target (the partner's extensions offered, any number allowed), now or after talking. */
import { html, nothing, type TemplateResult } from 'lit';
import type { SoftphoneView } from './view.js';

export function renderTransfer(view: SoftphoneView): TemplateResult {
  const t = view.localize;
  const targets = view.transferTargets;
  const ready = view.transferTarget.trim() !== '';
  return html`<div class="transfer" part="transfer">
    <label class="label" for="transfer-target">${t.term('transferTarget')}</label>
    <input
      id="transfer-target"
      class="input"
      part="transfer-input"
      type="text"
      inputmode="tel"
      autocomplete="off"
      aria-describedby="transfer-hint"
      .value=${view.transferTarget}
      @input=${(e: Event) => view.setTransferTarget((e.target as HTMLInputElement).value)}
    />
    <p class="hint" id="transfer-hint">${t.term('transferTargetHint')}</p>
    ${
      targets.length > 0
        ? html`<ul class="targets" part="transfer-targets">
            ${targets.map(
              (target) =>
                html`<li>
                  <button
                    type="button"
                    class="link"
                    part="button target-button"
                    aria-pressed=${view.transferTarget === target.number ? 'true' : 'false'}
                    @click=${() => view.setTransferTarget(target.number)}
                  >
                    ${target.name ? `${target.name} · ${target.number}` : target.number}
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    <div class="actions">
      <button
        type="button"
        class="button"
        part="button transfer-now-button"
        ?disabled=${!ready}
        @click=${() => view.transferNow(false)}
      >
        ${t.term('transferBlind')}
      </button>
      <button
        type="button"
        class="button button--secondary"
        part="button transfer-attended-button"
        ?disabled=${!ready}
        @click=${() => view.transferNow(true)}
      >
        ${t.term('transferAttended')}
      </button>
    </div>
  </div>`;
}
