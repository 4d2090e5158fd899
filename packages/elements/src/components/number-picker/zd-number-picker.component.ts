/**
 * `<zd-number-picker>` is a conductor of steps. Each step is a small module in `steps/` (a `PickerStep`:
 * a reactive controller with its own state, its own API tasks and its `render()`); the element holds only
 * what the steps share — the chosen country, area, number, document group and the placed order —, frames
 * each step (heading, summary, Change), moves between them and moves focus to the step that opens. A step
 * reads the shared choices and calls back (`chooseNumber()`, `go()`, ...) through `PickerHost`
 * (steps/step.ts); a choice resets, in each later step's `enter()`, what depended on the one before.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConfigController } from '../../base/config-controller.js';
import { ZdElement } from '../../base/zd-element.js';
import type { AvailableNumber, Country, Destination, ZdClient } from '../../client/zd-client.js';
import { needsDocuments } from '../../documents/checklist.js';
import { formatPhone, loadPhoneFormatter, type PhoneFormatter } from '../../format/phone.js';
import { formatPrice } from '../../format/price.js';
import type { LocalizeController } from '../../i18n/localize.js';
import { pickerTexts, type PickerTranslation, type StepId } from './i18n/index.js';
import { CountryStep } from './steps/country-step.js';
import { DestinationStep } from './steps/destination-step.js';
import { DoneStep } from './steps/done-step.js';
import { NumberStep } from './steps/number-step.js';
import { OrderStep } from './steps/order-step.js';
import { RequirementsStep } from './steps/requirements-step.js';
import type { PickerHost, PlacedOrder } from './steps/step.js';
import { styles } from './zd-number-picker.styles.js';

const STEPS: readonly StepId[] = ['country', 'destination', 'number', 'requirements', 'order', 'done'];

/**
 * @tag zd-number-picker
 * @summary Lets a customer find and order a Zadarma virtual number: country, city or area, the number
 * itself (with a digit search), the documents the area needs, the order, and where calls should go.
 *
 * @event {CustomEvent<ZdNumberOrderedDetail>} zd-number-ordered - A number was ordered (activated or reserved).
 * @event {CustomEvent<ZdDocumentsRequiredDetail>} zd-documents-required - The chosen area needs details or
 *   documents the customer has not given yet: sent by itself only when something other than the verification
 *   is missing (`detail.missing`; `detail.failed` has every failing check), and whenever the customer asks to
 *   add documents. Cancelable: a `<zd-doc-upload>` that takes the requirements over calls `preventDefault()`
 *   and shows them itself; the picker then points to it instead of showing the checks twice. Its
 *   `zd-documents-submitted` or `zd-documents-ready`, anywhere on the page, makes the picker check again.
 * @event {CustomEvent<ZdNumberRoutedDetail>} zd-number-routed - Calls to the new number were routed or its
 *   caller name set.
 * @event {CustomEvent<ZdStepChangeDetail>} zd-step-change - The customer moved to another step.
 * @event {CustomEvent<ZdErrorDetail>} zd-error - A call to the proxy failed (the element shows it too).
 *
 * @csspart base - The element's frame.
 * @csspart title - The heading.
 * @csspart step - One step (`step step--current` for the open one).
 * @csspart step-heading - A step's heading.
 * @csspart summary - The choice made in a finished step; what was ordered, in the done step.
 * @csspart search - A search field (countries, areas, digit mask).
 * @csspart listbox - A list of options.
 * @csspart option - One option (`option option--active` for the highlighted one).
 * @csspart badge - The SMS and toll-free badges.
 * @csspart price - A price.
 * @csspart checklist - The document checks.
 * @csspart total - The order total.
 * @csspart button - Every button.
 * @csspart order-button - The button that orders.
 * @csspart loading - A loading state.
 * @csspart empty - An empty state.
 * @csspart error - An error with its retry button.
 * @csspart retry-button - The retry button of an error.
 *
 * @cssproperty --zd-font-family - Font of the element (default: inherited).
 * @cssproperty --zd-color-text - Text colour.
 * @cssproperty --zd-color-muted - Secondary text colour.
 * @cssproperty --zd-color-surface - Background.
 * @cssproperty --zd-color-border - Borders.
 * @cssproperty --zd-color-primary - Buttons, active option, focus.
 * @cssproperty --zd-color-on-primary - Text on primary.
 * @cssproperty --zd-color-danger - Errors and failed checks.
 * @cssproperty --zd-color-success - Passed checks and the result.
 * @cssproperty --zd-radius - Corner radius.
 * @cssproperty --zd-spacing - Base spacing unit.
 * @cssproperty --zd-list-max-height - Height of a list before it scrolls.
 *
 * @slot title - Replaces the heading.
 * @slot footer - Shown under the steps (e.g. terms of the partner).
 */
