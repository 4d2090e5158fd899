/**
 * The audio settings and "Test my setup" of `<zd-softphone>`, a chunk of their own (with the checks of
 * phone/preflight.ts and their texts): loaded when the person first opens the settings. Holds what the
 * views show that lasts only while they are open (the tone tests, the checks' results); the device
 * state itself is the DevicesController's.
 */
import type { TemplateResult } from 'lit';
import { resolveTexts } from '../../i18n/localize.js';
import type { DeviceKind, DeviceList } from '../../phone/devices.js';
import { checkSpeaker, runPreflight } from '../../phone/preflight.js';
import type { PhoneEngine } from '../../phone/types.js';
import type { DevicesController } from './controllers/devices.js';
import type { DevicesRuntime } from './controllers/devices-runtime.js';
import { settingsTexts, type SettingsTranslation } from './i18n/settings.js';
import type { PreflightResults } from './views/preflight.js';
import { renderSettings, type OutputKind, type SettingsView } from './views/settings.js';

export class SettingsPanel implements SettingsView {
  readonly #devices: DevicesController;
  readonly #runtime: DevicesRuntime;
  toneTests: SettingsView['toneTests'] = {};
  results: PreflightResults = {};
  testing = false;

  constructor(devices: DevicesController, runtime: DevicesRuntime) {
    this.#devices = devices;
    this.#runtime = runtime;
  }

  get t(): SettingsTranslation {
    const { own, partner } = resolveTexts(settingsTexts, this.#devices.host.localize.lang());
    return partner ? { ...own, ...partner } : own;
  }
  get list(): DeviceList {
    return this.#runtime.list;
  }
  get outputs(): boolean {
    return this.#runtime.outputs;
  }
  deviceId(kind: DeviceKind): string {
    return this.#runtime.deviceId(kind);
  }
  choose(kind: DeviceKind, deviceId: string): void {
    this.#runtime.choose(kind, deviceId);
  }

  #update(): void {
    this.#devices.host.requestUpdate();
  }

  testOutput(kind: OutputKind): void {
    this.toneTests = { ...this.toneTests, [kind]: 'playing' };
    this.#update();
    void checkSpeaker(this.#runtime.sinks()[kind]).then((outcome) => {
      this.toneTests = { ...this.toneTests, [kind]: outcome };
      this.#update();
    });
  }

  showNames(): void {
    navigator.mediaDevices
      .getUserMedia({ audio: true })
      .then((stream) => {
        for (const track of stream.getTracks()) track.stop();
        return this.#runtime.refresh();
      })
      .catch((error: unknown) => this.#devices.fail(error, 'softphone.devices'));
  }

  runPreflight(): void {
    if (this.testing) return;
    this.testing = true;
    this.results = {};
    this.#update();
    void this.#run()
      .catch((error: unknown) => this.#devices.fail(error, 'softphone.preflight'))
      .finally(() => {
        this.testing = false;
        this.#update();
      });
  }

  async #run(): Promise<void> {
    const devices = this.#devices;
    const { client, sip, engineFactory } = devices.context();
    // The element's engine while it is registered (its registration is measured already), else one
    // of the test's own, started and stopped by the check.
    const running = devices.engine?.registration === 'registered' ? devices.engine : undefined;
    // (singleTab: the test's engine registers on its own, not as one more tab of the shared phone.)
    const engine = async (): Promise<PhoneEngine> =>
      running ?? engineFactory({ client, sip, singleTab: true });
    await runPreflight(
      {
        client,
        sip,
        microphone: this.#runtime.deviceId('microphone'),
        speaker: this.#runtime.sinks().speaker,
        engine,
      },
      (check, outcome) => {
        this.results = { ...this.results, [check]: outcome };
        this.#update();
      },
    );
  }

  render(): TemplateResult {
    return renderSettings(this);
  }
}
