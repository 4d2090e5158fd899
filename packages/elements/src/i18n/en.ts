import type { CommonTranslation } from './translation.js';

const human = (s: string) => s.replace(/_/g, ' ');
export const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const en: CommonTranslation = {
  $code: 'en',
  $name: 'English',
  $dir: 'ltr',
  loading: 'Loading…',
  retry: 'Try again',
  change: 'Change',
  next: 'Continue',
  save: 'Save',
  saved: 'Saved.',
  error: (kind, after) => {
    switch (kind) {
      case 'network':
        return 'The service could not be reached. Check your connection and try again.';
      case 'rate-limited':
        return after
          ? `Too many requests right now. Please try again in ${plural(after, 'second', 'seconds')}.`
          : 'Too many requests right now. Please try again in a moment.';
      case 'upstream':
        return 'The telephony service is not answering properly at the moment. Please try again.';
      case 'unauthorized':
        return 'Your session has expired. Please reload the page.';
      case 'forbidden':
        return 'You are not allowed to do this here.';
      case 'invalid':
        return 'The request was refused.';
      case 'not-found':
        return 'This function is not available here.';
      case 'too-large':
        return 'That is too large.';
      case 'config':
        return 'This element is not set up correctly on this page.';
    }
  },
  errorDetail: 'Details',
  invalidField: (field) => `Please check “${human(field)}”.`,
};
