/**
 * The Zadarma operations a browser session may reach, and what each needs. Everything else —
 * reseller operations above all (registration, topup, api_key, money transfer, users) — is not
 * reachable with a session token: the partner backend calls those through `ZadarmaClient`.
 */
import { DOCUMENT_MIME_TYPES, OperationMatcher, type OperationId } from '@zadarma-elements/api';
import type { Scope } from '../session/scopes.js';

export interface BrowserRule {
  /** Any one of these scopes grants the operation. */
  scopes: readonly Scope[];
  /** Costs money: needs an `Idempotency-Key`, is never retried, and a repeat replays the first answer. */
  charges?: boolean;
  /** Names the param (path or query) that must be one of the session's own PBX extensions. */
  ownExtension?: string;
  /** Read-mostly answers kept this long (per user, since prices follow the user's currency). */
  cacheSeconds?: number;
  /** Multipart upload whose file is sniffed by content and streamed through. */
  upload?: { field: string; types: readonly string[] };
}

export const BROWSER_OPERATIONS = {
  // Choosing and ordering a number (seed "API für Telefonnummern und Dokumente", steps 1–5).
  'direct_numbers.countries': { scopes: ['numbers:read'], cacheSeconds: 600 },
  'direct_numbers.country': { scopes: ['numbers:read'], cacheSeconds: 300 },
  'direct_numbers.available': { scopes: ['numbers:read'] },
  direct_numbers: { scopes: ['numbers:read'] },
  'direct_numbers.number': { scopes: ['numbers:read'] },
  'direct_numbers.autoprolongation.get': { scopes: ['numbers:read'] },
  'info.balance': { scopes: ['numbers:read'] },
  'direct_numbers.order': { scopes: ['numbers:order'], charges: true },
  'direct_numbers.prolong': { scopes: ['numbers:order'], charges: true },
  'direct_numbers.autoprolongation.put': { scopes: ['numbers:order'] },
  'direct_numbers.set_caller_name': { scopes: ['numbers:order'] },
  'direct_numbers.set_sip_id': { scopes: ['numbers:order'] },
  'direct_numbers.receive_sms': { scopes: ['numbers:order'] },
  // Documents ("Arbeit mit Dokumenten"); the picker reads groups to check a destination's requirements.
  'documents.groups.list': { scopes: ['documents', 'numbers:order'] },
  'documents.groups.get': { scopes: ['documents'] },
  'documents.groups.valid': { scopes: ['documents', 'numbers:order'] },
  'documents.groups.create': { scopes: ['documents'] },
  'documents.groups.update': { scopes: ['documents'] },
  'documents.files': { scopes: ['documents'] },
  'documents.upload': { scopes: ['documents'], upload: { field: 'file', types: DOCUMENT_MIME_TYPES } },
  'direct_numbers.checking_wrongs': { scopes: ['documents', 'numbers:order'] },
  // Softphone: only the extensions named in the session token.
  'pbx.internal.password.get': { scopes: ['softphone'], ownExtension: 'sip' },
  'pbx.internal.info': { scopes: ['softphone'], ownExtension: 'pbxsip' },
  'pbx.internal.status': { scopes: ['softphone'], ownExtension: 'pbxsip' },
  // Phone verification by SMS or call costs money per attempt.
  verify: { scopes: ['phone:verify'], charges: true },
  'verify.check': { scopes: ['phone:verify'] },
} as const satisfies Partial<Record<OperationId, BrowserRule>>;

export type BrowserOperationId = keyof typeof BROWSER_OPERATIONS;

export const browserOperations = new OperationMatcher(
  Object.keys(BROWSER_OPERATIONS) as BrowserOperationId[],
);

export function ruleFor(id: OperationId): BrowserRule | undefined {
  return (BROWSER_OPERATIONS as Partial<Record<OperationId, BrowserRule>>)[id];
}
