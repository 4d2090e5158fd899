/** The custom events of the elements, typed for `addEventListener` via `GlobalEventHandlersEventMap`. */
import type { ZdApiError } from '../client/errors.js';
import type { StepId } from '../components/number-picker/i18n/translation.js';
import type { GroupCheck } from '../i18n/translation.js';
import type {
  CallStatus,
  CallTimings,
  Disposition,
  QualitySummary,
  QualityWarning,
  RegistrationState,
} from '../phone/types.js';

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

/** A call as the page sees it in the softphone's events: a snapshot, no credentials, no media. */
export interface ZdCallInfo {
  id: string;
  direction: 'outgoing' | 'incoming';
  /** The other end: E.164 (`+4930…`) or an extension (`101`). */
  number: string;
  name?: string;
  status: CallStatus;
  muted: boolean;
}

export interface ZdRegistrationDetail {
  state: RegistrationState;
  error?: ZdApiError;
}

export interface ZdReconnectDetail {
  /** How many calls were going on. */
  calls: number;
}

export interface ZdCallStateDetail {
  call: ZdCallInfo;
}

/**
 * Zadarma's notification of an incoming call (NOTIFY_START, or NOTIFY_INTERNAL for this extension) as
 * the proxy verified it, in Zadarma's field names so a partner's backend can look the call up.
 * `caller_id`, `called_did` and `call_start` are covered by Zadarma's signature; `pbx_call_id` came in
 * the same verified request but is not signed. Numbers only: Zadarma sends no caller name.
 */
export interface ZdCallNotification {
  /** The caller's number as Zadarma saw it (often without `+`, e.g. `4930123456`). */
  caller_id: string;
  /** The customer's number that was called (e.g. `4930123456789`). */
  called_did: string;
  /** When the call began (`YYYY-MM-DD HH:MM:SS`, the PBX's time zone). */
  call_start: string;
  /** Zadarma's id of the call (unsigned). */
  pbx_call_id: string;
}

export interface ZdIncomingCallDetail {
  call: ZdCallInfo;
  /** The call's Zadarma notification, when the page reads the proxy's events (scope `events`). */
  notification?: ZdCallNotification;
}

export interface ZdCallEndedDetail {
  call: ZdCallInfo;
  disposition: Disposition;
  /** Talk time (0 when never answered). */
  durationMs: number;
  /** How long setting the call up took (signalling, ICE, media). */
  timings: CallTimings;
  /** The call's quality over its talk time: MOS (1–4.5) average and minimum, worst loss, warnings raised. */
  quality?: QualitySummary;
}

export interface ZdQualityWarningDetail {
  call: ZdCallInfo;
  /** `losing-audio`, `no-microphone-audio` or `high-latency`. */
  code: QualityWarning;
  /** Raised (true) or cleared (false). */
  active: boolean;
}

/** `<zd-phone-verify>`: the customer's contact phone is confirmed. */
export interface ZdPhoneVerifiedDetail {
  /** E.164 without `+`, as Zadarma has it (e.g. `4915112345678`). */
  number: string;
}

/** `zd-extension-created`: extensions added to the customer's PBX (their passwords are still to be set). */
export interface ZdExtensionCreatedDetail {
  /** The new extension numbers, e.g. `['101', '102']`. */
  numbers: string[];
}

export interface ZdEventDetailMap {
  'zd-extension-created': ZdExtensionCreatedDetail;
  'zd-number-ordered': ZdNumberOrderedDetail;
  'zd-documents-required': ZdDocumentsRequiredDetail;
  'zd-documents-ready': ZdDocumentsReadyDetail;
  'zd-documents-submitted': ZdDocumentsReadyDetail;
  'zd-group-saved': ZdGroupSavedDetail;
  'zd-document-uploaded': ZdDocumentUploadedDetail;
  'zd-number-routed': ZdNumberRoutedDetail;
  'zd-step-change': ZdStepChangeDetail;
  'zd-registration': ZdRegistrationDetail;
  'zd-reconnecting': ZdReconnectDetail;
  'zd-reconnected': ZdReconnectDetail;
  'zd-call-state': ZdCallStateDetail;
  'zd-incoming-call': ZdIncomingCallDetail;
  'zd-call-ended': ZdCallEndedDetail;
  'zd-quality-warning': ZdQualityWarningDetail;
  'zd-phone-verified': ZdPhoneVerifiedDetail;
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
    'zd-registration': CustomEvent<ZdRegistrationDetail>;
    'zd-reconnecting': CustomEvent<ZdReconnectDetail>;
    'zd-reconnected': CustomEvent<ZdReconnectDetail>;
    'zd-call-state': CustomEvent<ZdCallStateDetail>;
    'zd-incoming-call': CustomEvent<ZdIncomingCallDetail>;
    'zd-call-ended': CustomEvent<ZdCallEndedDetail>;
    'zd-quality-warning': CustomEvent<ZdQualityWarningDetail>;
    'zd-phone-verified': CustomEvent<ZdPhoneVerifiedDetail>;
    'zd-extension-created': CustomEvent<ZdExtensionCreatedDetail>;
    'zd-error': CustomEvent<ZdErrorDetail>;
  }
}
