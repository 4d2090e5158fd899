/**
 * "Test my setup": one button, then each check in plain language as its result comes (a polite live
 * region, so a screen reader hears each), with what to do when one needs attention, and a summary.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  PREFLIGHT_CHECKS,
  type CheckResult,
  type PreflightCheck,
  type PreflightValues,
} from '../../../phone/preflight.js';
import type { SettingsTranslation } from '../i18n/settings.js';

export type PreflightResults = { [K in PreflightCheck]?: CheckResult<PreflightValues[K]> };

export interface PreflightView {
  readonly t: SettingsTranslation;
  /** The checks' results so far (of the run going on, else of the last one). */
  readonly results: PreflightResults;
  /** A run is going on. */
  readonly testing: boolean;
  runPreflight(): void;
}

function line<K extends PreflightCheck>(view: PreflightView, check: K, running: boolean): TemplateResult {
  const t = view.t;
  const outcome = view.results[check] as CheckResult<PreflightValues[K]> | undefined;
  const state = outcome ? (outcome.ok ? 'ok' : 'problem') : running ? 'running' : 'waiting';
  const said = !outcome
    ? running
      ? t.checkRunning
      : t.checkWaiting
    : outcome.ok
      ? t.checkOk(check, outcome.value)
      : t.checkFailed;
  return html`<li
    class="list__item preflight__check"
    part="preflight-result preflight-result--${state}"
    data-check=${check}
  >
    <span>
      <strong>${t.checkName(check)}:</strong> ${said}
      ${outcome?.advice ? html`<span class="hint" part="preflight-advice">${t.advice(outcome.advice)}</span>` : nothing}
    </span>
  </li>`;
}

export function renderPreflight(view: PreflightView): TemplateResult {
  const t = view.t;
  const done = PREFLIGHT_CHECKS.filter((c) => view.results[c]);
  const ran = done.length > 0;
  const next = view.testing ? PREFLIGHT_CHECKS.find((c) => !view.results[c]) : undefined;
  const problems = done.filter((c) => !view.results[c]?.ok).length;
  return html`<section class="preflight" part="preflight" aria-labelledby="preflight-heading">
    <h4 class="label" id="preflight-heading">${t.preflightTitle}</h4>
    <p class="hint" id="preflight-hint">${t.preflightHint}</p>
    <div class="actions">
      <button
        type="button"
        class="button"
        part="button preflight-button"
        aria-describedby="preflight-hint"
        ?disabled=${view.testing}
        @click=${() => view.runPreflight()}
      >
        ${view.testing ? html`<span class="spinner" aria-hidden="true"></span>` : ''}${t.runPreflight(ran && !view.testing)}
      </button>
    </div>
    <div aria-live="polite">
      ${
        ran || view.testing
          ? html`<ul class="list" part="preflight-results">
              ${PREFLIGHT_CHECKS.map((check) => line(view, check, check === next))}
            </ul>`
          : nothing
      }
      ${
        ran && !view.testing ? html`<p part="preflight-summary">${t.preflightSummary(problems)}</p>` : nothing
      }
    </div>
  </section>`;
}
