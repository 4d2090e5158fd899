/**
 * The audio devices of `<zd-softphone>`: which microphone, speaker and ringer the person chose
 * (remembered for the site: ids and labels only, phone/devices.ts), what that means with the devices
 * plugged in now (`devicechange`: an unplugged choice falls back to the default and the element says
 * so), the engine told of the microphone (mid-call too: the engine swaps the track), and the call's and
 * the ringtone's `<audio>` routed to their outputs where the browser can (`setSinkId`). The settings
 * and "Test my setup" are a chunk (settings-panel.ts), loaded when the person opens them.
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
import {
  DEVICE_KINDS,
  canChooseOutput,
  listDevices,
  loadChoices,
  resolveChoice,
  routeAudio,
  type DeviceChoices,
  type DeviceKind,
  type DeviceList,
  type DeviceOption,
} from '../../../phone/devices.js';
import type { PhoneEngine, PhoneEngineOptions } from '../../../phone/types.js';
import type { SoftphoneTranslation } from '../i18n/index.js';
import type { SettingsPanel } from '../settings-panel.js';

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
  engineFactory: (options: PhoneEngineOptions) => PhoneEngine | Promise<PhoneEngine>;
}

export class DevicesController implements ReactiveController {
  readonly host: DevicesHost;
  /** The devices there now (labels once the microphone is allowed). */
  list: DeviceList = { microphones: [], speakers: [], labelled: false };
  choices: DeviceChoices = {};
  /** Whether outputs can be chosen (`setSinkId`); without, the speaker and ringer pickers are hidden. */
  readonly outputs = canChooseOutput();
  /** The settings are shown. */
  open = false;
  readonly context: () => SetupContext;
  /** Shows and reports a failure (`zd-error`). */
  readonly fail: (error: unknown, operation: string) => void;
  #engine: PhoneEngine | undefined;
  /** The microphone the engine was told of. */
  #engineMicrophone = '';
  #panel: SettingsPanel | undefined;
  readonly #refreshNow = () => void this.refresh();

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

  hostConnected(): void {
    this.choices = loadChoices();
    navigator.mediaDevices?.addEventListener('devicechange', this.#refreshNow);
    void this.refresh();
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.#refreshNow);
    this.engine = undefined;
  }

  get engine(): PhoneEngine | undefined {
    return this.#engine;
  }

  /** The element's engine (undefined once it stops); told of the chosen microphone before it starts. */
  set engine(engine: PhoneEngine | undefined) {
    this.#engine?.removeEventListener('registration', this.#refreshNow);
    this.#engine = engine;
    this.#engineMicrophone = '';
    // Registered means the microphone was allowed (or refused): the devices now have names.
    engine?.addEventListener('registration', this.#refreshNow);
    this.#tellEngine();
  }

  #resolve(kind: DeviceKind): { deviceId: string; gone?: DeviceOption } {
    const { microphones, speakers, labelled } = this.list;
    return resolveChoice(this.choices[kind], kind === 'microphone' ? microphones : speakers, labelled);
  }

  /** The device a kind uses now ('' the default): the remembered one while it is there. */
  deviceId(kind: DeviceKind): string {
    return this.#resolve(kind).deviceId;
  }

  /** Chosen devices that are not there now (each uses the default meanwhile). */
  get gone(): DeviceOption[] {
    return DEVICE_KINDS.flatMap((kind) => this.#resolve(kind).gone ?? []);
  }

  /** The person chose (the settings remember it for the site: phone/device-choice.ts). */
  chose(choices: DeviceChoices): void {
    this.choices = choices;
    this.#tellEngine();
    this.host.requestUpdate();
  }

  /** Reads the devices again (plugged, unplugged, or named now). */
  async refresh(): Promise<void> {
    try {
      this.list = await listDevices();
    } catch {
      return; // no media devices here (an insecure page): nothing to choose
    }
    this.#tellEngine();
    this.host.requestUpdate();
  }

  #tellEngine(): void {
    const engine = this.#engine;
    const microphone = this.deviceId('microphone');
    if (!engine || microphone === this.#engineMicrophone) return;
    this.#engineMicrophone = microphone;
    engine.setMicrophone(microphone).catch((error: unknown) => this.fail(error, 'softphone.microphone'));
  }

  /** The outputs of the call and of the ringtone (the ringer follows the speaker unless chosen). */
  sinks(): { speaker: string; ringer: string } {
    const speaker = this.deviceId('speaker') || this.host.sinkId;
    return { speaker, ringer: this.deviceId('ringer') || speaker };
  }

  hostUpdated(): void {
    if (!this.outputs) return;
    const { speaker, ringer } = this.sinks();
    const root = this.host.renderRoot;
    for (const [audio, sink] of [
      [root.querySelector<HTMLAudioElement>('audio.remote'), speaker],
      [root.querySelector<HTMLAudioElement>('audio.ringtone'), ringer],
    ] as const) {
      if (audio && audio.sinkId !== sink)
        routeAudio(audio, sink).catch((error: unknown) => this.fail(error, 'softphone.sink'));
    }
  }

  /** Shows or hides the settings (loading them the first time). */
  toggle(): void {
    this.open = !this.open;
    this.host.requestUpdate();
    if (!this.open || this.#panel) return;
    void this.refresh();
    loadChunk('softphone-settings', () => import('../settings-panel.js'))
      .then(({ SettingsPanel }) => {
        this.#panel ??= new SettingsPanel(this);
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
      ${this.gone.map((d) => html`<p class="hint" part="device-notice">${t.term('deviceGone', d.label)}</p>`)}
      ${this.open ? this.#panel?.render() : nothing}`;
  }
}
