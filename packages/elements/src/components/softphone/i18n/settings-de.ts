import { de as deCommon } from '../../../i18n/de.js';
import type { SettingsTranslation } from './settings.js';

const CHECKS = {
  microphone: 'Mikrofon',
  speaker: 'Lautsprecher',
  gateway: 'Verbindung zum Telefonserver',
  registration: 'Anmeldung am Telefonserver',
  network: 'Netzwerk für Gespräche',
};

export const settingsDe: SettingsTranslation = {
  ...deCommon,
  settingsTitle: 'Audioeinstellungen',
  device: (kind) =>
    ({ microphone: 'Mikrofon', speaker: 'Lautsprecher für Gespräche', ringer: 'Klingelton' })[kind],
  deviceHint: (kind) =>
    ({
      microphone: 'Gilt sofort, auch während eines Gesprächs.',
      speaker: 'Hierüber hören Sie Ihr Gegenüber.',
      ringer:
        'Hier klingelt das Telefon – zum Beispiel über die Lautsprecher des Computers, während Sie ein Headset tragen.',
    })[kind],
  systemDefault: 'Systemstandard',
  unnamedDevice: (kind, n) => `${kind === 'microphone' ? 'Mikrofon' : 'Lautsprecher'} ${n}`,
  namesHint: 'Erlauben Sie den Zugriff auf das Mikrofon, damit die Namen Ihrer Geräte erscheinen.',
  showNames: 'Gerätenamen anzeigen',
  outputsFixed:
    'Dieser Browser gibt Gespräche und Klingelton über den Standardlautsprecher des Systems wieder. Sie können ihn in den Systemeinstellungen ändern.',
  testDevice: (kind) => (kind === 'speaker' ? 'Lautsprecher testen' : 'Klingelton testen'),
  testPlaying: 'Ein Ton wird abgespielt …',
  testPlayed:
    'Haben Sie einen Ton gehört? Falls nicht, wählen Sie ein anderes Gerät oder stellen Sie die Lautstärke höher.',
  preflightTitle: 'Einrichtung testen',
  preflightHint: 'Prüft Mikrofon, Lautsprecher, die Verbindung zum Telefonserver und Ihr Netzwerk.',
  runPreflight: (again) => (again ? 'Erneut testen' : 'Einrichtung testen'),
  checkName: (check) => CHECKS[check],
  checkRunning: 'Wird geprüft …',
  checkWaiting: 'Wartet',
  checkOk: (check, value) => {
    const v = value as { rttMs?: number } | number | string | undefined;
    switch (check) {
      case 'microphone':
        return `Funktioniert (Pegel ${String(v)} dB)`;
      case 'speaker':
        return 'Ein Ton wurde abgespielt';
      case 'gateway':
        return `Erreichbar (Antwort nach ${typeof v === 'object' ? v.rttMs : '?'} ms)`;
      case 'registration':
        return typeof v === 'number' ? `Angemeldet (nach ${v} ms)` : 'Angemeldet';
      default:
        return 'Gespräche erreichen das Internet';
    }
  },
  checkFailed: 'Problem',
  advice: (advice) =>
    ({
      'microphone-blocked':
        'Der Browser darf Ihr Mikrofon nicht verwenden. Erlauben Sie es in der Adressleiste (Schloss- oder Mikrofonsymbol) und testen Sie erneut.',
      'no-audio':
        'Von Ihrem Mikrofon kommt kein Ton. Prüfen Sie, ob es stummgeschaltet ist, oder wählen Sie ein anderes Mikrofon.',
      'output-fixed':
        'Der Ton kam über den Standardlautsprecher des Systems – dieser Browser kann keinen anderen wählen.',
      'playback-blocked':
        'Der Browser hat den Ton nicht abgespielt. Klicken Sie noch einmal auf „Einrichtung testen“ oder erlauben Sie Ton für diese Website.',
      'no-credentials':
        'Die Zugangsdaten des Telefons konnten nicht geladen werden. Fragen Sie Ihre Administration, ob Anrufe für Sie eingerichtet sind.',
      'gateway-unreachable':
        'Der Telefonserver ist nicht erreichbar. Möglicherweise blockiert eine Firewall oder ein Proxy WebSocket-Verbindungen – fragen Sie Ihre IT-Abteilung.',
      'gateway-silent':
        'Der Telefonserver hat die Verbindung angenommen, aber nicht geantwortet. Versuchen Sie es später noch einmal.',
      'register-refused':
        'Der Telefonserver hat die Anmeldung Ihrer Durchwahl abgelehnt. Bitten Sie Ihre Administration, das Passwort zu prüfen.',
      'register-failed':
        'Die Anmeldung am Telefonserver hat nicht geklappt. Versuchen Sie es gleich noch einmal.',
      'turn-needed':
        'Ihr Computer hat nur lokale Netzwerkadressen, und es ist kein Relay-Server (TURN) eingerichtet: Hinter einem Router kommen Gespräche dann womöglich ohne Ton zustande. Fragen Sie Ihre Administration nach einem TURN-Server.',
      'no-network':
        'Der Browser hat kein Netzwerk für Gespräche gefunden. Prüfen Sie Ihre Internetverbindung.',
    })[advice],
  preflightSummary: (problems) =>
    problems === 0
      ? 'Alles funktioniert.'
      : problems === 1
        ? 'Bei einem Test gibt es einen Hinweis.'
        : `Bei ${problems} Tests gibt es Hinweise.`,
};
