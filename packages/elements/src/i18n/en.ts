import type { Translation } from './translation.js';

const DOCS: Record<string, string> = {
  passport: 'ID or passport',
  company_letter: 'company letter',
  phone_bill: 'utility bill with address',
  registration: 'company registration',
  address_proof: 'proof of address',
};
const FIELDS: Record<string, string> = {
  first_name: 'first name',
  last_name: 'last name',
  organization: 'company',
  address: 'address',
  city: 'city',
  zip_code: 'postcode',
  street: 'street',
  building_number: 'house number',
  id_number: 'ID number',
  nationality: 'nationality',
  purpose: 'purpose of use',
};
const human = (s: string) => s.replace(/_/g, ' ');
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const en: Translation = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',

  loading: 'Loading…',
  retry: 'Try again',
  change: 'Change',
  next: 'Continue',
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

  pickerTitle: 'Get a phone number',
  stepLabel: (step) =>
    ({
      country: 'Country',
      destination: 'City or area',
      number: 'Number',
      requirements: 'Documents',
      order: 'Order',
      done: 'Done',
    })[step],
  countrySearch: 'Search countries',
  countryNone: 'No country matches your search.',
  countryEmpty: 'No countries are available right now.',
  countryCount: (n) => plural(n, 'country', 'countries'),
  destinationSearch: 'Search cities and areas',
  destinationNone: 'No city or area matches your search.',
  destinationEmpty: 'There are no numbers in this country right now.',
  connectFee: 'Setup',
  perMonth: (price) => `${price} / month`,
  free: 'free',
  badgeSms: 'SMS',
  badgeTollFree: 'Toll-free',
  connectTime: (days) => (days <= 0 ? 'Active at once' : `Active within ${plural(days, 'day', 'days')}`),
  requires: 'Needs',
  noRequirements: 'No documents needed',
  documentType: (type) => DOCS[type] ?? human(type),
  groupField: (field) => FIELDS[field] ?? human(field),
  numberMask: 'Digits the number should contain',
  numberMaskHint: 'For example 777 or 1234. Leave empty to see all numbers.',
  numbersEmpty: 'No numbers are free in this area right now.',
  numbersNoMatch: (mask) => `No free number contains ${mask}.`,
  numbersCount: (shown, total) =>
    shown < total
      ? `Showing ${shown.toLocaleString('en')} of ${plural(total, 'number', 'numbers')}`
      : plural(total, 'number', 'numbers'),
  showMore: 'Show more numbers',
  requirementsIntro: 'Numbers in this area need details and documents of the person or company using them.',
  groupsEmpty: 'You have not entered any details or documents yet.',
  groupLabel: 'Details and documents of',
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
  requirementsOk: 'Everything needed is there.',
  requirementsMissing: 'Something is still missing. Please complete it, then check again.',
  requirementsUnverified: 'You can order now: the number becomes active once your documents are verified.',
  uploadDocuments: 'Add details and documents',
  recheck: 'Check again',
  chosenNumber: 'Number',
  period: 'Pay in advance for',
  periodOption: (months) => plural(months, 'month', 'months'),
  autorenew: 'Renew automatically',
  autorenewOff: 'No, end after the paid period',
  autorenewMonth: 'Every month',
  autorenewYear: 'Every year',
  receiveSms: 'Receive SMS on this number',
  purpose: 'What will you use the number for?',
  purposeRequired: 'Please describe what you will use the number for.',
  total: 'Total now',
  totalDetail: (connect, monthly, months) => `Setup ${connect} + ${months} × ${monthly}`,
  balance: (amount) => `Balance: ${amount}`,
  balanceLow: 'Your balance does not cover this order.',
  orderButton: (total) => `Order for ${total}`,
  ordering: 'Ordering…',
  orderUncertain:
    'We could not confirm the order. Trying again is safe: the same order is never placed twice.',
  orderedActivated: (number) => `${number} is yours and active.`,
  orderedReserved: (number) => `${number} is reserved for you until the payment arrives.`,
  orderedPending: (number) => `${number} is yours. It becomes active once your documents are verified.`,
  routeTitle: 'Where should calls go?',
  sipId: 'SIP login or SIP URI',
  sipIdHint: 'For example 100 or 12345@sip.example.com',
  callerName: 'Caller name',
  callerNameHint: 'Latin letters and digits, up to 30 characters',
  callerNameInvalid: 'Please use only Latin letters, digits and spaces, at most 30 characters.',
  sipIdInvalid: 'Please enter a SIP login (digits) or a SIP URI like 12345@sip.example.com.',
  save: 'Save',
  saved: 'Saved.',
  newOrder: 'Order another number',
};
