/** The PBX set-up's texts (on top of the shared ones). */
import type { CommonTranslation } from '../../../i18n/translation.js';

export type PbxSection = 'extensions' | 'menus';

export interface PbxSetupTranslation extends CommonTranslation {
  setupTitle: string;
  section: (section: PbxSection) => string;
  extensionsEmpty: string;
  extension: (number: string) => string;
  online: string;
  offline: string;
  addQuantity: string;
  addButton: string;
  added: (numbers: string[]) => string;
  password: string;
  passwordHint: string;
  passwordWeak: string;
  showPassword: string;
  hidePassword: string;
  savePassword: string;
  passwordSaved: (number: string) => string;
  recording: string;
  recordingOff: string;
  recordingCloud: string;
  notifications: string;
  notification: (name: string) => string;
}
