/** The calls of this session, newest first, each with a button to call again. */
import { html, type TemplateResult } from 'lit';
import type { SoftphoneView } from './view.js';

export function renderHistory(view: SoftphoneView): TemplateResult {
  const t = view.localize;
  const lang = t.lang();
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  return html`<section class="history" part="history" aria-labelledby="history-heading">
    <h3 class="label" id="history-heading">${t.term('history')}</h3>
    ${
      view.history.length === 0
        ? html`<p class="hint">${t.term('historyEmpty')}</p>`
        : html`<ol class="list">
            ${view.history.map((entry) => {
              const who = entry.name ?? view.formatNumber(entry.number);
              return html`<li class="list__item" part="history-entry">
                <span class="history__who">
                  <span>${who}</span>
                  <span class="hint">
                    ${t.term('direction', entry.direction)} · ${t.term('disposition', entry.disposition)}
                    ${entry.durationMs > 0 ? ` · ${t.term('duration', Math.round(entry.durationMs / 1000))}` : ''}
                    ·
                    <time datetime=${new Date(entry.endedAt).toISOString()}
                      >${time.format(entry.endedAt)}</time
                    >
                  </span>
                </span>
                <button
                  type="button"
                  class="link"
                  part="button call-again-button"
                  aria-label=${t.term('callBack', who)}
                  @click=${() => view.dialAgain(entry.number)}
                >
                  ${t.term('call')}
                </button>
              </li>`;
            })}
          </ol>`
    }
  </section>`;
}
