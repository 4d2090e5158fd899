import type { Texts } from '../../../i18n/translation.js';
import { de } from './de.js';
import { en } from './en.js';
import type { PickerTranslation } from './translation.js';

export type { PickerTranslation, StepId } from './translation.js';
export const pickerTexts: Texts<PickerTranslation> = { en, de };
