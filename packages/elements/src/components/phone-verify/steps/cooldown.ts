/**
 * The seconds until a new code may be asked for, counted down on screen. Screen readers hear the start
 * and the end only (the element's polite live region), not every second.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class Cooldown implements ReactiveController {
  #until = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whole seconds left; 0 when a new code may be asked for. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#until - Date.now()) / 1000));
  }

  start(seconds: number): void {
    this.#until = Date.now() + seconds * 1000;
    this.#tick();
  }

  hostConnected(): void {
    if (this.remaining > 0) this.#tick();
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      if (this.remaining === 0) this.hostDisconnected();
      this.#host.requestUpdate();
    }, 1000);
    this.#host.requestUpdate();
  }
}
