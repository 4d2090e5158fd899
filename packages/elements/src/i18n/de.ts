import type { Translation } from './translation.js';

const DOCS: Record<string, string> = {
  passport: 'Ausweis oder Reisepass',
  company_letter: 'Schreiben der Firma',
  phone_bill: 'Rechnung mit Anschrift',
  registration: 'Handelsregisterauszug',
  address_proof: 'Adressnachweis',
};
const FIELDS: Record<string, string> = {
  first_name: 'Vorname',
  last_name: 'Nachname',
  organization: 'Firma',
  address: 'Anschrift',
  city: 'Ort',
  zip_code: 'Postleitzahl',
  street: 'Straße',
  building_number: 'Hausnummer',
  id_number: 'Ausweisnummer',
  nationality: 'Staatsangehörigkeit',
  purpose: 'Verwendungszweck',
};
const human = (s: string) => s.replace(/_/g, ' ');
const n = (x: number) => x.toLocaleString('de');
const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

export const de: Translation = {
  $code: 'de',
  $name: 'Deutsch',
  $dir: 'ltr',

  loading: 'Wird geladen …',
  retry: 'Erneut versuchen',
  change: 'Ändern',
  next: 'Weiter',
  error: (kind, after) => {
    switch (kind) {
      case 'network':
        return 'Der Dienst ist nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.';
      case 'rate-limited':
        return after
          ? `Gerade kommen zu viele Anfragen. Bitte versuchen Sie es in ${plural(after, 'Sekunde', 'Sekunden')} erneut.`
          : 'Gerade kommen zu viele Anfragen. Bitte versuchen Sie es gleich noch einmal.';
      case 'upstream':
        return 'Der Telefondienst antwortet gerade nicht richtig. Bitte versuchen Sie es erneut.';
      case 'unauthorized':
        return 'Ihre Sitzung ist abgelaufen. Bitte laden Sie die Seite neu.';
      case 'forbidden':
        return 'Das ist hier nicht erlaubt.';
      case 'invalid':
        return 'Die Anfrage wurde abgelehnt.';
      case 'not-found':
        return 'Diese Funktion ist hier nicht verfügbar.';
      case 'too-large':
        return 'Das ist zu groß.';
      case 'config':
        return 'Dieses Element ist nicht eingerichtet: Die Seite gibt ihm keinen Proxy und keine Sitzung.';
    }
  },
  errorDetail: 'Details',
  invalidField: (field) => `Bitte prüfen Sie „${FIELDS[field] ?? human(field)}“.`,

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
  documentType: (type) => DOCS[type] ?? human(type),
  groupField: (field) => FIELDS[field] ?? human(field),
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
  groupName: (name, id) => name || (id === 0 ? 'Hauptangaben' : `Angaben Nr. ${id}`),
  check: (check) =>
    ({
      information: 'Persönliche oder Firmenangaben vollständig',
      uploaded: 'Unterlagen hochgeladen',
      verified: 'Unterlagen geprüft',
      address: 'Anschrift im richtigen Land',
    })[check],
  checkPassed: 'erledigt',
  checkFailed: 'fehlt',
  requirementsOk: 'Alles Nötige liegt vor.',
  requirementsMissing: 'Es fehlt noch etwas. Bitte ergänzen Sie es und prüfen Sie dann erneut.',
  requirementsUnverified:
    'Sie können jetzt bestellen: Die Nummer wird aktiv, sobald Ihre Unterlagen geprüft sind.',
  uploadDocuments: 'Angaben und Unterlagen ergänzen',
  recheck: 'Erneut prüfen',
  chosenNumber: 'Nummer',
  period: 'Im Voraus bezahlen für',
  periodOption: (months) => plural(months, 'Monat', 'Monate'),
  autorenew: 'Automatisch verlängern',
  autorenewOff: 'Nein, nach der bezahlten Zeit beenden',
  autorenewMonth: 'Jeden Monat',
  autorenewYear: 'Jedes Jahr',
  receiveSms: 'SMS auf dieser Nummer empfangen',
  purpose: 'Wofür werden Sie die Nummer nutzen?',
  purposeRequired: 'Bitte beschreiben Sie, wofür Sie die Nummer nutzen.',
  total: 'Jetzt zu zahlen',
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
  save: 'Speichern',
  saved: 'Gespeichert.',
  newOrder: 'Weitere Nummer bestellen',
};
