/** The custom events of the elements, typed for `addEventListener` via `GlobalEventHandlersEventMap`. */
import type { ZdApiError } from '../client/errors.js';
import type { StepId } from '../components/number-picker/i18n/translation.js';
import type { GroupCheck } from '../i18n/translation.js';

export interface ZdNumberOrderedDetail {
  /** The ordered number, digits with country code (`4930123456`). */
  number: string;
  /** Active at once. */
  activated: boolean;
  /** Reserved until documents are verified or the balance covers it. */
  reserved: boolean;
  directionId: number;
  documentsGroupId: number;
  period: 'month' | '3month';
}

/**
 * `zd-documents-required` (cancelable): what an area needs that the customer has not given yet. Sent by the
 * picker on its own only while something other than the verification is missing, and whenever the customer
 * asks to add documents. A `<zd-doc-upload>` that shows itself with these requirements calls
 * `preventDefault()`, so the picker does not show the same checks a second time.
 */
export interface ZdDocumentsRequiredDetail {
  directionId: number;
  /** The destination's country (ISO 3166-1 alpha-2), e.g. for `<zd-doc-upload country>`. */
  country: string;
  /** The document group that was checked; undefined when the user has none yet. */
  groupId: number | undefined;
  /** The checks that fail (empty when the user has no group yet). */
  failed: GroupCheck[];
  /**
   * The failed checks other than `verified`: what the customer still has to give. Empty when only
   * Zadarma's verification is pending — then the order can go on — or when the user has no group yet.
   */
  missing: GroupCheck[];
  /** What the destination asks for (`restrictions.upload` / `.specify`). */
  upload: string[];
  specify: string[];
}

export interface ZdDocumentsReadyDetail {
  directionId: number;
  /** The document group that meets the destination's requirements. */
  groupId: number;
}

export interface ZdGroupSavedDetail {
  groupId: number;
  /** A new group rather than a change of an existing one. */
  created: boolean;
}

export interface ZdDocumentUploadedDetail {
  groupId: number;
  documentType: string;
  /** The name Zadarma keeps the file under. */
  name: string;
}

export interface ZdErrorDetail {
  error: ZdApiError;
  /** The operation that failed (`direct_numbers.order`, ...). */
  operation: string;
}

export interface ZdNumberRoutedDetail {
  number: string;
  sipId?: string;
  callerName?: string;
}

export interface ZdStepChangeDetail {
  step: StepId;
}

export interface ZdEventDetailMap {
  'zd-number-ordered': ZdNumberOrderedDetail;
  'zd-documents-required': ZdDocumentsRequiredDetail;
  'zd-documents-ready': ZdDocumentsReadyDetail;
  'zd-documents-submitted': ZdDocumentsReadyDetail;
  'zd-group-saved': ZdGroupSavedDetail;
  'zd-document-uploaded': ZdDocumentUploadedDetail;
  'zd-number-routed': ZdNumberRoutedDetail;
  'zd-step-change': ZdStepChangeDetail;
  'zd-error': ZdErrorDetail;
}

export type ZdEventName = keyof ZdEventDetailMap;

declare global {
  interface GlobalEventHandlersEventMap {
    'zd-number-ordered': CustomEvent<ZdNumberOrderedDetail>;
    'zd-documents-required': CustomEvent<ZdDocumentsRequiredDetail>;
    'zd-documents-ready': CustomEvent<ZdDocumentsReadyDetail>;
    'zd-documents-submitted': CustomEvent<ZdDocumentsReadyDetail>;
    'zd-group-saved': CustomEvent<ZdGroupSavedDetail>;
    'zd-document-uploaded': CustomEvent<ZdDocumentUploadedDetail>;
    'zd-number-routed': CustomEvent<ZdNumberRoutedDetail>;
    'zd-step-change': CustomEvent<ZdStepChangeDetail>;
    'zd-error': CustomEvent<ZdErrorDetail>;
  }
}
