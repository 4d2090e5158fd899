/**
 * Where focus goes after a render: to the incoming-call panel when a call starts ringing, to the call's
 * heading when one starts, and — when the buttons that had focus went away with an ended call — to
 * what comes next (the next call, else the number field). A request waits until its target is drawn.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type FocusTarget = 'incoming' | 'call' | 'next';

const SELECTORS: Record<FocusTarget, string> = {
  incoming: '#incoming-heading',
  call: '#call-heading',
  next: '#call-heading, #incoming-heading, #number',
};

export class FocusController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #wanted: FocusTarget | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** The latest request wins, except that a ringing call keeps its claim until it is shown. */
  request(target: FocusTarget): void {
    if (this.#wanted === 'incoming' && target !== 'incoming') return;
    this.#wanted = target;
  }

  /** Whether focus is inside the element now (its buttons may be about to go). */
  get inside(): boolean {
    return Boolean(this.#host.shadowRoot?.activeElement);
  }

  hostUpdated(): void {
    if (!this.#wanted) return;
    const node = this.#host.shadowRoot?.querySelector<HTMLElement>(SELECTORS[this.#wanted]);
    if (!node && this.#wanted !== 'next') return;
    this.#wanted = undefined;
    node?.focus();
  }
}
