/** Step 1: the country, searched by name, ISO code or dialling code. */
import { TaskStatus } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import { ApiTask } from '../../../base/api-task.js';
import { matchesQuery } from '../../../base/listbox.js';
import { countries } from '../../../client/numbers.js';
import { Combobox } from './combobox.js';
import { PickerStep } from './step.js';

export class CountryStep extends PickerStep {
  #query = '';
  readonly #list = new Combobox(this.picker, 'country');

  readonly #countries = new ApiTask(this.picker, {
    task: ([lang], { signal }) => countries(this.picker.client, lang, { signal }),
    args: () => [this.picker.localize.code(), this.picker.config.client] as const,
    onError: (e) => this.picker.reportError(e, 'direct_numbers.countries'),
  });

  /** A preselected country (`country` attribute) is chosen as soon as the list has it. */
  override hostUpdate(): void {
    const { country, chosenCountry } = this.picker;
    if (!country || chosenCountry || this.#countries.status !== TaskStatus.COMPLETE) return;
    const match = this.#countries.value?.find((c) => c.countryCodeIso === country.toUpperCase());
    // Chosen for the customer, who has not interacted yet: no focus moves.
    if (match) this.picker.chooseCountry(match, false);
  }

  override enter(): void {
    this.#list.active = -1;
  }

  override summary(): string | undefined {
    return this.picker.chosenCountry?.name;
  }

  render(): TemplateResult {
    return this.whenDone(this.#countries, (countries) => {
      const { picker } = this;
      const t = picker.localize;
      if (countries.length === 0) return picker.renderEmpty(t.term('countryEmpty'));
      const items = countries.filter((c) =>
        matchesQuery(this.#query, c.name, c.countryCodeIso, `+${c.countryCode}`),
      );
      return this.#list.render({
        label: t.term('countrySearch'),
        query: this.#query,
        onQuery: (q) => (this.#query = q),
        items,
        key: (c) => c.countryCodeIso,
        selected: picker.chosenCountry?.countryCodeIso,
        renderItem: (c) =>
          html`<span class="option__main">${c.name}</span
            ><span class="option__aside">+${c.countryCode}</span>`,
        choose: (c) => picker.chooseCountry(c),
        status: items.length === 0 ? t.term('countryNone') : t.term('countryCount', items.length),
      });
    });
  }
}
