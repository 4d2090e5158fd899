import { en as enCommon } from '../../../i18n/en.js';
import { enDocuments } from '../../../i18n/documents-en.js';
import type { DocUploadTranslation } from './translation.js';

export const en: DocUploadTranslation = {
  ...enCommon,
  ...enDocuments,
  docTitle: 'Details and documents',
  chooseGroup: 'Whose details should be used?',
  newGroup: 'Enter new details',
  salutationLabel: 'The number is for',
  salutation: (s) => ({ MR: 'Mr', MS: 'Ms', COMPANY: 'A company' })[s],
  section: (section, company) =>
    ({
      company: 'About the company',
      person: company ? 'Contact person' : 'Person',
      contact: 'Contact',
      address: company ? 'Company address' : 'Home address',
      id: 'ID document',
    })[section],
  optional: '(optional)',
  choose: 'Please choose',
  idType: (type) =>
    ({
      PASSPORT: 'Passport',
      NATIONAL_ID_CARD: 'National ID card',
      RESIDENCE_PERMIT: 'Residence permit',
      DNI: 'DNI (Spain)',
      NIE: 'NIE (Spain)',
      BUSINESS_REGISTRATION: 'Business registration',
    })[type] ?? type,
  problem: (problem) =>
    ({
      required: 'Please fill this in.',
      email: 'Please enter an email address like name@example.com.',
      phone: 'Please enter the number with its country code, e.g. +49 30 1234567.',
      country: 'Please choose a country from the list.',
      date: 'Please enter a real date.',
      future: 'This date is in the future.',
    })[problem],
  formProblems: (n) => (n === 1 ? 'Please check the marked field.' : `Please check the ${n} marked fields.`),
  saveDetails: 'Save and continue',
  saving: 'Saving…',
  cancel: 'Cancel',
  editDetails: 'Change details',
  otherDetails: 'Use other details',
  readonlyNote: 'These details are verified and can no longer be changed.',
  documentsTitle: 'Documents',
  dropZone: 'Drop a file here or choose one',
  dropHint: (limit) => `Photo or PDF, up to ${limit}. Larger photos are reduced automatically.`,
  takePhoto: 'Take a photo',
  fileState: (state) =>
    ({ verified: 'verified', checking: 'being checked', rejected: 'not accepted' })[state],
  noFiles: 'Nothing uploaded yet.',
  refused: (reason, limit) =>
    ({
      empty: 'This file is empty.',
      unreadable: 'This file could not be read. Please choose it again.',
      type: 'This file is neither a photo (JPEG, PNG, GIF, WebP, TIFF) nor a PDF, whatever its name says.',
      size: `This file is larger than ${limit}. Please reduce it, or take a photo of the document instead.`,
    })[reason],
  preparing: 'Reducing the photo…',
  uploading: (percent) => `Uploading… ${percent} %`,
  waiting: 'Processing – waiting for the answer…',
  uploaded: 'Uploaded.',
  reducedFrom: (size) => `reduced from ${size}`,
  cancelUpload: 'Cancel upload',
  remove: 'Remove',
  replace: 'Replace',
  addAnother: 'Add another file',
  wrongDocument: (type, message) => `${type} was not accepted: ${message}`,
  wrongAddress: (message) => `The address was not accepted: ${message}`,
  fixAddress: 'Correct the address',
  statusReady: 'Everything is verified.',
  statusPending: 'Everything is there and being checked. This page updates itself.',
  statusMissing: 'Please complete what is marked as missing.',
  checkNow: 'Check now',
};
