/** Node tests (vitest) of phone/quality.ts: the MOS estimate, quality from getStats snapshots, warnings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeQuality,
  createWarningTracker,
  estimateMos,
  QualityMonitor,
  qualityLevel,
  type CallQuality,
  type QualityTimer,
  type QualityWarning,
  type StatsReportLike,
} from '../src/phone/quality.js';

interface Line {
  /** Cumulative counts at this snapshot. */
  received: number;
  lost: number;
  sent: number;
  rttS?: number;
  jitterS?: number;
  remoteJitterS?: number;
  fractionLost?: number;
  /** Microphone: cumulative energy and duration. */
  energy?: number;
  duration?: number;
}

/** A Chromium-shaped getStats report, as a Map like RTCStatsReport. */
function report(line: Line): Map<string, Record<string, unknown>> {
  const entries: Record<string, unknown>[] = [
    {
      id: 'IT01A',
      type: 'inbound-rtp',
      kind: 'audio',
      timestamp: 0,
      packetsReceived: line.received,
      packetsLost: line.lost,
      jitter: line.jitterS ?? 0.002,
      audioLevel: 0.1,
      totalAudioEnergy: 1,
    },
    { id: 'OT01A', type: 'outbound-rtp', kind: 'audio', packetsSent: line.sent },
    { id: 'CPa', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.001 },
    { id: 'T01', type: 'transport' },
    // Video stats must not count.
    { id: 'IT01V', type: 'inbound-rtp', kind: 'video', packetsReceived: 1, packetsLost: 1000, jitter: 9 },
  ];
  if (line.rttS !== undefined)
    entries.push({
      id: 'RI01A',
      type: 'remote-inbound-rtp',
      kind: 'audio',
      roundTripTime: line.rttS,
      jitter: line.remoteJitterS ?? 0.001,
      packetsLost: 0,
      fractionLost: line.fractionLost ?? 0,
    });
  if (line.energy !== undefined)
    entries.push({
      id: 'SA1',
      type: 'media-source',
      kind: 'audio',
      audioLevel: 0,
      totalAudioEnergy: line.energy,
      totalSamplesDuration: line.duration,
    });
  return new Map(entries.map((e) => [String(e.id), e]));
}

describe('estimateMos', () => {
  it('gives about 4.4 to a clean line and falls with delay, jitter and loss (DESIGN.md formula)', () => {
    expect(estimateMos({ rttMs: 0, jitterMs: 0, lossPercent: 0 })).toBeCloseTo(4.4333, 3);
    // d = 100 + 2·10 + 10 = 130 → R = 94.768 − 3.25 = 91.518
    const r = 91.518;
    expect(estimateMos({ rttMs: 100, jitterMs: 10, lossPercent: 0 })).toBeCloseTo(
      1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r),
      6,
    );
    // d = 300 → R = 94.768 − 18 − 2.5·4 = 66.768
    const r2 = 66.768;
    expect(estimateMos({ rttMs: 290, jitterMs: 0, lossPercent: 4 })).toBeCloseTo(
      1 + 0.035 * r2 + 7e-6 * r2 * (r2 - 60) * (100 - r2),
      6,
    );
    expect(estimateMos({ rttMs: 5000, jitterMs: 0, lossPercent: 0 })).toBe(1);
    expect(estimateMos({ rttMs: 0, jitterMs: 0, lossPercent: 100 })).toBe(1);
  });

  it('is continuous where the delay term changes (d = 160)', () => {
    const below = estimateMos({ rttMs: 149.999, jitterMs: 0, lossPercent: 0 });
    const at = estimateMos({ rttMs: 150, jitterMs: 0, lossPercent: 0 });
    expect(Math.abs(below - at)).toBeLessThan(1e-4);
  });

  const rtt = fc.double({ min: 0, max: 5000, noNaN: true });
  const jitter = fc.double({ min: 0, max: 1000, noNaN: true });
  const loss = fc.double({ min: 0, max: 100, noNaN: true });

  it('stays within 1…4.5, for nonsense input too', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double(), (rttMs, jitterMs, lossPercent) => {
        const mos = estimateMos({ rttMs, jitterMs, lossPercent });
        return mos >= 1 && mos <= 4.5;
      }),
    );
  });

  it('never rises with more loss, more RTT or more jitter', () => {
    fc.assert(
      fc.property(rtt, jitter, loss, loss, (rttMs, jitterMs, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        return (
          estimateMos({ rttMs, jitterMs, lossPercent: more }) <=
          estimateMos({ rttMs, jitterMs, lossPercent: less })
        );
      }),
    );
    fc.assert(
      fc.property(rtt, rtt, jitter, loss, (a, b, jitterMs, lossPercent) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        return (
          estimateMos({ rttMs: more, jitterMs, lossPercent }) <=
          estimateMos({ rttMs: less, jitterMs, lossPercent })
        );
      }),
    );
    fc.assert(
      fc.property(rtt, jitter, jitter, loss, (rttMs, a, b, lossPercent) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        return (
          estimateMos({ rttMs, jitterMs: more, lossPercent }) <=
          estimateMos({ rttMs, jitterMs: less, lossPercent })
        );
      }),
    );
  });

  it('names the level: good from 4, fair from 3.5, else poor', () => {
    expect([4.43, 4, 3.99, 3.5, 3.49, 1].map(qualityLevel)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'poor',
      'poor',
    ]);
  });
});

