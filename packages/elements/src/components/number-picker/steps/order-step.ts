/**
 * Step 5: the order — period, auto-renewal, SMS, purpose, the total and the balance — placed never twice:
 * one `Idempotency-Key` per intent, and after an answer that never came the customer's own numbers are
 * asked first.
 */
import { initialState, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiTask } from '../../../base/api-task.js';
import { ZdApiError } from '../../../client/errors.js';
import { newIdempotencyKey } from '../../../client/idempotency.js';
import type { OrderParams, OrderResult } from '../../../client/zd-client.js';
import { balance, order, ownNumbers, setAutoprolongation } from '../../../client/numbers.js';
import { needsDocuments } from '../../../documents/checklist.js';
import { monthsOf, orderTotal, type Autorenew, type Period } from '../../../format/price.js';
import { PickerStep } from './step.js';

export class OrderStep extends PickerStep {
  #period: Period = 'month';
  #autorenew: Autorenew = 'month';
  #receiveSms = false;
  #purpose = '';
  #purposeMissing = false;
  /** After an order whose outcome is unknown, its params stay fixed so a retry is the same order. */
  #locked = false;
  #key = newIdempotencyKey();
  /** The destination the choices were made for. */
  #destination?: string;

  readonly #balance = new ApiTask(this.picker, {
    task: ([open], { signal }) =>
      open ? balance(this.picker.client, { signal }) : Promise.resolve(initialState),
    args: () => [this.picker.step === 'order', this.picker.config.client] as const,
  });

  readonly #order = new ApiTask(
    this.picker,
    {
      autoRun: false,
      task: ([params, uncertain]: readonly [OrderParams, boolean], { signal }: { signal: AbortSignal }) =>
        this.#place(params, uncertain, signal),
      onComplete: (result) => this.#placed(result),
      onError: (e) => this.#failed(e),
    },
    // An order once sent is seen through, even if the page moves the element meanwhile.
    { abortOnDisconnect: false },
  );

  /** While an order is on its way or its outcome unknown, the choices before it stay as they are. */
  get locked(): boolean {
    return this.#locked || this.#order.status === TaskStatus.PENDING;
  }

  override enter(): void {
    const d = this.picker.destination;
    if (d && d.id !== this.#destination) {
      this.#receiveSms = d.receive_sms === 'true';
      this.#purpose = '';
    }
    this.#destination = d?.id;
    if (!this.#locked) this.#key = newIdempotencyKey();
  }

  #purposeRequired(): boolean {
    return this.picker.destination?.restrictions?.specify?.includes('purpose') ?? false;
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const { picker } = this;
    const d = picker.destination;
    if (!d || this.#order.status === TaskStatus.PENDING) return; // a double click is one order
    if (this.#purposeRequired() && !this.#purpose.trim()) {
      this.#purposeMissing = true;
      this.changed();
      picker.renderRoot.querySelector<HTMLElement>('#purpose')?.focus();
      return;
    }
    const params: OrderParams = {
      direction_id: Number(d.id),
      documents_group_id: needsDocuments(d) ? (picker.groupId ?? 0) : 0,
      ...(picker.chosenNumber ? { number_id: picker.chosenNumber.id } : {}),
      period: this.#period,
      ...(this.#autorenew !== 'off' ? { autorenew_period: this.#autorenew } : {}),
      ...(d.receive_sms === 'true' ? { receive_sms: this.#receiveSms ? 1 : 0 } : {}),
      ...(this.#purpose.trim() ? { purpose: this.#purpose.trim() } : {}),
    };
    void this.#order.run([params, this.#locked]);
  }

  /**
   * Orders, never twice. Every attempt of one intent carries the same Idempotency-Key, so the proxy
   * replays an answer it has. After an attempt whose outcome is unknown (no answer), the user's own numbers
   * tell whether the order went through; if it did not and the proxy still replays "no answer" for the key
   * (it keeps such keys blocked), a new key is safe: the order names one `number_id`, which can be ordered
   * only once.
   */
  async #place(params: OrderParams, uncertain: boolean, signal: AbortSignal): Promise<OrderResult> {
    const { client, chosenNumber } = this.picker;
    if (uncertain && chosenNumber) {
      const wanted = chosenNumber.number.replace(/\D/g, '');
      const own = await ownNumbers(client, { signal });
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
        return await order(client, params, this.#key, { signal });
      } catch (error) {
        if (!(error instanceof ZdApiError && error.replayed && error.retryable)) throw error;
        this.#key = newIdempotencyKey();
      }
    }
    return order(client, params, this.#key, { signal });
  }

  #placed(result: OrderResult): void {
    const { picker } = this;
    const d = picker.destination;
    if (this.#autorenew === 'off') {
      // Zadarma renews new numbers unless told otherwise; the order itself stands either way.
      setAutoprolongation(picker.client, { number: result.number, value: 'off' }).catch((error: unknown) =>
        picker.reportError(error, 'direct_numbers.autoprolongation.put'),
      );
    }
    this.#locked = false;
    picker.emit('zd-number-ordered', {
      number: result.number,
      activated: result.is_activated === 'true',
      reserved: result.is_reserved === 'true',
      directionId: Number(d?.id),
      documentsGroupId: d && needsDocuments(d) ? (picker.groupId ?? 0) : 0,
      period: this.#period,
    });
    picker.ordered({
      result,
      period: this.#period,
      autorenew: this.#autorenew,
      total: d ? orderTotal(d.connect_fee, d.monthly_fee, this.#period) : 0,
      currency: d?.currency ?? '',
    });
  }

  #failed(error: unknown): void {
    const zd = this.picker.reportError(error, 'direct_numbers.order');
    // Maybe through: a retry must be the very same order, under the same key. Refused for sure: a changed
    // order is a new intent with a new key.
    this.#locked = zd.retryable;
    if (!zd.retryable) this.#key = newIdempotencyKey();
  }

  render(): TemplateResult {
    const { picker } = this;
    const t = picker.localize;
    const d = picker.destination;
    const number = picker.chosenNumber;
    if (!d || !number) return picker.renderLoading();
    const price = (amount: number) => picker.price(amount, d.currency);
    const total = orderTotal(d.connect_fee, d.monthly_fee, this.#period);
    const order = this.#order;
    const pending = order.status === TaskStatus.PENDING;
    const locked = this.locked;
    const balance = this.#balance.value;
    const low = balance !== undefined && balance.currency === d.currency && balance.balance < total;
    const purposeNeeded = this.#purposeRequired();
    const error = order.failure;
    const uncertain = error instanceof ZdApiError && error.retryable;
    const set = (change: () => void) => {
      change();
      this.changed();
    };
    return html`<form class="order" @submit=${(e: SubmitEvent) => this.#submit(e)}>
      <p class="order__summary" part="summary">
        ${t.term('chosenNumber')}: <strong class="number">${picker.format(number.number)}</strong> · ${d.name}
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
                .checked=${this.#period === p}
                @change=${() => set(() => (this.#period = p))}
              />
              ${t.term('periodOption', monthsOf(p))} · ${price(orderTotal(d.connect_fee, d.monthly_fee, p))}
            </label>`,
        )}
      </fieldset>
      <div class="field">
        <label class="label" for="autorenew">${t.term('autorenew')}</label>
        <select
          id="autorenew"
          class="input"
          ?disabled=${locked}
          @change=${(e: Event) => set(() => (this.#autorenew = (e.target as HTMLSelectElement).value as Autorenew))}
        >
          ${(['month', 'year', 'off'] as const).map(
            (a) =>
              html`<option value=${a} ?selected=${this.#autorenew === a}>${t.term('renewal', a)}</option>`,
          )}
        </select>
      </div>
      ${
        d.receive_sms === 'true'
          ? html`<label class="choice field">
              <input
                type="checkbox"
                .checked=${this.#receiveSms}
                ?disabled=${locked}
                @change=${(e: Event) => set(() => (this.#receiveSms = (e.target as HTMLInputElement).checked))}
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
                aria-invalid=${this.#purposeMissing ? 'true' : 'false'}
                aria-describedby=${this.#purposeMissing ? 'purpose-error' : nothing}
                .value=${this.#purpose}
                @input=${(e: Event) =>
                  set(() => {
                    this.#purpose = (e.target as HTMLTextAreaElement).value;
                    this.#purposeMissing = false;
                  })}
              ></textarea>
              ${
                this.#purposeMissing
                  ? html`<p class="field-error" id="purpose-error">${t.term('purposeRequired')}</p>`
                  : nothing
              }
            </div>`
          : nothing
      }
      <div class="total" part="total">
        <span class="total__label">${t.term('total')}</span>
        <strong class="total__amount">${price(total)}</strong>
        <span class="total__detail">
          ${t.term('totalDetail', price(d.connect_fee), price(d.monthly_fee), monthsOf(this.#period))}
        </span>
        ${
          balance
            ? html`<span class="total__balance"
                >${t.term('balance', picker.price(balance.balance, balance.currency))}</span
              >`
            : nothing
        }
      </div>
      ${low ? html`<p class="note note--warning">${t.term('balanceLow')}</p>` : nothing}
      ${uncertain ? html`<p class="note note--warning">${t.term('orderUncertain')}</p>` : nothing}
      ${error ? picker.renderError(error) : nothing}
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
              : uncertain
                ? t.term('retry')
                : t.term('orderButton', price(total))
          }
        </button>
      </div>
    </form>`;
  }
}
