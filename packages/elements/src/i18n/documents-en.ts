import type { DocumentTranslation } from './translation.js';

/** The documents' texts in English (the picker and the upload add them to theirs). */
// Zadarma's document types (documents.upload's `document_type`).
const DOCS: Record<string, string> = {
  passport: 'ID card or passport',
  company_letter: 'Letter from the company',
  phone_bill: 'Utility bill showing the address',
  contract: 'Contract',
  receipt: 'Receipt',
  certificate: 'Certificate',
  inn_ua: 'Ukrainian tax number (INN)',
  photo_with_doc: 'Photo of you holding the document',
  photo_with_passport: 'Photo of you holding your ID',
  driver_id_us_ca: 'US or Canadian driving licence',
  driver_id_other: 'Driving licence',
};
// The fields of a document group (documents.groups.create), and the order's purpose.
const FIELDS: Record<string, string> = {
  salutation: 'Title',
  first_name: 'First name',
  middle_name: 'Middle name',
  last_name: 'Last name',
  date_of_birth: 'Date of birth',
  nationality: 'Nationality',
  email: 'Email',
  phone: 'Phone',
  organization: 'Company name',
  organization_description: 'What the company does',
  organization_reg_number: 'Company registration number',
  country: 'Country',
  region: 'Region or state',
  city: 'City',
  zip_code: 'Postcode',
  street: 'Street',
  building_number: 'House number',
  building_letter: 'House number suffix',
  street_code: 'Street code',
  municipality_code: 'Municipality code',
  address: 'Address',
  type_of_id: 'Type of ID',
  id_number: 'ID number',
  issuing_authority: 'Issued by',
  issuing_date: 'Date of issue',
  purpose: 'Purpose of use',
};
const human = (s: string) => s.replace(/_/g, ' ');

export const enDocuments: DocumentTranslation = {
  invalidField: (field) => `Please check “${FIELDS[field] ?? human(field)}”.`,
  documentType: (type) => DOCS[type] ?? human(type),
  groupField: (field) => FIELDS[field] ?? human(field),
  groupName: (name, id) => name || (id === 0 ? 'Main details' : `Details #${id}`),
  check: (check) =>
    ({
      information: 'Personal or company details complete',
      uploaded: 'Documents uploaded',
      verified: 'Documents verified',
      address: 'Address in the right country',
    })[check],
  checkPassed: 'done',
  checkFailed: 'missing',
  checkPending: 'being checked',
};
