/**
 * Fast setup: once calls are enabled, the microphone is opened once and kept (each call takes a clone of
 * its track), and the browser's ICE machinery is woken with a throwaway peer connection (network
 * enumeration and STUN/TURN look-ups are slowest the first time), so a call's setup pays for neither.
 */
import { ZdApiError } from '../client/errors.js';

export function defaultMicrophone(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: true, video: false });
}

export class WarmMicrophone {
  #stream: Promise<MediaStream> | undefined;
  readonly #open: () => Promise<MediaStream>;

  constructor(open: () => Promise<MediaStream>) {
    this.#open = open;
  }

  /** Opens the microphone now (a failure shows on the first call, not here). */
  warm(): void {
    void this.#current().catch(() => undefined);
  }

  #current(): Promise<MediaStream> {
    this.#stream ??= this.#open().catch((cause: unknown) => {
      this.#stream = undefined;
      const name = cause instanceof DOMException ? cause.name : String(cause);
      throw new ZdApiError({
        kind: 'config',
        code: 'microphone',
        message: `the microphone is not available (${name})`,
      });
    });
    return this.#stream;
  }

  /** A stream of its own for one call: muting or holding that call leaves the others alone. */
  async take(): Promise<MediaStream> {
    let stream = await this.#current();
    if (!stream.getAudioTracks().some((t) => t.readyState === 'live')) {
      // The device went away (unplugged, permission revoked): open it again.
      this.#stream = undefined;
      stream = await this.#current();
    }
    return stream.clone();
  }

  close(): void {
    const stream = this.#stream;
    this.#stream = undefined;
    void stream?.then((s) => s.getTracks().forEach((t) => t.stop())).catch(() => undefined);
  }
}

/** Gathers candidates once with the call's ICE servers, then closes (at most 3 s). */
export function warmIce(iceServers: RTCIceServer[]): void {
  if (typeof RTCPeerConnection === 'undefined') return;
  const pc = new RTCPeerConnection({ iceServers });
  const close = () => pc.close();
  const timer = setTimeout(close, 3000);
  pc.addEventListener('icegatheringstatechange', () => {
    if (pc.iceGatheringState === 'complete') {
      clearTimeout(timer);
      close();
    }
  });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  void pc
    .createOffer()
    .then((offer) => pc.setLocalDescription(offer))
    .catch(() => {
      clearTimeout(timer);
      close();
    });
}
