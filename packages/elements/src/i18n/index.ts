export { LocalizeController, registerTranslation, translationFor, type LocalizeHost } from './localize.js';
export type { Translation, StepId, GroupCheck } from './translation.js';
export { de } from './de.js';
export { en } from './en.js';
