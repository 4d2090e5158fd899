/** Step "whose details": one of the customer's document groups, or new details. */
import { html, type TemplateResult } from 'lit';
import { nameOf } from '../../../documents/group-name.js';
import { NEW, type StepContext } from './context.js';

export class ChooseStep {
  readonly #ctx: StepContext;

  constructor(ctx: StepContext) {
    this.#ctx = ctx;
  }

  /** `current`: the group chosen last time, preselected. */
  render(current: number | undefined): TemplateResult {
    const ctx = this.#ctx;
    const t = ctx.t;
    const groups = ctx.groups() ?? [];
    const selected = current ?? groups[0]?.id ?? 0;
    const options = [
      ...groups.map((g) => [g.id ?? 0, t.term('groupName', nameOf(g), g.id ?? 0)] as const),
      [NEW, t.term('newGroup')] as const,
    ];
    return html`<form
      class="choose"
      @submit=${(e: Event) => {
        e.preventDefault();
        const id = Number(new FormData(e.target as HTMLFormElement).get('group'));
        if (id === NEW) ctx.edit(NEW);
        else ctx.open(id);
      }}
    >
      <fieldset class="fieldset">
        <legend><h3 class="subtitle" data-autofocus tabindex="-1">${t.term('chooseGroup')}</h3></legend>
        ${options.map(
          ([id, label]) =>
            html`<label class="choice">
              <input type="radio" name="group" value=${id} ?checked=${id === selected} />
              ${label}
            </label>`,
        )}
      </fieldset>
      <div class="actions"><button class="button" part="button">${t.term('next')}</button></div>
    </form>`;
  }
}
