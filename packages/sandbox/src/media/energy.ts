/** Root-mean-square level of audio in −1..1: what the recorder reports as "the energy it heard". */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  return Math.sqrt(sum / samples.length);
}

/** Accumulates the RMS over everything received, without keeping the audio. */
export class EnergyMeter {
  private sumOfSquares = 0;
  private count = 0;

  constructor(private readonly sampleRate = 8000) {}

  add(samples: ArrayLike<number>): void {
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i] ?? 0;
      this.sumOfSquares += s * s;
    }
    this.count += samples.length;
  }

  /** RMS 0..1 of all samples so far (a full-scale sine is ≈ 0.707, a 0.5 sine ≈ 0.354). */
  get rms(): number {
    return this.count === 0 ? 0 : Math.sqrt(this.sumOfSquares / this.count);
  }

  get seconds(): number {
    return this.count / this.sampleRate;
  }
}
