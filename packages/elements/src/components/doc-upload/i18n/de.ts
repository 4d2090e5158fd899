import { de as deCommon } from '../../../i18n/de.js';
import { deDocuments } from '../../../i18n/documents-de.js';
import type { DocUploadTranslation } from './translation.js';

export const de: DocUploadTranslation = {
  ...deCommon,
  ...deDocuments,
  docTitle: 'Angaben und Unterlagen',
  chooseGroup: 'Wessen Angaben sollen verwendet werden?',
  newGroup: 'Neue Angaben eingeben',
  salutationLabel: 'Die Nummer ist für',
  salutation: (s) => ({ MR: 'Herrn', MS: 'Frau', COMPANY: 'eine Firma' })[s],
  section: (section, company) =>
    ({
      company: 'Angaben zur Firma',
      person: company ? 'Ansprechperson' : 'Person',
      contact: 'Kontakt',
      address: company ? 'Firmenanschrift' : 'Wohnanschrift',
      id: 'Ausweisdokument',
    })[section],
  optional: '(freiwillig)',
  choose: 'Bitte wählen',
  idType: (type) =>
    ({
      PASSPORT: 'Reisepass',
      NATIONAL_ID_CARD: 'Personalausweis',
      RESIDENCE_PERMIT: 'Aufenthaltstitel',
      DNI: 'DNI (Spanien)',
      NIE: 'NIE (Spanien)',
      BUSINESS_REGISTRATION: 'Handelsregisterauszug',
    })[type] ?? type,
  problem: (problem) =>
    ({
      required: 'Bitte ausfüllen.',
      email: 'Bitte eine E-Mail-Adresse wie name@beispiel.de eingeben.',
      phone: 'Bitte die Nummer mit Ländervorwahl eingeben, z. B. +49 30 1234567.',
      country: 'Bitte ein Land aus der Liste wählen.',
      date: 'Bitte ein gültiges Datum eingeben.',
      future: 'Dieses Datum liegt in der Zukunft.',
    })[problem],
  formProblems: (n) =>
    n === 1 ? 'Bitte prüfen Sie das markierte Feld.' : `Bitte prüfen Sie die ${n} markierten Felder.`,
  saveDetails: 'Speichern und weiter',
  saving: 'Wird gespeichert …',
  cancel: 'Abbrechen',
  editDetails: 'Angaben ändern',
  otherDetails: 'Andere Angaben verwenden',
  readonlyNote: 'Diese Angaben sind geprüft und lassen sich nicht mehr ändern.',
  documentsTitle: 'Unterlagen',
  dropZone: 'Datei hierher ziehen oder auswählen',
  dropHint: (limit) => `Foto oder PDF, bis ${limit}. Größere Fotos werden automatisch verkleinert.`,
  takePhoto: 'Foto aufnehmen',
  fileState: (state) =>
    ({ verified: 'geprüft', checking: 'wird geprüft', rejected: 'nicht akzeptiert' })[state],
  noFiles: 'Noch nichts hochgeladen.',
  refused: (reason, limit) =>
    ({
      empty: 'Diese Datei ist leer.',
      unreadable: 'Diese Datei ließ sich nicht lesen. Bitte wählen Sie sie noch einmal.',
      type: 'Diese Datei ist weder ein Foto (JPEG, PNG, GIF, WebP, TIFF) noch ein PDF, egal wie sie heißt.',
      size: `Diese Datei ist größer als ${limit}. Bitte verkleinern Sie sie oder fotografieren Sie das Dokument.`,
    })[reason],
  preparing: 'Foto wird verkleinert …',
  uploading: (percent) => `Wird hochgeladen … ${percent} %`,
  waiting: 'Wird verarbeitet – warte auf die Antwort …',
  uploaded: 'Hochgeladen.',
  reducedFrom: (size) => `verkleinert von ${size}`,
  cancelUpload: 'Hochladen abbrechen',
  remove: 'Entfernen',
  replace: 'Ersetzen',
  addAnother: 'Weitere Datei hinzufügen',
  wrongDocument: (type, message) => `${type} wurde nicht akzeptiert: ${message}`,
  wrongAddress: (message) => `Die Anschrift wurde nicht akzeptiert: ${message}`,
  fixAddress: 'Anschrift korrigieren',
  statusReady: 'Alles ist geprüft.',
  statusPending: 'Alles liegt vor und wird geprüft. Diese Seite aktualisiert sich selbst.',
  statusMissing: 'Bitte ergänzen Sie, was als fehlend markiert ist.',
  checkNow: 'Jetzt prüfen',
};
