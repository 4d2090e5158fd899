/** Step 2: the city or area, with its prices, badges, connection time and what it needs. */
import { initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiTask } from '../../../base/api-task.js';
import { matchesQuery } from '../../../base/listbox.js';
import type { Destination } from '../../../client/zd-client.js';
import { destinations } from '../../../client/numbers.js';
import { withDialCode } from '../../../format/phone.js';
import { Combobox } from './combobox.js';
import { PickerStep } from './step.js';

export class DestinationStep extends PickerStep {
  #query = '';
  /** The country the query was typed for. */
  #country?: string;
  readonly #list = new Combobox(this.picker, 'destination');

  readonly #destinations = new ApiTask(this.picker, {
    task: ([iso, lang], { signal }) =>
      iso ? destinations(this.picker.client, iso, lang, { signal }) : Promise.resolve(initialState),
    args: () =>
      [
        this.picker.chosenCountry?.countryCodeIso,
        this.picker.localize.code(),
        this.picker.config.client,
      ] as const,
    onError: (e) => this.picker.reportError(e, 'direct_numbers.country'),
  });

  override enter(): void {
    this.#list.active = -1;
    const country = this.picker.chosenCountry?.countryCodeIso;
    if (country !== this.#country) this.#query = '';
    this.#country = country;
  }

  override summary(): string | undefined {
    const d = this.picker.destination;
    return d && withDialCode(d.name, d.countryCode, d.areaCode);
  }

  render(): TemplateResult {
    return this.whenDone(this.#destinations, (destinations) => {
      const { picker } = this;
      const t = picker.localize;
      if (destinations.length === 0) return picker.renderEmpty(t.term('destinationEmpty'));
      const items = destinations.filter((d) =>
        matchesQuery(this.#query, d.name, d.areaCode, `${d.countryCode}${d.areaCode}`),
      );
      return this.#list.render({
        label: t.term('destinationSearch'),
        query: this.#query,
        onQuery: (q) => (this.#query = q),
        items,
        key: (d) => String(d.id),
        selected: picker.destination?.id,
        renderItem: (d) => this.#option(d),
        choose: (d) => picker.chooseDestination(d),
        status: items.length === 0 ? t.term('destinationNone') : '',
      });
    });
  }

  #option(d: Destination): TemplateResult {
    const { picker } = this;
    const t = picker.localize;
    const needs = [
      ...(d.restrictions?.upload ?? []).map((u) => t.term('documentType', u)),
      ...(d.restrictions?.specify ?? []).map((s) => t.term('groupField', s)),
    ];
    const days = Number(d.connect_time ?? 0);
    const badge = (text: string) => html`<span class="badge" part="badge">${text}</span>`;
    return html`<span class="option__main">
        <span class="option__name">${d.name}</span>
        <span class="option__code">+${d.countryCode} ${d.areaCode}</span>
        ${d.receive_sms === 'true' ? badge(t.term('badgeSms')) : nothing}
        ${d.is_toll === 'true' ? badge(t.term('badgeTollFree')) : nothing}
      </span>
      <span class="option__prices" part="price">
        <span
          >${t.term('connectFee')}:
          ${d.connect_fee > 0 ? picker.price(d.connect_fee, d.currency) : t.term('free')}</span
        >
        <span>${t.term('perMonth', picker.price(d.monthly_fee, d.currency))}</span>
      </span>
      <span class="option__meta">
        <span>${t.term('connectTime', Number.isFinite(days) ? days : 0)}</span>
        ${d.feature ? html`<span>${d.feature}</span>` : nothing}
        <span>${needs.length ? `${t.term('requires')}: ${needs.join(', ')}` : t.term('noRequirements')}</span>
      </span>`;
  }
}
