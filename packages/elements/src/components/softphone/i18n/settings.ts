/**
 * The texts of the audio settings and "Test my setup" (settings-panel.ts). They come with that chunk,
 * not with the softphone's bundle, which only says "Audio settings" and that a device is gone. A
 * partner's `registerTranslation()` may set them too, like every text.
 */
import type { CommonTranslation, Texts } from '../../../i18n/translation.js';
import type { PreflightAdvice, PreflightCheck, PreflightValues } from '../../../phone/preflight.js';
import type { DeviceKind } from '../../../phone/devices.js';
import { settingsDe } from './settings-de.js';
import { settingsEn } from './settings-en.js';

export interface SettingsTranslation extends CommonTranslation {
  settingsTitle: string;
  device: (kind: DeviceKind) => string;
  deviceHint: (kind: DeviceKind) => string;
  systemDefault: string;
  /** A device the browser does not name yet (no microphone permission). */
  unnamedDevice: (kind: DeviceKind, n: number) => string;
  namesHint: string;
  showNames: string;
  /** The browser cannot choose outputs (no setSinkId): the speaker and ringer pickers are hidden. */
  outputsFixed: string;
  testDevice: (kind: 'speaker' | 'ringer') => string;
  testPlaying: string;
  testPlayed: string;
  preflightTitle: string;
  preflightHint: string;
  runPreflight: (again: boolean) => string;
  checkName: (check: PreflightCheck) => string;
  checkRunning: string;
  checkWaiting: string;
  /** A check that passed, with what it measured. */
  checkOk: <K extends PreflightCheck>(check: K, value: PreflightValues[K] | undefined) => string;
  checkFailed: string;
  advice: (advice: PreflightAdvice) => string;
  /** After the run: how many checks need attention (0: all is well). */
  preflightSummary: (problems: number) => string;
}

export const settingsTexts: Texts<SettingsTranslation> = { en: settingsEn, de: settingsDe };
