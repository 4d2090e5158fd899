/**
 * The texts of the elements. Every language implements the whole `Translation` interface, so a missing
 * or misspelt text is a type error, not a blank in a customer's page.
 */
import type { ZdErrorKind } from '../client/errors.js';

export type StepId = 'country' | 'destination' | 'number' | 'requirements' | 'order' | 'done';
export type GroupCheck = 'information' | 'uploaded' | 'verified' | 'address';

export interface Translation {
  $code: string;
  $name: string;
  /** Direction of writing. */
  $dir: 'ltr' | 'rtl';

  // Shared states
  loading: string;
  retry: string;
  change: string;
  next: string;
  error: (kind: ZdErrorKind, retryAfterSeconds?: number) => string;
  errorDetail: string;
  invalidField: (field: string) => string;

  // Number picker
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
  documentType: (type: string) => string;
  groupField: (field: string) => string;
  numberMask: string;
  numberMaskHint: string;
  numbersEmpty: string;
  numbersNoMatch: (mask: string) => string;
  numbersCount: (shown: number, total: number) => string;
  showMore: string;
  requirementsIntro: string;
  groupsEmpty: string;
  groupLabel: string;
  groupName: (name: string, id: number) => string;
  check: (check: GroupCheck) => string;
  checkPassed: string;
  checkFailed: string;
  requirementsOk: string;
  requirementsMissing: string;
  requirementsUnverified: string;
  uploadDocuments: string;
  recheck: string;
  chosenNumber: string;
  period: string;
  periodOption: (months: number) => string;
  autorenew: string;
  autorenewOff: string;
  autorenewMonth: string;
  autorenewYear: string;
  receiveSms: string;
  purpose: string;
  purposeRequired: string;
  total: string;
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
  save: string;
  saved: string;
  newOrder: string;
}
