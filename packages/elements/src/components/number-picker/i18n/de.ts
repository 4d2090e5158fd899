import { de as deCommon, n, plural } from '../../../i18n/de.js';
import { deDocuments } from '../../../i18n/documents-de.js';
import type { PickerTranslation } from './translation.js';

export const de: PickerTranslation = {
  ...deCommon,
  ...deDocuments,
  pickerTitle: 'Telefonnummer erhalten',
  stepLabel: (step) =>
    ({
      country: 'Land',
      destination: 'Stadt oder Bereich',
      number: 'Nummer',
      requirements: 'Unterlagen',
      order: 'Bestellung',
      done: 'Fertig',
    })[step],
  countrySearch: 'Länder durchsuchen',
  countryNone: 'Kein Land passt zu Ihrer Suche.',
  countryEmpty: 'Gerade sind keine Länder verfügbar.',
  countryCount: (x) => plural(x, 'Land', 'Länder'),
  destinationSearch: 'Städte und Bereiche durchsuchen',
  destinationNone: 'Keine Stadt und kein Bereich passt zu Ihrer Suche.',
  destinationEmpty: 'In diesem Land gibt es gerade keine Nummern.',
  connectFee: 'Einrichtung',
  perMonth: (price) => `${price} / Monat`,
  free: 'kostenlos',
  badgeSms: 'SMS',
  badgeTollFree: 'Gebührenfrei',
  connectTime: (days) => (days <= 0 ? 'Sofort aktiv' : `Aktiv innerhalb von ${plural(days, 'Tag', 'Tagen')}`),
  requires: 'Benötigt',
  noRequirements: 'Keine Unterlagen nötig',
  numberMask: 'Ziffern, die die Nummer enthalten soll',
  numberMaskHint: 'Zum Beispiel 777 oder 1234. Leer lassen, um alle Nummern zu sehen.',
  numbersEmpty: 'In diesem Bereich ist gerade keine Nummer frei.',
  numbersNoMatch: (mask) => `Keine freie Nummer enthält ${mask}.`,
  numbersCount: (shown, total) =>
    shown < total
      ? `${n(shown)} von ${plural(total, 'Nummer', 'Nummern')}`
      : plural(total, 'Nummer', 'Nummern'),
  showMore: 'Weitere Nummern zeigen',
  requirementsIntro:
    'Nummern in diesem Bereich brauchen Angaben und Unterlagen der Person oder Firma, die sie nutzt.',
  groupsEmpty: 'Sie haben noch keine Angaben und Unterlagen hinterlegt.',
  groupLabel: 'Angaben und Unterlagen von',
  requirementsOk: 'Alles Nötige liegt vor.',
  requirementsMissing:
    'Noch fehlen Angaben oder Unterlagen. Bitte ergänzen Sie sie und prüfen Sie dann erneut.',
  requirementsPending:
    'Alles eingereicht, Ihre Unterlagen werden geprüft. Sie können schon bestellen: Die Nummer wird aktiv, sobald sie geprüft sind.',
  requirementsBelow: 'Bitte ergänzen Sie unten Ihre Angaben und Dokumente.',
  uploadDocuments: 'Angaben und Unterlagen ergänzen',
  recheck: 'Erneut prüfen',
  chosenNumber: 'Nummer',
  period: 'Im Voraus bezahlen für',
  periodOption: (months) => plural(months, 'Monat', 'Monate'),
  autorenew: 'Automatisch verlängern',
  renewal: (setting) =>
    ({ month: 'Jeden Monat', year: 'Jedes Jahr', off: 'Nein, nach der bezahlten Zeit beenden' })[setting],
  receiveSms: 'SMS auf dieser Nummer empfangen',
  purpose: 'Wofür werden Sie die Nummer nutzen?',
  purposeRequired: 'Bitte beschreiben Sie, wofür Sie die Nummer nutzen.',
  total: 'Jetzt zu zahlen',
  paidFor: 'Bezahlt für',
  paid: 'Bezahlt',
  totalDetail: (connect, monthly, months) => `Einrichtung ${connect} + ${months} × ${monthly}`,
  balance: (amount) => `Guthaben: ${amount}`,
  balanceLow: 'Ihr Guthaben reicht für diese Bestellung nicht aus.',
  orderButton: (total) => `Für ${total} bestellen`,
  ordering: 'Wird bestellt …',
  orderUncertain:
    'Die Bestellung ließ sich nicht bestätigen. Ein neuer Versuch ist sicher: Dieselbe Bestellung wird nie zweimal ausgeführt.',
  orderedActivated: (number) => `${number} gehört Ihnen und ist aktiv.`,
  orderedReserved: (number) => `${number} ist für Sie reserviert, bis die Zahlung eingeht.`,
  orderedPending: (number) => `${number} gehört Ihnen. Sie wird aktiv, sobald Ihre Unterlagen geprüft sind.`,
  routeTitle: 'Wohin sollen Anrufe gehen?',
  sipId: 'SIP-Login oder SIP-URI',
  sipIdHint: 'Zum Beispiel 100 oder 12345@sip.example.com',
  callerName: 'Anrufername',
  callerNameHint: 'Lateinische Buchstaben und Ziffern, höchstens 30 Zeichen',
  callerNameInvalid:
    'Bitte nur lateinische Buchstaben, Ziffern und Leerzeichen verwenden, höchstens 30 Zeichen.',
  sipIdInvalid: 'Bitte einen SIP-Login (Ziffern) oder eine SIP-URI wie 12345@sip.example.com eingeben.',
  newOrder: 'Weitere Nummer bestellen',
};
