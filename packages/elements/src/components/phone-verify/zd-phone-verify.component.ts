/**
 * `<zd-phone-verify>`: the customer confirms their own contact phone (the seed's contact-phone steps:
 * `reseller/users/phones/add`, `prove_by_sms` / `prove_by_callback`, `confirm`). A conductor of steps
 * like `<zd-doc-upload>`: the number entry and the code entry are small classes in `steps/`; this holds
 * what they share (the number, the channel, the cool-down) and talks to the proxy.
 */
import { initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiTask } from '../../base/api-task.js';
import { ZdElement } from '../../base/zd-element.js';
import { ZdApiError } from '../../client/errors.js';
import { newIdempotencyKey } from '../../client/idempotency.js';
import {
  addContactPhone,
  confirmContactPhone,
  contactPhones,
  phoneRefusal,
  proveContactPhone,
  type ContactPhone,
  type ProveChannel,
} from '../../client/phones.js';
import { phoneVerifyTexts, type PhoneVerifyTranslation } from './i18n/index.js';
import { CodeStep } from './steps/code-step.js';
import type { StepContext } from './steps/context.js';
import { Cooldown } from './steps/cooldown.js';
import { PhoneStep } from './steps/phone-step.js';
import { styles } from './zd-phone-verify.styles.js';

type View = 'phone' | 'reuse' | 'code' | 'done';

const CHANNELS: readonly ProveChannel[] = ['sms', 'callback'];

/**
 * @tag zd-phone-verify
 * @summary Lets a customer confirm their own contact phone: the number (with its country), a code by SMS
 * or by a call that reads it out, the code entered, a new code after a visible cool-down. Needs a session
 * token with scope `phone:verify`; acts on the token's own account only.
 *
 * @event {CustomEvent<ZdPhoneVerifiedDetail>} zd-phone-verified - The number is confirmed (also when it
 *   already was when the element opened). `detail.number` is in E.164 without `+`, as Zadarma has it.
 * @event {CustomEvent<ZdErrorDetail>} zd-error - A call to the proxy failed (the element shows it too).
 *
 * @csspart base - The element's frame.
 * @csspart title - The heading.
 * @csspart form - The number form and the code form.
 * @csspart field - One field with its label and message.
 * @csspart input - The country select, the number and the code inputs.
 * @csspart code-input - The code input.
 * @csspart field-error - A field's message.
 * @csspart sent - The sentence saying where the code went.
 * @csspart cooldown - The seconds until a new code may be asked for.
 * @csspart reuse - The question whether to use a number confirmed on another account.
 * @csspart reuse-yes - "Yes, use this number".
 * @csspart reuse-no - "No, use another number".
 * @csspart done - The confirmed number.
 * @csspart button - Every button.
 * @csspart send-button - "Send code".
 * @csspart confirm-button - "Confirm".
 * @csspart resend-button - "Send a new code".
 * @csspart other-button - "Use another number".
 * @csspart loading - A loading state.
 * @csspart error - An error with its retry button.
 * @csspart retry-button - The retry button of an error.
 *
 * @cssproperty --zd-font-family - Font of the element (default: inherited).
 * @cssproperty --zd-color-text - Text colour.
 * @cssproperty --zd-color-muted - Secondary text colour.
 * @cssproperty --zd-color-surface - Background.
 * @cssproperty --zd-color-border - Borders.
 * @cssproperty --zd-color-primary - Buttons, focus.
 * @cssproperty --zd-color-on-primary - Text on primary.
 * @cssproperty --zd-color-danger - Errors.
 * @cssproperty --zd-color-success - The confirmed number.
 * @cssproperty --zd-radius - Corner radius.
 * @cssproperty --zd-spacing - Base spacing unit.
 *
 * @slot title - Replaces the heading.
 */
export class ZdPhoneVerify extends ZdElement<PhoneVerifyTranslation> {
  static override styles = styles;

  /** The countries offered for the number (ISO 3166-1 alpha-2, comma-separated; the first is chosen). */
  @property() countries = 'DE,AT,CH,GB,FR,ES,IT,NL,BE,PL,US';

  /** The channels offered for the code, in order: `sms`, `callback` (comma-separated). */
  @property() channels = 'sms,callback';

  /** Seconds before a new code may be asked for (the proxy allows one every 30 s per customer). */
  @property({ type: Number, attribute: 'resend-seconds' }) resendSeconds = 30;

  #view: View | undefined;
  /** The number in E.164 without `+`, once chosen. */
  #number = '';
  #channel: ProveChannel = 'sms';
  #failure: unknown;
  /** Said once to screen readers (start and end of the cool-down, where the code went). */
  #announce = '';
  #wasCooling = false;
  #focusView = false;
  readonly #cooldown = new Cooldown(this);

