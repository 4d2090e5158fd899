/** The outgoing stream's timing and numbering, with a recording `send` in place of werift. */
import { afterEach, describe, expect, it } from 'vitest';
import { MULAW_SILENCE } from '../../src/media/mulaw.js';
import { parseTelephoneEvent } from '../../src/media/rfc4733.js';
import { PACKET_SAMPLES, RtpOut, type RtpHeaderFields } from '../../src/media/rtp-out.js';

interface Sent {
  header: RtpHeaderFields;
  payload: Buffer;
  at: number;
}

const streams: RtpOut[] = [];
afterEach(() => streams.splice(0).forEach((out) => out.stop()));

function stream(telephoneEventPt: number | undefined) {
  const sent: Sent[] = [];
  const out = new RtpOut(
    async (header, payload) => {
      sent.push({ header, payload, at: performance.now() });
    },
    () => Buffer.alloc(PACKET_SAMPLES, MULAW_SILENCE),
    0x1234_5678,
    telephoneEventPt,
  );
  streams.push(out);
  return { out, sent };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RtpOut', () => {
  it('sends one PCMU packet per 20 ms, numbered and timed in order', async () => {
    const { out, sent } = stream(101);
    const started = performance.now();
    out.start();
    await sleep(500);
    const elapsed = performance.now() - started;
    out.stop();
    const expected = Math.floor(elapsed / 20) + 1;
    expect(sent.length).toBeGreaterThanOrEqual(expected - 3); // a timer more than 100 ms late skips
    expect(sent.length).toBeLessThanOrEqual(expected + 1);
    expect(out.packetsSent).toBe(sent.length);
    sent.forEach(({ header, payload }, i) => {
      expect(header).toMatchObject({ payloadType: 0, ssrc: 0x1234_5678, marker: i === 0 });
      expect(payload.length).toBe(160);
      const previous = sent[i - 1]?.header;
      if (!previous) return;
      expect(header.sequenceNumber).toBe((previous.sequenceNumber + 1) & 0xffff);
      expect(header.timestamp).toBe((previous.timestamp + 160) >>> 0);
    });
    const count = sent.length;
    await sleep(60);
    expect(sent.length).toBe(count); // stopped means stopped
  });

  it('after a stalled event loop it catches up a little, then skips ahead in timestamps', async () => {
    const { out, sent } = stream(101);
    out.start();
    // Long enough either side of the stall that a loaded machine still shows steady 20 ms gaps.
    await sleep(200);
    const busyUntil = performance.now() + 300;
    while (performance.now() < busyUntil); // 15 packets' worth of a blocked loop
    await sleep(200);
    out.stop();
    const gaps = sent.slice(1).map((s, i) => (s.header.timestamp - (sent[i]?.header.timestamp ?? 0)) >>> 0);
    expect(Math.max(...gaps)).toBeGreaterThan(160); // a jump, like real loss, rather than a burst of 15
    expect(gaps.filter((g) => g === 160).length).toBeGreaterThan(5);
  });

  it('puts key presses in place of audio: one timestamp per press, ends repeated, audio between', async () => {
    const { out, sent } = stream(101);
    out.start();
    await out.sendDigits('19');
    await sleep(50);
    out.stop();
    const events = sent.filter((s) => s.header.payloadType === 101);
    expect(events.length).toBe(14);
    const presses = [...new Set(events.map((e) => e.header.timestamp))];
    expect(presses.length).toBe(2);
    expect(events.map((e) => parseTelephoneEvent(e.payload)?.event)).toEqual([
      ...Array(7).fill(1),
      ...Array(7).fill(9),
    ]);
    expect(events.filter((e) => e.header.marker).length).toBe(2);
    // Between the presses, audio; sequence numbers run on through both.
    const first = sent.findIndex((s) => s.header.payloadType === 101);
    const between = sent.slice(first + 7, first + 10);
    expect(between.every((s) => s.header.payloadType === 0)).toBe(true);
    expect(between[0]?.header.marker).toBe(true); // a new talkspurt after the event
    sent
      .slice(1)
      .forEach((s, i) =>
        expect(s.header.sequenceNumber).toBe(((sent[i]?.header.sequenceNumber ?? -1) + 1) & 0xffff),
      );
  });

  it('refuses digits without telephone-event, before start, and that are not digits', async () => {
    const without = stream(undefined);
    without.out.start();
    await expect(without.out.sendDigits('1')).rejects.toThrow(/telephone-event/);
    const notStarted = stream(101);
    await expect(notStarted.out.sendDigits('1')).rejects.toThrow(/not sending/);
    notStarted.out.start();
    await expect(notStarted.out.sendDigits('1?')).rejects.toThrow(/not a DTMF digit/);
    await expect(notStarted.out.sendDigits('')).resolves.toBeUndefined();
  });
});
