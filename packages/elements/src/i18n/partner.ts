/** What a partner may register for a language: any of the kit's texts; those left out stay English. */
import type { DocUploadTranslation } from '../components/doc-upload/i18n/translation.js';
import type { PickerTranslation } from '../components/number-picker/i18n/translation.js';
import type { CommonTranslation } from './translation.js';

export type KitTranslation = PickerTranslation & DocUploadTranslation;

export type PartnerTranslation = Pick<CommonTranslation, '$code'> & Partial<KitTranslation>;
