import type { DocumentTranslation } from './translation.js';

/** The documents' texts in German (the picker and the upload add them to theirs). */
// Zadarma's document types (documents.upload's `document_type`).
const DOCS: Record<string, string> = {
  passport: 'Personalausweis oder Reisepass',
  company_letter: 'Schreiben der Firma',
  phone_bill: 'Rechnung mit der Anschrift (Strom, Telefon …)',
  contract: 'Vertrag',
  receipt: 'Quittung',
  certificate: 'Bescheinigung',
  inn_ua: 'Ukrainische Steuernummer (INN)',
  photo_with_doc: 'Foto von Ihnen mit dem Dokument',
  photo_with_passport: 'Foto von Ihnen mit dem Ausweis',
  driver_id_us_ca: 'Führerschein aus den USA oder Kanada',
  driver_id_other: 'Führerschein',
};
// The fields of a document group (documents.groups.create), and the order's purpose.
const FIELDS: Record<string, string> = {
  salutation: 'Anrede',
  first_name: 'Vorname',
  middle_name: 'Zweiter Vorname',
  last_name: 'Nachname',
  date_of_birth: 'Geburtsdatum',
  nationality: 'Staatsangehörigkeit',
  email: 'E-Mail',
  phone: 'Telefon',
  organization: 'Firmenname',
  organization_description: 'Tätigkeit der Firma',
  organization_reg_number: 'Handelsregisternummer',
  country: 'Land',
  region: 'Bundesland oder Region',
  city: 'Ort',
  zip_code: 'Postleitzahl',
  street: 'Straße',
  building_number: 'Hausnummer',
  building_letter: 'Hausnummernzusatz',
  street_code: 'Straßenschlüssel',
  municipality_code: 'Gemeindeschlüssel',
  address: 'Anschrift',
  type_of_id: 'Art des Ausweises',
  id_number: 'Ausweisnummer',
  issuing_authority: 'Ausstellende Behörde',
  issuing_date: 'Ausstellungsdatum',
  purpose: 'Verwendungszweck',
};
const human = (s: string) => s.replace(/_/g, ' ');

export const deDocuments: DocumentTranslation = {
  invalidField: (field) => `Bitte prüfen Sie „${FIELDS[field] ?? human(field)}“.`,
  documentType: (type) => DOCS[type] ?? human(type),
  groupField: (field) => FIELDS[field] ?? human(field),
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
  checkPending: 'wird geprüft',
};