describe('computeQuality', () => {
  it('reads RTT and jitter in ms and loss over the interval between two snapshots', () => {
    const before = report({ received: 1000, lost: 10, sent: 1000, rttS: 0.05, jitterS: 0.004 });
    // 50 more packets expected, 5 of them lost: 10 %.
    const after = report({
      received: 1045,
      lost: 15,
      sent: 1050,
      rttS: 0.06,
      jitterS: 0.003,
      remoteJitterS: 0.008,
    });
    const q = computeQuality(before, after);
    expect(q.rttMs).toBeCloseTo(60, 9);
    expect(q.jitterMs).toBeCloseTo(8, 9); // the worse direction
    expect(q.lossPercent).toBeCloseTo(10, 9);
    expect(q.packets).toBe(45 + 5 + 50);
    expect(q.mos).toBeCloseTo(estimateMos({ rttMs: 60, jitterMs: 8, lossPercent: 10 }), 9);
    expect(q.level).toBe('poor');
  });

  it('counts the remote’s reported loss when it is the worse direction', () => {
    const before = report({ received: 100, lost: 0, sent: 100, rttS: 0.02 });
    const after = report({ received: 150, lost: 0, sent: 150, rttS: 0.02, fractionLost: 0.25 });
    expect(computeQuality(before, after).lossPercent).toBeCloseTo(25, 9);
  });

  it('without a previous snapshot, counts since the call began; without RTCP, the candidate pair’s RTT', () => {
    const q = computeQuality(undefined, report({ received: 990, lost: 10, sent: 1000 }));
    expect(q.lossPercent).toBeCloseTo(1, 9);
    expect(q.rttMs).toBeCloseTo(1, 9);
  });

  it('accepts a plain object or an array as the report, and reads nothing from an empty one', () => {
    const map = report({ received: 10, lost: 0, sent: 10, rttS: 0.1 });
    const viaObject = computeQuality(undefined, Object.fromEntries(map));
    const viaArray = computeQuality(undefined, [...map.values()]);
    expect(viaObject).toEqual(computeQuality(undefined, map));
    expect(viaArray).toEqual(computeQuality(undefined, map));
    const empty = computeQuality(undefined, {});
    expect(empty).toMatchObject({
      rttMs: undefined,
      jitterMs: 0,
      lossPercent: 0,
      packets: 0,
      inputLevel: undefined,
    });
    expect(empty.mos).toBeGreaterThan(4.4);
  });

  it('tells the microphone’s level from its energy over the interval', () => {
    const before = report({ received: 0, lost: 0, sent: 0, energy: 2, duration: 10 });
    // 1 s at level 0.1: energy 0.1² × 1 = 0.01
    const after = report({ received: 0, lost: 0, sent: 0, energy: 2.01, duration: 11 });
    expect(computeQuality(before, after).inputLevel).toBeCloseTo(0.1, 9);
  });

  it('never throws and stays in range on arbitrary stats', () => {
    const value = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(undefined), fc.boolean());
    const stats = fc.record({
      type: fc.constantFrom(
        'inbound-rtp',
        'outbound-rtp',
        'remote-inbound-rtp',
        'media-source',
        'candidate-pair',
      ),
      packetsReceived: value,
      packetsLost: value,
      packetsSent: value,
      jitter: value,
      roundTripTime: value,
      fractionLost: value,
      totalAudioEnergy: value,
      totalSamplesDuration: value,
      audioLevel: value,
    });
    fc.assert(
      fc.property(fc.array(stats), fc.array(stats), (a, b) => {
        const q = computeQuality(a as StatsReportLike, b as StatsReportLike);
        return q.mos >= 1 && q.mos <= 4.5 && q.lossPercent >= 0 && q.lossPercent <= 100;
      }),
    );
  });
});

