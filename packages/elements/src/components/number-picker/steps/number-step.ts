/**
 * Step 3: the number. Typed digits filter the loaded list at once; once typing pauses, the proxy is asked
 * with `mask` for numbers beyond it. 50 are shown, more on request.
 */
import { initialState, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiTask } from '../../../base/api-task.js';
import { availableNumbers } from '../../../client/numbers.js';
import { filterByMask, normalizeMask } from '../../../format/mask.js';
import { Combobox, marked } from './combobox.js';
import { PickerStep } from './step.js';

const PAGE = 50;

export class NumberStep extends PickerStep {
  #mask = '';
  /** The mask the proxy was asked with (once typing paused). */
  #serverMask = '';
  #shown = PAGE;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The destination the mask was typed for. */
  #destination?: string;
  readonly #list = new Combobox(this.picker, 'number');

  readonly #numbers = new ApiTask(this.picker, {
    task: ([id, mask], { signal }) =>
      id
        ? availableNumbers(this.picker.client, id, mask || undefined, { signal })
        : Promise.resolve(initialState),
    args: () => [this.picker.destination?.id, this.#serverMask, this.picker.config.client] as const,
    onError: (e) => this.picker.reportError(e, 'direct_numbers.available'),
  });

  override hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  override enter(): void {
    this.#list.active = -1;
    const id = this.picker.destination?.id;
    if (id !== this.#destination) this.clear();
    this.#destination = id;
  }

  /** A fresh search (also after an order: the number just ordered is gone from the inventory). */
  clear(): void {
    clearTimeout(this.#timer);
    this.#mask = this.#serverMask = '';
    this.#shown = PAGE;
  }

  reload(): void {
    void this.#numbers.run();
  }

  override summary(): string | undefined {
    const n = this.picker.chosenNumber;
    return n && this.picker.format(n.number);
  }

  #onMask(value: string): void {
    this.#mask = value;
    this.#shown = PAGE;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#serverMask = normalizeMask(value);
      this.changed();
    }, 350);
  }

  render(): TemplateResult {
    const { picker } = this;
    const t = picker.localize;
    const task = this.#numbers;
    if (task.failure) return picker.renderError(task.failure, () => void task.run());
    // While the proxy is asked with a new mask, the last list stays, filtered locally.
    const all = task.value;
    if (!all) return picker.renderLoading();
    const mask = normalizeMask(this.#mask);
    if (all.length === 0 && !mask && task.status === TaskStatus.COMPLETE) {
      return picker.renderEmpty(t.term('numbersEmpty'));
    }
    const matches = filterByMask(all, mask);
    const items = matches.length > this.#shown ? matches.slice(0, this.#shown) : matches;
    return this.#list.render({
      label: t.term('numberMask'),
      hint: t.term('numberMaskHint'),
      query: this.#mask,
      inputMode: 'numeric',
      onQuery: (q) => this.#onMask(q),
      items,
      key: (n) => n.id,
      selected: picker.chosenNumber?.id,
      renderItem: (n) => html`<span class="option__main">${marked(picker.format(n.number), mask)}</span>`,
      choose: (n) => picker.chooseNumber(n),
      status:
        task.status === TaskStatus.PENDING
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
              @click=${() => {
                this.#shown += PAGE * 2;
                this.changed();
              }}
            >
              ${t.term('showMore')}
            </button>`
          : nothing,
    });
  }
}
