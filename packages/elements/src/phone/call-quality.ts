/**
 * A call's quality while it talks: `QualityMonitor` (quality.ts) on the call's peer connection from
 * the first time it is answered to its end, and the call's summary at the end. Lives in the engine's
 * lazy chunk with the rest of the engine.
 */
import { QualityMonitor, type QualitySummary, type QualityUpdate, type QualityWarning } from './quality.js';

export interface QualityListener {
  update(update: QualityUpdate): void;
  warning(code: QualityWarning, active: boolean): void;
}

export class CallQualityWatch {
  readonly #listener: QualityListener;
  readonly #isMuted: () => boolean;
  #monitor: QualityMonitor | undefined;

  constructor(listener: QualityListener, isMuted: () => boolean) {
    this.#listener = listener;
    this.#isMuted = isMuted;
  }

  get latest(): QualityUpdate | undefined {
    return this.#monitor?.latest;
  }

  /** From the call's first answer on; later calls (after hold, a reconnection) change nothing. */
  start(pc: RTCPeerConnection): void {
    if (this.#monitor) return;
    const monitor = new QualityMonitor(() => pc.getStats(), { isMuted: this.#isMuted });
    monitor.addEventListener('update', (e) => this.#listener.update(e.detail));
    monitor.addEventListener('warning', (e) => this.#listener.warning(e.detail.code, e.detail.active));
    this.#monitor = monitor;
    monitor.start();
  }

  /** The call's summary; undefined when it never talked. */
  stop(): QualitySummary | undefined {
    return this.#monitor?.stop();
  }
}
