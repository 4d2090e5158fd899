/**
 * Step "details": a person's or a company's details for a document group — the fields the spec and the
 * destination ask for, checked in the browser, each problem next to its field — then saved.
 */
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiTask } from '../../../base/api-task.js';
import type { DocumentGroup, GroupParams } from '../../../client/zd-client.js';
import { createGroup, updateGroup } from '../../../client/documents.js';
import { countryOptions, type CountryOption } from '../../../documents/countries.js';
import {
  draftOf,
  fieldsFor,
  groupParams,
  ID_TYPES,
  localToday,
  SALUTATIONS,
  salutationOf,
  validateDraft,
  type FieldSpec,
  type GroupDraft,
  type GroupFieldProblem,
  type Salutation,
  type Section,
} from '../../../documents/group-form.js';
import { NEW, type StepContext } from './context.js';

const SECTIONS: readonly Section[] = ['company', 'person', 'contact', 'address', 'id'];

export class FormStep {
  readonly #ctx: StepContext;
  /** The group being edited, or `NEW`. */
  #id = NEW;
  #salutation: Salutation = 'MR';
  #draft: GroupDraft = {};
  #showProblems = false;
  /** Why the last save failed (shown until the next try). */
  #saveError: unknown;
  readonly #countries = new Map<string, CountryOption[]>();
  readonly #save: ApiTask<readonly [number, GroupParams], DocumentGroup>;

  constructor(ctx: StepContext) {
    this.#ctx = ctx;
    this.#save = new ApiTask(
      ctx.host,
      {
        autoRun: false,
        task: ([id, params]: readonly [number, GroupParams], { signal }: { signal: AbortSignal }) =>
          id === NEW
            ? createGroup(ctx.client(), params, { signal })
            : updateGroup(ctx.client(), id, params, { signal }),
        onComplete: (group) => {
          const id = group.id ?? 0;
          ctx.emit('zd-group-saved', { groupId: id, created: this.#id === NEW });
          ctx.open(id);
          ctx.reloadGroups();
        },
        onError: (e) => {
          this.#saveError = ctx.reportError(
            e,
            this.#id === NEW ? 'documents.groups.create' : 'documents.groups.update',
          );
        },
      },
      // Details half sent are seen through: abandoning them could leave a group the customer never sees.
      { abortOnDisconnect: false },
    );
  }

  /** The group just saved: its answer is there before the list of groups is loaded again. */
  get saved(): DocumentGroup | undefined {
    return this.#save.value;
  }

  /** Opens the form on a group's details, or (`NEW`) empty but for the destination's country. */
  enter(id: number): void {
    const { country } = this.#ctx.host;
    const group = id === NEW ? undefined : this.#ctx.group(id);
    this.#id = id;
    this.#salutation = salutationOf(group);
    this.#draft = group ? draftOf(group) : country ? { country: country.toUpperCase() } : {};
    this.#showProblems = false;
    this.#saveError = undefined;
  }

  #fields(): FieldSpec[] {
    return fieldsFor(this.#salutation, this.#ctx.requirements().specify ?? [], this.#draft['country']);
  }

  #problems(): Record<string, GroupFieldProblem> {
    return validateDraft(this.#fields(), this.#draft, localToday());
  }

  #submit(event: Event): void {
    event.preventDefault();
    const { host } = this.#ctx;
    const first = Object.keys(this.#problems())[0];
    this.#showProblems = true;
    host.requestUpdate();
    if (first) {
      void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>(`#f-${first}`)?.focus());
      return;
    }
    const params = groupParams(this.#salutation, this.#fields(), this.#draft);
    // Zadarma checks the details for the destination at once when it is named.
    if (host.directionId) params.direction_id = host.directionId;
    this.#saveError = undefined;
    void this.#save.run([this.#id, params]);
  }