function sample(partial: Partial<CallQuality>): CallQuality {
  return {
    rttMs: 20,
    jitterMs: 2,
    lossPercent: 0,
    mos: 4.4,
    level: 'good',
    inputLevel: 0.05,
    packets: 100,
    ...partial,
  };
}

describe('createWarningTracker', () => {
  it('raises losing-audio above 5 % and clears it only below 2 %, so 3–5 % does not flap', () => {
    const tracker = createWarningTracker();
    const run = (loss: number, t: number) =>
      tracker.update({ nowMs: t, quality: sample({ lossPercent: loss }), muted: false });
    expect(run(4, 1000).active).toEqual([]);
    expect(run(6, 2000).raised).toEqual(['losing-audio']);
    for (const [i, loss] of [4.9, 3, 4, 2.1, 4.5].entries())
      expect(run(loss, 3000 + i * 1000).active).toEqual(['losing-audio']);
    expect(run(1, 9000).cleared).toEqual(['losing-audio']);
    expect(run(4, 10_000).active).toEqual([]);
  });

  it('leaves loss over a handful of packets alone', () => {
    const tracker = createWarningTracker();
    const update = tracker.update({
      nowMs: 0,
      quality: sample({ lossPercent: 50, packets: 10 }),
      muted: false,
    });
    expect(update.active).toEqual([]);
  });

  it('raises high-latency after RTT over 400 ms held 3 s, clears after below 300 ms held 3 s', () => {
    const tracker = createWarningTracker();
    const codes: QualityWarning[][] = [];
    const rtts = [450, 500, 450, 350, 450, 450, 450, 350, 280, 280, 290, 280];
    rtts.forEach((rttMs, i) =>
      codes.push([...tracker.update({ nowMs: i * 1000, quality: sample({ rttMs }), muted: false }).active]),
    );
    const has = codes.map((c) => c.includes('high-latency'));
    // 450, 500, 450 spans 2 s (the first sample counts from its own time); 350 breaks it. 450 from 4 s
    // counts from the sample before (3 s): held 3 s at 6 s → raised; 350 keeps it (not below 300);
    // below 300 from 8 s counts from 7 s: held 3 s at 10 s → cleared.
    expect(has).toEqual([false, false, false, false, false, false, true, true, true, true, false, false]);
  });

  it('raises no-microphone-audio after 5 s of silence while not muted; sound or muting clears it at once', () => {
    const tracker = createWarningTracker();
    const at = (t: number, inputLevel: number, muted = false) =>
      tracker.update({ nowMs: t * 1000, quality: sample({ inputLevel }), muted });
    at(0, 0.05);
    for (let t = 1; t <= 4; t++) expect(at(t, 0).active).toEqual([]);
    expect(at(5, 0).raised).toEqual(['no-microphone-audio']);
    expect(at(6, 0.02).cleared).toEqual(['no-microphone-audio']);
    for (let t = 7; t <= 11; t++) at(t, 0);
    expect(tracker.active).toEqual(['no-microphone-audio']);
    expect(at(12, 0, true).cleared).toEqual(['no-microphone-audio']);
    // Muted silence for long: nothing; unmuted, the 5 s start again.
    for (let t = 13; t <= 30; t++) expect(at(t, 0, true).active).toEqual([]);
    for (let t = 31; t <= 34; t++) expect(at(t, 0).active).toEqual([]);
    expect(at(35, 0).active).toEqual(['no-microphone-audio']);
  });

  it('never flaps: on any sequence, losing-audio changes only across its thresholds', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 60 }), (losses) => {
        const tracker = createWarningTracker();
        return losses.every((lossPercent, i) => {
          const u = tracker.update({ nowMs: i * 1000, quality: sample({ lossPercent }), muted: false });
          if (u.raised.includes('losing-audio')) return lossPercent > 5;
          if (u.cleared.includes('losing-audio')) return lossPercent < 2;
          return true;
        });
      }),
    );
  });
});

