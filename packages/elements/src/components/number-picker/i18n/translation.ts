/** The number picker's texts (on top of the shared ones). */
import type { CommonTranslation, DocumentTranslation } from '../../../i18n/translation.js';
import type { Autorenew } from '../../../format/price.js';

export type StepId = 'country' | 'destination' | 'number' | 'requirements' | 'order' | 'done';

export interface PickerTranslation extends CommonTranslation, DocumentTranslation {
  pickerTitle: string;
  stepLabel: (step: StepId) => string;
  countrySearch: string;
  countryNone: string;
  countryEmpty: string;
  countryCount: (n: number) => string;
  destinationSearch: string;
  destinationNone: string;
  destinationEmpty: string;
  connectFee: string;
  perMonth: (price: string) => string;
  free: string;
  badgeSms: string;
  badgeTollFree: string;
  connectTime: (days: number) => string;
  requires: string;
  noRequirements: string;
  numberMask: string;
  numberMaskHint: string;
  numbersEmpty: string;
  numbersNoMatch: (mask: string) => string;
  numbersCount: (shown: number, total: number) => string;
  showMore: string;
  requirementsIntro: string;
  groupsEmpty: string;
  groupLabel: string;
  requirementsOk: string;
  /** Details or documents missing: the order waits. */
  requirementsMissing: string;
  /** Everything submitted, only the verification runs: the order can go on. */
  requirementsPending: string;
  /** A `<zd-doc-upload>` took the requirements over and shows them. */
  requirementsBelow: string;
  uploadDocuments: string;
  recheck: string;
  chosenNumber: string;
  period: string;
  periodOption: (months: number) => string;
  autorenew: string;
  renewal: (setting: Autorenew) => string;
  receiveSms: string;
  purpose: string;
  purposeRequired: string;
  total: string;
  paidFor: string;
  paid: string;
  totalDetail: (connect: string, monthly: string, months: number) => string;
  balance: (amount: string) => string;
  balanceLow: string;
  orderButton: (total: string) => string;
  ordering: string;
  orderUncertain: string;
  orderedActivated: (number: string) => string;
  orderedReserved: (number: string) => string;
  orderedPending: (number: string) => string;
  routeTitle: string;
  sipId: string;
  sipIdHint: string;
  callerName: string;
  callerNameHint: string;
  callerNameInvalid: string;
  sipIdInvalid: string;
  newOrder: string;
}
