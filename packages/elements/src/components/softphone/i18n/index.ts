import type { Texts } from '../../../i18n/translation.js';
import { de } from './de.js';
import { en } from './en.js';
import type { SoftphoneTranslation } from './translation.js';

export type { SoftphoneTranslation } from './translation.js';
export const softphoneTexts: Texts<SoftphoneTranslation> = { en, de };