  readonly #ctx: StepContext = {
    host: this,
    t: this.localize,
    channels: () => this.#channelList(),
    send: (number, channel) => this.#send(number.replace(/^\+/, ''), channel, false),
    confirm: (code) => this.#confirm(code),
    restart: () => this.#go('phone'),
    renderError: (error, retry) => this.renderError(error, retry),
  };
  readonly #phoneStep = new PhoneStep(this.#ctx);
  readonly #codeStep = new CodeStep(this.#ctx);

  constructor() {
    super(phoneVerifyTexts);
  }

  readonly #phones = new ApiTask(this, {
    task: ([client], { signal }) => (client ? contactPhones(client, { signal }) : initialState),
    args: () => [this.config.client] as const,
    onComplete: (phones) => this.#place(phones),
    onError: (e) => this.reportError(e, 'reseller.users.phones.get'),
  });

  #channelList(): ProveChannel[] {
    const list = this.channels
      .split(',')
      .map((c) => c.trim())
      .filter((c): c is ProveChannel => (CHANNELS as readonly string[]).includes(c));
    return list.length ? list : ['sms'];
  }

  /** An already confirmed number is shown as done (and said so to the page) instead of asked again. */
  #place(phones: ContactPhone[]): void {
    if (this.#view) return;
    const proved = phones.find((p) => p.is_proved);
    if (proved) {
      this.#number = proved.number;
      this.#view = 'done';
      this.emit('zd-phone-verified', { number: proved.number });
    } else {
      this.#view = 'phone';
    }
  }

  async #send(number: string, channel: ProveChannel, reuse: boolean): Promise<void> {
    this.#number = number;
    this.#channel = channel;
    this.#failure = undefined;
    try {
      const known = (this.#phones.value ?? []).some((p) => p.number === number);
      if (!known) {
        try {
          await addContactPhone(this.client, number);
        } catch (error) {
          // Added earlier (another tab, a lost answer): go on to the code.
          if (!(error instanceof ZdApiError && phoneRefusal(error.message) === 'already-added')) throw error;
        }
      }
      await proveContactPhone(this.client, {
        number,
        channel,
        reuse,
        language: this.localize.code(),
        idempotencyKey: newIdempotencyKey(),
      });
      this.#cooldown.start(this.resendSeconds);
      this.#codeStep.problem = undefined;
      this.#go('code');
      this.#announce = this.#sentText();
    } catch (error) {
      const refusal = error instanceof ZdApiError ? phoneRefusal(error.message) : 'other';
      if (refusal === 'reuse') return this.#go('reuse');
      if (refusal === 'already-confirmed') return this.#verified();
      this.#failure = this.reportError(error, `reseller.users.phones.prove_by_${channel}`);
      this.requestUpdate();
    }
  }

  async #confirm(code: string): Promise<void> {
    try {
      await confirmContactPhone(this.client, this.#number, code);
      this.#verified();
    } catch (error) {
      const zd = error instanceof ZdApiError ? error : undefined;
      const refusal = zd ? phoneRefusal(zd.message) : 'other';
      if (zd?.kind === 'rate-limited') {
        this.#codeStep.problem = 'too-many';
        this.#codeStep.retryAfter = zd.retryAfter;
      } else if (refusal === 'wrong-code' || refusal === 'expired') {
        this.#codeStep.problem = refusal;
      } else {
        this.#failure = this.reportError(error, 'reseller.users.phones.confirm');
      }
    }
  }

  #verified(): void {
    this.#go('done');
    this.emit('zd-phone-verified', { number: this.#number });
  }

  #go(view: View): void {
    this.#view = view;
    this.#failure = undefined;
    this.#focusView = true;
    this.requestUpdate();
  }

  #sentText(): string {
    const t = this.localize;
    const shown = `+${this.#number}`;
    return this.#channel === 'sms' ? t.term('codeSentSms', shown) : t.term('codeSentCallback', shown);
  }

  protected override willUpdate(): void {
    // The live region hears the cool-down's end once, not every second.
    const cooling = this.#cooldown.remaining > 0;
    if (this.#wasCooling && !cooling && this.#view === 'code')
      this.#announce = this.localize.term('resendReady');
    this.#wasCooling = cooling;
  }

  protected override updated(): void {
    if (!this.#focusView) return;
    const target = this.renderRoot.querySelector<HTMLElement>('[data-autofocus]');
    if (target) {
      this.#focusView = false;
      target.focus();
    }
  }

  #regionName = (code: string): string => {
    try {
      return new Intl.DisplayNames([this.localize.code()], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };

  #renderView(): TemplateResult {
    const t = this.localize;
    const shown = `+${this.#number}`;
    switch (this.#view) {
      case undefined:
        return this.#phones.failure
          ? this.renderError(this.#phones.failure, () => void this.#phones.run())
          : this.renderLoading();
      case 'phone':
        return this.#phoneStep.render(
          this.countries
            .split(',')
            .map((c) => c.trim().toUpperCase())
            .filter(Boolean),
          this.#regionName,
        );
      case 'reuse':
        return html`<div class="reuse" part="reuse">
          <p data-autofocus tabindex="-1">${t.term('reuseQuestion', shown)}</p>
          <div class="actions">
            <button
              type="button"
              class="button"
              part="button reuse-yes"
              @click=${() => void this.#send(this.#number, this.#channel, true)}
            >
              ${t.term('reuseYes')}
            </button>
            <button
              type="button"
              class="button button--secondary"
              part="button reuse-no"
              @click=${() => this.#go('phone')}
            >
              ${t.term('reuseNo')}
            </button>
          </div>
        </div>`;
      case 'code':
        return this.#codeStep.render(this.#sentText(), this.#cooldown, () => {
          if (this.#cooldown.remaining === 0) void this.#send(this.#number, this.#channel, false);
        });
      case 'done':
        return html`<p class="done" part="done" role="status" data-autofocus tabindex="-1">
          <span aria-hidden="true">✓</span> ${t.term('verified', shown)}
        </p>`;
    }
  }

  protected override render(): TemplateResult {
    const t = this.localize;
    return html`<div class="base" part="base" lang=${t.lang()} dir=${t.dir()}>
      <h2 class="title" part="title" tabindex="-1"><slot name="title">${t.term('title')}</slot></h2>
      ${this.#renderView()} ${this.#failure ? this.renderError(this.#failure) : nothing}
      <p class="visually-hidden" aria-live="polite">${this.#announce}</p>
    </div>`;
  }
}
