/**
 * The sandbox's whole state: plain JSON, so it can be written to and read from a file as it is.
 * Times are epoch milliseconds.
 */
import type { Currency } from '../catalog/money.js';
import type { Language } from '../catalog/languages.js';

export const DOCUMENT_TYPES = [
  'certificate',
  'contract',
  'company_letter',
  'inn_ua',
  'passport',
  'phone_bill',
  'photo_with_doc',
  'photo_with_passport',
  'receipt',
  'driver_id_us_ca',
  'driver_id_other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface SandboxState {
  version: 1;
  reseller: Account;
  /** The reseller's sub-users. */
  users: Account[];
  /** Users of other resellers: they exist, but this reseller may not act for them. */
  foreignUserIds: number[];
  registrations: PendingRegistration[];
  /** Numbers ordered by anyone: gone from the inventory. */
  takenNumbers: string[];
  nextId: {
    user: number;
    group: number;
    file: number;
    phone: number;
    pbx: number;
    scenario: number;
    sound: number;
    sip: number;
  };
}

export interface Account {
  id: number;
  /** `null` for the reseller itself. */
  resellerId: number | null;
  email: string;
  firstName: string;
  lastName: string;
  organization: string;
  country: string;
  city: string;
  created: number;
  balance: number;
  currency: Currency;
  language: Language;
  key: string;
  secret: string;
  lastApiRequest: number | null;
  sips: string[];
  phones: ContactPhone[];
  numbers: VirtualNumber[];
  /** Successful `direct_numbers.order` calls, for tests that prove no order happened twice. */
  orderCount: number;
  /** The one-time test credit for a first confirmed contact phone was granted (seed: "Testgelder"). */
  testCreditGranted: boolean;
  groups: DocumentGroup[];
  pbx: Pbx | null;
  verifications: Verification[];
}

export interface ContactPhone {
  id: number;
  number: string;
  isProved: boolean;
  /** The code last sent by SMS or read out by a callback; revealed by `GET /sandbox/codes`. */
  code: { value: string; channel: 'sms' | 'callback'; expires: number } | null;
}

export type NumberStatus = 'on' | 'checking' | 'checking_upload';

export interface VirtualNumber {
  number: string;
  directionId: number;
  status: NumberStatus;
  start: number;
  stop: number;
  autorenew: boolean;
  autorenewPeriod: 'month' | 'year';
  callerName: string;
  sipId: string;
  testMode: boolean;
  receiveSms: boolean;
  documentsGroupId: number;
  purpose: string | null;
  channels: number;
  monthlyFee: number;
  currency: Currency;
}

/** Personal or company data of a document group, by the spec's field names; absent fields are unset. */
export type GroupInfo = Partial<Record<string, string>>;

export interface DocumentGroup {
  id: number;
  info: GroupInfo;
  files: DocumentFile[];
  /** Set when a check found the address wrong (`checking-wrongs`). */
  addressRejection: string | null;
}

export type FileStatus = 'uploaded' | 'verified' | 'rejected';

export interface DocumentFile {
  id: number;
  type: DocumentType;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  status: FileStatus;
  uploaded: number;
  /** When the automatic check decides (`null`: only the sandbox endpoint decides). */
  decideAt: number | null;
  rejection: string | null;
}

export interface Extension {
  number: number;
  password: string;
  name: string;
  callerId: string | null;
  lines: number;
  /**
   * `on` is derived: recording runs while it goes to cloud storage or by e-mail. `email` is the address
   * list, kept when e-mail delivery is switched off (`emailOn`) so `on_email` can switch it back on.
   */
  recording: {
    on: boolean;
    email: string | null;
    emailOn: boolean;
    store: boolean;
    speech: 'all' | 'optional' | 'off';
  };
  supervisor: 0 | 1;
  online: boolean;
}

export interface IvrMenu {
  id: number;
  title: string;
  type: 'file' | 'readtext';
  status: 'on' | 'off';
  waitexten: number;
  bought: boolean;
}

export interface IvrScenario {
  id: number;
  menuId: number;
  title: string;
  pushButton: number;
  /** Ring groups: extensions ("100") or "fax". */
  groups: [string[], string[], string[]];
  delays: [number, number];
  queueStrategy: string;
  triggerToDid: string | null;
  triggerFromClid: string | null;
}

export interface Sound {
  id: number;
  name: string;
  format: 'mp3' | 'wav';
  size: number;
}

export const CALLINFO_EVENTS = [
  'notify_start',
  'notify_internal',
  'notify_end',
  'notify_out_start',
  'notify_out_end',
  'notify_answer',
] as const;
export type CallinfoEvent = (typeof CALLINFO_EVENTS)[number];

export const WEBHOOK_HOOKS = ['number_lookup', 'call_tracking', 'sms', 'speech_recognition'] as const;
export type WebhookHook = (typeof WEBHOOK_HOOKS)[number];

export interface CallRecord {
  pbxCallId: string;
  callId: number;
  start: number;
  callerId: string;
  calledDid: string;
  extension: number;
  seconds: number;
  disposition: 'answered' | 'busy' | 'cancel' | 'no answer' | 'call failed';
  /** Absent in state files from before outgoing calls: incoming. */
  direction?: 'in' | 'out';
}

export interface Pbx {
  id: number;
  stop: number;
  extensions: Extension[];
  menus: IvrMenu[];
  scenarios: IvrScenario[];
  sounds: Sound[];
  callinfo: { url: string; notifications: Record<CallinfoEvent, boolean> };
  webhooks: { url: string; hooks: Record<WebhookHook, boolean> };
  calls: CallRecord[];
}

export interface Verification {
  requestId: string;
  channel: 'sms' | 'call_code' | 'email';
  to: string;
  code: string;
  expires: number;
  attempts: number;
  confirmed: boolean;
}

export type RegistrationOutcome = 'immediate' | 'email_link' | 'reseller_code';

export interface PendingRegistration {
  /** Reserved at registration/new, so `users/find`/`users/list` show the pending user under its id. */
  userId: number;
  email: string;
  outcome: Exclude<RegistrationOutcome, 'immediate'>;
  code: string;
  params: Record<string, string>;
  created: number;
}
