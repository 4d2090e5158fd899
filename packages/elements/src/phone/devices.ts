/**
 * The audio devices a phone uses: the microphone, the speaker of the call and the ringer (where the
 * ringtone plays). No UI: lists of devices, the choice remembered per site, what a choice resolves to
 * now that devices come and go, and routing an `<audio>` to an output (`setSinkId`, where the browser
 * has it). The browser gives device labels only once the page may use the microphone.
 */
export type DeviceKind = 'microphone' | 'speaker' | 'ringer';

/** A device as the person sees it (`deviceId` '' is the system's default). */
export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface DeviceList {
  microphones: DeviceOption[];
  speakers: DeviceOption[];
  /** Whether the browser told the devices' names (it does after the microphone permission). */
  labelled: boolean;
}

/** What the person chose, per kind; a kind left out uses the default. */
export type DeviceChoices = Partial<Record<DeviceKind, DeviceOption>>;

/** localStorage is the site's own (per origin); only device ids and labels are kept under this key. */
export const DEVICES_KEY = 'zd-softphone-devices';
const KINDS: readonly DeviceKind[] = ['microphone', 'speaker', 'ringer'];

/** The browser's audio inputs and outputs (the entries named `default`/`communications` are aliases). */
export async function listDevices(): Promise<DeviceList> {
  const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  const of = (kind: MediaDeviceKind) =>
    all
      .filter(
        (d) => d.kind === kind && d.deviceId && d.deviceId !== 'default' && d.deviceId !== 'communications',
      )
      .map((d) => ({ deviceId: d.deviceId, label: d.label }));
  return {
    microphones: of('audioinput'),
    speakers: of('audiooutput'),
    labelled: all.some((d) => d.label !== ''),
  };
}

const isOption = (v: unknown): v is DeviceOption =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as DeviceOption).deviceId === 'string' &&
  typeof (v as DeviceOption).label === 'string';

/** The remembered choices; anything else under the key (or a storage the page may not use) is ignored. */
export function loadChoices(storage: Storage | undefined = safeLocalStorage()): DeviceChoices {
  const choices: DeviceChoices = {};
  try {
    const saved = JSON.parse(storage?.getItem(DEVICES_KEY) ?? '{}') as Record<string, unknown>;
    for (const kind of KINDS) {
      const option = saved[kind];
      if (isOption(option) && option.deviceId)
        choices[kind] = { deviceId: option.deviceId, label: option.label };
    }
  } catch {
    // Unreadable: nothing remembered.
  }
  return choices;
}

export function saveChoices(choices: DeviceChoices, storage: Storage | undefined = safeLocalStorage()): void {
  const kept: DeviceChoices = {};
  for (const kind of KINDS) {
    const option = choices[kind];
    if (option?.deviceId) kept[kind] = { deviceId: option.deviceId, label: option.label };
  }
  try {
    if (Object.keys(kept).length) storage?.setItem(DEVICES_KEY, JSON.stringify(kept));
    else storage?.removeItem(DEVICES_KEY);
  } catch {
    // Full or forbidden (a private window, a sandboxed frame): the choice lasts for this page only.
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * What a remembered choice means with the devices there now: its device (found by id, else by label,
 * as ids may change between sessions in some browsers), else the default, with `gone` set. While the
 * browser names no devices (no permission yet), the choice is taken as it is.
 */
export function resolveChoice(
  choice: DeviceOption | undefined,
  options: readonly DeviceOption[],
  labelled: boolean,
): { deviceId: string; gone?: DeviceOption } {
  if (!choice) return { deviceId: '' };
  if (!labelled) return { deviceId: choice.deviceId };
  const found =
    options.find((o) => o.deviceId === choice.deviceId) ??
    (choice.label ? options.find((o) => o.label === choice.label) : undefined);
  return found ? { deviceId: found.deviceId } : { deviceId: '', gone: choice };
}

/** Whether this browser can send an `<audio>` to a chosen output (Firefox only lately, Safari not). */
export const canChooseOutput = (): boolean =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/**
 * Routes `audio` to the output `deviceId` ('' the default). Without `setSinkId` it stays on the
 * system's output and `false` comes back; a device that went away meanwhile also leaves the default.
 */
export async function routeAudio(audio: HTMLMediaElement, deviceId: string): Promise<boolean> {
  if (!canChooseOutput()) return false;
  if (audio.sinkId === deviceId) return true;
  try {
    await audio.setSinkId(deviceId);
    return true;
  } catch (error) {
    if (deviceId) await audio.setSinkId('').catch(() => undefined);
    if (error instanceof DOMException && error.name === 'NotFoundError') return false;
    throw error;
  }
}

/** getUserMedia's constraints for a microphone ('' the default). */
export const microphoneConstraints = (deviceId: string): MediaStreamConstraints => ({
  audio: deviceId ? { deviceId: { exact: deviceId } } : true,
  video: false,
});

/** Whether getUserMedia failed because that device is not there (unplugged, or its id changed). */
export const deviceGone = (cause: unknown): boolean =>
  cause instanceof DOMException && (cause.name === 'OverconstrainedError' || cause.name === 'NotFoundError');
