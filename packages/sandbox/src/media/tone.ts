/** A continuous sine, read 20 ms at a time by the tone party (phase carries over between reads). */
export class ToneSource {
  private phase = 0;

  constructor(
    readonly hz = 440,
    readonly amplitude = 0.5,
    readonly sampleRate = 8000,
  ) {
    if (!(hz > 0 && hz < sampleRate / 2))
      throw new RangeError(`tone of ${hz} Hz cannot be sent at ${sampleRate} Hz`);
  }

  next(count: number): Float32Array {
    const out = new Float32Array(count);
    const step = (2 * Math.PI * this.hz) / this.sampleRate;
    for (let i = 0; i < count; i++) {
      out[i] = this.amplitude * Math.sin(this.phase);
      this.phase += step;
    }
    this.phase %= 2 * Math.PI;
    return out;
  }
}

/** `seconds` of a sine as samples in −1..1. */
export function toneSamples(hz: number, seconds: number, sampleRate = 8000, amplitude = 0.5): Float32Array {
  return new ToneSource(hz, amplitude, sampleRate).next(Math.round(seconds * sampleRate));
}
