/**
 * Step 6: the result with what was ordered (number, period, amount, renewal) and, unless `no-route`,
 * where calls to the new number go (`set_sip_id`) and its caller name.
 */
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiTask } from '../../../base/api-task.js';
import { setCallerName, setSipId } from '../../../client/numbers.js';
import { monthsOf } from '../../../format/price.js';
import { normalizeSipId, validateCallerName } from '../../../format/validate.js';
import { PickerStep } from './step.js';

type RouteField = 'sip-id' | 'caller-name';

export class DoneStep extends PickerStep {
  /** As typed; until then the element's `sip-id`. */
  #sipId?: string;
  #callerName = '';
  #routed = false;
  #invalid?: RouteField | undefined;

  readonly #route = new ApiTask(this.picker, {
    autoRun: false,
    task: async (
      [number, sipId, callerName]: readonly [string, string, string],
      { signal }: { signal: AbortSignal },
    ) => {
      const { client } = this.picker;
      if (sipId) await setSipId(client, { number, sip_id: sipId }, { signal });
      if (callerName) await setCallerName(client, { number, caller_name: callerName }, { signal });
      return { number, sipId, callerName };
    },
    onComplete: ({ number, sipId, callerName }) => {
      this.#routed = true;
      this.picker.emit('zd-number-routed', {
        number,
        ...(sipId ? { sipId } : {}),
        ...(callerName ? { callerName } : {}),
      });
    },
    onError: (e) => this.picker.reportError(e, 'direct_numbers.set_sip_id+set_caller_name'),
  });

  override enter(): void {
    this.#routed = false;
    this.#invalid = undefined;
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const number = this.picker.placed?.result.number;
    if (!number || this.#route.status === TaskStatus.PENDING) return;
    const typed = (this.#sipId ?? this.picker.sipId).trim();
    const sipId = typed ? normalizeSipId(typed) : '';
    const callerName = this.#callerName.trim();
    this.#invalid =
      sipId === undefined ? 'sip-id' : validateCallerName(callerName) ? 'caller-name' : undefined;
    this.changed();
    if (this.#invalid) {
      this.picker.renderRoot.querySelector<HTMLElement>(`#${this.#invalid}`)?.focus();
      return;
    }
    if (sipId || callerName) void this.#route.run([number, sipId ?? '', callerName]);
  }

  render(): TemplateResult {
    const { picker } = this;
    const t = picker.localize;
    const placed = picker.placed;
    if (!placed) return html``;
    const { result } = placed;
    const number = picker.format(result.number);
    const route = this.#route;
    const reserved = result.is_reserved === 'true';
    const row = (term: string, value: string) =>
      html`<dt>${term}</dt>
        <dd>${value}</dd>`;
    return html`<div class="done" part="done">
      <h3 class="step__heading" part="step-heading" tabindex="-1">${t.term('stepLabel', 'done')}</h3>
      <p class="result ${result.is_activated === 'true' ? 'result--active' : ''}" role="status">
        ${
          result.is_activated === 'true'
            ? t.term('orderedActivated', number)
            : reserved
              ? t.term('orderedReserved', number)
              : t.term('orderedPending', number)
        }
      </p>
      <dl class="facts" part="summary">
        ${row(t.term('chosenNumber'), number)}
        ${row(t.term('paidFor'), t.term('periodOption', monthsOf(placed.period)))}
        ${row(reserved ? t.term('total') : t.term('paid'), picker.price(placed.total, placed.currency))}
        ${row(t.term('autorenew'), t.term('renewal', placed.autorenew))}
      </dl>
      ${
        picker.noRoute
          ? nothing
          : html`<form class="route" novalidate @submit=${(e: SubmitEvent) => this.#submit(e)}>
              <h4 class="label">${t.term('routeTitle')}</h4>
              ${this.#field('sip-id', this.#sipId ?? picker.sipId, (v) => (this.#sipId = v))}
              ${this.#field('caller-name', this.#callerName, (v) => (this.#callerName = v))}
              ${route.failure ? picker.renderError(route.failure, () => void route.run()) : nothing}
              ${
                this.#routed
                  ? html`<p class="note note--ok" role="status">${t.term('saved')}</p>`
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
        <button
          type="button"
          class="button button--secondary"
          part="button"
          @click=${() => picker.newOrder()}
        >
          ${t.term('newOrder')}
        </button>
      </div>
    </div>`;
  }

  /** One field of the routing form: label, input, hint, and its error when it was refused. */
  #field(id: RouteField, value: string, set: (value: string) => void): TemplateResult {
    const t = this.picker.localize;
    const [label, hint, invalid] =
      id === 'sip-id'
        ? (['sipId', 'sipIdHint', 'sipIdInvalid'] as const)
        : (['callerName', 'callerNameHint', 'callerNameInvalid'] as const);
    const refused = this.#invalid === id;
    return html`<div class="field">
      <label class="label" for=${id}>${t.term(label)}</label>
      <input
        id=${id}
        class="input"
        autocomplete="off"
        aria-describedby="${id}-hint${refused ? ` ${id}-error` : ''}"
        aria-invalid=${refused ? 'true' : 'false'}
        .value=${value}
        ?disabled=${this.#routed}
        @input=${(e: Event) => {
          set((e.target as HTMLInputElement).value);
          this.changed();
        }}
      />
      <p class="hint" id="${id}-hint">${t.term(hint)}</p>
      ${refused ? html`<p class="field-error" id="${id}-error">${t.term(invalid)}</p>` : nothing}
    </div>`;
  }
}