  render(): TemplateResult {
    const ctx = this.#ctx;
    const t = ctx.t;
    const fields = this.#fields();
    const problems = this.#showProblems ? this.#problems() : {};
    const count = Object.keys(problems).length;
    const company = this.#salutation === 'COMPANY';
    const saving = this.#save.status === TaskStatus.PENDING;
    return html`<form class="form" part="form" novalidate @submit=${(e: Event) => this.#submit(e)}>
      <h3 class="subtitle" data-autofocus tabindex="-1">
        ${t.term(this.#id === NEW ? 'newGroup' : 'editDetails')}
      </h3>
      <fieldset class="fieldset">
        <legend class="label">${t.term('salutationLabel')}</legend>
        ${SALUTATIONS.map(
          (s) =>
            html`<label class="choice">
              <input
                type="radio"
                name="salutation"
                value=${s}
                .checked=${this.#salutation === s}
                @change=${() => {
                  this.#salutation = s;
                  ctx.host.requestUpdate();
                }}
              />
              ${t.term('salutation', s)}
            </label>`,
        )}
      </fieldset>
      ${SECTIONS.map((section) => {
        const inSection = fields.filter((f) => f.section === section);
        // A section is a fieldset whose legend is a real heading (screen readers list it, jump to it).
        return inSection.length
          ? html`<fieldset class="fieldset section">
              <legend><h4 class="section__title">${t.term('section', section, company)}</h4></legend>
              <div class="grid">${inSection.map((f) => this.#renderField(f, problems[f.name]))}</div>
            </fieldset>`
          : nothing;
      })}
      <p class="form__problems" role="alert">${count ? t.term('formProblems', count) : nothing}</p>
      ${this.#saveError ? ctx.renderError(this.#saveError) : nothing}
      <div class="actions">
        <button class="button" part="button save-button" ?disabled=${saving}>
          ${t.term(saving ? 'saving' : 'saveDetails')}
        </button>
        ${
          ctx.groups()?.length
            ? html`<button
                type="button"
                class="button button--secondary"
                part="button"
                @click=${() => (this.#id === NEW ? ctx.choose() : ctx.open(this.#id))}
              >
                ${t.term('cancel')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  #renderField(field: FieldSpec, problem: GroupFieldProblem | undefined): TemplateResult {
    const { t, host } = this.#ctx;
    const { name, kind } = field;
    const value = this.#draft[name] ?? '';
    const set = (e: Event) => {
      this.#draft = { ...this.#draft, [name]: (e.target as HTMLInputElement | HTMLSelectElement).value };
      host.requestUpdate();
    };
    const id = `f-${name}`;
    const invalid = problem ? 'true' : 'false';
    const autocomplete = field.autocomplete ?? 'off';
    const control =
      kind === 'country' || kind === 'id-type'
        ? html`<select
            class="input"
            id=${id}
            name=${name}
            autocomplete=${autocomplete}
            aria-invalid=${invalid}
            aria-describedby="e-${name}"
            ?required=${field.required}
            @change=${set}
          >
            <option value="" ?selected=${!value}>${t.term('choose')}</option>
            ${(kind === 'country'
              ? this.#countryOptions().map((c) => [c.code, c.name] as const)
              : ID_TYPES.map((type) => [type, t.term('idType', type)] as const)
            ).map(
              ([code, label]) => html`<option value=${code} ?selected=${code === value}>${label}</option>`,
            )}
          </select>`
        : html`<input
            class="input"
            id=${id}
            name=${name}
            type=${kind}
            .value=${value}
            autocomplete=${autocomplete}
            inputmode=${kind === 'tel' ? 'tel' : nothing}
            max=${kind === 'date' ? localToday() : nothing}
            aria-invalid=${invalid}
            aria-describedby="e-${name}"
            ?required=${field.required}
            @input=${set}
          />`;
    return html`<div class="field" part="field">
      <label class="label" for=${id}>
        ${t.term('groupField', name)}
        ${field.required ? nothing : html`<span class="hint">${t.term('optional')}</span>`}
      </label>
      ${control}
      <p class="field__error" id="e-${name}">${problem ? t.term('problem', problem) : nothing}</p>
    </div>`;
  }

  /** The countries named in the customer's language (sorted once per language). */
  #countryOptions(): CountryOption[] {
    const lang = this.#ctx.t.lang();
    let options = this.#countries.get(lang);
    if (!options) this.#countries.set(lang, (options = countryOptions(lang)));
    return options;
  }
}
