/**
 * What a step of `<zd-doc-upload>` gets from its conductor (zd-doc-upload.component.ts): one small object
 * instead of the element, so that a step sees only this and the element's API stays its attributes.
 */
import type { LitElement, TemplateResult } from 'lit';
import type { ZdEventDetailMap } from '../../../base/events.js';
import type { ZdApiError } from '../../../client/errors.js';
import type { DocumentGroup, ZdClient } from '../../../client/zd-client.js';
import type { LocalizeController } from '../../../i18n/localize.js';
import type { DocUploadTranslation } from '../i18n/index.js';

/** What a destination asks for; the picker's `zd-documents-required` detail fits as it is. */
export interface DocumentRequirements {
  upload?: string[];
  specify?: string[];
}

/** The id of a group that does not exist yet (the form creates it). */
export const NEW = -1;

/** The element's attributes that steps read. */
export interface DocUploadAttributes {
  readonly directionId?: number | undefined;
  readonly country?: string | undefined;
  readonly documentTypes: string;
  readonly refreshInterval: number;
}

export interface StepContext {
  /** The element: its attributes; a step's tasks attach to it; `requestUpdate()` renders it again. */
  readonly host: LitElement & DocUploadAttributes;
  readonly t: LocalizeController<DocUploadTranslation>;
  /** The client; throws a `config` error when the page configured none (a task shows it). */
  client(): ZdClient;
  /** The client or undefined, for a task's args: another configuration runs the task again. */
  configured(): ZdClient | undefined;
  emit<K extends keyof ZdEventDetailMap>(name: K, detail: ZdEventDetailMap[K]): void;
  reportError(error: unknown, operation: string): ZdApiError;
  renderError(error: unknown, retry?: () => void): TemplateResult;
  renderLoading(label?: string): TemplateResult;

  /** What the destination asks for. */
  requirements(): DocumentRequirements;

  /** The customer's groups (undefined until loaded), one of them (just saved counts), a reload. */
  groups(): DocumentGroup[] | undefined;
  group(id: number): DocumentGroup | undefined;
  reloadGroups(): void;

  /** Moves to another step: the chooser, the form of a group (`NEW`), the status of a group. */
  choose(): void;
  edit(id: number): void;
  open(id: number): void;
  /** The customer's part is done (`zd-documents-submitted` or `-ready` sent). */
  done(): void;
}
