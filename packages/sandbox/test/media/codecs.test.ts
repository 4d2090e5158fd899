/** The media party's pure parts: G.711 µ-law, tone, energy, RFC 4733, WAV reading, SDP payload types. */
import { readFile } from 'node:fs/promises';
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { EnergyMeter, rms } from '../../src/media/energy.js';
import {
  MULAW_SILENCE,
  decodeMulaw,
  decodeMulawSample,
  encodeMulaw,
  encodeMulawSample,
} from '../../src/media/mulaw.js';
import {
  DigitDetector,
  buildTelephoneEvent,
  digitToEvent,
  keyPressPackets,
  parseTelephoneEvent,
} from '../../src/media/rfc4733.js';
import { audioPayloadTypes, findPayloadType, keepAudioPayloadTypes } from '../../src/media/sdp-codecs.js';
import { ToneSource, toneSamples } from '../../src/media/tone.js';
import { SAMPLE_WAV_PATH, WavSource, decodeWavTo8kMono, loadWav, melodyWav } from '../../src/media/wav.js';
import { toneWav } from '../../test-support/tone-wav.js';

describe('G.711 µ-law', () => {
  it('has the codec’s fixed points: silence, the extremes, the sign bit', () => {
    expect(encodeMulawSample(0)).toBe(MULAW_SILENCE);
    expect(decodeMulawSample(0xff)).toBe(0);
    expect(decodeMulawSample(0x7f)).toBe(0);
    expect(encodeMulawSample(32_767)).toBe(0x80);
    expect(encodeMulawSample(-32_768)).toBe(0x00);
    expect(decodeMulawSample(0x80)).toBe(32_124);
    expect(decodeMulawSample(0x00)).toBe(-32_124);
  });

  it('every byte survives decode → encode', () => {
    for (let byte = 0; byte < 256; byte++) {
      if (byte === 0x7f) continue; // "negative zero" decodes to 0, which encodes as 0xff
      expect(encodeMulawSample(decodeMulawSample(byte))).toBe(byte);
    }
  });

  it('a sample comes back within the segment’s step (about 3 % of its size)', () => {
    for (let s = -32_000; s <= 32_000; s += 97) {
      const back = decodeMulawSample(encodeMulawSample(s));
      expect(Math.abs(back - s)).toBeLessThanOrEqual(Math.max(8, Math.abs(s) * 0.04));
    }
  });

  it('payloads: −1..1 floats in, one byte per sample, clipping beyond ±1', () => {
    const payload = encodeMulaw([0, 0.5, -0.5, 2, -2]);
    expect(payload.length).toBe(5);
    const back = decodeMulaw(payload);
    expect(back[0]).toBe(0);
    expect(back[1]).toBeCloseTo(0.5, 1);
    expect(back[2]).toBeCloseTo(-0.5, 1);
    expect(back[3]).toBeCloseTo(0.98, 2);
    expect(back[4]).toBeCloseTo(-0.98, 2);
  });
});

describe('tone and energy', () => {
  it('a 0.5 sine has RMS 0.5/√2, through µ-law too', () => {
    const tone = toneSamples(440, 1);
    expect(tone.length).toBe(8000);
    expect(rms(tone)).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(rms(decodeMulaw(encodeMulaw(tone)))).toBeCloseTo(0.5 / Math.SQRT2, 2);
    expect(rms(new Float32Array(160))).toBe(0);
    expect(rms([])).toBe(0);
  });

  it('the tone continues across reads without a jump in phase', () => {
    const source = new ToneSource(440);
    const joined = [...source.next(160), ...source.next(160)];
    const whole = toneSamples(440, 320 / 8000);
    joined.forEach((s, i) => expect(s).toBeCloseTo(whole[i] ?? NaN, 4));
    expect(() => new ToneSource(5000)).toThrow(RangeError);
  });

  it('the meter accumulates over packets and counts seconds', () => {
    const meter = new EnergyMeter();
    meter.add(new Float32Array(8000));
    meter.add(toneSamples(440, 1));
    expect(meter.seconds).toBe(2);
    expect(meter.rms).toBeCloseTo(0.25, 2); // half silence: √(0.125/2)
  });
});

