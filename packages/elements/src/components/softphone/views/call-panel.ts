/**
 * The call going on: who, its state and timer, mute, hold/resume, the keypad for digits, transfer,
 * the calls waiting on hold, hang up.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PhoneCall } from '../../../phone/types.js';
import { renderInCallKeypad } from './dial-pad.js';
import { renderTransfer } from './transfer.js';
import type { SoftphoneView } from './view.js';

function seconds(call: PhoneCall, now: number): number {
  return call.answeredAt === undefined ? 0 : Math.max(0, Math.floor((now - call.answeredAt) / 1000));
}

function toggle(
  pressed: boolean,
  label: string,
  part: string,
  onClick: () => void,
  disabled = false,
): TemplateResult {
  return html`<button
    type="button"
    class="button button--secondary toggle"
    part="button ${part}"
    aria-pressed=${pressed ? 'true' : 'false'}
    ?disabled=${disabled}
    @click=${onClick}
  >
    ${label}
  </button>`;
}

export function renderCallPanel(view: SoftphoneView): TemplateResult | typeof nothing {
  const call = view.current;
  if (!call) return nothing;
  const t = view.localize;
  const connected = call.status === 'active' || call.status === 'held';
  const consult = view.consultation;
  return html`<section class="call" part="call" aria-labelledby="call-heading">
    <h3 class="call__heading" id="call-heading" tabindex="-1">${view.who(call)}</h3>
    ${
      call.remote.name
        ? html`<p class="caller__number">${view.formatNumber(call.remote.number)}</p>`
        : nothing
    }
    <p class="call__status" part="call-status">
      <span>${t.term('status', call.status, call.direction)}</span>
      ${
        call.answeredAt !== undefined
          ? html`<span class="timer" part="timer">${t.term('duration', seconds(call, view.now))}</span>`
          : nothing
      }
    </p>
    ${renderQuality(view, call)}
    ${view.inOtherTab ? html`<p class="note" part="other-tab">${t.term('audioInOtherTab')}</p>` : nothing}
    <div class="controls" part="controls">
      ${toggle(call.muted, t.term('mute'), 'mute-button', () => view.toggleMute(), !connected)}
      ${toggle(call.status === 'held', t.term('hold'), 'hold-button', () => view.toggleHold(), !connected)}
      ${toggle(view.keypadOpen, t.term('keypad'), 'keypad-button', () => view.toggleKeypad(), call.status !== 'active')}
      ${
        consult
          ? nothing
          : toggle(
              view.transferOpen,
              t.term('transfer'),
              'transfer-button',
              () => view.toggleTransfer(),
              !connected,
            )
      }
    </div>
    ${view.keypadOpen && call.status === 'active' ? renderInCallKeypad(view) : nothing}
    ${view.transferOpen && !consult ? renderTransfer(view) : nothing}
    ${
      consult && consult.consultation.id === call.id
        ? html`<div class="actions">
            <button
              type="button"
              class="button"
              part="button transfer-complete-button"
              ?disabled=${call.status !== 'active'}
              @click=${() => view.completeTransfer()}
            >
              ${t.term('transferComplete')}
            </button>
          </div>`
        : nothing
    }
    <div class="actions actions--center">
      <button
        type="button"
        class="button button--danger"
        part="button hangup-button"
        @click=${() => view.hangupCall()}
      >
        ${t.term('hangup')}
      </button>
    </div>
    ${renderWaiting(view)}
  </section>`;
}

/** The connection's quality (bars and a word) and, in plain words, what is wrong with the audio. */
function renderQuality(view: SoftphoneView, call: PhoneCall): TemplateResult | typeof nothing {
  const t = view.localize;
  const quality = call.quality;
  // A second without audio (on hold, reconnecting) says nothing about the line.
  const level = quality && quality.packets > 0 ? quality.level : undefined;
  return html`${
    level
      ? html`<p class="quality quality--${level}" part="quality">
          <span class="quality__bars" aria-hidden="true"><span></span><span></span><span></span></span>
          ${t.term('quality', level)}
        </p>`
      : nothing
  }
  ${call.warnings.map(
    (code) =>
      html`<p class="quality-warning" part="quality-warning" role="alert">
        ${t.term('qualityWarning', code)}
      </p>`,
  )}`;
}

/** The other calls on hold, each with a button to switch to it. */
function renderWaiting(view: SoftphoneView): TemplateResult | typeof nothing {
  if (view.waiting.length === 0) return nothing;
  const t = view.localize;
  return html`<div class="waiting" part="waiting">
    <h4 class="label">${t.term('onHoldList')}</h4>
    <ul class="list">
      ${view.waiting.map(
        (call) =>
          html`<li class="list__item">
            <span>${view.who(call)}</span>
            <button
              type="button"
              class="link"
              part="button switch-button"
              aria-label="${t.term('resume')}: ${view.who(call)}"
              @click=${() => view.switchTo(call)}
            >
              ${t.term('resume')}
            </button>
          </li>`,
      )}
    </ul>
  </div>`;
}
