/**
 * A desktop notification (the `Notification` API) while a call rings and the page's tab is hidden, so
 * a customer in another tab sees who calls. Permission is asked only inside the customer's gesture (the
 * "enable calls" click: `askPermission()`), never on load, and only while the browser has not decided.
 * Clicking the notification brings the window and the incoming panel to the front; the notification
 * closes when the call stops ringing (answered, declined, gone) or the tab is shown again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface DesktopNotificationHost extends ReactiveControllerHost, HTMLElement {
  /** The call that rings now, if any. */
  readonly incoming: { id: string } | undefined;
  /** The title and text to show for it (who calls, the number called). */
  notificationText(call: { id: string }): { title: string; body: string };
}

/** The parts of the `Notification` API used here (tests pass their own). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): Notification;
}

export interface DesktopNotificationOptions {
  notifications?: NotificationApi | undefined;
  /** Whether the page cannot be seen now (default: `document.hidden`). */
  hidden?: () => boolean;
}

export class DesktopNotificationController implements ReactiveController {
  readonly #host: DesktopNotificationHost;
  readonly #api: NotificationApi | undefined;
  readonly #hidden: () => boolean;
  #shown: { callId: string; text: string; notification: Notification } | undefined;
  #asked = false;
  readonly #onVisibility = () => {
    if (this.#hidden()) this.#host.requestUpdate();
    else this.#close();
  };

  constructor(host: DesktopNotificationHost, options: DesktopNotificationOptions = {}) {
    this.#host = host;
    this.#api =
      'notifications' in options
        ? options.notifications
        : typeof Notification === 'undefined'
          ? undefined
          : Notification;
    this.#hidden = options.hidden ?? (() => document.hidden);
    host.addController(this);
  }

  /**
   * Call inside a user gesture, before anything is awaited (browsers ignore or block a request
   * without one). Asks once per element, and only while the customer has not decided.
   */
  askPermission(): void {
    const api = this.#api;
    if (!api || this.#asked || api.permission !== 'default') return;
    this.#asked = true;
    api.requestPermission().catch(() => undefined);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#close();
  }

  hostUpdated(): void {
    const call = this.#host.incoming;
    if (!call || !this.#hidden()) {
      this.#close();
      return;
    }
    const api = this.#api;
    if (!api || api.permission !== 'granted') return;
    const { title, body } = this.#host.notificationText(call);
    const text = `${title}\n${body}`;
    // The same call with the same text is shown already; a name found later replaces it (same tag).
    if (this.#shown?.callId === call.id && this.#shown.text === text) return;
    let notification: Notification;
    try {
      notification = new api(title, { body, tag: `zd-call-${call.id}`, requireInteraction: true });
    } catch {
      // Some browsers (Android Chrome) allow notifications only from a service worker.
      return;
    }
    const before = this.#shown;
    this.#shown = { callId: call.id, text, notification };
    if (before && before.callId !== call.id) before.notification.close();
    notification.onclick = () => {
      window.focus();
      this.#host.shadowRoot?.querySelector<HTMLElement>('#incoming-heading')?.focus();
      this.#host.scrollIntoView?.({ block: 'nearest' });
      this.#close();
    };
  }

  #close(): void {
    this.#shown?.notification.close();
    this.#shown = undefined;
  }
}
