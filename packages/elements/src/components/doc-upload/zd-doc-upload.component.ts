/**
 * `<zd-doc-upload>` is a conductor of steps — the pattern every multi-step element of the kit follows:
 *
 * - Each step is a small class in `steps/` that owns its state (plain `#fields`, its own `ApiTask`s, a
 *   `ReactiveController` when it needs the lifecycle) and has a `render()`. It reaches the element only
 *   through one `StepContext` (client, texts, events, shared data, navigation), built once below.
 * - The conductor holds what every step shares (the attributes, the destination's requirements, the
 *   customer's groups), decides which step is current (`#view`, changed only by `#go`), moves focus to
 *   the new step's heading (`data-autofocus`), and decides when anything may be fetched at all.
 * - A step moves on by asking the conductor (`ctx.open(id)`, `ctx.edit(id)`, `ctx.choose()`), never by
 *   calling another step.
 */
import { initialState } from '@lit/task';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiTask } from '../../base/api-task.js';
import type { ZdDocumentsRequiredDetail } from '../../base/events.js';
import { ShownController } from '../../base/shown-controller.js';
import { ZdElement } from '../../base/zd-element.js';
import type { DocumentGroup } from '../../client/zd-client.js';
import { destinations } from '../../client/numbers.js';
import { documentGroups } from '../../client/documents.js';
import { docUploadTexts, type DocUploadTranslation } from './i18n/index.js';
import { PickerLink } from './picker-link.js';
import { ChooseStep } from './steps/choose-step.js';
import { NEW, type DocumentRequirements, type StepContext } from './steps/context.js';
import { FormStep } from './steps/form-step.js';
import { StatusStep } from './steps/status-step.js';
import { styles } from './zd-doc-upload.styles.js';

export type { DocumentRequirements } from './steps/context.js';

type View = 'choose' | 'form' | 'status';

/** A number attribute where an empty value (a template's unset variable) means "not given", not 0. */
const optionalNumber = {
  fromAttribute: (value: string | null) =>
    value === null || value.trim() === '' ? undefined : Number(value),
};

/**
 * @tag zd-doc-upload
 * @summary Lets a customer give the details and upload the documents a virtual number needs (identity and
 * address of a person or a company), and follow their verification. Follows the number picker of its
 * `<zd-config>` (or the one `for` names): hidden until the picker asks, hidden again once everything is in.
 *
 * @event {CustomEvent<ZdDocumentsReadyDetail>} zd-documents-ready - The group meets every requirement of the
 *   destination, verification included: the number picker continues the order with it.
 * @event {CustomEvent<ZdDocumentsReadyDetail>} zd-documents-submitted - Everything is in and only the
 *   verification is pending (Zadarma already takes an order then; the number waits for the verification).
 * @event {CustomEvent<ZdGroupSavedDetail>} zd-group-saved - A group's details were created or changed.
 * @event {CustomEvent<ZdDocumentUploadedDetail>} zd-document-uploaded - A file arrived.
 * @event {CustomEvent<ZdErrorDetail>} zd-error - A call to the proxy failed (the element shows it too).
 *
 * @csspart base - The element's frame.
 * @csspart title - The heading (focused when a picker opens the element).
 * @csspart form - The details form.
 * @csspart field - One field with its label and message.
 * @csspart checklist - The four checks of the group for the destination.
 * @csspart document - One document type's box.
 * @csspart drop-zone - The button that takes a dropped or chosen file (while the type has no file).
 * @csspart add-button - The small button for a replacement or one more file (once the type has one).
 * @csspart upload - A file being uploaded (or refused).
 * @csspart progress - Its progress bar (without a value while Zadarma's answer is awaited).
 * @csspart button - Every button.
 * @csspart loading - A loading state.
 * @csspart error - An error with its retry button.
 * @csspart retry-button - The retry button of an error.
 *
 * @cssproperty --zd-font-family - Font of the element (default: inherited).
 * @cssproperty --zd-color-text - Text colour.
 * @cssproperty --zd-color-muted - Secondary text colour.
 * @cssproperty --zd-color-surface - Background.
 * @cssproperty --zd-color-border - Borders.
 * @cssproperty --zd-color-primary - Buttons, drop zone, focus.
 * @cssproperty --zd-color-on-primary - Text on primary.
 * @cssproperty --zd-color-danger - Errors, refused files, failed checks.
 * @cssproperty --zd-color-success - Passed checks, verified files.
 * @cssproperty --zd-radius - Corner radius.
 * @cssproperty --zd-spacing - Base spacing unit (every gap is a multiple of it).
 *
 * @slot title - Replaces the heading.
 */
