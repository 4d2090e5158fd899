import { en as enCommon, plural } from '../../../i18n/en.js';
import type { PickerTranslation } from './translation.js';

export const en: PickerTranslation = {
  ...enCommon,
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
  requirementsOk: 'Everything needed is there.',
  requirementsMissing: (missing) =>
    `Still missing: ${missing
      .map(
        (check) =>
          ({
            information: 'your personal or company details',
            uploaded: 'the documents',
            verified: 'the verification',
            address: 'an address in the number’s country',
          })[check],
      )
      .join(', ')}. Please add what is missing, then check again.`,
  requirementsPending:
    'Everything is submitted and your documents are being checked. You can order now: the number becomes active once they are verified.',
  requirementsBelow: 'Please complete your details and documents below.',
  uploadDocuments: 'Add details and documents',
  recheck: 'Check again',
  chosenNumber: 'Number',
  period: 'Pay in advance for',
  periodOption: (months) => plural(months, 'month', 'months'),
  autorenew: 'Renew automatically',
  renewal: (setting) =>
    ({ month: 'Every month', year: 'Every year', off: 'No, end after the paid period' })[setting],
  receiveSms: 'Receive SMS on this number',
  purpose: 'What will you use the number for?',
  purposeRequired: 'Please describe what you will use the number for.',
  total: 'Total now',
  paidFor: 'Paid for',
  paid: 'Paid',
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
  newOrder: 'Order another number',
};
