/**
 * Document groups and files: who the number is for, the uploaded proofs, their verification
 * lifecycle (uploaded → verified | rejected) and whether a group satisfies a destination.
 */
import type { Destination } from '../catalog/destinations.js';
import { localise, type Language, type LocalisedName } from '../catalog/languages.js';
import { refused } from '../errors.js';
import type { Account, DocumentFile, DocumentGroup, DocumentType } from './types.js';

/** Group fields in the order Zadarma answers them; `true` marks those the spec lets be `null`. */
const GROUP_FIELDS: readonly [name: string, nullable: boolean][] = [
  ['email', false],
  ['salutation', false],
  ['nationality', true],
  ['first_name', false],
  ['middle_name', true],
  ['last_name', false],
  ['organization', true],
  ['organization_description', true],
  ['organization_reg_number', true],
  ['country', false],
  ['region', false],
  ['city', false],
  ['address', false],
  ['zip_code', false],
  ['street', false],
  ['street_code', true],
  ['municipality_code', true],
  ['building_number', false],
  ['building_letter', true],
  ['phone', false],
  ['type_of_id', false],
  ['id_number', false],
  ['issuing_authority', true],
  ['issuing_date', true],
];
/** Fields whose format forbids an empty string: left out while unset. */
const OMIT_WHEN_UNSET = new Set(['email', 'salutation', 'country']);

/** A file name containing this is rejected by the automatic check (a way to rehearse rejections). */
export const AUTO_REJECT_MARK = 'reject';
/**
 * The verifier's own reasons, in the account's language: `checking-wrongs` has no `language` param, and
 * Zadarma's staff write to the customer in the language of the account.
 */
export const AUTO_REJECT_MESSAGE: LocalisedName = {
  en: 'The document is not readable. Please upload a clear colour copy of the whole page.',
  de: 'Das Dokument ist nicht lesbar. Bitte laden Sie eine deutliche Farbkopie der ganzen Seite hoch.',
  ru: 'Документ нечитаем. Пожалуйста, загрузите чёткую цветную копию всей страницы.',
};
export const INVALID_ADDRESS_MESSAGE: LocalisedName = {
  en: 'Invalid address',
  de: 'Ungültige Adresse',
  ru: 'Неверный адрес',
};

export function groupOf(account: Account, id: number): DocumentGroup {
  const group = account.groups.find((g) => g.id === id);
  if (!group) throw refused(`Documents group ${id} not found`);
  return group;
}

/** Data of a verified group can no longer change (Zadarma makes it read-only). */
export const isReadonly = (group: DocumentGroup): boolean => group.files.some((f) => f.status === 'verified');

export function groupView(group: DocumentGroup): Record<string, unknown> {
  const view: Record<string, unknown> = { id: group.id };
  for (const [name, nullable] of GROUP_FIELDS) {
    const value = group.info[name];
    if (value !== undefined && value !== '') view[name] = value;
    else if (nullable) view[name] = null;
    else if (!OMIT_WHEN_UNSET.has(name)) view[name] = '';
  }
  view.is_readonly = isReadonly(group);
  return view;
}

/** Takes the automatic verdicts that are due. */
export function settleDocuments(account: Account, now: number): void {
  for (const group of account.groups) {
    for (const file of group.files) {
      if (file.status !== 'uploaded' || file.decideAt === null || file.decideAt > now) continue;
      if (file.name.toLowerCase().includes(AUTO_REJECT_MARK))
        reject(file, localise(AUTO_REJECT_MESSAGE, account.language));
      else file.status = 'verified';
    }
  }
}

function reject(file: DocumentFile, message: string): void {
  file.status = 'rejected';
  file.rejection = message;
}

export interface Verdict {
  verdict: 'verified' | 'rejected';
  /** Only files of this type; all pending (or all) files of the group when absent. */
  documentType?: DocumentType;
  /** The reason shown by `checking-wrongs` for a rejection. */
  message?: string;
  /** Reject the group's address rather than a document. */
  address?: boolean;
}

/** The sandbox endpoint's verdict; returns the files it decided. Default reasons in `language`. */
export function decideGroup(group: DocumentGroup, v: Verdict, language: Language): DocumentFile[] {
  if (v.address) {
    group.addressRejection =
      v.verdict === 'rejected' ? (v.message ?? localise(INVALID_ADDRESS_MESSAGE, language)) : null;
    return [];
  }
  const candidates = group.files.filter((f) => !v.documentType || f.type === v.documentType);
  const pending = candidates.filter((f) => f.status === 'uploaded');
  const files = pending.length > 0 ? pending : candidates;
  for (const file of files) {
    if (v.verdict === 'verified') {
      file.status = 'verified';
      file.rejection = null;
    } else {
      reject(file, v.message ?? localise(AUTO_REJECT_MESSAGE, language));
    }
  }
  return files;
}

export interface Validity {
  is_information_match: boolean;
  is_documents_uploaded: boolean;
  is_documents_verified: boolean;
  is_address_match: boolean;
}

/** Whether a group meets a destination's requirements, with Zadarma's four flags. */
export function validity(group: DocumentGroup, d: Destination): Validity {
  const has = (t: DocumentType, ok: (f: DocumentFile) => boolean) =>
    group.files.some((f) => f.type === t && ok(f));
  return {
    is_information_match: d.specify.every((field) => !!group.info[field]?.trim()),
    is_documents_uploaded: d.upload.every((t) => has(t, (f) => f.status !== 'rejected')),
    is_documents_verified: d.upload.every((t) => has(t, (f) => f.status === 'verified')),
    is_address_match:
      group.addressRejection === null &&
      (!d.localAddress || (group.info.country === d.country && !!group.info.address?.trim())),
  };
}

/** What keeps a group from a destination, in words, for an order's refusal. */
export function shortcomings(group: DocumentGroup, d: Destination): string[] {
  const v = validity(group, d);
  const out: string[] = [];
  if (!v.is_information_match) {
    const missing = d.specify.filter((field) => !group.info[field]?.trim());
    out.push(`missing data: ${missing.join(', ')}`);
  }
  if (!v.is_address_match) {
    out.push(group.addressRejection ? 'the address was rejected' : `the address must be in ${d.country}`);
  }
  if (!v.is_documents_uploaded) {
    const missing = d.upload.filter((t) => !group.files.some((f) => f.type === t && f.status !== 'rejected'));
    out.push(`documents to upload: ${missing.join(', ')}`);
  }
  return out;
}