export class ZdDocUpload extends ZdElement<DocUploadTranslation> {
  static override styles = styles;

  /** The destination the documents are for (`direction_id`): its checks are shown and awaited. */
  @property({ attribute: 'direction-id', converter: optionalNumber }) directionId?: number;

  /** The destination's country (ISO 3166-1 alpha-2): with `direction-id`, finds its requirements. */
  @property() country?: string;

  /** Opens this document group at once (0 is the account's main group). */
  @property({ attribute: 'group-id', converter: optionalNumber }) groupId?: number;

  /**
   * What the destination asks for (`restrictions.upload` / `.specify`), e.g. the number picker's
   * `zd-documents-required` detail; saves looking them up by `direction-id` and `country`.
   */
  @property({ attribute: false }) requirements?: DocumentRequirements;

  /** Document types to upload when no destination is given (comma-separated, e.g. `passport,phone_bill`). */
  @property({ attribute: 'document-types' }) documentTypes = 'passport';

  /**
   * Seconds until the first check while the documents are being verified; each further check waits twice
   * as long, up to 16 times this. (Zadarma allows a partner 100 requests a minute for all its customers:
   * a waiting page asks one question per check.)
   */
  @property({ type: Number, attribute: 'refresh-interval' }) refreshInterval = 30;

  /** The id of the `<zd-number-picker>` to follow (else every picker in the same `<zd-config>`). */
  @property({ attribute: 'for' }) htmlFor = '';

  /** Follows no picker: the page sets `direction-id`, `requirements`, `hidden` itself. */
  @property({ type: Boolean }) standalone = false;

  #view: View | undefined;
  /** The group in use (status) or being edited (form; `NEW` for a new one). */
  #chosen: number | undefined;
  /** The first view was chosen (from the groups, or `group-id`). */
  #placed = false;
  #focusView = false;
  readonly #shown = new ShownController(this);
  readonly #link = new PickerLink(this, (request) => this.#take(request));

