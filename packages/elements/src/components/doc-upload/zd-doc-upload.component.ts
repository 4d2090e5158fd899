import { initialState, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiTask } from '../../base/api-task.js';
import { ZdElement } from '../../base/zd-element.js';
import type { DocumentGroup, GroupFile, GroupParams, GroupValidity } from '../../client/zd-client.js';
import { failedChecks, renderChecklist } from '../../documents/checklist.js';
import { countryOptions, type CountryOption } from '../../documents/countries.js';
import { ACCEPTED_TYPES, formatBytes, UPLOAD_LIMIT_BYTES } from '../../documents/file-check.js';
import {
  draftOf,
  fieldsFor,
  groupParams,
  ID_TYPES,
  localToday,
  SALUTATIONS,
  salutationOf,
  validateDraft,
  type GroupFieldProblem,
  type FieldSpec,
  type GroupDraft,
  type Salutation,
  type Section,
} from '../../documents/group-form.js';
import { docUploadTexts, type DocUploadTranslation } from './i18n/index.js';
import { UploadSlot, type UploadItem } from './upload-slot.js';
import { styles } from './zd-doc-upload.styles.js';
import { destinations } from '../../client/numbers.js';
import {
  checkingWrongs,
  createGroup,
  documentGroups,
  groupFiles,
  groupValidity,
  updateGroup,
} from '../../client/documents.js';

type View = 'choose' | 'form' | 'status';

/** What a destination asks for; the picker's `zd-documents-required` detail fits as it is. */
export interface DocumentRequirements {
  upload?: string[];
  specify?: string[];
}

const SECTIONS: readonly Section[] = ['company', 'person', 'contact', 'address', 'id'];
const ACCEPT = Object.keys(ACCEPTED_TYPES).join(',');
const NEW = -1;

/** A number attribute where an empty value (a template's unset variable) means "not given", not 0. */
const optionalNumber = {
  fromAttribute: (value: string | null) =>
    value === null || value.trim() === '' ? undefined : Number(value),
};

const nameOf = (g: DocumentGroup) => g.organization || [g.first_name, g.last_name].filter(Boolean).join(' ');

