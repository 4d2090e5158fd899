/**
 * Says when the host is first rendered with a box — not `hidden`, not inside something `display: none` —
 * so that an element can leave its requests until a customer can see it (Zadarma's budget is shared by
 * all of a partner's customers). A ResizeObserver rather than an IntersectionObserver: an element below
 * the fold is shown, only not scrolled to yet, and should be ready when the customer gets there.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ShownController implements ReactiveController {
  /** The host has had a box at least once (it stays true). */
  shown = false;
  readonly #host: ReactiveControllerHost & Element;
  #observer: ResizeObserver | undefined;

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.shown) return;
    this.#observer = new ResizeObserver(([entry]) => {
      // Observing reports a 0×0 box first for a host that is not rendered.
      if (!entry?.contentRect.width) return;
      this.shown = true;
      this.hostDisconnected();
      this.#host.requestUpdate();
    });
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }
}
