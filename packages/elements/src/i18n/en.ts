import type { CommonTranslation } from './translation.js';

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
export const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const en: CommonTranslation = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',
  loading: 'Loading…',
  retry: 'Try again',
  change: 'Change',
  next: 'Continue',
  save: 'Save',
  saved: 'Saved.',
  error: (kind, after) => {
    switch (kind) {
      case 'network':
        return 'The service could not be reached. Check your connection and try again.';
      case 'rate-limited':
        return after
          ? `Too many requests right now. Please try again in ${plural(after, 'second', 'seconds')}.`
          : 'Too many requests right now. Please try again in a moment.';
      case 'upstream':
        return 'The telephony service is not answering properly at the moment. Please try again.';
      case 'unauthorized':
        return 'Your session has expired. Please reload the page.';
      case 'forbidden':
        return 'You are not allowed to do this here.';
      case 'invalid':
        return 'The request was refused.';
      case 'not-found':
        return 'This function is not available here.';
      case 'too-large':
        return 'That is too large.';
      case 'config':
        return 'This element is not set up: the page gives it no proxy or session.';
    }
  },
  errorDetail: 'Details',
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
