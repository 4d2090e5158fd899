/**
 * The audio settings: the microphone, the speaker of the calls and the ringer, each a select with its
 * label (the system default first), a "test" button for each output, and "Test my setup" below. The
 * output pickers are left out where the browser cannot choose outputs (no `setSinkId`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { DeviceKind, DeviceList } from '../../../phone/devices.js';
import type { CheckResult } from '../../../phone/preflight.js';
import type { SettingsTranslation } from '../i18n/settings.js';
import { renderPreflight, type PreflightView } from './preflight.js';

export type OutputKind = 'speaker' | 'ringer';

export interface SettingsView extends PreflightView {
  readonly t: SettingsTranslation;
  readonly list: DeviceList;
  /** Whether outputs can be chosen. */
  readonly outputs: boolean;
  /** The device each kind uses now ('' the default). */
  deviceId(kind: DeviceKind): string;
  /** The test tone of each output: playing, or how it went. */
  readonly toneTests: Partial<Record<OutputKind, 'playing' | CheckResult<string>>>;
  choose(kind: DeviceKind, deviceId: string): void;
  testOutput(kind: OutputKind): void;
  /** Asks for the microphone once, so that the browser names the devices. */
  showNames(): void;
}

function select(view: SettingsView, kind: DeviceKind): TemplateResult {
  const t = view.t;
  const current = view.deviceId(kind);
  const options = kind === 'microphone' ? view.list.microphones : view.list.speakers;
  return html`<div class="device">
    <label class="label" for="device-${kind}">${t.device(kind)}</label>
    <select
      id="device-${kind}"
      class="input"
      part="device-select ${kind}-select"
      aria-describedby="device-${kind}-hint"
      @change=${(e: Event) => view.choose(kind, (e.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${current === ''}>${t.systemDefault}</option>
      ${options.map(
        (o, i) =>
          html`<option value=${o.deviceId} ?selected=${o.deviceId === current}>
            ${o.label || t.unnamedDevice(kind, i + 1)}
          </option>`,
      )}
    </select>
    <p class="hint" id="device-${kind}-hint">${t.deviceHint(kind)}</p>
  </div>`;
}

function toneTest(view: SettingsView, kind: OutputKind): TemplateResult {
  const t = view.t;
  const test = view.toneTests[kind];
  const said =
    test === undefined
      ? ''
      : test === 'playing'
        ? t.testPlaying
        : test.advice
          ? t.advice(test.advice)
          : t.testPlayed;
  return html`<div class="actions">
      <button
        type="button"
        class="button button--secondary"
        part="button test-${kind}-button"
        ?disabled=${test === 'playing'}
        @click=${() => view.testOutput(kind)}
      >
        ${t.testDevice(kind)}
      </button>
    </div>
    <p class="hint" part="test-result" role="status">${said}</p>`;
}

export function renderSettings(view: SettingsView): TemplateResult {
  const t = view.t;
  return html`<section class="settings" part="settings" aria-labelledby="settings-heading">
    <h3 class="label" id="settings-heading">${t.settingsTitle}</h3>
    ${
      view.list.labelled
        ? nothing
        : html`<p class="hint">${t.namesHint}</p>
            <button
              type="button"
              class="link"
              part="button show-names-button"
              @click=${() => view.showNames()}
            >
              ${t.showNames}
            </button>`
    }
    ${select(view, 'microphone')}
    ${
      view.outputs
        ? html`${select(view, 'speaker')} ${toneTest(view, 'speaker')} ${select(view, 'ringer')}
          ${toneTest(view, 'ringer')}`
        : html`<p class="hint" part="outputs-fixed">${t.outputsFixed}</p>`
    }
    ${renderPreflight(view)}
  </section>`;
}
