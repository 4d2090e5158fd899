import type { Texts } from '../../../i18n/translation.js';
import { de } from './de.js';
import { en } from './en.js';
import type { DocUploadTranslation } from './translation.js';

export type { DocUploadTranslation, FileState, RefusalReason } from './translation.js';
export const docUploadTexts: Texts<DocUploadTranslation> = { en, de };