export class ZdNumberPicker extends ZdElement<PickerTranslation> implements PickerHost {
  static override styles = styles;

  /** Preselects a country (ISO 3166-1 alpha-2, e.g. `DE`). */
  @property() country?: string;

  /** Hides step 6 (routing and caller name after ordering). */
  @property({ type: Boolean, attribute: 'no-route' }) noRoute = false;

  /** The SIP login or URI proposed for routing after ordering. */
  @property({ attribute: 'sip-id' }) sipId = '';

  // What the steps share.
  /** @internal */
  @state() step: StepId = 'country';
  /** @internal */
  @state() chosenCountry?: Country;
  /** @internal */
  @state() destination?: Destination;
  /** @internal */
  @state() chosenNumber?: AvailableNumber;
  /** @internal */
  @state() groupId?: number;
  /** @internal */
  @state() placed?: PlacedOrder;
  @state() private phoneLib?: PhoneFormatter;

  // For the steps: members of ZdElement they use, made visible to them (types only, no code).
  /** @internal */
  declare readonly localize: LocalizeController<PickerTranslation>;
  /** @internal */
  declare readonly config: ConfigController;
  /** @internal */
  declare emit: PickerHost['emit'];
  /** @internal */
  declare reportError: PickerHost['reportError'];
  /** @internal */
  declare renderLoading: PickerHost['renderLoading'];
  /** @internal */
  declare renderEmpty: PickerHost['renderEmpty'];
  /** @internal */
  declare renderError: PickerHost['renderError'];

