/**
 * The page going away: leaving during a call asks first (`beforeunload`); on the way out (`pagehide`)
 * the phone un-registers, so calls stop ringing a tab that is gone; a page restored from the
 * back-forward cache (`pageshow` with `persisted`) registers again by itself.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PageExitHost extends ReactiveControllerHost, HTMLElement {
  /** Calls are enabled (the engine runs). */
  readonly enabled: boolean;
  /** A call is set up, ringing or talking. */
  readonly inCall: boolean;
  enable(): Promise<void>;
  disable(): Promise<void>;
}

export class PageExitController implements ReactiveController {
  readonly #host: PageExitHost;
  /** Calls were on when the page was hidden into the back-forward cache. */
  #resume = false;

  constructor(host: PageExitHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeunload', this.#onBeforeUnload);
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('pageshow', this.#onPageShow);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('pageshow', this.#onPageShow);
  }

  readonly #onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.#host.inCall) return;
    // The browser asks "leave this page?" in its own words; a page cannot choose them.
    event.preventDefault();
    event.returnValue = '';
  };

  readonly #onPageHide = (event: PageTransitionEvent): void => {
    if (!this.#host.enabled) return;
    this.#resume = event.persisted;
    void this.#host.disable().catch(() => undefined);
  };

  readonly #onPageShow = (event: PageTransitionEvent): void => {
    if (!event.persisted || !this.#resume) return;
    this.#resume = false;
    // Registration needs no gesture; audio was unlocked by the first one and stays so.
    void this.#host.enable().catch(() => undefined);
  };
}
