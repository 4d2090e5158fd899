/**
 * The Zadarma operations a browser session may reach, what each needs, and which of its params the page
 * may choose (packages/proxy/SECURITY.md writes the same table down; a test keeps the two equal).
 * Everything else — reseller operations above all (registration, topup, api_key, money transfer,
 * users) — is not reachable with a session token: the partner backend calls those through
 * `ZadarmaClient`. The one narrow exception: the customer's own contact phone (`reseller.users.phones.*`
 * under scope `phone:verify`, for `<zd-phone-verify>`), with `user_id` the token's, the page choosing
 * only the number (and, to prove it, whether to reuse a number confirmed elsewhere), and the limits of
 * routes/contact-phones.ts.
 */
import { DOCUMENT_MIME_TYPES, OperationMatcher, type OperationId } from '@zadarma-elements/api';
import type { ContactPhoneStep } from '../routes/contact-phones.js';
import type { Scope } from '../session/scopes.js';

/** A rule narrower than the spec's for one param, where its value costs money or reaches others. */
export interface ParamLimit {
  /** The whole value must match. */
  pattern: RegExp;
  /** Completes "<name>: must be …". */
  mustBe: string;
}

export interface BrowserRule {
  /** Any one of these scopes grants the operation. */
  scopes: readonly Scope[];
  /**
   * The params the page may send (path params are part of the path). Any other param of the spec is
   * refused by name: the proxy decides it (`proxyDecides`), or nothing the elements do needs it.
   */
  browser: readonly string[];
  /** Params the proxy sets itself on the server (routes/verification.ts); never taken from the page. */
  proxyDecides?: readonly string[];
  /** Narrower than the spec, for values that cost money or reach other people. */
  limits?: Readonly<Record<string, ParamLimit>>;
  /** Costs money: needs an `Idempotency-Key`, is never retried, and a repeat replays the first answer. */
  charges?: boolean;
  /** Names the param (path or query) that must be one of the session's own PBX extensions. */
  ownExtension?: string;
  /**
   * Sessions with one of these scopes may name any extension of their own PBX where `ownExtension`
   * applies (the proxy injects `user_id`, so "any" is still only the customer's own PBX); every other
   * scope of the rule stays limited to the token's extensions.
   */
  wholePbxWith?: readonly Scope[];
  /** Read-mostly answers kept this long (per user, since prices follow the user's currency). */
  cacheSeconds?: number;
  /** Multipart upload whose file is sniffed by content and streamed through. */
  upload?: { field: string; types: readonly string[] };
  /** A step on the token's own contact phone, limited on the server (routes/contact-phones.ts). */
  contactPhone?: ContactPhoneStep;
}

/** Every field of a document group: the customer's own identity data, which the verifier checks. */
const GROUP_FIELDS = [
  'email',
  'salutation',
  'nationality',
  'first_name',
  'middle_name',
  'last_name',
  'date_of_birth',
  'organization',
  'organization_description',
  'organization_reg_number',
  'country',
  'region',
  'city',
  'address',
  'zip_code',
  'street',
  'street_code',
  'municipality_code',
  'building_number',
  'building_letter',
  'phone',
  'type_of_id',
  'id_number',
  'issuing_authority',
  'issuing_date',
  'direction_id',
] as const;

/**
 * Zadarma's own rule for SIP passwords, checked before signing so a weak one never leaves the proxy:
 * 8 to 64 printable ASCII characters with at least one letter and one digit.
 */
export const STRONG_PASSWORD = /^(?=[^]*[A-Za-z])(?=[^]*[0-9])[\x21-\x7e]{8,64}$/;
const STRONG_PASSWORD_RULE = '8 to 64 characters with letters and digits, no spaces';

/** The on/off switches of call notifications (the URL they go to is not among them). */
const CALLINFO_SWITCHES = [
  'notify_start',
  'notify_internal',
  'notify_end',
  'notify_out_start',
  'notify_out_end',
  'notify_answer',
] as const;

