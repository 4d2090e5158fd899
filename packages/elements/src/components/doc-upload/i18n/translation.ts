/** The document upload's texts (on top of the shared ones). */
import type { GroupFieldProblem, Salutation, Section } from '../../../documents/group-form.js';
import type { CommonTranslation, DocumentTranslation } from '../../../i18n/translation.js';

export type FileState = 'verified' | 'checking' | 'rejected';
export type RefusalReason = 'empty' | 'type' | 'size' | 'unreadable';

export interface DocUploadTranslation extends CommonTranslation, DocumentTranslation {
  docTitle: string;
  chooseGroup: string;
  newGroup: string;
  salutationLabel: string;
  salutation: (s: Salutation) => string;
  section: (section: Section, company: boolean) => string;
  optional: string;
  choose: string;
  idType: (type: string) => string;
  problem: (problem: GroupFieldProblem) => string;
  formProblems: (n: number) => string;
  saveDetails: string;
  saving: string;
  cancel: string;
  editDetails: string;
  otherDetails: string;
  readonlyNote: string;
  documentsTitle: string;
  dropZone: string;
  dropHint: (limit: string) => string;
  takePhoto: string;
  fileState: (state: FileState) => string;
  noFiles: string;
  refused: (reason: RefusalReason, limit: string) => string;
  preparing: string;
  uploading: (percent: number) => string;
  /** All bytes are sent; the answer is awaited. */
  waiting: string;
  uploaded: string;
  reducedFrom: (size: string) => string;
  cancelUpload: string;
  remove: string;
  /** A document type has its file: a new one instead of a rejected one, or one more. */
  replace: string;
  addAnother: string;
  wrongDocument: (type: string, message: string) => string;
  wrongAddress: (message: string) => string;
  fixAddress: string;
  statusReady: string;
  statusPending: string;
  statusMissing: string;
  checkNow: string;
}
