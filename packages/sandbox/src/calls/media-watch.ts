/** When a call's media end is gone: a phone that vanished without a BYE leaves its ICE to fail. */
import type { MediaCall } from '../media/index.js';

const POLL_MS = 1000;

/** Resolves once the media end reports failed or closed, or when `signal` aborts. */
export function mediaGone(media: MediaCall, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const { state } = media.report();
      if (state === 'failed' || state === 'closed') done();
    }, POLL_MS);
    timer.unref();
    const done = () => {
      clearInterval(timer);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
  });
}
