import { initialState, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiTask } from '../../base/api-task.js';
import type { ZdDocumentsReadyDetail } from '../../base/events.js';
import { isListKey, matchesQuery, nextActive } from '../../base/listbox.js';
import { ZdElement } from '../../base/zd-element.js';
import { ZdApiError } from '../../client/errors.js';
import { newIdempotencyKey } from '../../client/idempotency.js';
import type {
  AvailableNumber,
  Country,
  Destination,
  OrderParams,
  OrderResult,
} from '../../client/zd-client.js';
import { filterByMask, markMask, normalizeMask } from '../../format/mask.js';
import { formatPhone, loadPhoneFormatter, type PhoneFormatter } from '../../format/phone.js';
import { formatPrice, monthsOf, orderTotal, type Period } from '../../format/price.js';
import { normalizeSipId, validateCallerName } from '../../format/validate.js';
import type { GroupCheck } from '../../i18n/translation.js';
import { failedChecks, needsDocuments, renderChecklist } from '../../documents/checklist.js';
import { pickerTexts, type PickerTranslation, type StepId } from './i18n/index.js';
import { styles } from './zd-number-picker.styles.js';

type Autorenew = 'off' | 'month' | 'year';

const STEPS: readonly StepId[] = ['country', 'destination', 'number', 'requirements', 'order', 'done'];
const PAGE = 50;
/**
 * @tag zd-number-picker
 * @summary Lets a customer find and order a Zadarma virtual number: country, city or area, the number
 * itself (with a digit search), the documents the area needs, the order, and where calls should go.
 *
 * @event {CustomEvent<ZdNumberOrderedDetail>} zd-number-ordered - A number was ordered (activated or reserved).
 * @event {CustomEvent<ZdDocumentsRequiredDetail>} zd-documents-required - The chosen area needs details or
 *   documents the customer has not completed; `detail.failed` names the checks that fail. Also sent when the
 *   customer asks to add documents. (Hand the detail to a `<zd-doc-upload>`: its `zd-documents-ready` or
 *   `zd-documents-submitted`, anywhere on the page, makes the picker check that group again.)
 * @event {CustomEvent<ZdNumberRoutedDetail>} zd-number-routed - Calls to the new number were routed or its
 *   caller name set.
 * @event {CustomEvent<ZdStepChangeDetail>} zd-step-change - The customer moved to another step.
 * @event {CustomEvent<ZdErrorDetail>} zd-error - A call to the proxy failed (the element shows it too).
 *
 * @csspart base - The element's frame.
 * @csspart title - The heading.
 * @csspart step - One step (`step step--current` for the open one).
 * @csspart step-heading - A step's heading.
 * @csspart summary - The choice made in a finished step.
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
export class ZdNumberPicker extends ZdElement<PickerTranslation> {
  static override styles = styles;

  /** Preselects a country (ISO 3166-1 alpha-2, e.g. `DE`). */
  @property() country?: string;

  /** Hides step 6 (routing and caller name after ordering). */
  @property({ type: Boolean, attribute: 'no-route' }) noRoute = false;

  /** The SIP login or URI proposed for routing after ordering. */
  @property({ attribute: 'sip-id' }) sipId = '';

  @state() private step: StepId = 'country';
  @state() private chosenCountry?: Country;
  @state() private destination?: Destination;
  @state() private chosenNumber?: AvailableNumber;
  @state() private countryQuery = '';
  @state() private destinationQuery = '';
  @state() private maskInput = '';
  @state() private serverMask = '';
  @state() private shown = PAGE;
  @state() private active = -1;
  @state() private groupId?: number;
  @state() private period: Period = 'month';
  @state() private autorenew: Autorenew = 'month';
  @state() private receiveSms = false;
  @state() private purpose = '';
  @state() private purposeMissing = false;
  /** After an order whose outcome is unknown, its params stay fixed so a retry is the same order. */
  @state() private orderLocked = false;
  @state() private ordered?: OrderResult;
  @state() private routeSipId = '';
  @state() private routeCallerName = '';
  @state() private routed = false;
  @state() private routeInvalid?: 'sip-id' | 'caller-name';
  @state() private phoneLib?: PhoneFormatter;

  #idempotencyKey = newIdempotencyKey();
  #maskTimer: ReturnType<typeof setTimeout> | undefined;
  #focusNext = false;
  #formatted = new Map<string, string>();
  #reportedRequirements = '';

  constructor() {
    super(pickerTexts);
  }

  // ---- API state ----

  private readonly countriesTask = new ApiTask(this, {
    task: ([lang], { signal }) => this.client.countries(lang, { signal }),
    args: () => [this.localize.code(), this.config.client] as const,
    onError: (e) => this.reportError(e, 'direct_numbers.countries'),
  });

  private readonly destinationsTask = new ApiTask(this, {
    task: ([iso, lang], { signal }) =>
      iso ? this.client.destinations(iso, lang, { signal }) : Promise.resolve(initialState),
    args: () => [this.chosenCountry?.countryCodeIso, this.localize.code(), this.config.client] as const,
    onError: (e) => this.reportError(e, 'direct_numbers.country'),
  });

  private readonly numbersTask = new ApiTask(this, {
    task: ([id, mask], { signal }) =>
      id ? this.client.availableNumbers(id, mask || undefined, { signal }) : Promise.resolve(initialState),
    args: () => [this.destination?.id, this.serverMask, this.config.client] as const,
    onError: (e) => this.reportError(e, 'direct_numbers.available'),
  });

  private readonly groupsTask = new ApiTask(this, {
    task: ([needed], { signal }) =>
      needed ? this.client.documentGroups({ signal }) : Promise.resolve(initialState),
    args: () =>
      [
        this.step === 'requirements' || this.step === 'order' ? this.destination?.id : undefined,
        this.config.client,
      ] as const,
    onComplete: (groups) => {
      if (this.groupId === undefined || !groups.some((g) => g.id === this.groupId))
        this.groupId = groups[0]?.id;
    },
    onError: (e) => this.reportError(e, 'documents.groups.list'),
  });

  private readonly validityTask = new ApiTask(this, {
    task: ([groupId, directionId], { signal }) =>
      groupId !== undefined && directionId
        ? this.client.groupValidity(groupId, Number(directionId), { signal })
        : Promise.resolve(initialState),
    args: () =>
      [
        this.step === 'requirements' ? this.groupId : undefined,
        this.destination?.id,
        this.config.client,
      ] as const,
    onComplete: (validity) => this.#reportRequirements(failedChecks(validity)),
    onError: (e) => this.reportError(e, 'documents.groups.valid'),
  });

  private readonly balanceTask = new ApiTask(this, {
    task: ([open], { signal }) => (open ? this.client.balance({ signal }) : Promise.resolve(initialState)),
    args: () => [this.step === 'order', this.config.client] as const,
  });

  private readonly orderTask = new ApiTask(
    this,
    {
      autoRun: false,
      task: ([params, uncertain]: readonly [OrderParams, boolean], { signal }: { signal: AbortSignal }) =>
        this.#placeOrder(params, uncertain, signal),
      onComplete: (result) => this.#ordered(result),
      onError: (e) => this.#orderFailed(e),
    },
    // An order once sent is seen through, even if the page moves the element meanwhile.
    { abortOnDisconnect: false },
  );

  private readonly routeTask = new ApiTask(this, {
    autoRun: false,
    task: async (
      [number, sipId, callerName]: readonly [string, string, string],
      { signal }: { signal: AbortSignal },
    ) => {
      if (sipId) await this.client.setSipId({ number, sip_id: sipId }, { signal });
      if (callerName) await this.client.setCallerName({ number, caller_name: callerName }, { signal });
      return { number, sipId, callerName };
    },
    onComplete: ({ number, sipId, callerName }) => {
      this.routed = true;
      this.emit('zd-number-routed', {
        number,
        ...(sipId ? { sipId } : {}),
        ...(callerName ? { callerName } : {}),
      });
    },
    onError: (e) => this.reportError(e, 'direct_numbers.set_sip_id+set_caller_name'),
  });

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('zd-documents-ready', this.#onDocuments);
    window.addEventListener('zd-documents-submitted', this.#onDocuments);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#maskTimer);
    window.removeEventListener('zd-documents-ready', this.#onDocuments);
    window.removeEventListener('zd-documents-submitted', this.#onDocuments);
  }

  /** A `<zd-doc-upload>` anywhere on the page completed the documents: check that group again. */
  readonly #onDocuments = (event: CustomEvent<ZdDocumentsReadyDetail>): void => {
    const { directionId, groupId } = event.detail;
    if (this.step !== 'requirements' || Number(this.destination?.id) !== directionId) return;
    this.groupId = groupId;
    void this.groupsTask.run().then(() => this.validityTask.run());
  };

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('sipId') && !this.routeSipId) this.routeSipId = this.sipId;
    // A preselected country is chosen as soon as the list has it.
    if (this.country && !this.chosenCountry && this.countriesTask.status === TaskStatus.COMPLETE) {
      const match = this.countriesTask.value?.find((c) => c.countryCodeIso === this.country?.toUpperCase());
      if (match) {
        this.chosenCountry = match;
        this.step = 'destination';
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('step')) this.emit('zd-step-change', { step: this.step });
    if (this.#focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(
        '.step--current [data-autofocus], .done [data-autofocus]',
      );
      if (target) {
        this.#focusNext = false;
        target.focus();
      }
    }
  }

  // ---- navigation ----

  #go(step: StepId): void {
    this.step = step;
    this.active = -1;
    // Focus moves to the new step's first control once it is there (after its list has loaded).
    this.#focusNext = true;
    if (step === 'number' && !this.phoneLib) {
      loadPhoneFormatter()
        .then((lib) => {
          this.#formatted.clear();
          this.phoneLib = lib;
        })
        .catch(() => undefined); // the area-based format stays
    }
    if (step === 'order' && !this.orderLocked) this.#idempotencyKey = newIdempotencyKey();
  }

  #chooseCountry(country: Country): void {
    if (country.countryCodeIso !== this.chosenCountry?.countryCodeIso) {
      this.destination = undefined;
      this.chosenNumber = undefined;
      this.destinationQuery = '';
    }
    this.chosenCountry = country;
    this.#go('destination');
  }

  #chooseDestination(destination: Destination): void {
    if (destination.id !== this.destination?.id) {
      this.chosenNumber = undefined;
      this.maskInput = '';
      this.serverMask = '';
      this.shown = PAGE;
      this.#formatted.clear();
      this.receiveSms = destination.receive_sms === 'true';
      this.purpose = '';
    }
    this.destination = destination;
    this.#go('number');
  }

  #chooseNumber(number: AvailableNumber): void {
    this.chosenNumber = number;
    this.#go(this.destination && needsDocuments(this.destination) ? 'requirements' : 'order');
  }

  #reset(): void {
    this.chosenNumber = undefined;
    this.ordered = undefined;
    this.orderLocked = false;
    this.routed = false;
    this.maskInput = '';
    this.serverMask = '';
    this.#go('number');
    // The number just ordered is gone from the inventory.
    void this.numbersTask.run();
  }

  // ---- number search ----

  #onMask(event: InputEvent): void {
    const input = event.target as HTMLInputElement;
    const mask = normalizeMask(input.value);
    this.maskInput = input.value;
    this.shown = PAGE;
    this.active = -1;
    clearTimeout(this.#maskTimer);
    // The loaded list is filtered at once; the proxy is asked (for numbers beyond it) once typing pauses.
    this.#maskTimer = setTimeout(() => (this.serverMask = mask), 350);
  }

  #format(n: AvailableNumber): string {
    let text = this.#formatted.get(n.number);
    if (text === undefined) {
      text = formatPhone(n.number, this.destination ?? {}, this.phoneLib);
      this.#formatted.set(n.number, text);
    }
    return text;
  }

  // ---- requirements ----

  #reportRequirements(failed: GroupCheck[]): void {
    const d = this.destination;
    if (!d || failed.length === 0) return;
    const key = `${d.id}|${this.groupId}|${failed.join()}`;
    if (key === this.#reportedRequirements) return;
    this.#reportedRequirements = key;
    this.#requestDocuments(failed);
  }

  #requestDocuments(failed: GroupCheck[]): void {
    const d = this.destination;
    if (!d) return;
    this.emit('zd-documents-required', {
      directionId: Number(d.id),
      country: this.chosenCountry?.countryCodeIso ?? '',
      groupId: this.groupId,
      failed,
      upload: d.restrictions?.upload ?? [],
      specify: d.restrictions?.specify ?? [],
    });
  }

  // ---- order ----

  #purposeRequired(): boolean {
    return this.destination?.restrictions?.specify?.includes('purpose') ?? false;
  }

  #orderParams(): OrderParams | undefined {
    const d = this.destination;
    if (!d) return undefined;
    return {
      direction_id: Number(d.id),
      documents_group_id: needsDocuments(d) ? (this.groupId ?? 0) : 0,
      ...(this.chosenNumber ? { number_id: this.chosenNumber.id } : {}),
      period: this.period,
      ...(this.autorenew !== 'off' ? { autorenew_period: this.autorenew } : {}),
      ...(d.receive_sms === 'true' ? { receive_sms: this.receiveSms ? 1 : 0 } : {}),
      ...(this.purpose.trim() ? { purpose: this.purpose.trim() } : {}),
    };
  }

  #order(): void {
    if (this.orderTask.status === TaskStatus.PENDING) return; // a double click is one order
    if (this.#purposeRequired() && !this.purpose.trim()) {
      this.purposeMissing = true;
      this.renderRoot.querySelector<HTMLElement>('#purpose')?.focus();
      return;
    }
    const params = this.#orderParams();
    if (!params) return;
    void this.orderTask.run([params, this.orderLocked]);
  }

  /**
   * Orders, never twice. Every attempt of one intent carries the same Idempotency-Key, so the proxy
   * replays an answer it has. After an attempt whose outcome is unknown (no answer), the user's own numbers
   * tell whether the order went through; if it did not and the proxy still replays "no answer" for the key
   * (it keeps such keys blocked), a new key is safe: the order names one `number_id`, which can be ordered
   * only once.
   */
  async #placeOrder(params: OrderParams, uncertain: boolean, signal: AbortSignal): Promise<OrderResult> {
    if (uncertain && this.chosenNumber) {
      const wanted = this.chosenNumber.number.replace(/\D/g, '');
      const own = await this.client.ownNumbers({ signal });
      const hit = own.find((n) => n.number?.replace(/\D/g, '') === wanted);
      if (hit) {
        return {
          status: 'success',
          number: hit.number ?? wanted,
          is_reserved: hit.status?.startsWith('reserved') ? 'true' : 'false',
          is_activated: hit.status === 'on' ? 'true' : 'false',
        };
      }
      try {
        return await this.client.order(params, this.#idempotencyKey, { signal });
      } catch (error) {
        if (!(error instanceof ZdApiError && error.replayed && error.retryable)) throw error;
        this.#idempotencyKey = newIdempotencyKey();
      }
    }
    return this.client.order(params, this.#idempotencyKey, { signal });
  }

  #ordered(result: OrderResult): void {
    this.ordered = result;
    if (this.autorenew === 'off') {
      // Zadarma renews new numbers unless told otherwise; the order itself stands either way.
      this.client
        .setAutoprolongation({ number: result.number, value: 'off' })
        .catch((error: unknown) => this.reportError(error, 'direct_numbers.autoprolongation.put'));
    }
    this.orderLocked = false;
    const d = this.destination;
    this.emit('zd-number-ordered', {
      number: result.number,
      activated: result.is_activated === 'true',
      reserved: result.is_reserved === 'true',
      directionId: Number(d?.id),
      documentsGroupId: d && needsDocuments(d) ? (this.groupId ?? 0) : 0,
      period: this.period,
    });
    this.#go('done');
  }

  #orderFailed(error: unknown): void {
    const zd = this.reportError(error, 'direct_numbers.order');
    if (zd.retryable) {
      // The order may have gone through: a retry must be the very same order, under the same key.
      this.orderLocked = true;
    } else {
      // Refused for sure: a changed order is a new intent with a new key.
      this.orderLocked = false;
      this.#idempotencyKey = newIdempotencyKey();
    }
  }

  #route(event: SubmitEvent): void {
    event.preventDefault();
    const number = this.ordered?.number;
    if (!number || this.routeTask.status === TaskStatus.PENDING) return;
    const typedSipId = this.routeSipId.trim();
    const sipId = typedSipId ? normalizeSipId(typedSipId) : '';
    const callerName = this.routeCallerName.trim();
    this.routeInvalid =
      sipId === undefined ? 'sip-id' : validateCallerName(callerName) ? 'caller-name' : undefined;
    if (this.routeInvalid) {
      this.renderRoot.querySelector<HTMLElement>(`#${this.routeInvalid}`)?.focus();
      return;
    }
    if (!sipId && !callerName) return;
    void this.routeTask.run([number, sipId ?? '', callerName]);
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const t = this.localize;
    const index = STEPS.indexOf(this.step);
    return html`<div class="base" part="base" lang=${t.lang()} dir=${t.dir()}>
      <h2 class="title" part="title"><slot name="title">${t.term('pickerTitle')}</slot></h2>
      <ol class="steps">
        ${this.#step(
          'country',
          index,
          () => this.chosenCountry?.name,
          () => this.#renderCountries(),
        )}
        ${this.#step(
          'destination',
          index,
          () =>
            this.destination &&
            `${this.destination.name} (+${this.destination.countryCode} ${this.destination.areaCode})`,
          () => this.#renderDestinations(),
        )}
        ${this.#step(
          'number',
          index,
          () => this.chosenNumber && this.#format(this.chosenNumber),
          () => this.#renderNumbers(),
        )}
        ${
          this.destination && needsDocuments(this.destination)
            ? this.#step(
                'requirements',
                index,
                () => this.#groupLabel(),
                () => this.#renderRequirements(),
              )
            : nothing
        }
        ${this.#step(
          'order',
          index,
          () => undefined,
          () => this.#renderOrder(),
        )}
        ${this.step === 'done' ? html`<li class="step step--current" part="step step--current">${this.#renderDone()}</li>` : nothing}
      </ol>
      <slot name="footer"></slot>
    </div>`;
  }

  /** A step: open (current), finished (summary with a Change button) or not reached (heading only). */
  #step(
    id: StepId,
    currentIndex: number,
    summary: () => string | undefined,
    body: () => TemplateResult,
  ): TemplateResult {
    const t = this.localize;
    const index = STEPS.indexOf(id);
    // Numbered as shown: without a documents step, the order is step 4.
    const shownNumber =
      index + (id === 'order' && !(this.destination && needsDocuments(this.destination)) ? 0 : 1);
    const current = this.step === id;
    const done = index < currentIndex;
    const headingId = `h-${id}`;
    // While an order's outcome is unknown, its choices stay as they were (a retry must be the same order).
    const changeable =
      done && this.step !== 'done' && !this.orderLocked && this.orderTask.status !== TaskStatus.PENDING;
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
      ${current ? body() : nothing}
      ${
        done
          ? html`<div class="summary" part="summary">
              <span>${summary() ?? ''}</span>
              ${
                changeable
                  ? html`<button
                      type="button"
                      class="link"
                      part="button"
                      aria-label="${t.term('change')}: ${t.term('stepLabel', id)}"
                      @click=${() => this.#go(id)}
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

  /** A combobox: a search field that filters a listbox and moves through it with the keyboard. */
  #combobox<T>(options: {
    id: string;
    label: string;
    query: string;
    onQuery: (event: InputEvent) => void;
    items: readonly T[];
    key: (item: T) => string;
    renderItem: (item: T) => TemplateResult;
    choose: (item: T) => void;
    selected?: string | undefined;
    inputMode?: 'text' | 'numeric';
    hint?: string;
    status: string;
    after?: TemplateResult | typeof nothing;
  }): TemplateResult {
    const { id, items } = options;
    const activeKey =
      this.active >= 0 && this.active < items.length ? options.key(items[this.active] as T) : '';
    const onKeydown = (event: KeyboardEvent) => {
      if (isListKey(event.key)) {
        event.preventDefault();
        this.active = nextActive(event.key, this.active, items.length);
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector(`#${id}-${this.active}`)?.scrollIntoView({ block: 'nearest' }),
        );
      } else if (event.key === 'Enter') {
        event.preventDefault();
        const item = items[this.active] ?? (items.length === 1 ? items[0] : undefined);
        if (item !== undefined) options.choose(item);
      } else if (event.key === 'Escape' && options.query) {
        event.preventDefault();
        const input = event.target as HTMLInputElement;
        input.value = '';
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }
    };
    return html`<div class="combobox">
      <label class="label" for="${id}-input">${options.label}</label>
      <input
        id="${id}-input"
        class="input"
        part="search"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        inputmode=${options.inputMode ?? 'text'}
        aria-autocomplete="list"
        aria-expanded=${items.length > 0 ? 'true' : 'false'}
        aria-controls=${items.length > 0 ? `${id}-list` : nothing}
        aria-activedescendant=${activeKey ? `${id}-${this.active}` : nothing}
        aria-describedby=${options.hint ? `${id}-hint ${id}-status` : `${id}-status`}
        .value=${options.query}
        @input=${options.onQuery}
        @keydown=${onKeydown}
        data-autofocus
      />
      ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : nothing}
      <p class="count" id="${id}-status" role="status">${options.status}</p>
      ${
        items.length > 0
          ? html`<ul
              class="listbox"
              part="listbox"
              id="${id}-list"
              role="listbox"
              aria-label=${options.label}
            >
              ${items.map((item, i) => {
                const isActive = i === this.active;
                const key = options.key(item);
                return html`<li
                  id="${id}-${i}"
                  class="option ${isActive ? 'option--active' : ''}"
                  part="option${isActive ? ' option--active' : ''}"
                  role="option"
                  aria-selected=${isActive || key === options.selected ? 'true' : 'false'}
                  @click=${() => options.choose(item)}
                >
                  ${options.renderItem(item)}
                </li>`;
              })}
            </ul>`
          : nothing
      }
      ${options.after ?? nothing}
    </div>`;
  }

  #renderCountries(): TemplateResult {
    const t = this.localize;
    const task = this.countriesTask;
    if (task.failure) return this.renderError(task.failure, () => void task.run());
    if (task.status !== TaskStatus.COMPLETE || !task.value) return this.renderLoading();
    if (task.value.length === 0) return this.renderEmpty(t.term('countryEmpty'));
    const items = task.value.filter((c) =>
      matchesQuery(this.countryQuery, c.name, c.countryCodeIso, `+${c.countryCode}`),
    );
    return this.#combobox({
      id: 'country',
      label: t.term('countrySearch'),
      query: this.countryQuery,
      onQuery: (e) => {
        this.countryQuery = (e.target as HTMLInputElement).value;
        this.active = -1;
      },
      items,
      key: (c) => c.countryCodeIso,
      selected: this.chosenCountry?.countryCodeIso,
      renderItem: (c) =>
        html`<span class="option__main">${c.name}</span><span class="option__aside">+${c.countryCode}</span>`,
      choose: (c) => this.#chooseCountry(c),
      status: items.length === 0 ? t.term('countryNone') : t.term('countryCount', items.length),
    });
  }

  #price(amount: number, currency: string): string {
    return formatPrice(amount, currency, this.localize.lang());
  }

  #renderDestination(d: Destination): TemplateResult {
    const t = this.localize;
    const upload = d.restrictions?.upload ?? [];
    const specify = d.restrictions?.specify ?? [];
    const days = Number(d.connect_time ?? 0);
    return html`<span class="option__main">
        <span class="option__name">${d.name}</span>
        <span class="option__code">+${d.countryCode} ${d.areaCode}</span>
        ${d.receive_sms === 'true' ? html`<span class="badge" part="badge">${t.term('badgeSms')}</span>` : nothing}
        ${d.is_toll === 'true' ? html`<span class="badge" part="badge">${t.term('badgeTollFree')}</span>` : nothing}
      </span>
      <span class="option__prices" part="price">
        <span
          >${t.term('connectFee')}:
          ${d.connect_fee > 0 ? this.#price(d.connect_fee, d.currency) : t.term('free')}</span
        >
        <span>${t.term('perMonth', this.#price(d.monthly_fee, d.currency))}</span>
      </span>
      <span class="option__meta">
        <span>${t.term('connectTime', Number.isFinite(days) ? days : 0)}</span>
        ${d.feature ? html`<span>${d.feature}</span>` : nothing}
        <span>
          ${
            upload.length + specify.length === 0
              ? t.term('noRequirements')
              : html`${t.term('requires')}:
                ${[
                  ...upload.map((u) => t.term('documentType', u)),
                  ...specify.map((s) => t.term('groupField', s)),
                ].join(', ')}`
          }
        </span>
      </span>`;
  }

  #renderDestinations(): TemplateResult {
    const t = this.localize;
    const task = this.destinationsTask;
    if (task.failure) return this.renderError(task.failure, () => void task.run());
    if (task.status !== TaskStatus.COMPLETE || !task.value) return this.renderLoading();
    if (task.value.length === 0) return this.renderEmpty(t.term('destinationEmpty'));
    const items = task.value.filter((d) =>
      matchesQuery(this.destinationQuery, d.name, d.areaCode, `${d.countryCode}${d.areaCode}`),
    );
    return this.#combobox({
      id: 'destination',
      label: t.term('destinationSearch'),
      query: this.destinationQuery,
      onQuery: (e) => {
        this.destinationQuery = (e.target as HTMLInputElement).value;
        this.active = -1;
      },
      items,
      key: (d) => String(d.id),
      selected: this.destination?.id,
      renderItem: (d) => this.#renderDestination(d),
      choose: (d) => this.#chooseDestination(d),
      status: items.length === 0 ? t.term('destinationNone') : '',
    });
  }

  #renderNumbers(): TemplateResult {
    const t = this.localize;
    const task = this.numbersTask;
    if (task.failure) return this.renderError(task.failure, () => void task.run());
    // While the proxy is asked with a new mask, the last list stays, filtered locally.
    const all = task.value;
    if (!all) return this.renderLoading();
    const mask = normalizeMask(this.maskInput);
    if (all.length === 0 && !mask && task.status === TaskStatus.COMPLETE) {
      return this.renderEmpty(t.term('numbersEmpty'));
    }
    const matches = filterByMask(all, mask);
    const items = matches.length > this.shown ? matches.slice(0, this.shown) : matches;
    const pending = task.status === TaskStatus.PENDING;
    return this.#combobox({
      id: 'number',
      label: t.term('numberMask'),
      hint: t.term('numberMaskHint'),
      query: this.maskInput,
      inputMode: 'numeric',
      onQuery: (e) => this.#onMask(e as InputEvent),
      items,
      key: (n) => n.id,
      selected: this.chosenNumber?.id,
      renderItem: (n) =>
        html`<span class="option__main number"
          >${markMask(this.#format(n), mask).map((s) => (s.match ? html`<mark>${s.text}</mark>` : s.text))}</span
        >`,
      choose: (n) => this.#chooseNumber(n),
      status: pending
        ? t.term('loading')
        : matches.length === 0
          ? t.term('numbersNoMatch', mask)
          : t.term('numbersCount', items.length, matches.length),
      after:
        matches.length > items.length
          ? html`<button
              type="button"
              class="button button--secondary"
              part="button"
              @click=${() => (this.shown += PAGE * 2)}
            >
              ${t.term('showMore')}
            </button>`
          : nothing,
    });
  }

  #groupLabel(): string | undefined {
    const group = this.groupsTask.value?.find((g) => g.id === this.groupId);
    if (!group) return undefined;
    const name = group.organization || [group.first_name, group.last_name].filter(Boolean).join(' ');
    return this.localize.term('groupName', name, group.id ?? 0);
  }

  #renderRequirements(): TemplateResult {
    const t = this.localize;
    const groups = this.groupsTask;
    const intro = html`<p class="hint">${t.term('requirementsIntro')}</p>`;
    if (groups.failure) return html`${intro}${this.renderError(groups.failure, () => void groups.run())}`;
    if (groups.status !== TaskStatus.COMPLETE || !groups.value) return html`${intro}${this.renderLoading()}`;
    const uploadButton = html`<button
      type="button"
      class="button button--secondary"
      part="button upload-button"
      @click=${() => this.#requestDocuments(this.validityTask.value ? failedChecks(this.validityTask.value) : [])}
    >
      ${t.term('uploadDocuments')}
    </button>`;
    if (groups.value.length === 0) {
      return html`${intro}
        <p class="state state--empty" part="empty" data-autofocus tabindex="-1">${t.term('groupsEmpty')}</p>
        <div class="actions">
          ${uploadButton}
          <button
            type="button"
            class="button button--secondary"
            part="button"
            @click=${() => void groups.run()}
          >
            ${t.term('recheck')}
          </button>
        </div>`;
    }
    const validity = this.validityTask;
    let checks: TemplateResult;
    let canContinue = false;
    if (validity.failure) {
      checks = this.renderError(validity.failure, () => void validity.run());
    } else if (validity.status !== TaskStatus.COMPLETE || !validity.value) {
      checks = this.renderLoading();
    } else {
      const failed = failedChecks(validity.value);
      // Zadarma takes the order while documents wait for verification, not while anything else is missing.
      canContinue = failed.every((check) => check === 'verified');
      checks = html`${renderChecklist(this.common, failed)}
        <p class="note ${failed.length ? 'note--warning' : 'note--ok'}" role="status">
          ${
            failed.length === 0
              ? t.term('requirementsOk')
              : canContinue
                ? t.term('requirementsUnverified')
                : t.term('requirementsMissing')
          }
        </p>`;
    }
    return html`${intro}
      ${
        groups.value.length > 1
          ? html`<label class="label" for="group">${t.term('groupLabel')}</label>
              <select
                id="group"
                class="input"
                data-autofocus
                @change=${(e: Event) => (this.groupId = Number((e.target as HTMLSelectElement).value))}
              >
                ${groups.value.map(
                  (g) =>
                    html`<option value=${g.id ?? 0} ?selected=${g.id === this.groupId}>
                      ${t.term('groupName', g.organization || [g.first_name, g.last_name].filter(Boolean).join(' '), g.id ?? 0)}
                    </option>`,
                )}
              </select>`
          : html`<p class="summary" data-autofocus tabindex="-1">
              ${t.term('groupLabel')}: ${this.#groupLabel()}
            </p>`
      }
      ${checks}
      <div class="actions">
        ${uploadButton}
        <button
          type="button"
          class="button button--secondary"
          part="button"
          @click=${() => void validity.run()}
        >
          ${t.term('recheck')}
        </button>
        <button
          type="button"
          class="button"
          part="button next-button"
          ?disabled=${!canContinue}
          @click=${() => this.#go('order')}
        >
          ${t.term('next')}
        </button>
      </div>`;
  }

  #renderOrder(): TemplateResult {
    const t = this.localize;
    const d = this.destination;
    const number = this.chosenNumber;
    if (!d || !number) return this.renderLoading();
    const currency = d.currency;
    const total = orderTotal(d.connect_fee, d.monthly_fee, this.period);
    const order = this.orderTask;
    const pending = order.status === TaskStatus.PENDING;
    const locked = pending || this.orderLocked;
    const balance = this.balanceTask.value;
    const low = balance !== undefined && balance.currency === currency && balance.balance < total;
    const purposeNeeded = this.#purposeRequired();
    const error = order.failure;
    return html`<form
      class="order"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.#order();
      }}
    >
      <p class="order__summary" part="summary" data-autofocus tabindex="-1">
        ${t.term('chosenNumber')}: <strong class="number">${this.#format(number)}</strong> · ${d.name}
      </p>
      <fieldset class="field" ?disabled=${locked}>
        <legend class="label">${t.term('period')}</legend>
        ${(['month', '3month'] as const).map(
          (p) =>
            html`<label class="choice">
              <input
                type="radio"
                name="period"
                value=${p}
                .checked=${this.period === p}
                @change=${() => (this.period = p)}
              />
              ${t.term('periodOption', monthsOf(p))} ·
              ${this.#price(orderTotal(d.connect_fee, d.monthly_fee, p), currency)}
            </label>`,
        )}
      </fieldset>
      <div class="field">
        <label class="label" for="autorenew">${t.term('autorenew')}</label>
        <select
          id="autorenew"
          class="input"
          ?disabled=${locked}
          @change=${(e: Event) => (this.autorenew = (e.target as HTMLSelectElement).value as Autorenew)}
        >
          <option value="month" ?selected=${this.autorenew === 'month'}>${t.term('autorenewMonth')}</option>
          <option value="year" ?selected=${this.autorenew === 'year'}>${t.term('autorenewYear')}</option>
          <option value="off" ?selected=${this.autorenew === 'off'}>${t.term('autorenewOff')}</option>
        </select>
      </div>
      ${
        d.receive_sms === 'true'
          ? html`<label class="choice field">
              <input
                type="checkbox"
                .checked=${this.receiveSms}
                ?disabled=${locked}
                @change=${(e: Event) => (this.receiveSms = (e.target as HTMLInputElement).checked)}
              />
              ${t.term('receiveSms')}
            </label>`
          : nothing
      }
      ${
        purposeNeeded || needsDocuments(d)
          ? html`<div class="field">
              <label class="label" for="purpose">${t.term('purpose')}</label>
              <textarea
                id="purpose"
                class="input"
                rows="2"
                maxlength="500"
                ?required=${purposeNeeded}
                ?disabled=${locked}
                aria-invalid=${this.purposeMissing ? 'true' : 'false'}
                aria-describedby=${this.purposeMissing ? 'purpose-error' : nothing}
                .value=${this.purpose}
                @input=${(e: Event) => {
                  this.purpose = (e.target as HTMLTextAreaElement).value;
                  this.purposeMissing = false;
                }}
              ></textarea>
              ${
                this.purposeMissing
                  ? html`<p class="field-error" id="purpose-error">${t.term('purposeRequired')}</p>`
                  : nothing
              }
            </div>`
          : nothing
      }
      <div class="total" part="total">
        <span class="total__label">${t.term('total')}</span>
        <strong class="total__amount">${this.#price(total, currency)}</strong>
        <span class="total__detail">
          ${t.term(
            'totalDetail',
            this.#price(d.connect_fee, currency),
            this.#price(d.monthly_fee, currency),
            monthsOf(this.period),
          )}
        </span>
        ${balance ? html`<span class="total__balance">${t.term('balance', this.#price(balance.balance, balance.currency))}</span>` : nothing}
      </div>
      ${low ? html`<p class="note note--warning">${t.term('balanceLow')}</p>` : nothing}
      ${
        error
          ? html`${
              error instanceof ZdApiError && error.retryable
                ? html`<p class="note note--warning">${t.term('orderUncertain')}</p>`
                : nothing
            }
            ${this.renderError(error)}`
          : nothing
      }
      <div class="actions">
        <button
          type="submit"
          class="button button--primary"
          part="button order-button"
          aria-disabled=${pending ? 'true' : 'false'}
        >
          ${
            pending
              ? html`<span class="spinner" aria-hidden="true"></span>${t.term('ordering')}`
              : error instanceof ZdApiError && error.retryable
                ? t.term('retry')
                : t.term('orderButton', this.#price(total, currency))
          }
        </button>
      </div>
    </form>`;
  }

  #renderDone(): TemplateResult {
    const t = this.localize;
    const result = this.ordered;
    if (!result) return html``;
    const formatted = formatPhone(result.number, this.destination ?? {}, this.phoneLib);
    const route = this.routeTask;
    return html`<div class="done" part="done">
      <h3 class="step__heading" part="step-heading" tabindex="-1" data-autofocus>
        ${t.term('stepLabel', 'done')}
      </h3>
      <p class="result ${result.is_activated === 'true' ? 'result--active' : ''}" role="status">
        ${
          result.is_activated === 'true'
            ? t.term('orderedActivated', formatted)
            : result.is_reserved === 'true'
              ? t.term('orderedReserved', formatted)
              : t.term('orderedPending', formatted)
        }
      </p>
      ${
        this.noRoute
          ? nothing
          : html`<form class="route" novalidate @submit=${(e: SubmitEvent) => this.#route(e)}>
              <h4 class="label">${t.term('routeTitle')}</h4>
              ${this.#renderRouteField('sip-id', this.routeSipId, (v) => (this.routeSipId = v))}
              ${this.#renderRouteField('caller-name', this.routeCallerName, (v) => (this.routeCallerName = v))}
              ${route.failure ? this.renderError(route.failure, () => void route.run()) : nothing}
              ${this.routed ? html`<p class="note note--ok" role="status">${t.term('saved')}</p>` : nothing}
              ${
                this.routed
                  ? nothing
                  : html`<div class="actions">
                      <button type="submit" class="button button--primary" part="button save-button">
                        ${
                          route.status === TaskStatus.PENDING
                            ? html`<span class="spinner" aria-hidden="true"></span>${t.term('loading')}`
                            : t.term('save')
                        }
                      </button>
                    </div>`
              }
            </form>`
      }
      <div class="actions">
        <button type="button" class="button button--secondary" part="button" @click=${() => this.#reset()}>
          ${t.term('newOrder')}
        </button>
      </div>
    </div>`;
  }

  /** One field of the routing form: label, input, hint, and its error when it was refused. */
  #renderRouteField(
    id: 'sip-id' | 'caller-name',
    value: string,
    set: (value: string) => void,
  ): TemplateResult {
    const t = this.localize;
    const [label, hint, invalid] =
      id === 'sip-id'
        ? (['sipId', 'sipIdHint', 'sipIdInvalid'] as const)
        : (['callerName', 'callerNameHint', 'callerNameInvalid'] as const);
    const refused = this.routeInvalid === id;
    return html`<div class="field">
      <label class="label" for=${id}>${t.term(label)}</label>
      <input
        id=${id}
        class="input"
        autocomplete="off"
        aria-describedby="${id}-hint${refused ? ` ${id}-error` : ''}"
        aria-invalid=${refused ? 'true' : 'false'}
        .value=${value}
        ?disabled=${this.routed}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
      />
      <p class="hint" id="${id}-hint">${t.term(hint)}</p>
      ${refused ? html`<p class="field-error" id="${id}-error">${t.term(invalid)}</p>` : nothing}
    </div>`;
  }
}
