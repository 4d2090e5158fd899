import { en as enCommon } from '../../../i18n/en.js';
import type { PbxSetupTranslation } from './translation.js';

export const en: PbxSetupTranslation = {
  ...enCommon,
  setupTitle: 'Phone system',
  section: (section) => ({ extensions: 'Extensions', menus: 'Voice menus' })[section],
  extensionsEmpty: 'Your phone system has no extensions yet.',
  extension: (number) => `Extension ${number}`,
  online: 'online',
  offline: 'offline',
  addQuantity: 'How many extensions to add',
  addButton: 'Add extensions',
  added: (numbers) => `Added: ${numbers.join(', ')}.`,
  password: 'New password',
  passwordHint:
    'At least 8 characters, with letters and digits, no spaces. It is not shown again after saving.',
  passwordWeak: 'This password is too weak: use at least 8 characters with letters and digits, no spaces.',
  showPassword: 'Show password',
  hidePassword: 'Hide password',
  savePassword: 'Save password',
  passwordSaved: (number) => `The password of extension ${number} is saved.`,
  recording: 'Call recording',
  recordingOff: 'Off',
  recordingCloud: 'In the cloud',
  notifications: 'Call notifications',
  notification: (name) =>
    ({
      notify_start: 'Incoming call starts',
      notify_internal: 'Call reaches an extension',
      notify_answer: 'Call answered',
      notify_end: 'Incoming call ends',
      notify_out_start: 'Outgoing call starts',
      notify_out_end: 'Outgoing call ends',
    })[name] ?? name,
};
