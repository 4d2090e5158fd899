/**
 * The audio devices a phone uses: the microphone, the speaker of the call and the ringer (where the
 * ringtone plays). No UI: lists of devices, the choice remembered per site, what a choice resolves to
 * now that devices come and go, and routing an `<audio>` to an output (`setSinkId`, where the browser
 * has it). The browser gives device labels only once the page may use the microphone. It comes with
 * the element's device logic (controllers/devices-runtime.ts), a chunk; opening a microphone is the
 * engine's (warmup.ts).
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
export const DEVICE_KINDS: readonly DeviceKind[] = ['microphone', 'speaker', 'ringer'];

/** The browser's audio inputs and outputs (the entries named `default`/`communications` are aliases). */
export async function listDevices(): Promise<DeviceList> {
  const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  const of = (kind: MediaDeviceKind) =>
    all
      .filter((d) => d.kind === kind && !/^(default|communications|)$/.test(d.deviceId))
      .map((d) => ({ deviceId: d.deviceId, label: d.label }));
  return {
    microphones: of('audioinput'),
    speakers: of('audiooutput'),
    labelled: all.some((d) => d.label !== ''),
  };
}

/**
 * The remembered choices: per kind an id (not empty) and a label, nothing else; anything else under the
 * key, or a storage the page may not use (a sandboxed frame), counts as nothing remembered.
 */
export function loadChoices(): DeviceChoices {
  const choices: DeviceChoices = {};
  try {
    const saved = JSON.parse(localStorage.getItem(DEVICES_KEY) ?? '{}') as Partial<
      Record<DeviceKind, Partial<DeviceOption> | null>
    >;
    for (const kind of DEVICE_KINDS) {
      const { deviceId, label } = saved[kind] ?? {};
      if (deviceId && typeof deviceId === 'string')
        choices[kind] = { deviceId, label: typeof label === 'string' ? label : '' };
    }
  } catch {
    // Unreadable: nothing remembered.
  }
  return choices;
}

/**
 * What a remembered choice means with the devices there now: its device, else the default, with `gone`
 * set. While the browser names no devices (no permission yet), the choice is taken as it is. (Ids are
 * stable per site in Chromium and Firefox; a browser that changes them shows the device as gone.)
 */
export function resolveChoice(
  choice: DeviceOption | undefined,
  options: readonly DeviceOption[],
  labelled: boolean,
): { deviceId: string; gone?: DeviceOption } {
  if (!choice) return { deviceId: '' };
  return !labelled || options.some((o) => o.deviceId === choice.deviceId)
    ? { deviceId: choice.deviceId }
    : { deviceId: '', gone: choice };
}

/** Whether this browser can send an `<audio>` to a chosen output (Chromium, Firefox lately; not Safari). */
export const canChooseOutput = (): boolean => 'setSinkId' in HTMLMediaElement.prototype;

/**
 * Routes `audio` to the output `deviceId` ('' the default). Without `setSinkId` it stays on the
 * system's output, and a device that went away meanwhile leaves it where it was: `false` then.
 */
export async function routeAudio(audio: HTMLMediaElement, deviceId: string): Promise<boolean> {
  if (!canChooseOutput()) return false;
  try {
    await audio.setSinkId(deviceId);
    return true;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return false;
    throw error;
  }
}

/** The choices with `kind` set to `deviceId` ('' the default: the kind is left out), its label from `list`. */
export function withChoice(
  choices: DeviceChoices,
  list: DeviceList,
  kind: DeviceKind,
  deviceId: string,
): DeviceChoices {
  const rest = Object.fromEntries(Object.entries(choices).filter(([k]) => k !== kind)) as DeviceChoices;
  if (!deviceId) return rest;
  const label = (kind === 'microphone' ? list.microphones : list.speakers).find(
    (d) => d.deviceId === deviceId,
  )?.label;
  return { ...rest, [kind]: { deviceId, label: label ?? '' } };
}

export function saveChoices(choices: DeviceChoices): void {
  const kept: DeviceChoices = {};
  for (const kind of DEVICE_KINDS) {
    const option = choices[kind];
    if (option?.deviceId) kept[kind] = { deviceId: option.deviceId, label: option.label };
  }
  try {
    if (Object.keys(kept).length) localStorage.setItem(DEVICES_KEY, JSON.stringify(kept));
    else localStorage.removeItem(DEVICES_KEY);
  } catch {
    // Full or forbidden (a private window, a sandboxed frame): the choice lasts for this page only.
  }
}