  readonly #ctx: StepContext = {
    host: this,
    t: this.localize,
    client: () => this.client,
    configured: () => this.config.client,
    emit: (name, detail) => this.emit(name, detail),
    reportError: (error, operation) => this.reportError(error, operation),
    renderError: (error, retry) => this.renderError(error, retry),
    renderLoading: (label) => this.renderLoading(label),
    requirements: () => this.#requirements.value ?? {},
    groups: () => this.#groups.value,
    group: (id) => {
      const saved = this.#form.saved;
      return saved?.id === id ? saved : this.#groups.value?.find((g) => (g.id ?? 0) === id);
    },
    reloadGroups: () => void this.#groups.run(),
    choose: () => this.#go('choose'),
    edit: (id) => {
      this.#form.enter(id);
      this.#go('form', id);
    },
    open: (id) => {
      this.#status.enter(id);
      this.#go('status', id);
    },
    done: () => this.#link.done(),
  };
  readonly #choose = new ChooseStep(this.#ctx);
  readonly #form = new FormStep(this.#ctx);
  readonly #status = new StatusStep(this.#ctx);

  constructor() {
    super(docUploadTexts);
  }

  // ---- what the steps share ----

  /** Nothing is asked before the element is shown or asked: a hidden upload costs the partner nothing. */
  #wanted(): boolean {
    return (
      !this.#link.waiting &&
      (this.#shown.shown ||
        this.directionId !== undefined ||
        this.requirements !== undefined ||
        this.groupId !== undefined)
    );
  }

  readonly #requirements = new ApiTask(this, {
    task: async ([wanted, given, directionId, country, lang], { signal }) => {
      if (!wanted) return initialState;
      if (given) return this.requirements ?? {};
      if (!directionId || !country) return {};
      const areas = await destinations(this.client, country.toUpperCase(), lang, { signal });
      return areas.find((d) => Number(d.id) === directionId)?.restrictions ?? {};
    },
    // By content: a page handing over an equal object again (each `zd-documents-required`) changes nothing.
    args: () =>
      [
        this.#wanted(),
        this.requirements && JSON.stringify([this.requirements.upload, this.requirements.specify]),
        this.directionId,
        this.country,
        this.localize.code(),
        this.config.client,
      ] as const,
    onError: (e) => this.reportError(e, 'direct_numbers.country'),
  });

  readonly #groups = new ApiTask(this, {
    task: ([wanted], { signal }) => (wanted ? documentGroups(this.client, { signal }) : initialState),
    args: () => [this.#wanted(), this.config.client] as const,
    onComplete: (groups) => this.#place(groups),
    onError: (e) => this.reportError(e, 'documents.groups.list'),
  });

  // ---- lifecycle ----

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('htmlFor') || changed.has('standalone')) this.#link.follow();
    if (changed.has('groupId') && this.groupId !== undefined) {
      this.#placed = false;
      if (this.#groups.value) this.#place(this.#groups.value);
    }
  }

  protected override updated(): void {
    if (!this.#focusView) return;
    const target = this.renderRoot.querySelector<HTMLElement>('[data-autofocus]');
    if (target) {
      this.#focusView = false;
      target.focus();
    }
  }

  // ---- flow ----

  /** A picker asks for documents: take what it asks for, show up, and say so to screen readers. */
  async #take(request: ZdDocumentsRequiredDetail): Promise<void> {
    const { directionId, country, groupId, upload, specify } = request;
    Object.assign(this, { directionId, country, groupId, requirements: { upload, specify } });
    await this.updateComplete;
    // The heading, as screen-reader users expect when something opens (focus scrolls it into view).
    this.renderRoot.querySelector<HTMLElement>('.title')?.focus();
  }

  /** The first view, once the groups are known: the preset group, a new one, or the choice. */
  #place(groups: DocumentGroup[]): void {
    if (this.#placed) return;
    this.#placed = true;
    const preset = groups.find((g) => (g.id ?? 0) === this.groupId);
    if (preset) this.#ctx.open(preset.id ?? 0);
    else if (groups.length === 0) this.#ctx.edit(NEW);
    else this.#go('choose');
    this.#focusView = false; // the first view is not a move the customer made
  }

  #go(view: View, chosen = this.#chosen): void {
    if (view !== 'status') this.#status.leave();
    this.#chosen = chosen;
    this.#view = view;
    this.#focusView = true;
    this.requestUpdate();
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const t = this.localize;
    const groups = this.#groups;
    const requirements = this.#requirements;
    const view = this.#view;
    const body = groups.failure
      ? this.renderError(groups.failure, () => void groups.run())
      : requirements.failure
        ? this.renderError(requirements.failure, () => void requirements.run())
        : // Requirements asked again (another language) keep the view; only the first answer is waited for.
          !view || !requirements.value
          ? this.renderLoading()
          : view === 'choose'
            ? this.#choose.render(this.#chosen)
            : view === 'form'
              ? this.#form.render()
              : this.#status.render();
    return html`<div class="base" part="base" lang=${t.lang()} dir=${t.dir()}>
      <h2 class="title" part="title" tabindex="-1"><slot name="title">${t.term('docTitle')}</slot></h2>
      ${body}
    </div>`;
  }
}
