/**
 * The texts every element shares. Each element adds its own (`components/<name>/i18n/`), and every
 * language implements the whole interface, so a missing or misspelt text is a type error, not a blank in
 * a customer's page. Each element's bundle carries only its own texts (documents' texts: only the
 * picker's and the upload's).
 */
import type { ZdErrorKind } from '../client/errors.js';

export type GroupCheck = 'information' | 'uploaded' | 'verified' | 'address';

export interface CommonTranslation {
  $code: string;
  $name: string;
  /** Direction of writing. */
  $dir: 'ltr' | 'rtl';

  loading: string;
  retry: string;
  change: string;
  next: string;
  save: string;
  saved: string;
  error: (kind: ZdErrorKind, retryAfterSeconds?: number) => string;
  errorDetail: string;
  invalidField: (field: string) => string;
}

/**
 * The texts of documents, which the picker (what a destination needs) and the document upload name;
 * kept apart so the softphone's bundle does not carry them.
 */
export interface DocumentTranslation {
  documentType: (type: string) => string;
  groupField: (field: string) => string;
  groupName: (name: string, id: number) => string;
  check: (check: GroupCheck) => string;
  checkPassed: string;
  checkFailed: string;
  /** The verification of documents that are all in. */
  checkPending: string;
  /** As the common one, with the documents' field names. */
  invalidField: (field: string) => string;
}

/** An element's texts per language; English is the fallback and must be there. */
export type Texts<T extends CommonTranslation> = { readonly en: T } & {
  readonly [lang: string]: T | undefined;
};