  readonly #steps = {
    country: new CountryStep(this),
    destination: new DestinationStep(this),
    number: new NumberStep(this),
    requirements: new RequirementsStep(this),
    order: new OrderStep(this),
    done: new DoneStep(this),
  };
  #focusNext = false;
  #formatted = new Map<string, string>();
  #loadingLib = false;

  constructor() {
    super(pickerTexts);
  }

  /** @internal */
  override get common(): LocalizeController {
    return super.common;
  }

  /** @internal */
  override get client(): ZdClient {
    return super.client;
  }

  // ---- moving between the steps ----

  /** @internal */
  go(step: StepId, moveFocus = true): void {
    this.step = step;
    // Focus moves to the new step once it is there (after its list has loaded).
    this.#focusNext = moveFocus;
    this.#steps[step].enter();
  }

  /** @internal */
  focusStep(): void {
    this.#focusNext = true;
    this.requestUpdate();
  }

  /** @internal */
  chooseCountry(country: Country, moveFocus = true): void {
    if (country.countryCodeIso !== this.chosenCountry?.countryCodeIso) {
      this.destination = undefined;
      this.chosenNumber = undefined;
    }
    this.chosenCountry = country;
    this.go('destination', moveFocus);
  }

  /** @internal */
  chooseDestination(destination: Destination): void {
    if (destination.id !== this.destination?.id) {
      this.chosenNumber = undefined;
      this.#formatted.clear();
    }
    this.destination = destination;
    this.go('number');
  }

  /** @internal */
  chooseNumber(number: AvailableNumber): void {
    this.chosenNumber = number;
    this.go(this.#needsDocuments() ? 'requirements' : 'order');
  }

  /** @internal */
  ordered(order: PlacedOrder): void {
    this.placed = order;
    this.go('done');
  }

  /** @internal */
  newOrder(): void {
    this.chosenNumber = undefined;
    this.placed = undefined;
    const numbers = this.#steps.number;
    numbers.clear();
    this.go('number');
    // The number just ordered is gone from the inventory.
    numbers.reload();
  }

  #needsDocuments(): boolean {
    return this.destination ? needsDocuments(this.destination) : false;
  }

  // ---- shared formatting ----

  /** @internal */
  format(number: string): string {
    if (!this.phoneLib && !this.#loadingLib) {
      // The first paint groups by country and area code; libphonenumber-js (a chunk) then formats better.
      this.#loadingLib = true;
      loadPhoneFormatter()
        .then((lib) => {
          this.#formatted.clear();
          this.phoneLib = lib;
        })
        // The area-based format stays; a chunk that is missing is the partner's to fix (logged, zd-error).
        .catch((error: unknown) => this.reportError(error, 'chunk:phone-lib'));
    }
    let text = this.#formatted.get(number);
    if (text === undefined) {
      text = formatPhone(number, this.destination ?? {}, this.phoneLib);
      this.#formatted.set(number, text);
    }
    return text;
  }

  /** @internal */
  price(amount: number, currency: string): string {
    return formatPrice(amount, currency, this.localize.lang());
  }

  // ---- lifecycle ----

  protected override updated(changed: PropertyValues): void {
    if (changed.has('step')) this.emit('zd-step-change', { step: this.step });
    if (!this.#focusNext) return;
    // The step's first control when it has one, else (once it has loaded) its heading: the screen reader
    // says where the customer is, and no plain text is made to look like a field.
    const current = this.renderRoot.querySelector('.step--current');
    const target =
      current?.querySelector<HTMLElement>('[data-autofocus]') ??
      (current?.querySelector('[part~=loading]')
        ? null
        : current?.querySelector<HTMLElement>('.step__heading'));
    if (target) {
      this.#focusNext = false;
      target.focus();
    }
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const t = this.localize;
    const shown = STEPS.filter((id) => id !== 'done' && (id !== 'requirements' || this.#needsDocuments()));
    return html`<div class="base" part="base" lang=${t.lang()} dir=${t.dir()}>
      <h2 class="title" part="title"><slot name="title">${t.term('pickerTitle')}</slot></h2>
      <ol class="steps">
        ${shown.map((id, i) => this.#frame(id, i + 1))}
        ${
          this.step === 'done'
            ? html`<li class="step step--current" part="step step--current">${this.#steps.done.render()}</li>`
            : nothing
        }
      </ol>
      <slot name="footer"></slot>
    </div>`;
  }

  /** A step: open (its body), done (its summary with a Change button) or not reached (heading only). */
  #frame(id: StepId, shownNumber: number): TemplateResult {
    const t = this.localize;
    const step = this.#steps[id];
    const current = this.step === id;
    const done = STEPS.indexOf(id) < STEPS.indexOf(this.step);
    const headingId = `h-${id}`;
    // While an order's outcome is unknown, its choices stay as they were (a retry must be the same order).
    const changeable = done && this.step !== 'done' && !this.#steps.order.locked;
    return html`<li
      class="step ${current ? 'step--current' : done ? 'step--done' : 'step--todo'}"
      part="step${current ? ' step--current' : ''}"
      aria-current=${current ? 'step' : nothing}
      aria-labelledby=${headingId}
    >
      <h3 class="step__heading" part="step-heading" id=${headingId} tabindex="-1">
        <span class="step__number" aria-hidden="true">${shownNumber}</span>
        ${t.term('stepLabel', id)}
      </h3>
      ${current ? step.render() : nothing}
      ${
        done
          ? html`<div class="summary" part="summary">
              <span>${step.summary() ?? ''}</span>
              ${
                changeable
                  ? html`<button
                      type="button"
                      class="link"
                      part="button"
                      aria-label="${t.term('change')}: ${t.term('stepLabel', id)}"
                      @click=${() => this.go(id)}
                    >
                      ${t.term('change')}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </li>`;
  }
}
