import { de as deCommon } from '../../../i18n/de.js';
import type { SoftphoneTranslation } from './translation.js';

const KEYS: Record<string, string> = { '*': 'Stern', '#': 'Raute', '+': 'Plus' };

export const de: SoftphoneTranslation = {
  ...deCommon,
  softphoneTitle: 'Telefon',
  enableCalls: 'Anrufe aktivieren',
  enableHint: 'Anrufe nutzen Ihr Mikrofon. Ihr Browser fragt eventuell nach der Erlaubnis.',
  registration: (state) =>
    ({
      off: 'Anrufe sind aus',
      connecting: 'Verbindung wird aufgebaut …',
      registered: 'Bereit für Anrufe',
      reconnecting: 'Verbindung unterbrochen, neuer Versuch …',
      failed: 'Verbindung fehlgeschlagen',
    })[state],
  number: 'Nummer',
  numberHint: 'Mit Ländervorwahl (+49 …) oder national; eine Durchwahl wie 100.',
  dialPad: 'Wähltastatur',
  key: (key) => KEYS[key] ?? key,
  deleteDigit: 'Letzte Ziffer löschen',
  call: 'Anrufen',
  callNumber: (number) => `${number} anrufen`,
  hangup: 'Auflegen',
  answer: 'Annehmen',
  decline: 'Ablehnen',
  answerAndHold: 'Halten und annehmen',
  incomingCall: 'Eingehender Anruf',
  waitingCall: 'Ein weiterer Anruf wartet',
  unknownCaller: 'Unbekannter Anrufer',
  calledOn: (number) => `auf Ihrer Nummer ${number}`,
  status: (status, direction) =>
    ({
      dialing: 'Wird angerufen …',
      early: 'Es klingelt …',
      ringing: direction === 'incoming' ? 'Eingehender Anruf' : 'Es klingelt …',
      active: 'Verbunden',
      held: 'Gehalten',
      ended: 'Anruf beendet',
    })[status],
  callWith: (who, status) => `${who}: ${status}`,
  duration: (seconds) => {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return `${m}:${String(s).padStart(2, '0')}`;
  },
  mute: 'Stumm',
  hold: 'Halten',
  resume: 'Fortsetzen',
  keypad: 'Tastatur',
  transfer: 'Weiterleiten',
  transferTarget: 'Weiterleiten an',
  transferTargetHint: 'Eine Durchwahl oder eine Telefonnummer',
  transferBlind: 'Sofort weiterleiten',
  transferAttended: 'Erst sprechen',
  transferComplete: 'Weiterleitung abschließen',
  onHoldList: 'Gehalten',
  history: 'Letzte Anrufe',
  historyEmpty: 'Noch keine Anrufe.',
  disposition: (disposition) =>
    ({
      answered: 'Angenommen',
      declined: 'Abgelehnt',
      busy: 'Besetzt',
      cancelled: 'Abgebrochen',
      'no answer': 'Keine Antwort',
      failed: 'Fehlgeschlagen',
    })[disposition],
  direction: (direction) => (direction === 'incoming' ? 'Eingehend' : 'Ausgehend'),
  callBack: (number) => `${number} erneut anrufen`,
  audioSettings: 'Audioeinstellungen',
  deviceGone: (label) =>
    `${label || 'Ihr Gerät'} ist nicht angeschlossen – das Standardgerät wird verwendet.`,
  audioInOtherTab: 'Der Ton des Gesprächs läuft in Ihrem anderen Tab mit diesem Telefon.',
  quality: (level) => `Verbindung: ${{ good: 'gut', fair: 'mittel', poor: 'schlecht' }[level]}`,
  qualityWarning: (code) =>
    ({
      'losing-audio': 'Ihre Verbindung verliert Ton: Ihr Gegenüber hört womöglich Aussetzer.',
      'no-microphone-audio':
        'Von Ihrem Mikrofon kommt kein Ton. Prüfen Sie, ob es angeschlossen und eingeschaltet ist.',
      'high-latency': 'Ihre Verbindung ist langsam: Im Gespräch kann es Verzögerungen geben.',
    })[code],
  invalidNumber: (reason) =>
    ({
      empty: 'Bitte geben Sie eine Telefonnummer oder eine Durchwahl ein.',
      'too-short': 'Die Nummer ist zu kurz. Durchwahlen haben 3 Ziffern.',
      'invalid-characters': 'Wählbar sind nur Ziffern, + am Anfang, * und #.',
      'invalid-number':
        'Das ist keine gültige Telefonnummer. Bitte prüfen Sie sie oder ergänzen Sie die Ländervorwahl (+49 …).',
    })[reason],
};
