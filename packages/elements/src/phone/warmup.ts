/**
 * Fast setup: once calls are enabled, the microphone is opened once and kept (each call takes a clone of
 * its track), and the browser's ICE machinery is woken with a throwaway peer connection (network
 * enumeration and STUN/TURN look-ups are slowest the first time), so a call's setup pays for neither.
 */
import { ZdApiError } from '../client/errors.js';

/** getUserMedia's constraints for a microphone ('' the default). */
export const microphoneConstraints = (deviceId: string): MediaStreamConstraints => ({
  audio: deviceId ? { deviceId: { exact: deviceId } } : true,
  video: false,
});

/** Whether getUserMedia failed because that device is not there (unplugged, or its id changed). */
export const deviceGone = (cause: unknown): boolean =>
  cause instanceof DOMException && (cause.name === 'OverconstrainedError' || cause.name === 'NotFoundError');

/** `deviceId` '' is the system's default microphone. */
export function defaultMicrophone(deviceId = ''): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia(microphoneConstraints(deviceId));
}

export class WarmMicrophone {
  #stream: Promise<MediaStream> | undefined;
  readonly #open: (deviceId: string) => Promise<MediaStream>;
  #deviceId = '';

  constructor(open: (deviceId: string) => Promise<MediaStream>) {
    this.#open = open;
  }

  /** Opens the microphone now (a failure shows on the first call, not here). */
  warm(): void {
    void this.#current().catch(() => undefined);
  }

  #current(): Promise<MediaStream> {
    this.#stream ??= this.#opened(this.#deviceId).catch((error: unknown) => {
      this.#stream = undefined;
      throw error;
    });
    return this.#stream;
  }

  /** Opens `deviceId`; one that is gone (unplugged since it was chosen) gives the default instead. */
  async #opened(deviceId: string): Promise<MediaStream> {
    try {
      return await this.#open(deviceId).catch((cause: unknown) => {
        if (deviceId && deviceGone(cause)) return this.#open('');
        throw cause;
      });
    } catch (cause) {
      const name = cause instanceof DOMException ? cause.name : String(cause);
      throw new ZdApiError({
        kind: 'config',
        code: 'microphone',
        message: `the microphone is not available (${name})`,
      });
    }
  }

  /**
   * Uses `deviceId` from now on. While warm, the new device is opened first (a failure keeps the old
   * one and rejects) and the old one closed; the promise then says true: the calls need new tracks.
   */
  async use(deviceId: string): Promise<boolean> {
    const previous = this.#stream;
    this.#deviceId = deviceId;
    if (!previous) return false;
    const fresh = await this.#opened(deviceId);
    if (this.#stream !== previous || this.#deviceId !== deviceId) {
      // Another change or close() came meanwhile: this stream is nobody's.
      for (const track of fresh.getTracks()) track.stop();
      return false;
    }
    this.#stream = Promise.resolve(fresh);
    void previous.then((s) => s.getTracks().forEach((t) => t.stop())).catch(() => undefined);
    return true;
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
