/**
 * WAV files for the WAV party: parsed and resampled by `wavefile` (any PCM/float depth, any rate,
 * any channel count), mixed down to the 8 kHz mono that PCMU carries.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import wavefile from 'wavefile';

/** The sample the WAV party plays without `wavFile`: shipped in the package (`assets/`), see `melodyWav()`. */
export const SAMPLE_WAV_PATH = fileURLToPath(new URL('../../assets/sample.wav', import.meta.url));

interface WavFormat {
  numChannels: number;
  sampleRate: number;
}

/** WAV bytes → 8 kHz mono samples in −1..1. Throws on anything that is not a WAV. */
export function decodeWavTo8kMono(bytes: Uint8Array): Float32Array {
  const wav = new wavefile.WaveFile(bytes);
  const { numChannels, sampleRate } = wav.fmt as WavFormat;
  wav.toBitDepth('32f');
  if (sampleRate !== 8000) wav.toSampleRate(8000);
  const interleaved = wav.getSamples(true, Float32Array);
  const channels = Math.max(1, numChannels);
  const out = new Float32Array(Math.floor(interleaved.length / channels));
  for (let frame = 0; frame < out.length; frame++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[frame * channels + c] ?? 0;
    out[frame] = Math.max(-1, Math.min(1, sum / channels));
  }
  return out;
}

export async function loadWav(file: string = SAMPLE_WAV_PATH): Promise<Float32Array> {
  return decodeWavTo8kMono(await readFile(file));
}

/** Loops a WAV's samples, read 20 ms at a time. An empty file plays silence. */
export class WavSource {
  private position = 0;

  constructor(private readonly samples: Float32Array) {}

  next(count: number): Float32Array {
    const out = new Float32Array(count);
    if (this.samples.length === 0) return out;
    for (let i = 0; i < count; i++) {
      out[i] = this.samples[this.position] ?? 0;
      this.position = (this.position + 1) % this.samples.length;
    }
    return out;
  }
}

/**
 * The bundled sample: three rising notes (C5, E5, G5, 0.4 s each, faded in and out so they do not
 * click), 16-bit 8 kHz mono — distinct from the tone party's steady 440 Hz. `assets/sample.wav` is
 * exactly this (a test checks): `node -e "import('./dist/media/wav.js').then((m) => process.stdout.write(m.melodyWav()))" > assets/sample.wav`.
 */
export function melodyWav(): Buffer {
  const rate = 8000;
  const noteSamples = 0.4 * rate;
  const fade = 0.02 * rate;
  const notes = [523.25, 659.25, 783.99];
  const samples = new Int16Array(notes.length * noteSamples);
  notes.forEach((hz, n) => {
    for (let i = 0; i < noteSamples; i++) {
      const envelope = Math.min(1, i / fade, (noteSamples - 1 - i) / fade);
      samples[n * noteSamples + i] = Math.round(
        0.5 * 32_767 * envelope * Math.sin((2 * Math.PI * hz * i) / rate),
      );
    }
  });
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, rate, '16', samples);
  return Buffer.from(wav.toBuffer());
}