describe('RFC 4733 telephone-event', () => {
  it('builds and parses the 4-byte payload', () => {
    const payload = buildTelephoneEvent({ event: 11, end: true, volume: 10, duration: 800 });
    expect([...payload]).toEqual([11, 0x8a, 0x03, 0x20]);
    expect(parseTelephoneEvent(payload)).toEqual({ event: 11, end: true, volume: 10, duration: 800 });
    expect(parseTelephoneEvent(Buffer.from([1, 2]))).toBeUndefined();
  });

  it('maps digits to events', () => {
    expect([...'0123456789*#ABCD'].map(digitToEvent)).toEqual([...Array(16).keys()]);
    expect(digitToEvent('a')).toBe(12);
    expect(() => digitToEvent('x')).toThrow(RangeError);
    expect(() => digitToEvent('12')).toThrow(RangeError);
  });

  it('one key press: marker first, growing duration, the end three times', () => {
    const packets = keyPressPackets('5');
    const parsed = packets.map((p) => parseTelephoneEvent(p.payload));
    expect(packets.map((p) => p.marker)).toEqual([true, false, false, false, false, false, false]);
    expect(parsed.map((p) => p?.duration)).toEqual([160, 320, 480, 640, 800, 800, 800]);
    expect(parsed.map((p) => p?.end)).toEqual([false, false, false, false, true, true, true]);
    expect(parsed.every((p) => p?.event === 5)).toBe(true);
  });

  it('the detector takes each press once, even with its start lost, and tells "11" from "1"', () => {
    const detector = new DigitDetector();
    const press = (digit: string, timestamp: number, from = 0) =>
      keyPressPackets(digit)
        .slice(from)
        .forEach((p) => detector.push(timestamp, p.payload));
    press('1', 1000);
    press('1', 2000);
    press('#', 3000, 4); // only the end packets arrived
    expect(detector.push(4000, Buffer.from([200, 0x80, 0, 160]))).toBeUndefined(); // not a DTMF event
    expect(detector.digits).toBe('11#');
  });
});

describe('WAV files', () => {
  it('reads a 48 kHz 16-bit WAV as 8 kHz mono at the same level', () => {
    const samples = decodeWavTo8kMono(toneWav(440, 1, 48_000, 0.5));
    expect(samples.length).toBeGreaterThan(7900);
    expect(samples.length).toBeLessThan(8100);
    expect(rms(samples.subarray(100, 7800))).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('mixes stereo down to mono', () => {
    const wav = new wavefile.WaveFile();
    const left = Array.from({ length: 8000 }, (_, i) =>
      Math.round(16_000 * Math.sin((2 * Math.PI * 440 * i) / 8000)),
    );
    wav.fromScratch(2, 8000, '16', [left, left.map(() => 0)]);
    const samples = decodeWavTo8kMono(wav.toBuffer());
    expect(samples.length).toBe(8000);
    expect(rms(samples)).toBeCloseTo(16_000 / 32_768 / 2 / Math.SQRT2, 2);
  });

  it('refuses what is not a WAV', () => {
    expect(() => decodeWavTo8kMono(Buffer.from('not a wav file at all'))).toThrow();
  });

  it('the bundled sample is the melody, 1.2 s of 8 kHz audio, and loops', async () => {
    expect(Buffer.compare(await readFile(SAMPLE_WAV_PATH), melodyWav())).toBe(0);
    const samples = await loadWav();
    expect(samples.length).toBe(9600);
    expect(rms(samples)).toBeGreaterThan(0.3);
    const source = new WavSource(samples.subarray(0, 100));
    const read = source.next(160);
    expect(read[100]).toBe(read[0]);
    expect(new WavSource(new Float32Array(0)).next(160).every((s) => s === 0)).toBe(true);
  });
});

describe('SDP payload types', () => {
  const chromiumLike = [
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:110 telephone-event/48000',
    'a=rtpmap:126 telephone-event/8000',
  ].join('\r\n');

  it('finds telephone-event at 8 kHz, not at 48 kHz', () => {
    expect(findPayloadType(chromiumLike, 'telephone-event', 8000)).toBe(126);
    expect(findPayloadType(chromiumLike, 'TELEPHONE-EVENT', 48_000)).toBe(110);
    expect(findPayloadType(chromiumLike, 'G722', 8000)).toBeUndefined();
    expect(audioPayloadTypes(chromiumLike)).toEqual([111, 63, 9, 0, 8, 13, 110, 126]);
    expect(audioPayloadTypes('v=0')).toEqual([]);
  });
});

describe('cutting an offer down to the payload types we answer', () => {
  it('keeps PCMU and telephone-event/8000 on the audio line, and the rest of the SDP as it was', () => {
    const offer = [
      'v=0',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 110 126',
      'a=rtpmap:111 opus/48000/2',
      'a=rtcp-fb:111 transport-cc',
      'a=fmtp:111 minptime=10;useinbandfec=1',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:110 telephone-event/48000',
      'a=rtpmap:126 telephone-event/8000',
      'a=fmtp:126 0-15',
      'a=ssrc:1 cname:x',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=rtpmap:96 VP8/90000',
      '',
    ].join('\r\n');
    expect(keepAudioPayloadTypes(offer, [0, 126])).toBe(
      [
        'v=0',
        'm=audio 9 UDP/TLS/RTP/SAVPF 0 126',
        'a=rtpmap:0 PCMU/8000',
        'a=rtpmap:126 telephone-event/8000',
        'a=fmtp:126 0-15',
        'a=ssrc:1 cname:x',
        'm=video 9 UDP/TLS/RTP/SAVPF 96',
        'a=rtpmap:96 VP8/90000',
        '',
      ].join('\r\n'),
    );
  });
});
