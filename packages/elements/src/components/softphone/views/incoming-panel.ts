/**
 * An incoming call that rings: who calls, answer or decline. While another call goes on (call waiting),
 * answering puts that one on hold first. Focus moves to the panel's heading when it appears. With the
 * screen-pop, the name the page's CRM gave and the customer's number that was called (plain text).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PhoneCall } from '../../../phone/types.js';
import type { SoftphoneView } from './view.js';

/** The desktop notification's title and text for a ringing call (controllers/desktop-notification.ts). */
export function incomingNotificationText(
  view: SoftphoneView,
  call: PhoneCall,
): { title: string; body: string } {
  const t = view.localize;
  const pop = view.screenPop(call);
  const called = pop?.calledNumber && view.formatNumber(pop.calledNumber);
  return {
    title: t.term('incomingCall'),
    body: called ? `${view.who(call)}\n${t.term('calledOn', called)}` : view.who(call),
  };
}

export function renderIncomingPanel(view: SoftphoneView): TemplateResult | typeof nothing {
  const call = view.incoming;
  if (!call) return nothing;
  const t = view.localize;
  const waiting = view.current !== undefined;
  const pop = view.screenPop(call);
  const name = pop?.name || call.remote.name;
  return html`<section class="incoming" part="incoming" aria-labelledby="incoming-heading">
    <h3 class="incoming__heading" id="incoming-heading" tabindex="-1">
      ${waiting ? t.term('waitingCall') : t.term('incomingCall')}
    </h3>
    <p class="caller" part="caller">
      ${name ? html`<span class="caller__name">${name}</span>` : nothing}
      <span class="caller__number">
        ${call.remote.number ? view.formatNumber(call.remote.number) : t.term('unknownCaller')}
      </span>
      ${
        pop?.calledNumber
          ? html`<span class="caller__line" part="called-number"
              >${t.term('calledOn', view.formatNumber(pop.calledNumber))}</span
            >`
          : nothing
      }
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
