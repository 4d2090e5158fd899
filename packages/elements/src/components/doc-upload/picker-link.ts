/**
 * How a `<zd-doc-upload>` follows a number picker without glue code: the picker its `for` names, else
 * every `<zd-number-picker>` in the same nearest `<zd-config>`; none with `standalone`, or when there is
 * no picker to follow. While following, the upload stays hidden until a picker sends
 * `zd-documents-required`; it then takes the request (`preventDefault()` tells the picker an upload on the
 * page handles it) and shows itself, and hides again once the customer's part is done.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ZdDocumentsRequiredDetail } from '../../base/events.js';

export interface FollowerHost extends ReactiveControllerHost, HTMLElement {
  /** The `for` attribute: the id of the picker to follow. */
  htmlFor: string;
  standalone: boolean;
}

const REQUIRED = 'zd-documents-required';

export class PickerLink implements ReactiveController {
  readonly #host: FollowerHost;
  readonly #take: (request: ZdDocumentsRequiredDetail) => void;
  /** What the listener is on: the named picker or the `<zd-config>`; none when standalone. */
  #source: HTMLElement | null | undefined;
  #asked = false;

  constructor(host: FollowerHost, take: (request: ZdDocumentsRequiredDetail) => void) {
    this.#host = host;
    this.#take = take;
    host.addController(this);
  }

  /** Following a picker that has not asked for anything yet: nothing to show, nothing to fetch. */
  get waiting(): boolean {
    return !!this.#source && !this.#asked;
  }

  hostConnected(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.#source?.removeEventListener(REQUIRED, this.#onRequired);
  }

  /** Finds the picker(s) to follow (on connection, and when `for` or `standalone` change). */
  follow(): void {
    const host = this.#host;
    const config = host.closest('zd-config');
    this.hostDisconnected();
    this.#source = host.standalone
      ? null
      : host.htmlFor
        ? (host.getRootNode() as Document | ShadowRoot).getElementById(host.htmlFor)
        : config?.querySelector('zd-number-picker') && config;
    this.#source?.addEventListener(REQUIRED, this.#onRequired);
    if (this.waiting) host.hidden = true;
  }

  /** The customer's part is done (everything submitted, or ready): the picker shows the rest. */
  done(): void {
    if (this.#source) this.#host.hidden = true;
  }

  readonly #onRequired = (event: CustomEvent<ZdDocumentsRequiredDetail>): void => {
    const request = event.detail;
    // Only the verification pending: nothing for the customer to do here, the picker shows the status.
    if (request.failed.length && !request.missing.length) return;
    event.preventDefault();
    this.#asked = true;
    this.#host.hidden = false;
    this.#take(request);
  };
}
