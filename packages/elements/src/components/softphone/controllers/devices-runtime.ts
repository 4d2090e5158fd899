/**
 * The device logic of `<zd-softphone>` (a chunk, loaded by DevicesController on "enable calls" or with
 * the settings): the choices remembered for the site (ids and labels only, phone/devices.ts), what they
 * mean with the devices plugged in now (`devicechange`: a chosen device unplugged falls back to the
 * default, and back when it returns), the engine told of the microphone (mid-call too: the engine swaps
 * the track), and the call's and the ringtone's `<audio>` routed to their outputs (`setSinkId`).
 */
import type { ReactiveController } from 'lit';
import {
  DEVICE_KINDS,
  canChooseOutput,
  listDevices,
  loadChoices,
  resolveChoice,
  routeAudio,
  saveChoices,
  withChoice,
  type DeviceChoices,
  type DeviceKind,
  type DeviceList,
  type DeviceOption,
} from '../../../phone/devices.js';
import type { PhoneEngine } from '../../../phone/types.js';
import type { DevicesController } from './devices.js';

export class DevicesRuntime implements ReactiveController {
  readonly #devices: DevicesController;
  /** The devices there now (labels once the microphone is allowed). */
  list: DeviceList = { microphones: [], speakers: [], labelled: false };
  choices: DeviceChoices = {};
  /** Whether outputs can be chosen (`setSinkId`); without, the speaker and ringer pickers are hidden. */
  readonly outputs = canChooseOutput();
  #engine: PhoneEngine | undefined;
  /** The microphone the engine was told of. */
  #engineMicrophone = '';
  /** The devices have been read once (before, a remembered one might be gone: the engine waits). */
  #listed = false;
  readonly #refreshNow = () => void this.refresh();

  constructor(devices: DevicesController) {
    this.#devices = devices;
    devices.host.addController(this); // (calls hostConnected at once when the element is connected)
    this.attach(devices.engine);
  }

  hostConnected(): void {
    this.choices = loadChoices();
    navigator.mediaDevices?.addEventListener('devicechange', this.#refreshNow);
    void this.refresh();
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.#refreshNow);
    this.attach(undefined);
  }

  /** The element's engine (undefined once it stops), told of the chosen microphone. */
  attach(engine: PhoneEngine | undefined): void {
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

  /** The person's choice ('' the default), remembered for the site. */
  choose(kind: DeviceKind, deviceId: string): void {
    this.choices = withChoice(this.choices, this.list, kind, deviceId);
    saveChoices(this.choices);
    this.#tellEngine();
    this.#devices.host.requestUpdate();
  }

  /** Reads the devices again (plugged, unplugged, or named now). */
  async refresh(): Promise<void> {
    try {
      this.list = await listDevices();
    } catch {
      // No media devices here (an insecure page): nothing to choose.
    }
    this.#listed = true;
    this.#tellEngine();
    this.#devices.host.requestUpdate();
  }

  #tellEngine(): void {
    const engine = this.#engine;
    const microphone = this.deviceId('microphone');
    if (!engine || !this.#listed || microphone === this.#engineMicrophone) return;
    this.#engineMicrophone = microphone;
    engine
      .setMicrophone(microphone)
      .catch((error: unknown) => this.#devices.fail(error, 'softphone.microphone'));
  }

  /** The outputs of the call and of the ringtone (the ringer follows the speaker unless chosen). */
  sinks(): { speaker: string; ringer: string } {
    const speaker = this.deviceId('speaker') || this.#devices.host.sinkId;
    return { speaker, ringer: this.deviceId('ringer') || speaker };
  }

  hostUpdated(): void {
    if (!this.outputs) return;
    const { speaker, ringer } = this.sinks();
    const root = this.#devices.host.renderRoot;
    for (const [audio, sink] of [
      [root.querySelector<HTMLAudioElement>('audio.remote'), speaker],
      [root.querySelector<HTMLAudioElement>('audio.ringtone'), ringer],
    ] as const) {
      if (audio && audio.sinkId !== sink)
        routeAudio(audio, sink).catch((error: unknown) => this.#devices.fail(error, 'softphone.sink'));
    }
  }
}
