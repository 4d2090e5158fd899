/** A combobox: a search field that filters a listbox and moves through it with the keyboard. */
import { html, nothing, type TemplateResult } from 'lit';
import { isListKey, nextActive } from '../../../base/listbox.js';
import { markMask } from '../../../format/mask.js';
import type { PickerHost } from './step.js';

export interface ComboboxOptions<T> {
  label: string;
  query: string;
  onQuery: (value: string) => void;
  items: readonly T[];
  key: (item: T) => string;
  renderItem: (item: T) => TemplateResult;
  choose: (item: T) => void;
  selected?: string | undefined;
  inputMode?: 'text' | 'numeric';
  hint?: string;
  status: string;
  after?: TemplateResult | typeof nothing;
}

export class Combobox {
  /** The highlighted option (-1: none). */
  active = -1;

  constructor(
    private readonly picker: PickerHost,
    private readonly id: string,
  ) {}

  render<T>(options: ComboboxOptions<T>): TemplateResult {
    const { id } = this;
    const { items } = options;
    const active = this.active;
    const activeKey = active >= 0 && active < items.length ? options.key(items[active] as T) : '';
    const onKeydown = (event: KeyboardEvent) => {
      if (isListKey(event.key)) {
        event.preventDefault();
        this.active = nextActive(event.key, this.active, items.length);
        this.picker.requestUpdate();
        void this.picker.updateComplete.then(() =>
          this.picker.renderRoot.querySelector(`#${id}-${this.active}`)?.scrollIntoView({ block: 'nearest' }),
        );
      } else if (event.key === 'Enter') {
        event.preventDefault();
        const item = items[this.active] ?? (items.length === 1 ? items[0] : undefined);
        if (item !== undefined) options.choose(item);
      } else if (event.key === 'Escape' && options.query) {
        event.preventDefault();
        this.#query(options, '');
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
        aria-activedescendant=${activeKey ? `${id}-${active}` : nothing}
        aria-describedby=${options.hint ? `${id}-hint ${id}-status` : `${id}-status`}
        .value=${options.query}
        @input=${(e: InputEvent) => this.#query(options, (e.target as HTMLInputElement).value)}
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
                const isActive = i === active;
                return html`<li
                  id="${id}-${i}"
                  class="option ${isActive ? 'option--active' : ''}"
                  part="option${isActive ? ' option--active' : ''}"
                  role="option"
                  aria-selected=${isActive || options.key(item) === options.selected ? 'true' : 'false'}
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

  #query<T>(options: ComboboxOptions<T>, value: string): void {
    this.active = -1;
    options.onQuery(value);
    this.picker.requestUpdate();
  }
}

/**
 * A number with the typed digits marked, as ONE inline element: put loose into a flex container (an
 * option is one), the text pieces and `<mark>`s would each become a flex item, and the spaces at their
 * edges would collapse (`+44 20 51 77 5680` for `+44 20 5177 5680`), on screen and in the accessible name.
 */
export function marked(text: string, mask: string): TemplateResult {
  return html`<span class="number"
    >${markMask(text, mask).map((s) => (s.match ? html`<mark>${s.text}</mark>` : s.text))}</span
  >`;
}