export const BROWSER_OPERATIONS = {
  // Choosing and ordering a number (seed "API für Telefonnummern und Dokumente", steps 1–5).
  'direct_numbers.countries': { scopes: ['numbers:read'], browser: ['language'], cacheSeconds: 600 },
  'direct_numbers.country': {
    scopes: ['numbers:read'],
    browser: ['country', 'language', 'direction_id'],
    cacheSeconds: 300,
  },
  'direct_numbers.available': { scopes: ['numbers:read'], browser: ['mask'] },
  direct_numbers: { scopes: ['numbers:read'], browser: [] },
  'direct_numbers.number': { scopes: ['numbers:read'], browser: ['number'] },
  'direct_numbers.autoprolongation.get': { scopes: ['numbers:read'], browser: ['number'] },
  'info.balance': { scopes: ['numbers:read'], browser: [] },
  // The customer's own money, from the customer's own balance.
  'direct_numbers.order': {
    scopes: ['numbers:order'],
    browser: [
      'number_id',
      'direction_id',
      'documents_group_id',
      'purpose',
      'receive_sms',
      'period',
      'autorenew_period',
    ],
    charges: true,
  },
  'direct_numbers.prolong': {
    scopes: ['numbers:order'],
    browser: ['number', 'months'],
    limits: { months: { pattern: /^(?:[1-9]|1[0-2])$/, mustBe: 'a whole number of months from 1 to 12' } },
    charges: true,
  },
  'direct_numbers.autoprolongation.put': { scopes: ['numbers:order'], browser: ['number', 'value'] },
  'direct_numbers.set_caller_name': { scopes: ['numbers:order'], browser: ['number', 'caller_name'] },
  // Calls to the number go to one of the customer's own SIP numbers or PBX extensions, never to an
  // external SIP address (the spec allows one): a page must not be able to divert them elsewhere.
  'direct_numbers.set_sip_id': {
    scopes: ['numbers:order'],
    browser: ['number', 'sip_id'],
    limits: { sip_id: { pattern: /^[0-9]{3,6}$/, mustBe: 'an own SIP number or PBX extension (digits)' } },
  },
  'direct_numbers.receive_sms': {
    scopes: ['numbers:order'],
    browser: ['number', 'value', 'documents_group_id'],
  },
  // Documents ("Arbeit mit Dokumenten"); the picker reads groups to check a destination's requirements.
  'documents.groups.list': { scopes: ['documents', 'numbers:order'], browser: [] },
  'documents.groups.get': { scopes: ['documents'], browser: [] },
  'documents.groups.valid': { scopes: ['documents', 'numbers:order'], browser: ['direction_id'] },
  'documents.groups.create': { scopes: ['documents'], browser: GROUP_FIELDS },
  'documents.groups.update': { scopes: ['documents'], browser: GROUP_FIELDS },
  'documents.files': { scopes: ['documents'], browser: ['group_id'] },
  'documents.upload': {
    scopes: ['documents'],
    browser: ['group_id', 'document_type'],
    upload: { field: 'file', types: DOCUMENT_MIME_TYPES },
  },
  'direct_numbers.checking_wrongs': { scopes: ['documents', 'numbers:order'], browser: ['group_id'] },
  // Softphone: only the extensions named in the session token. The extension's SIP password is not
  // passed through: the page gets it only inside `GET /softphone/credentials` (routes/softphone.ts).
  // With pbx:manage (below) the customer's whole PBX is the page's: any of its extensions.
  'pbx.internal.info': {
    scopes: ['softphone', 'pbx:manage'],
    browser: [],
    ownExtension: 'pbxsip',
    wholePbxWith: ['pbx:manage'],
  },
  'pbx.internal.status': {
    scopes: ['softphone', 'pbx:manage'],
    browser: [],
    ownExtension: 'pbxsip',
    wholePbxWith: ['pbx:manage'],
  },
  // The 72 h key of Zadarma's own WebRTC widget, for partners who embed that widget instead.
  'webrtc.get_key': { scopes: ['softphone'], browser: ['sip'], ownExtension: 'sip' },
  // PBX set-up by the customer (its own PBX only: user_id is injected). Passwords are the customer's
  // own: set by the page, never returned (no `return_password`, no password GET); recordings go to the
  // cloud store only (an e-mail address would send the customer's calls to whoever the page names);
  // the callinfo URL is the partner's, set by onboarding, so only the notification switches are here.
  'pbx.internal': { scopes: ['pbx:manage'], browser: [] },
  'pbx.internal.create': {
    scopes: ['pbx:manage'],
    browser: ['start_number', 'quantity', 'return_password'],
    limits: {
      start_number: { pattern: /^[0-9]{3}$/, mustBe: 'a three-digit extension number' },
      quantity: { pattern: /^(?:[1-9]|10)$/, mustBe: 'a whole number of extensions from 1 to 10' },
      return_password: { pattern: /^false$/, mustBe: 'false (the customer sets each password)' },
    },
  },
  'pbx.internal.password.put': {
    scopes: ['pbx:manage'],
    browser: ['value'],
    limits: { value: { pattern: STRONG_PASSWORD, mustBe: STRONG_PASSWORD_RULE } },
  },
  'pbx.internal.recording': {
    scopes: ['pbx:manage'],
    browser: ['id', 'status'],
    limits: {
      status: { pattern: /^(?:on|off|on_store|off_store)$/, mustBe: 'on, off, on_store or off_store' },
    },
  },
  'pbx.callinfo.get': { scopes: ['pbx:manage'], browser: [] },
  'pbx.callinfo.notifications': { scopes: ['pbx:manage'], browser: CALLINFO_SWITCHES },
  // Phone verification costs the reseller money per attempt and speaks in the partner's name: the page
  // chooses the channel (of those configured) and the language; the destination (the customer's own
  // contact phone, or the one in the token), the sender and the template are the proxy's; the code is
  // always Zadarma's own. E-mail texts and voice prompts are never taken from a page.
  verify: {
    scopes: ['phone:verify'],
    browser: ['channel', 'language'],
    proxyDecides: ['to', 'template_id', 'caller_id', 'from'],
    charges: true,
  },
  'verify.check': {
    scopes: ['phone:verify'],
    browser: ['code', 'request_id'],
    limits: {
      code: { pattern: /^[0-9]{4,8}$/, mustBe: 'the 4 to 8 digits received' },
      request_id: { pattern: /^[A-Za-z0-9_+/=-]{8,128}$/, mustBe: 'the request_id of the verification' },
    },
  },
  // The customer's own contact phone (seed "Reseller-API", contact-phone steps): the one narrow exception
  // to "no reseller operation from a browser". `user_id` is the token's like everywhere, so these act on
  // the token's own sub-user only; the page chooses the number, never the user, the caller id, the SIP
  // number that calls or any text. Sending a code costs money: `charges` (a retry replays, never sends
  // twice) and per user 5 an hour, 30 s apart; confirming is limited against guessing; at most 3 phones.
  'reseller.users.phones.get': { scopes: ['phone:verify'], browser: [] },
  'reseller.users.phones.add': { scopes: ['phone:verify'], browser: ['number'], contactPhone: 'add' },
  'reseller.users.phones.prove_by_sms': {
    scopes: ['phone:verify'],
    browser: ['number', 'confirm_number_reuse'],
    charges: true,
    contactPhone: 'prove',
  },
  'reseller.users.phones.prove_by_callback': {
    scopes: ['phone:verify'],
    browser: ['number', 'language', 'confirm_number_reuse'],
    charges: true,
    contactPhone: 'prove',
  },
  'reseller.users.phones.confirm': {
    scopes: ['phone:verify'],
    browser: ['number', 'code'],
    limits: { code: { pattern: /^[0-9]{4,8}$/, mustBe: 'the 4 to 8 digits received' } },
    contactPhone: 'confirm',
  },
} as const satisfies Partial<Record<OperationId, BrowserRule>>;

export type BrowserOperationId = keyof typeof BROWSER_OPERATIONS;

export const browserOperations = new OperationMatcher(
  Object.keys(BROWSER_OPERATIONS) as BrowserOperationId[],
);

export function ruleFor(id: OperationId): BrowserRule | undefined {
  return Object.hasOwn(BROWSER_OPERATIONS, id)
    ? (BROWSER_OPERATIONS as Partial<Record<OperationId, BrowserRule>>)[id]
    : undefined;
}
