import type { Texts } from '../../../i18n/translation.js';
import { de } from './de.js';
import { en } from './en.js';
import type { PbxSetupTranslation } from './translation.js';

export type { PbxSection, PbxSetupTranslation } from './translation.js';
export const pbxSetupTexts: Texts<PbxSetupTranslation> = { en, de };
