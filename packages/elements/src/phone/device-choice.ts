/**
 * A device chosen in the settings, remembered for the site (ids and labels only). Apart from
 * devices.ts because only the settings (a chunk of their own) change a choice; the bundle only reads it.
 */
import {
  DEVICES_KEY,
  DEVICE_KINDS,
  type DeviceChoices,
  type DeviceKind,
  type DeviceList,
} from './devices.js';

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
