/**
 * The sounds and clock of the calls: the ringtone rings while a call rings (once the enabling gesture
 * unlocked audio), and the element re-renders each second while a call is answered, for its timer.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Ringtone } from '../ringtone.js';

export interface CallSoundsHost extends ReactiveControllerHost, HTMLElement {
  /** Whether a call rings now. */
  readonly ringing: boolean;
  /** Whether some call has been answered (its timer runs). */
  readonly answered: boolean;
  /** Set each second while `answered`. */
  now: number;
}

export class CallSoundsController implements ReactiveController {
  readonly #host: CallSoundsHost;
  readonly #ringtone = new Ringtone();
  #ticker: ReturnType<typeof setInterval> | undefined;

  constructor(host: CallSoundsHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Inside the customer's gesture, before anything is awaited: audio may play from now on. */
  unlock(): void {
    const ring = this.#host.shadowRoot?.querySelector<HTMLAudioElement>('audio.ringtone');
    if (ring) this.#ringtone.unlock(ring);
  }

  hostUpdated(): void {
    const host = this.#host;
    if (host.ringing) this.#ringtone.start();
    else this.#ringtone.stop();
    if (host.answered && !this.#ticker) this.#ticker = setInterval(() => (host.now = Date.now()), 1000);
    if (!host.answered) this.#stopTicker();
  }

  hostDisconnected(): void {
    this.#stopTicker();
    this.#ringtone.close();
  }

  #stopTicker(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}