/** A timer the test drives: `fire()` runs what is due. */
function manualTimer(): QualityTimer & { pending: number; fire(): void } {
  let next: (() => void) | undefined;
  return {
    setTimeout(callback) {
      next = callback;
      return 1;
    },
    clearTimeout() {
      next = undefined;
    },
    get pending() {
      return next ? 1 : 0;
    },
    fire() {
      const run = next;
      next = undefined;
      run?.();
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('QualityMonitor', () => {
  it('polls on its timer, sends updates and warnings, and sums the call up', async () => {
    // 50 packets a second each way; from the 4th second on, 20 % lost.
    const lines: Line[] = [];
    let received = 0;
    let lost = 0;
    for (let s = 0; s < 10; s++) {
      const bad = s >= 4;
      received += bad ? 40 : 50;
      lost += bad ? 10 : 0;
      lines.push({
        received,
        lost,
        sent: 50 * (s + 1),
        rttS: 0.03,
        energy: 0.0025 * (s + 1),
        duration: s + 1,
      });
    }
    let polls = 0;
    let now = 0;
    const timer = manualTimer();
    const monitor = new QualityMonitor(
      () => Promise.resolve(report(lines[Math.min(polls++, lines.length - 1)] as Line)),
      {
        timer,
        now: () => now,
      },
    );
    const updates: CallQuality[] = [];
    const warnings: { code: QualityWarning; active: boolean }[] = [];
    monitor.addEventListener('update', (e) => updates.push(e.detail.quality));
    monitor.addEventListener('warning', (e) => warnings.push(e.detail));

    monitor.start();
    await tick();
    expect(updates).toHaveLength(1);
    expect(timer.pending).toBe(1);
    for (let s = 1; s < 10; s++) {
      now = s * 1000;
      timer.fire();
      await tick();
    }
    expect(updates).toHaveLength(10);
    expect(updates[1]?.lossPercent).toBe(0);
    expect(updates[5]?.lossPercent).toBeCloseTo(20, 9);
    expect(updates[5]?.inputLevel).toBeCloseTo(0.05, 9);
    // The 5 s window crosses 5 % at the 2nd bad second (20 of 250 = 8 %).
    expect(warnings).toEqual([{ code: 'losing-audio', active: true }]);
    expect(monitor.warnings).toEqual(['losing-audio']);
    expect(monitor.latest?.warnings).toEqual(['losing-audio']);

    const summary = monitor.stop();
    expect(timer.pending).toBe(0);
    expect(summary.samples).toBe(10);
    expect(summary.worstLossPercent).toBeCloseTo(20, 9);
    expect(summary.minMos).toBeCloseTo(estimateMos({ rttMs: 30, jitterMs: 2, lossPercent: 20 }), 9);
    expect(summary.avgMos).toBeGreaterThan(summary.minMos ?? 5);
    expect(summary.maxRttMs).toBeCloseTo(30, 9);
    expect(summary.warnings).toEqual(['losing-audio']);
  });

  it('warns of a silent microphone unless muted, and skips a failing getStats', async () => {
    let muted = true;
    let now = 0;
    let s = 0;
    let fail = false;
    const monitor = new QualityMonitor(
      () => {
        if (fail) return Promise.reject(new Error('closed'));
        s += 1;
        return Promise.resolve(
          report({ received: 50 * s, lost: 0, sent: 50 * s, rttS: 0.02, energy: 0, duration: s }),
        );
      },
      { timer: manualTimer(), now: () => now, isMuted: () => muted },
    );
    for (let t = 0; t <= 8; t++) {
      now = t * 1000;
      await monitor.sample();
    }
    expect(monitor.warnings).toEqual([]);
    muted = false;
    for (let t = 9; t <= 13; t++) {
      now = t * 1000;
      await monitor.sample();
    }
    expect(monitor.warnings).toEqual(['no-microphone-audio']);
    fail = true;
    expect(await monitor.sample()).toBeUndefined();
    expect(monitor.summary().samples).toBe(14);
    expect(monitor.summary().warnings).toEqual(['no-microphone-audio']);
  });

  it('does not count samples without audio (on hold) in the summary', async () => {
    const monitor = new QualityMonitor(() => Promise.resolve(report({ received: 0, lost: 0, sent: 0 })), {
      timer: manualTimer(),
    });
    await monitor.sample();
    await monitor.sample();
    expect(monitor.summary()).toMatchObject({ samples: 0, minMos: undefined, avgMos: undefined });
  });
});
