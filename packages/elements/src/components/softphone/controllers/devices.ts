/**
 * The audio devices of `<zd-softphone>`: this controller owns them for the element, and is kept small
 * because it is in the bundle. Its logic (the remembered choices, `devicechange`, the engine's
 * microphone, routing the call and the ringtone to their outputs) is `DevicesRuntime`, a chunk loaded
 * on "enable calls" (when devices start to matter) or when the settings are opened; the settings and
 * "Test my setup" are a second chunk (settings-panel.ts). Until the runtime is there, the page's
 * `sink-id` routes both `<audio>`s.
 */
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { loadChunk } from '../../../base/chunks.js';
import type { ZdClient } from '../../../client/zd-client.js';
import type { LocalizeController } from '../../../i18n/localize.js';
import type { PhoneEngine, PhoneEngineOptions } from '../../../phone/types.js';
import type { SoftphoneTranslation } from '../i18n/index.js';
import type { SettingsPanel } from '../settings-panel.js';
import type { DevicesRuntime } from './devices-runtime.js';

export interface DevicesHost extends ReactiveControllerHost, HTMLElement {
  readonly localize: LocalizeController<SoftphoneTranslation>;
  /** The page's output for calls and ringtone (`sink-id`), used while the person chose none. */
  readonly sinkId: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** What "Test my setup" needs of the element (read when it runs). */
export interface SetupContext {
  client: ZdClient;
  sip: string;
  engineFactory: (
    options: PhoneEngineOptions & { singleTab?: boolean },
  ) => PhoneEngine | Promise<PhoneEngine>;
}

export class DevicesController implements ReactiveController {
  readonly host: DevicesHost;
  readonly context: () => SetupContext;
  /** Shows and reports a failure (`zd-error`). */
  readonly fail: (error: unknown, operation: string) => void;
  /** The settings are shown. */
  open = false;
  /** The device logic, once loaded. */
  runtime: DevicesRuntime | undefined;
  #engine: PhoneEngine | undefined;
  #loading: Promise<DevicesRuntime> | undefined;
  #panel: SettingsPanel | undefined;

  constructor(
    host: DevicesHost,
    context: () => SetupContext,
    fail: (error: unknown, operation: string) => void,
  ) {
    this.host = host;
    this.context = context;
    this.fail = fail;
    host.addController(this);
  }

  get engine(): PhoneEngine | undefined {
    return this.#engine;
  }

  /** The element's engine (undefined once it stops): the runtime tells it the chosen microphone. */
  set engine(engine: PhoneEngine | undefined) {
    this.#engine = engine;
    if (this.runtime) this.runtime.attach(engine);
    else if (engine) this.load().catch((error: unknown) => this.fail(error, 'chunk:softphone-devices'));
  }

  /** Loads the device logic (once; after a failure, a later call tries again). */
  load(): Promise<DevicesRuntime> {
    this.#loading ??= loadChunk('softphone-devices', () => import('./devices-runtime.js')).then(
      ({ DevicesRuntime }) => (this.runtime ??= new DevicesRuntime(this)),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  hostUpdated(): void {
    const sink = this.host.sinkId;
    if (this.runtime || !('setSinkId' in HTMLMediaElement.prototype)) return;
    for (const audio of this.host.renderRoot.querySelectorAll('audio'))
      if (audio.sinkId !== sink)
        audio.setSinkId(sink).catch((error: unknown) => this.fail(error, 'softphone.sink'));
  }

  /** Shows or hides the settings (loading them the first time). */
  toggle(): void {
    this.open = !this.open;
    this.host.requestUpdate();
    if (!this.open || this.#panel) return;
    Promise.all([this.load(), loadChunk('softphone-settings', () => import('../settings-panel.js'))])
      .then(([runtime, { SettingsPanel }]) => {
        void runtime.refresh();
        this.#panel ??= new SettingsPanel(this, runtime);
        this.host.requestUpdate();
      })
      .catch((error: unknown) => this.fail(error, 'chunk:softphone-settings'));
  }

  /** The settings button, what fell back to the default, and the settings when open. */
  render(): TemplateResult {
    const t = this.host.localize;
    return html`<button
        type="button"
        class="link"
        part="button settings-button"
        aria-expanded=${this.open ? 'true' : 'false'}
        @click=${() => this.toggle()}
      >
        ${t.term('audioSettings')}
      </button>
      ${this.runtime?.gone.map(
        (d) => html`<p class="hint" part="device-notice">${t.term('deviceGone', d.label)}</p>`,
      )}
      ${this.open ? this.#panel?.render() : nothing}`;
  }
}
