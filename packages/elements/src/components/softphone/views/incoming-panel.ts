/**
 * An incoming call that rings: who calls, answer or decline. While another call goes on (call waiting),
 * answering puts that one on hold first. Focus moves to the panel's heading when it appears.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { SoftphoneView } from './view.js';

export function renderIncomingPanel(view: SoftphoneView): TemplateResult | typeof nothing {
  const call = view.incoming;
  if (!call) return nothing;
  const t = view.localize;
  const waiting = view.current !== undefined;
  const name = call.remote.name;
  return html`<section class="incoming" part="incoming" aria-labelledby="incoming-heading">
    <h3 class="incoming__heading" id="incoming-heading" tabindex="-1">
      ${waiting ? t.term('waitingCall') : t.term('incomingCall')}
    </h3>
    <p class="caller" part="caller">
      ${name ? html`<span class="caller__name">${name}</span>` : nothing}
      <span class="caller__number">
        ${call.remote.number ? view.formatNumber(call.remote.number) : t.term('unknownCaller')}
      </span>
    </p>
    <div class="actions actions--center">
      <button
        type="button"
        class="button button--call"
        part="button answer-button"
        @click=${() => view.answerCall()}
      >
        ${waiting ? t.term('answerAndHold') : t.term('answer')}
      </button>
      <button
        type="button"
        class="button button--danger"
        part="button decline-button"
        @click=${() => view.declineCall()}
      >
        ${t.term('decline')}
      </button>
    </div>
  </section>`;
}
