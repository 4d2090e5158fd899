/**
 * G.711 µ-law (PCMU), the codec every SIP and WebRTC end speaks: encoding the tone/WAV parties' audio
 * and decoding what arrives for the energy meter, with no native codec.
 */

/** The µ-law byte of a zero sample: what a silent party sends. */
export const MULAW_SILENCE = 0xff;

const BIAS = 0x84;
const CLIP = 32_635;

/** One 16-bit linear sample (−32768..32767) → one µ-law byte. */
export function encodeMulawSample(sample: number): number {
  let magnitude = Math.round(sample);
  const sign = magnitude < 0 ? 0x80 : 0;
  if (sign) magnitude = -magnitude;
  magnitude = Math.min(magnitude, CLIP) + BIAS;
  let exponent = 7;
  // The segment is the position of the highest set bit above bit 7.
  for (let mask = 0x4000; exponent > 0 && (magnitude & mask) === 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** One µ-law byte → one 16-bit linear sample. */
export function decodeMulawSample(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return u & 0x80 && magnitude !== 0 ? -magnitude : magnitude;
}

const DECODE_TABLE = Float32Array.from({ length: 256 }, (_, byte) => decodeMulawSample(byte) / 32_768);

/** Samples in −1..1 → a PCMU payload (one byte per sample). */
export function encodeMulaw(samples: ArrayLike<number>): Buffer {
  const out = Buffer.alloc(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] ?? 0));
    out[i] = encodeMulawSample(s * 32_767);
  }
  return out;
}

/** A PCMU payload → samples in −1..1. */
export function decodeMulaw(payload: Uint8Array): Float32Array {
  const out = new Float32Array(payload.length);
  for (let i = 0; i < payload.length; i++) out[i] = DECODE_TABLE[payload[i] ?? MULAW_SILENCE] ?? 0;
  return out;
}
