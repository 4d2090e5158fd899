import type { Texts } from '../../../i18n/translation.js';
import { de } from './de.js';
import { en } from './en.js';
import type { PhoneVerifyTranslation } from './translation.js';

export type { CodeProblem, PhoneProblem, PhoneVerifyTranslation } from './translation.js';
export const phoneVerifyTexts: Texts<PhoneVerifyTranslation> = { en, de };
