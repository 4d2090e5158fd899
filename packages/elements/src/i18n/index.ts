export { LocalizeController, registerTranslation, resolveTexts, type LocalizeHost } from './localize.js';
export type { CommonTranslation, DocumentTranslation, GroupCheck, Texts } from './translation.js';
export type { KitTranslation, PartnerTranslation } from './partner.js';
export type { PickerTranslation, StepId } from '../components/number-picker/i18n/index.js';
export type { DocUploadTranslation } from '../components/doc-upload/i18n/index.js';
export { pickerTexts } from '../components/number-picker/i18n/index.js';
export { docUploadTexts } from '../components/doc-upload/i18n/index.js';
