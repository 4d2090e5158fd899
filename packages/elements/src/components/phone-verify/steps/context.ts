/** What the steps of `<zd-phone-verify>` reach of their element: texts and the conductor's actions. */
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { LocalizeController } from '../../../i18n/localize.js';
import type { ProveChannel } from '../../../client/phones.js';
import type { PhoneVerifyTranslation } from '../i18n/index.js';

export interface StepContext {
  host: ReactiveControllerHost & HTMLElement;
  t: LocalizeController<PhoneVerifyTranslation>;
  /** The channels offered, in order. */
  channels: () => readonly ProveChannel[];
  /** Send a code to `number` (E.164) by `channel`; resolves when sent or refused (the element shows it). */
  send: (number: string, channel: ProveChannel) => Promise<void>;
  /** Check the code; resolves when done or refused. */
  confirm: (code: string) => Promise<void>;
  /** Back to the number entry. */
  restart: () => void;
  renderError: (error: unknown, retry?: () => void) => TemplateResult;
}
