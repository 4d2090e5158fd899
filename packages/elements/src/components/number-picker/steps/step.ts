/**
 * The parts of a step of `<zd-number-picker>`: what a step may use of the element (`PickerHost`: the
 * choices the steps share, the proxy, texts, events, moving on) and the base of every step.
 */
import { TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { ApiTask } from '../../../base/api-task.js';
import type { ConfigController } from '../../../base/config-controller.js';
import type { ZdEventDetailMap } from '../../../base/events.js';
import type { ZdApiError } from '../../../client/errors.js';
import type {
  AvailableNumber,
  Country,
  Destination,
  OrderResult,
  ZdClient,
} from '../../../client/zd-client.js';
import type { Autorenew, Period } from '../../../format/price.js';
import type { LocalizeController } from '../../../i18n/localize.js';
import type { PickerTranslation, StepId } from '../i18n/index.js';

/** An order as placed: what the done step shows. */
export interface PlacedOrder {
  result: OrderResult;
  period: Period;
  autorenew: Autorenew;
  total: number;
  currency: string;
}

export interface PickerHost extends ReactiveControllerHost, HTMLElement {
  // What the steps share (the element holds it; each choice resets what depends on it).
  readonly step: StepId;
  readonly chosenCountry?: Country | undefined;
  readonly destination?: Destination | undefined;
  readonly chosenNumber?: AvailableNumber | undefined;
  /** The document group the order goes with (chosen in the requirements step). */
  groupId?: number | undefined;
  readonly placed?: PlacedOrder | undefined;
  /** The element's attributes the steps read. */
  readonly country?: string | undefined;
  readonly sipId: string;
  readonly noRoute: boolean;

  // Moving on.
  chooseCountry(country: Country, moveFocus?: boolean): void;
  chooseDestination(destination: Destination): void;
  chooseNumber(number: AvailableNumber): void;
  ordered(order: PlacedOrder): void;
  newOrder(): void;
  go(step: StepId): void;
  /** Moves focus to the current step once it has rendered (its first control, else its heading). */
  focusStep(): void;

  // The element's services.
  readonly localize: LocalizeController<PickerTranslation>;
  readonly common: LocalizeController;
  readonly config: ConfigController;
  readonly client: ZdClient;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** A number formatted for humans (libphonenumber-js once loaded, else by country and area code). */
  format(number: string): string;
  price(amount: number, currency: string): string;
  emit<K extends keyof ZdEventDetailMap>(
    name: K,
    detail: ZdEventDetailMap[K],
    options?: { cancelable?: boolean },
  ): boolean;
  reportError(error: unknown, operation: string): ZdApiError;
  renderLoading(label?: string): TemplateResult;
  renderEmpty(text: string): TemplateResult;
  renderError(error: unknown, retry?: () => void): TemplateResult;
}

/**
 * A step: its own state (plain fields; `changed()` renders the element again, as `@state` would) and
 * its own API tasks, rendered by the element when the step is open. A reactive controller of the
 * element, so it may also use `hostConnected()` and the like.
 */
export abstract class PickerStep implements ReactiveController {
  constructor(protected readonly picker: PickerHost) {
    picker.addController(this);
  }

  hostConnected?(): void;
  hostDisconnected?(): void;
  hostUpdate?(): void;

  /** The step's body while it is open. */
  abstract render(): TemplateResult;

  /** The choice made, shown once the step is done. */
  summary(): string | undefined {
    return undefined;
  }

  /** The step opens (again): reset what must not carry over. */
  enter(): void {}

  /** A task's answer, rendered once it is there; until then the loading state, or the error with a retry. */
  protected whenDone<R>(
    task: ApiTask<readonly unknown[], R>,
    render: (value: R) => TemplateResult,
  ): TemplateResult {
    const { picker } = this;
    if (task.failure) return picker.renderError(task.failure, () => void task.run());
    return task.status === TaskStatus.COMPLETE && task.value !== undefined
      ? render(task.value)
      : picker.renderLoading();
  }

  /** Step-local state changed: render again. */
  protected changed(): void {
    this.picker.requestUpdate();
  }
}
