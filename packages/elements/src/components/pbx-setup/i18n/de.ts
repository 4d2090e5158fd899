import { de as deCommon } from '../../../i18n/de.js';
import type { PbxSetupTranslation } from './translation.js';

export const de: PbxSetupTranslation = {
  ...deCommon,
  setupTitle: 'Telefonanlage',
  section: (section) => ({ extensions: 'Nebenstellen', menus: 'Sprachmenüs' })[section],
  extensionsEmpty: 'Ihre Telefonanlage hat noch keine Nebenstellen.',
  extension: (number) => `Nebenstelle ${number}`,
  online: 'angemeldet',
  offline: 'nicht angemeldet',
  addQuantity: 'Wie viele Nebenstellen hinzufügen',
  addButton: 'Nebenstellen hinzufügen',
  added: (numbers) => `Hinzugefügt: ${numbers.join(', ')}.`,
  password: 'Neues Passwort',
  passwordHint:
    'Mindestens 8 Zeichen, mit Buchstaben und Ziffern, ohne Leerzeichen. Nach dem Speichern wird es nicht mehr angezeigt.',
  passwordWeak:
    'Dieses Passwort ist zu schwach: mindestens 8 Zeichen mit Buchstaben und Ziffern, ohne Leerzeichen.',
  showPassword: 'Passwort anzeigen',
  hidePassword: 'Passwort verbergen',
  savePassword: 'Passwort speichern',
  passwordSaved: (number) => `Das Passwort der Nebenstelle ${number} ist gespeichert.`,
  recording: 'Gesprächsaufzeichnung',
  recordingOff: 'Aus',
  recordingCloud: 'In der Cloud',
  notifications: 'Anrufbenachrichtigungen',
  notification: (name) =>
    ({
      notify_start: 'Eingehender Anruf beginnt',
      notify_internal: 'Anruf erreicht eine Nebenstelle',
      notify_answer: 'Anruf angenommen',
      notify_end: 'Eingehender Anruf endet',
      notify_out_start: 'Ausgehender Anruf beginnt',
      notify_out_end: 'Ausgehender Anruf endet',
    })[name] ?? name,
};
