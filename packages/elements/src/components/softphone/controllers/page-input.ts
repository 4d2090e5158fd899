/**
 * The page's keyboard and links as a phone: digits typed anywhere in the element dial (or, in a call,
 * send tones) unless a text field has the focus; with `intercept-tel`, `tel:` links on the page call.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { dialKey } from '../dial-number.js';

export interface PageInputHost extends ReactiveControllerHost, HTMLElement {
  readonly interceptTel: boolean;
  /** Keys work only while the phone is registered. */
  readonly ready: boolean;
  /** A call is talking now (keys send tones instead of dialling). */
  readonly talking: boolean;
  readonly number: string;
  pressKey(key: string): void;
  deleteDigit(): void;
  focusNumber(): void;
  /** A `tel:` link was clicked: its number, decoded. */
  dialLink(number: string): void;
}

/** Typing goes into a field of ours or the page's: the keyboard dial pad stays out of it. */
function isTextField(target: EventTarget | undefined): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

export class PageInputController implements ReactiveController {
  readonly #host: PageInputHost;
  #listeningToLinks = false;

  constructor(host: PageInputHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeydown);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeydown);
    this.#links(false);
  }

  hostUpdated(): void {
    this.#links(this.#host.interceptTel && this.#host.isConnected);
  }

  #links(on: boolean): void {
    if (on === this.#listeningToLinks) return;
    this.#listeningToLinks = on;
    if (on) document.addEventListener('click', this.#onDocumentClick);
    else document.removeEventListener('click', this.#onDocumentClick);
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    const host = this.#host;
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!host.ready || isTextField(event.composedPath()[0])) return;
    const talking = host.talking;
    const key = dialKey(event.key);
    if (key && !(talking && key === '+')) {
      event.preventDefault();
      host.pressKey(key);
      if (!talking) host.focusNumber();
    } else if (event.key === 'Backspace' && !talking && host.number) {
      event.preventDefault();
      host.deleteDigit();
    }
  };

  readonly #onDocumentClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)
      return;
    const link = event
      .composedPath()
      .find(
        (node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement && /^tel:/i.test(node.href),
      );
    if (!link) return;
    event.preventDefault();
    // The click is a user gesture: enabling calls from here unlocks audio as the gate's button would.
    this.#host.dialLink(decodeURIComponent(link.href));
  };
}
