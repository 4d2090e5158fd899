/**
 * The ringtone: a tone made with WebAudio (no sound file to deploy), played through an `<audio>` so the
 * page could route it to a device. It is made only inside the customer's "enable calls" gesture, when
 * the browser allows audio; before that, nothing rings.
 */
const TONE_HZ = [440, 480];
const ON_MS = 1000;
const OFF_MS = 3000;

export class Ringtone {
  #context: AudioContext | undefined;
  #gain: GainNode | undefined;
  #audio: HTMLAudioElement | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ringing = false;

  /** Within a user gesture: the audio context starts running and the `<audio>` gets the tone's stream. */
  unlock(audio: HTMLAudioElement): void {
    if (this.#context) return;
    const context = new AudioContext();
    const gain = context.createGain();
    gain.gain.value = 0;
    const out = context.createMediaStreamDestination();
    for (const hz of TONE_HZ) {
      const tone = context.createOscillator();
      tone.frequency.value = hz;
      tone.connect(gain);
      tone.start();
    }
    gain.connect(out);
    audio.srcObject = out.stream;
    void context.resume().catch(() => undefined);
    this.#context = context;
    this.#gain = gain;
    this.#audio = audio;
  }

  get unlocked(): boolean {
    return this.#context !== undefined;
  }

  get ringing(): boolean {
    return this.#ringing;
  }

  start(): void {
    if (this.#ringing || !this.#gain || !this.#audio) return;
    this.#ringing = true;
    // A browser that still refuses playback stays silent; the panel and the live region still tell.
    void this.#audio.play().catch(() => undefined);
    const cycle = (on: boolean) => {
      if (!this.#ringing || !this.#gain) return;
      this.#gain.gain.value = on ? 0.15 : 0;
      this.#timer = setTimeout(() => cycle(!on), on ? ON_MS : OFF_MS);
    };
    cycle(true);
  }

  stop(): void {
    this.#ringing = false;
    clearTimeout(this.#timer);
    if (this.#gain) this.#gain.gain.value = 0;
    this.#audio?.pause();
  }

  close(): void {
    this.stop();
    void this.#context?.close().catch(() => undefined);
    this.#context = undefined;
    this.#gain = undefined;
  }
}