/**
 * @tag zd-doc-upload
 * @summary Lets a customer give the details and upload the documents a virtual number needs (identity and
 * address of a person or a company), and follow their verification.
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
 * @csspart title - The heading.
 * @csspart form - The details form.
 * @csspart field - One field with its label and message.
 * @csspart checklist - The four checks of the group for the destination.
 * @csspart document - One document type's box.
 * @csspart drop-zone - The button that takes a dropped or chosen file.
 * @csspart upload - A file being uploaded (or refused).
 * @csspart progress - Its progress bar.
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
 * @cssproperty --zd-spacing - Base spacing unit.
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

  @state() private view?: View;
  /** The group in use (status view) or being edited (form; `NEW` for a new one). */
  @state() private chosen?: number;
  @state() private salutation: Salutation = 'MR';
  @state() private draft: GroupDraft = {};
  @state() private showProblems = false;
  /** Why the last save failed (shown in the form until the next try). */
  @state() private saveError?: unknown;
  /** Counts checks of the group's validity (one request each). */
  @state() private tick = 0;
  /** Counts refreshes of the files and the verifier's messages: after an upload, or when the checks change. */
  @state() private detailsTick = 0;

  readonly #slots = new Map<string, UploadSlot>();
  readonly #countries = new Map<string, CountryOption[]>();
  #announced = '';
  /** The first view was chosen (from the groups, or `group-id`). */
  #placed = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delay = 0;
  /** The flags of the last check, to see when they change. */
  #lastFlags = '';
  /** Files and messages are to be asked for after the next check (so they are never older than it). */
  #detailsDue = false;
  #focusView = false;

  constructor() {
    super(docUploadTexts);
  }

  // ---- API state ----

  private readonly requirementsTask = new ApiTask(this, {
    task: async ([given, directionId, country, lang], { signal }) => {
      if (given) return this.requirements ?? {};
      if (!directionId || !country) return {};
      const areas = await destinations(this.client, country.toUpperCase(), lang, { signal });
      return areas.find((d) => Number(d.id) === directionId)?.restrictions ?? {};
    },
    // By content: a page handing over an equal object again (each `zd-documents-required`) changes nothing.
    args: () =>
      [
        this.requirements && JSON.stringify([this.requirements.upload, this.requirements.specify]),
        this.directionId,
        this.country,
        this.localize.code(),
        this.config.client,
      ] as const,
    onError: (e) => this.reportError(e, 'direct_numbers.country'),
  });

  private readonly groupsTask = new ApiTask(this, {
    task: (_, { signal }) => documentGroups(this.client, { signal }),
    args: () => [this.config.client] as const,
    onComplete: (groups) => this.#afterGroups(groups),
    onError: (e) => this.reportError(e, 'documents.groups.list'),
  });

  private readonly saveTask = new ApiTask(
    this,
    {
      autoRun: false,
      task: ([id, params]: readonly [number, GroupParams], { signal }: { signal: AbortSignal }) =>
        id === NEW
          ? createGroup(this.client, params, { signal })
          : updateGroup(this.client, id, params, { signal }),
      onComplete: (group) => {
        const id = group.id ?? 0;
        this.emit('zd-group-saved', { groupId: id, created: this.chosen === NEW });
        this.#open(id);
        void this.groupsTask.run();
      },
      onError: (e) => {
        this.saveError = this.reportError(
          e,
          this.chosen === NEW ? 'documents.groups.create' : 'documents.groups.update',
        );
      },
    },
    // Details half sent are seen through: abandoning them could leave a group the customer never sees.
    { abortOnDisconnect: false },
  );

  #statusArgs(tick: number) {
    return [this.view === 'status' ? this.chosen : undefined, tick, this.config.client] as const;
  }

  private readonly filesTask = new ApiTask(this, {
    task: ([id], { signal }) =>
      id === undefined ? Promise.resolve(initialState) : groupFiles(this.client, id, { signal }),
    args: () => this.#statusArgs(this.detailsTick),
    onError: (e) => this.reportError(e, 'documents.files'),
  });

  private readonly wrongsTask = new ApiTask(this, {
    task: ([id], { signal }) =>
      id === undefined ? Promise.resolve(initialState) : checkingWrongs(this.client, id, { signal }),
    args: () => this.#statusArgs(this.detailsTick),
    onError: (e) => this.reportError(e, 'direct_numbers.checking_wrongs'),
  });

  private readonly validityTask = new ApiTask(this, {
    task: ([id, , , directionId], { signal }) =>
      id === undefined || !directionId
        ? Promise.resolve(initialState)
        : groupValidity(this.client, id, directionId, { signal }),
    args: () => [...this.#statusArgs(this.tick), this.directionId] as const,
    onComplete: (validity) => this.#afterValidity(validity),
    onError: (e) => {
      this.reportError(e, 'documents.groups.valid');
      // The files and messages are not held back by a failed check.
      if (this.#detailsDue) this.detailsTick++;
      this.#detailsDue = false;
    },
  });

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.view === 'status') this.#refresh(); // what changed while away
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('groupId') && this.groupId !== undefined) {
      this.#placed = false;
      if (this.groupsTask.value) this.#afterGroups(this.groupsTask.value);
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

  #afterGroups(groups: DocumentGroup[]): void {
    if (this.#placed) return;
    this.#placed = true;
    const preset = groups.find((g) => (g.id ?? 0) === this.groupId);
    if (preset) this.#open(preset.id ?? 0);
    else if (groups.length === 0) this.#edit(NEW);
    else this.#go('choose');
    this.#focusView = false; // the first view is not a move the customer made
  }

  #go(view: View): void {
    this.view = view;
    this.#focusView = true;
  }

  #open(id: number): void {
    if (id !== this.chosen) {
      this.#lastFlags = '';
      // Files chosen for the other group's documents do not carry over.
      for (const slot of this.#slots.values()) slot.cancel();
    }
    this.#delay = 0;
    this.chosen = id;
    this.showProblems = false;
    this.#go('status');
  }

  #edit(id: number): void {
    const group = this.groupsTask.value?.find((g) => (g.id ?? 0) === id);
    this.chosen = id;
    this.salutation = salutationOf(group);
    this.draft = draftOf(group);
    if (!group && this.country) this.draft = { country: this.country.toUpperCase() };
    this.showProblems = false;
    this.saveError = undefined;
    this.#go('form');
  }

  #fields(): FieldSpec[] {
    return fieldsFor(this.salutation, this.#requirements().specify ?? [], this.draft['country']);
  }

  #requirements(): DocumentRequirements {
    return this.requirementsTask.value ?? {};
  }

  #problems(): Record<string, GroupFieldProblem> {
    return validateDraft(this.#fields(), this.draft, localToday());
  }

  #save(event: Event): void {
    event.preventDefault();
    const problems = this.#problems();
    this.showProblems = true;
    const first = Object.keys(problems)[0];
    if (first) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#f-${first}`)?.focus());
      return;
    }
    const params = groupParams(this.salutation, this.#fields(), this.draft);
    // Zadarma checks the details for the destination at once when it is named.
    if (this.directionId) params.direction_id = this.directionId;
    this.saveError = undefined;
    void this.saveTask.run([this.chosen ?? NEW, params]);
  }

  #uploadTypes(): string[] {
    const asked =
      this.#requirements().upload ??
      this.documentTypes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const present = (this.filesTask.value ?? []).map((f) => f.type);
    return [...new Set([...asked, ...present])];
  }

  #slot(type: string): UploadSlot {
    let slot = this.#slots.get(type);
    if (!slot) {
      slot = new UploadSlot(this, type, {
        client: () => this.client,
        groupId: () => this.chosen,
        knownCount: (t) => this.filesTask.value?.filter((f) => f.type === t).length,
        uploaded: (t, result) => {
          if (result)
            this.emit('zd-document-uploaded', {
              groupId: this.chosen ?? 0,
              documentType: t,
              name: result.doc_name,
            });
          // A new file that completes the group is news again, even if no check saw it incomplete.
          this.#announced = '';
          this.#refresh();
        },
        failed: (e) => this.reportError(e, 'documents.upload'),
      });
      this.#slots.set(type, slot);
    }
    return slot;
  }

  /** After each check: tell the page when the group is ready, and check again while verification runs. */
  #afterValidity(validity: GroupValidity | undefined): void {
    clearTimeout(this.#timer);
    const id = this.chosen;
    if (!validity || id === undefined || !this.directionId) return;
    const failed = failedChecks(validity);
    const event =
      failed.length === 0
        ? 'zd-documents-ready'
        : failed.join() === 'verified'
          ? 'zd-documents-submitted'
          : undefined;
    // Once per change of state: a group rejected and then sent again is announced again.
    const key = `${event}|${id}|${this.directionId}`;
    if (event && key !== this.#announced) this.emit(event, { directionId: this.directionId, groupId: id });
    this.#announced = key;
    // The files and messages are asked for again when the checks say something changed, or after a refresh.
    const flags = failed.join();
    if (this.#detailsDue || (flags !== this.#lastFlags && this.#lastFlags !== '')) this.detailsTick++;
    this.#detailsDue = false;
    this.#lastFlags = flags;
    if (event === 'zd-documents-submitted') this.#scheduleCheck();
  }

  /**
   * Everything asked for again (after an upload, on "check now"), and the checks back to their pace: the
   * check first, then the files and messages, so that the list never shows an older state than the checks.
   */
  #refresh(): void {
    this.#delay = 0;
    this.tick++;
    if (this.directionId) this.#detailsDue = true;
    else this.detailsTick++;
  }

  #scheduleCheck(): void {
    // Nonsense (0, negative, not a number) falls back to the default rather than asking without pause.
    const first = (this.refreshInterval > 0 ? this.refreshInterval : 30) * 1000;
    this.#delay = this.#delay ? Math.min(this.#delay * 2, first * 16) : first;
    this.#timer = setTimeout(() => {
      // A hidden page waits; the check happens when the customer looks again.
      if (document.hidden) this.#scheduleCheck();
      else this.tick++;
    }, this.#delay);
  }

  // ---- rendering ----

  protected override render(): TemplateResult {
    const t = this.localize;
    const groups = this.groupsTask;
    let body: TemplateResult;
    if (groups.failure) body = this.renderError(groups.failure, () => void groups.run());
    else if (this.requirementsTask.failure)
      body = this.renderError(this.requirementsTask.failure, () => void this.requirementsTask.run());
    // Requirements asked again (another language) keep the view; only the first answer is waited for.
    else if (!this.view || !this.requirementsTask.value) body = this.renderLoading();
    else if (this.view === 'choose') body = this.#renderChoose(groups.value ?? []);
    else if (this.view === 'form') body = this.#renderForm();
    else body = this.#renderStatus();
    return html`<div class="base" part="base" lang=${t.lang()} dir=${t.dir()}>
      <h2 class="title" part="title"><slot name="title">${t.term('docTitle')}</slot></h2>
      ${body}
    </div>`;
  }

  #renderChoose(groups: DocumentGroup[]): TemplateResult {
    const t = this.localize;
    const current = this.chosen ?? groups[0]?.id ?? 0;
    return html`<form
      class="choose"
      @submit=${(e: Event) => {
        e.preventDefault();
        const value = Number(new FormData(e.target as HTMLFormElement).get('group'));
        if (value === NEW) this.#edit(NEW);
        else this.#open(value);
      }}
    >
      <fieldset class="fieldset">
        <legend class="label" data-autofocus tabindex="-1">${t.term('chooseGroup')}</legend>
        ${[
          ...groups.map((g) => [g.id ?? 0, t.term('groupName', nameOf(g), g.id ?? 0)] as const),
          [NEW, t.term('newGroup')] as const,
        ].map(
          ([id, label]) =>
            html`<label class="choice">
              <input type="radio" name="group" value=${id} ?checked=${id === current} />
              ${label}
            </label>`,
        )}
      </fieldset>
      <div class="actions"><button class="button" part="button">${t.term('next')}</button></div>
    </form>`;
  }

  #renderForm(): TemplateResult {
    const t = this.localize;
    const fields = this.#fields();
    const problems = this.showProblems ? this.#problems() : {};
    const count = Object.keys(problems).length;
    const company = this.salutation === 'COMPANY';
    const saving = this.saveTask.status === TaskStatus.PENDING;
    return html`<form class="form" part="form" novalidate @submit=${(e: Event) => this.#save(e)}>
      <fieldset class="fieldset">
        <legend class="label" data-autofocus tabindex="-1">${t.term('salutationLabel')}</legend>
        ${SALUTATIONS.map(
          (s) =>
            html`<label class="choice">
              <input
                type="radio"
                name="salutation"
                value=${s}
                .checked=${this.salutation === s}
                @change=${() => (this.salutation = s)}
              />
              ${t.term('salutation', s)}
            </label>`,
        )}
      </fieldset>
      ${SECTIONS.map((section) => {
        const inSection = fields.filter((f) => f.section === section);
        return inSection.length
          ? html`<fieldset class="fieldset">
              <legend class="legend">${t.term('section', section, company)}</legend>
              <div class="grid">${inSection.map((f) => this.#renderField(f, problems[f.name]))}</div>
            </fieldset>`
          : nothing;
      })}
      <p class="form__problems" role="alert">${count ? t.term('formProblems', count) : nothing}</p>
      ${this.saveError ? this.renderError(this.saveError) : nothing}
      <div class="actions">
        <button class="button" part="button save-button" ?disabled=${saving}>
          ${saving ? t.term('saving') : t.term('saveDetails')}
        </button>
        ${
          this.groupsTask.value?.length
            ? html`<button
                type="button"
                class="button button--secondary"
                part="button"
                @click=${() => (this.chosen === NEW ? this.#go('choose') : this.#open(this.chosen ?? 0))}
              >
                ${t.term('cancel')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  #renderField(field: FieldSpec, problem: GroupFieldProblem | undefined): TemplateResult {
    const t = this.localize;
    const { name } = field;
    const value = this.draft[name] ?? '';
    const set = (e: Event) => {
      this.draft = { ...this.draft, [name]: (e.target as HTMLInputElement | HTMLSelectElement).value };
    };
    const common = {
      id: `f-${name}`,
      invalid: problem ? 'true' : 'false',
      describedBy: `e-${name}`,
    };
    let control: TemplateResult;
    if (field.kind === 'country' || field.kind === 'id-type') {
      const options: readonly (readonly [string, string])[] =
        field.kind === 'country'
          ? this.#countryOptions().map((c) => [c.code, c.name] as const)
          : ID_TYPES.map((id) => [id, t.term('idType', id)] as const);
      control = html`<select
        class="input"
        id=${common.id}
        name=${name}
        autocomplete=${field.autocomplete ?? 'off'}
        aria-invalid=${common.invalid}
        aria-describedby=${common.describedBy}
        ?required=${field.required}
        @change=${set}
      >
        <option value="" ?selected=${!value}>${t.term('choose')}</option>
        ${options.map(([code, label]) => html`<option value=${code} ?selected=${code === value}>${label}</option>`)}
      </select>`;
    } else {
      control = html`<input
        class="input"
        id=${common.id}
        name=${name}
        type=${field.kind}
        .value=${value}
        autocomplete=${field.autocomplete ?? 'off'}
        inputmode=${field.kind === 'tel' ? 'tel' : nothing}
        max=${field.kind === 'date' ? localToday() : nothing}
        aria-invalid=${common.invalid}
        aria-describedby=${common.describedBy}
        ?required=${field.required}
        @input=${set}
      />`;
    }
    return html`<div class="field" part="field">
      <label class="label" for=${common.id}>
        ${t.term('groupField', name)}
        ${field.required ? nothing : html`<span class="hint">${t.term('optional')}</span>`}
      </label>
      ${control}
      <p class="field__error" id=${common.describedBy}>${problem ? t.term('problem', problem) : nothing}</p>
    </div>`;
  }

  #countryOptions(): CountryOption[] {
    const lang = this.localize.lang();
    let options = this.#countries.get(lang);
    if (!options) {
      options = countryOptions(lang);
      this.#countries.set(lang, options);
    }
    return options;
  }

  #renderStatus(): TemplateResult {
    const t = this.localize;
    const id = this.chosen ?? 0;
    // Just saved: the answer has the group before the list is loaded again.
    const saved = this.saveTask.value;
    const group = saved?.id === id ? saved : this.groupsTask.value?.find((g) => (g.id ?? 0) === id);
    const wrongs = this.wrongsTask.value;
    const readonly = group?.is_readonly === true;
    return html`<p class="summary" data-autofocus tabindex="-1">
        ${t.term('groupName', group ? nameOf(group) : '', id)}
      </p>
      <div class="actions actions--top">
        ${
          readonly
            ? nothing
            : html`<button type="button" class="link" @click=${() => this.#edit(id)}>
                ${t.term('editDetails')}
              </button>`
        }
        <button type="button" class="link" @click=${() => this.#go('choose')}>
          ${t.term('otherDetails')}
        </button>
      </div>
      ${readonly ? html`<p class="hint">${t.term('readonlyNote')}</p>` : nothing}
      ${
        wrongs?.wrong_address?.message
          ? html`<div class="note note--warning" role="alert">
              <p>${t.term('wrongAddress', wrongs.wrong_address.message)}</p>
              ${
                readonly
                  ? nothing
                  : html`<button
                      type="button"
                      class="button button--secondary"
                      part="button"
                      @click=${() => this.#edit(id)}
                    >
                      ${t.term('fixAddress')}
                    </button>`
              }
            </div>`
          : nothing
      }
      ${this.#renderValidity()}
      <h3 class="subtitle">${t.term('documentsTitle')}</h3>
      ${this.filesTask.failure ? this.renderError(this.filesTask.failure, () => void this.filesTask.run()) : nothing}
      ${this.#uploadTypes().map((type) => this.#renderDocument(type))}
      <div class="actions">
        <button type="button" class="button button--secondary" part="button" @click=${() => this.#refresh()}>
          ${t.term('checkNow')}
        </button>
      </div>`;
  }

  #renderValidity(): TemplateResult | typeof nothing {
    const t = this.localize;
    const validity = this.validityTask;
    if (!this.directionId) return nothing;
    if (validity.failure) return this.renderError(validity.failure, () => void validity.run());
    if (!validity.value) return this.renderLoading();
    const failed = failedChecks(validity.value);
    const [kind, text] =
      failed.length === 0
        ? ['ok', t.term('statusReady')]
        : failed.join() === 'verified'
          ? ['pending', t.term('statusPending')]
          : ['warning', t.term('statusMissing')];
    return html`${renderChecklist(this.common, failed)}
      <p class="note note--${kind}" role="status">${text}</p>`;
  }

  #renderDocument(type: string): TemplateResult {
    const t = this.localize;
    const slot = this.#slot(type);
    const files = (this.filesTask.value ?? []).filter((f: GroupFile) => f.type === type);
    const wrong = this.wrongsTask.value?.wrong_document;
    const rejected = wrong?.document_type === type ? wrong.message : undefined;
    const heading = t.term('documentType', type);
    const item = slot.item;
    return html`<section class="doc" part="document" aria-labelledby="h-${type}">
      <h4 class="doc__title" id="h-${type}">${heading}</h4>
      ${
        files.length
          ? html`<ul class="files">
              ${files.map((f) => {
                // Zadarma names the rejected type, not the file: the oldest unverified one is it (a
                // newer one is the replacement being checked).
                const unverified = f.is_verified !== 'true';
                const state = !unverified
                  ? 'verified'
                  : rejected && f === files.find((x) => x.is_verified !== 'true')
                    ? 'rejected'
                    : 'checking';
                return html`<li class="file file--${state}">${f.name}: ${t.term('fileState', state)}</li>`;
              })}
            </ul>`
          : html`<p class="hint">${this.filesTask.value ? t.term('noFiles') : ''}</p>`
      }
      ${rejected ? html`<p class="doc__wrong" role="alert">${t.term('wrongDocument', heading, rejected)}</p>` : nothing}
      ${item ? this.#renderItem(slot, item) : this.#renderPicker(slot, heading)}
      <p class="visually-hidden" role="status">${this.#announcement(slot)}</p>
    </section>`;
  }

  /** What the screen reader hears about an upload: each quarter of progress, and its arrival. */
  #announcement(slot: UploadSlot): string {
    const t = this.localize;
    const item = slot.item;
    if (item?.phase === 'uploading') return t.term('uploading', Math.floor(item.progress * 4) * 25);
    if (item?.phase === 'preparing') return t.term('preparing');
    return slot.done ? t.term('uploaded') : '';
  }

  #renderPicker(slot: UploadSlot, heading: string): TemplateResult {
    const t = this.localize;
    const type = slot.documentType;
    const limit = formatBytes(UPLOAD_LIMIT_BYTES, this.localize.lang());
    const take = (e: Event) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = '';
      if (file) void slot.choose(file);
    };
    const open = (id: string) => this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.click();
    return html`<div class="pick">
      <button
        type="button"
        class="drop"
        part="drop-zone"
        aria-describedby="d-${type}"
        @click=${() => open(`i-${type}`)}
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          (e.currentTarget as HTMLElement).classList.add('drop--over');
        }}
        @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('drop--over')}
        @drop=${(e: DragEvent) => {
          e.preventDefault();
          (e.currentTarget as HTMLElement).classList.remove('drop--over');
          const file = e.dataTransfer?.files[0];
          if (file) void slot.choose(file);
        }}
      >
        ${t.term('dropZone')}<span class="visually-hidden">: ${heading}</span>
      </button>
      <button
        type="button"
        class="button button--secondary"
        part="button camera-button"
        @click=${() => open(`c-${type}`)}
      >
        ${t.term('takePhoto')}<span class="visually-hidden">: ${heading}</span>
      </button>
      <p class="hint" id="d-${type}">${t.term('dropHint', limit)}</p>
      <input id="i-${type}" type="file" accept=${ACCEPT} hidden @change=${take} />
      <input id="c-${type}" type="file" accept="image/*" capture="environment" hidden @change=${take} />
    </div>`;
  }

  #renderItem(slot: UploadSlot, item: UploadItem): TemplateResult {
    const t = this.localize;
    const lang = t.lang();
    const typeName = item.type ? ACCEPTED_TYPES[item.type] : '';
    const meta = [
      typeName,
      formatBytes(item.size, lang),
      item.reducedFrom ? t.term('reducedFrom', formatBytes(item.reducedFrom, lang)) : '',
    ].filter(Boolean);
    const percent = Math.round(item.progress * 100);
    return html`<div class="upload" part="upload">
      ${
        item.previewUrl
          ? html`<img class="upload__preview" src=${item.previewUrl} alt="" />`
          : typeName
            ? html`<span class="upload__preview upload__preview--type" aria-hidden="true">${typeName}</span>`
            : nothing
      }
      <div class="upload__body">
        <p class="upload__name">${item.name}</p>
        <p class="hint">${meta.join(' · ')}</p>
        ${
          item.phase === 'uploading'
            ? html`<progress
                class="upload__progress"
                part="progress"
                max="100"
                .value=${percent}
                aria-label=${t.term('uploading', percent)}
              ></progress>`
            : nothing
        }
        ${item.phase === 'checking' || item.phase === 'preparing' ? this.renderLoading(t.term('preparing')) : nothing}
        ${
          item.phase === 'refused'
            ? html`<p class="upload__refused" role="alert">
                ${t.term('refused', item.reason ?? 'type', formatBytes(UPLOAD_LIMIT_BYTES, lang))}
              </p>`
            : nothing
        }
        ${item.phase === 'failed' ? this.renderError(item.error, () => slot.send()) : nothing}
        <div class="actions">
          ${
            slot.busy
              ? html`<button
                  type="button"
                  class="button button--secondary"
                  part="button cancel-button"
                  @click=${() => slot.cancel()}
                >
                  ${t.term('cancelUpload')}
                </button>`
              : html`<button
                  type="button"
                  class="button button--secondary"
                  part="button remove-button"
                  @click=${() => slot.clear()}
                >
                  ${t.term('remove')}
                </button>`
          }
        </div>
      </div>
    </div>`;
  }
}
