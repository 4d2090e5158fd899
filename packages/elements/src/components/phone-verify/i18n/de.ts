import { de as deCommon } from '../../../i18n/de.js';
import type { PhoneVerifyTranslation } from './translation.js';

const seconds = (n: number) => `${n.toLocaleString('de')} ${n === 1 ? 'Sekunde' : 'Sekunden'}`;
const minutes = (n: number) => `${n.toLocaleString('de')} ${n === 1 ? 'Minute' : 'Minuten'}`;

export const de: PhoneVerifyTranslation = {
  ...deCommon,
  title: 'Telefonnummer bestätigen',
  intro: 'Wir senden Ihnen einen Code, um sicherzugehen, dass die Nummer Ihnen gehört.',
  countryLabel: 'Land',
  numberLabel: 'Telefonnummer',
  numberHint: 'Ihre Mobil- oder Festnetznummer, z. B. 030 1234567.',
  phoneProblem: (p) =>
    ({
      required: 'Bitte geben Sie Ihre Telefonnummer ein.',
      'too-short': 'Diese Nummer ist zu kurz. Bitte prüfen Sie sie.',
      'invalid-number': 'Das ist keine Telefonnummer des gewählten Landes. Bitte prüfen Sie sie.',
    })[p],
  channelLabel: 'Wie sollen wir den Code senden?',
  channelSms: 'Per Kurznachricht (SMS)',
  channelCallback: 'Per Anruf, der den Code vorliest',
  send: 'Code senden',
  sending: 'Wird gesendet …',
  codeSentSms: (n) => `Wir haben eine Kurznachricht mit einem Code an ${n} gesendet.`,
  codeSentCallback: (n) => `Wir rufen ${n} an; der Anruf liest Ihren Code vor.`,
  codeLabel: 'Code',
  codeHint: 'Nur die Ziffern.',
  confirm: 'Bestätigen',
  confirming: 'Wird geprüft …',
  codeProblem: (p, after) =>
    ({
      required: 'Bitte geben Sie den Code ein.',
      digits: 'Der Code besteht nur aus Ziffern. Bitte prüfen Sie ihn.',
      'wrong-code': 'Dieser Code stimmt nicht. Bitte prüfen Sie ihn oder fordern Sie einen neuen an.',
      expired: 'Dieser Code ist nicht mehr gültig. Bitte fordern Sie einen neuen an.',
      'too-many': after
        ? `Zu viele Versuche. Bitte warten Sie ${minutes(Math.ceil(after / 60))} und versuchen Sie es dann erneut.`
        : 'Zu viele Versuche. Bitte warten Sie eine Weile und versuchen Sie es dann erneut.',
    })[p],
  resend: 'Neuen Code senden',
  resendIn: (s) => `Neuer Code in ${seconds(s)} möglich`,
  resendReady: 'Sie können jetzt einen neuen Code anfordern.',
  otherNumber: 'Andere Nummer verwenden',
  reuseQuestion: (n) =>
    `${n} ist bereits bei einem anderen Konto bestätigt. Möchten Sie die Nummer auch für dieses Konto bestätigen?`,
  reuseYes: 'Ja, diese Nummer verwenden',
  reuseNo: 'Nein, andere Nummer verwenden',
  verified: (n) => `${n} ist bestätigt.`,
};
