/**
 * Call quality from WebRTC `getStats()`: round-trip time, jitter and packet loss between two successive
 * snapshots, the MOS estimate Twilio uses (see ../shared/DESIGN.md), and warnings in plain words
 * (`losing-audio`, `no-microphone-audio`, `high-latency`) that rise and fall with hysteresis, so the
 * softphone does not blink them on and off. `QualityMonitor` polls a peer connection once a second.
 *
 * Pure apart from `QualityMonitor`'s timer; runs in Node (tests) and in the browser.
 */

/** A `getStats()` report: an `RTCStatsReport` (map-like), an array of stats, or a plain `{ id: stats }`. */
export type StatsReportLike =
  { values(): Iterable<unknown> } | Iterable<unknown> | Readonly<Record<string, unknown>>;

export type QualityLevel = 'good' | 'fair' | 'poor';
export type QualityWarning = 'losing-audio' | 'no-microphone-audio' | 'high-latency';

export interface CallQuality {
  /** Round-trip time from the last RTCP report; undefined until the first one (MOS then counts 0). */
  rttMs: number | undefined;
  /** The worse of both directions' jitter. */
  jitterMs: number;
  /** The worse of both directions over the interval: received packets lost, and the remote's report. */
  lossPercent: number;
  /** 1 (bad) … 4.5 (best); a clean call on a good line gives about 4.4. */
  mos: number;
  level: QualityLevel;
  /**
   * The microphone's level over the interval (0…1, RMS from `media-source` `totalAudioEnergy`, else its
   * `audioLevel`); undefined when the report has no audio media-source.
   */
  inputLevel: number | undefined;
  /** Packets the interval covered (received, lost, sent); 0 when no audio flowed (on hold, not connected). */
  packets: number;
}

/** The parts of a report that quality reads, summed over its audio streams. */
export interface StatsDigest {
  /** Seconds; from remote-inbound-rtp, else the selected candidate pair. */
  rttSeconds: number | undefined;
  jitterSeconds: number;
  received: number;
  lost: number;
  sent: number;
  /** remote-inbound-rtp `fractionLost` (0…1, the remote's last receiver report); undefined without one. */
  remoteFractionLost: number | undefined;
  /** media-source (the microphone); undefined fields when the report has none. */
  inputEnergy: number | undefined;
  inputDuration: number | undefined;
  inputAudioLevel: number | undefined;
}

type Stats = Readonly<Record<string, unknown>> & { type: string };

function isStats(value: unknown): value is Stats {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

function entriesOf(report: StatsReportLike): Stats[] {
  let items: Iterable<unknown>;
  if (typeof (report as { values?: unknown }).values === 'function') {
    items = (report as { values(): Iterable<unknown> }).values();
  } else if (typeof (report as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') {
    items = report as Iterable<unknown>;
  } else {
    items = Object.values(report);
  }
  const out: Stats[] = [];
  for (const item of items) {
    // A map's plain iteration gives [id, stats] pairs.
    const stats = Array.isArray(item) ? item[1] : item;
    if (!isStats(stats)) continue;
    const kind = stats.kind ?? stats.mediaType;
    if (kind !== undefined && kind !== 'audio') continue;
    out.push(stats);
  }
  return out;
}

function num(stats: Stats, key: string): number | undefined {
  const value = stats[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function sumOf(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
}

function maxOf(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length === 0 ? undefined : Math.max(...present);
}

/** Reads what quality needs from one `getStats()` report. */
export function digestStats(report: StatsReportLike): StatsDigest {
  const all = entriesOf(report);
  const ofType = (type: string) => all.filter((s) => s.type === type);
  const inbound = ofType('inbound-rtp');
  const outbound = ofType('outbound-rtp');
  const remoteInbound = ofType('remote-inbound-rtp');
  const sources = ofType('media-source');
  const pair = ofType('candidate-pair').find((s) => s.nominated === true && s.state === 'succeeded');

  const rtt = maxOf(remoteInbound.map((s) => num(s, 'roundTripTime')));
  return {
    rttSeconds: rtt ?? (pair ? num(pair, 'currentRoundTripTime') : undefined),
    jitterSeconds:
      maxOf([...inbound.map((s) => num(s, 'jitter')), ...remoteInbound.map((s) => num(s, 'jitter'))]) ?? 0,
    received: sumOf(inbound.map((s) => num(s, 'packetsReceived'))) ?? 0,
    // packetsLost can go below 0 when duplicates arrive; none lost then.
    lost: Math.max(0, sumOf(inbound.map((s) => num(s, 'packetsLost'))) ?? 0),
    sent: sumOf(outbound.map((s) => num(s, 'packetsSent'))) ?? 0,
    remoteFractionLost: maxOf(remoteInbound.map((s) => num(s, 'fractionLost'))),
    inputEnergy: sumOf(sources.map((s) => num(s, 'totalAudioEnergy'))),
    inputDuration: maxOf(sources.map((s) => num(s, 'totalSamplesDuration'))),
    inputAudioLevel: maxOf(sources.map((s) => num(s, 'audioLevel'))),
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** part / whole in percent, 0…100; 0 when there is no whole (or the counts are nonsense). */
function percentOf(part: number, whole: number): number {
  const ratio = part / whole;
  return whole > 0 && Number.isFinite(ratio) ? clamp(100 * ratio, 0, 100) : 0;
}

/**
 * The MOS estimate: d = RTT + 2·jitter + 10 ms; R = 94.768 − d/40 (d < 160), else 94.768 − (d − 120)/10;
 * R −= 2.5·loss%; MOS = 1 + 0.035R + 7e−6·R(R−60)(100−R). R is held to 0…100, where the formula is
 * monotone once MOS is held to 1…4.5.
 */
export function estimateMos(input: { rttMs: number; jitterMs: number; lossPercent: number }): number {
  const d = Math.max(0, input.rttMs) + 2 * Math.max(0, input.jitterMs) + 10;
  let r = d < 160 ? 94.768 - d / 40 : 94.768 - (d - 120) / 10;
  r -= 2.5 * clamp(input.lossPercent, 0, 100);
  r = clamp(r, 0, 100);
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return clamp(Number.isFinite(mos) ? mos : 1, 1, 4.5);
}

/** good from 4.0 (toll quality), fair from 3.5 (noticeable, still understood), else poor. */
export function qualityLevel(mos: number): QualityLevel {
  return mos >= 4 ? 'good' : mos >= 3.5 ? 'fair' : 'poor';
}

/** Quality between two digests (`previous` undefined: since the call began). */
export function qualityBetween(previous: StatsDigest | undefined, current: StatsDigest): CallQuality {
  const received = Math.max(0, current.received - (previous?.received ?? 0));
  const lost = Math.max(0, current.lost - (previous?.lost ?? 0));
  const sent = Math.max(0, current.sent - (previous?.sent ?? 0));
  const inboundLoss = percentOf(lost, received + lost);
  // The remote's report covers its last RTCP interval (about 5 s); deltas of its cumulative count would
  // spike whenever a report lands within a 1 s poll.
  const outboundLoss = sent > 0 ? 100 * clamp(current.remoteFractionLost ?? 0, 0, 1) : 0;
  const lossPercent = Math.max(inboundLoss, outboundLoss);

  const rttMs = current.rttSeconds === undefined ? undefined : current.rttSeconds * 1000;
  const jitterMs = current.jitterSeconds * 1000;
  const mos = estimateMos({ rttMs: rttMs ?? 0, jitterMs, lossPercent });
  return {
    rttMs,
    jitterMs,
    lossPercent,
    mos,
    level: qualityLevel(mos),
    inputLevel: inputLevelBetween(previous, current),
    packets: received + lost + sent,
  };
}

function inputLevelBetween(previous: StatsDigest | undefined, current: StatsDigest): number | undefined {
  const energy = (current.inputEnergy ?? 0) - (previous?.inputEnergy ?? 0);
  const duration = (current.inputDuration ?? 0) - (previous?.inputDuration ?? 0);
  // totalAudioEnergy sums level² × seconds, so energy / duration is the mean square of the level.
  if (current.inputEnergy !== undefined && duration > 0) return Math.sqrt(Math.max(0, energy) / duration);
  return current.inputAudioLevel;
}

/** Quality between two successive `getStats()` reports (`previous` undefined: since the call began). */
export function computeQuality(previous: StatsReportLike | undefined, current: StatsReportLike): CallQuality {
  return qualityBetween(previous === undefined ? undefined : digestStats(previous), digestStats(current));
}

// ---------------------------------------------------------------------------------------------------
// Warnings

export interface WarningThresholds {
  /** losing-audio rises above this loss over the window … */
  lossRaisePercent: number;
  /** … and falls below this one. */
  lossClearPercent: number;
  /** Packets a window needs before its loss counts (a handful lost of a dozen is no trend). */
  lossMinPackets: number;
  /** high-latency rises above this RTT held for `latencyHoldMs` … */
  rttRaiseMs: number;
  /** … and falls below this one held as long. */
  rttClearMs: number;
  latencyHoldMs: number;
  /** no-microphone-audio: the microphone below this level (0…1) … */
  silentLevel: number;
  /** … for this long, while not muted. Any sound clears it at once; so does muting. */
  silentHoldMs: number;
}

export const DEFAULT_WARNING_THRESHOLDS: Readonly<WarningThresholds> = Object.freeze({
  lossRaisePercent: 5,
  lossClearPercent: 2,
  lossMinPackets: 50,
  rttRaiseMs: 400,
  rttClearMs: 300,
  latencyHoldMs: 3000,
  silentLevel: 1e-4,
  silentHoldMs: 5000,
});

export interface WarningInput {
  /** The sample's time (ms, any clock that only goes forward). */
  nowMs: number;
  quality: CallQuality;
  /** Loss over the longer window (several seconds); `quality.lossPercent` when not given. */
  windowLossPercent?: number;
  /** Packets that window covered; `quality.packets` when not given. */
  windowPackets?: number;
  /** The user muted the microphone: silence is expected. */
  muted: boolean;
}

export interface WarningUpdate {
  active: readonly QualityWarning[];
  raised: readonly QualityWarning[];
  cleared: readonly QualityWarning[];
}

export interface WarningTracker {
  update(input: WarningInput): WarningUpdate;
  readonly active: readonly QualityWarning[];
}

/** A condition held since when (the time of the sample before the first one that showed it). */
class Hold {
  private since: number | undefined;
  /** How long the condition has held, counting the interval of the sample that first showed it. */
  update(holds: boolean, nowMs: number, lastMs: number | undefined): number {
    if (!holds) {
      this.since = undefined;
      return -1;
    }
    this.since ??= lastMs ?? nowMs;
    return nowMs - this.since;
  }
}

const WARNING_ORDER: readonly QualityWarning[] = ['losing-audio', 'no-microphone-audio', 'high-latency'];

/** The warnings' state machine: each rises and falls on its own thresholds (hysteresis). */
export function createWarningTracker(thresholds: Partial<WarningThresholds> = {}): WarningTracker {
  const t: WarningThresholds = { ...DEFAULT_WARNING_THRESHOLDS, ...thresholds };
  const active = new Set<QualityWarning>();
  const highRtt = new Hold();
  const lowRtt = new Hold();
  const silent = new Hold();
  let lastMs: number | undefined;

  const sorted = () => WARNING_ORDER.filter((w) => active.has(w));

  return {
    get active() {
      return sorted();
    },
    update(input) {
      const before = new Set(active);
      const { quality, nowMs } = input;

      const loss = input.windowLossPercent ?? quality.lossPercent;
      const packets = input.windowPackets ?? quality.packets;
      if (packets >= t.lossMinPackets) {
        if (loss > t.lossRaisePercent) active.add('losing-audio');
        else if (loss < t.lossClearPercent) active.delete('losing-audio');
      }

      if (quality.rttMs !== undefined) {
        const high = highRtt.update(quality.rttMs > t.rttRaiseMs, nowMs, lastMs);
        const low = lowRtt.update(quality.rttMs < t.rttClearMs, nowMs, lastMs);
        if (high >= t.latencyHoldMs) active.add('high-latency');
        if (low >= t.latencyHoldMs) active.delete('high-latency');
      }

      if (input.muted || quality.inputLevel === undefined) {
        silent.update(false, nowMs, lastMs);
        active.delete('no-microphone-audio');
      } else {
        const held = silent.update(quality.inputLevel < t.silentLevel, nowMs, lastMs);
        if (held >= t.silentHoldMs) active.add('no-microphone-audio');
        else if (held < 0) active.delete('no-microphone-audio');
      }

      lastMs = nowMs;
      return {
        active: sorted(),
        raised: WARNING_ORDER.filter((w) => active.has(w) && !before.has(w)),
        cleared: WARNING_ORDER.filter((w) => !active.has(w) && before.has(w)),
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Monitor

export interface QualityUpdate {
  quality: CallQuality;
  warnings: readonly QualityWarning[];
}

export interface QualitySummary {
  /** Samples with audio flowing (the others — on hold, connecting — leave the figures alone). */
  samples: number;
  minMos: number | undefined;
  avgMos: number | undefined;
  worstLossPercent: number;
  maxRttMs: number | undefined;
  maxJitterMs: number;
  /** Every warning raised during the call, in a fixed order. */
  warnings: QualityWarning[];
}

export interface QualityMonitorEventMap {
  update: CustomEvent<QualityUpdate>;
  warning: CustomEvent<{ code: QualityWarning; active: boolean }>;
}

/** What the monitor schedules its polls with; tests pass one they drive by hand. */
export interface QualityTimer {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface QualityMonitorOptions {
  /** Between polls; default 1000. */
  intervalMs?: number;
  /** Loss for the losing-audio warning is measured over this window; default 5000. */
  lossWindowMs?: number;
  timer?: QualityTimer;
  now?: () => number;
  /** Whether the user muted the microphone (no-microphone-audio waits then). */
  isMuted?: () => boolean;
  thresholds?: Partial<WarningThresholds>;
}

const realTimer: QualityTimer = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Polls `getStats` (`() => pc.getStats()`) every second while started; sends `update` with each sample
 * and `warning` when one rises or falls. A poll waits for the one before (a slow `getStats` never piles
 * up); a failing one is skipped. `stop()` gives the call's summary.
 */
export class QualityMonitor extends EventTarget {
  private readonly intervalMs: number;
  private readonly lossWindowMs: number;
  private readonly timer: QualityTimer;
  private readonly now: () => number;
  private readonly isMuted: () => boolean;
  private readonly tracker: WarningTracker;
  /** Recent digests, oldest first, enough to span the loss window. */
  private history: { atMs: number; digest: StatsDigest }[] = [];
  private handle: unknown;
  private running = false;
  private polling: Promise<QualityUpdate | undefined> | undefined;
  private latestUpdate: QualityUpdate | undefined;
  private mosSum = 0;
  private stats: QualitySummary = {
    samples: 0,
    minMos: undefined,
    avgMos: undefined,
    worstLossPercent: 0,
    maxRttMs: undefined,
    maxJitterMs: 0,
    warnings: [],
  };

  constructor(
    private readonly getStats: () => Promise<StatsReportLike>,
    options: QualityMonitorOptions = {},
  ) {
    super();
    this.intervalMs = options.intervalMs ?? 1000;
    this.lossWindowMs = options.lossWindowMs ?? 5000;
    this.timer = options.timer ?? realTimer;
    this.now = options.now ?? (() => Date.now());
    this.isMuted = options.isMuted ?? (() => false);
    this.tracker = createWarningTracker(options.thresholds);
  }

  /** The last sample, undefined before the first. */
  get latest(): QualityUpdate | undefined {
    return this.latestUpdate;
  }

  get warnings(): readonly QualityWarning[] {
    return this.tracker.active;
  }

  /** Polls now, then every interval until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  /** Stops polling; the call's summary. */
  stop(): QualitySummary {
    this.running = false;
    if (this.handle !== undefined) this.timer.clearTimeout(this.handle);
    this.handle = undefined;
    return this.summary();
  }

  summary(): QualitySummary {
    return { ...this.stats, warnings: [...this.stats.warnings] };
  }

  override addEventListener<K extends keyof QualityMonitorEventMap>(
    type: K,
    listener: (event: QualityMonitorEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | ((event: never) => void) | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  override removeEventListener<K extends keyof QualityMonitorEventMap>(
    type: K,
    listener: (event: QualityMonitorEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | ((event: never) => void) | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  /** One poll now (what the timer calls); undefined when `getStats` failed. */
  sample(): Promise<QualityUpdate | undefined> {
    this.polling ??= this.poll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async loop(): Promise<void> {
    await this.sample();
    if (!this.running) return;
    this.handle = this.timer.setTimeout(() => {
      this.handle = undefined;
      if (this.running) void this.loop();
    }, this.intervalMs);
  }

  private async poll(): Promise<QualityUpdate | undefined> {
    let digest: StatsDigest;
    try {
      digest = digestStats(await this.getStats());
    } catch {
      return undefined; // the connection closing under us; the next poll (or stop()) follows
    }
    const atMs = this.now();
    const previous = this.history.at(-1);
    const quality = qualityBetween(previous?.digest, digest);
    // The window's base: the newest digest at least a window old, else the oldest there is.
    const base =
      [...this.history].reverse().find((h) => atMs - h.atMs >= this.lossWindowMs) ?? this.history[0];
    const windowed = base ? qualityBetween(base.digest, digest) : quality;
    this.history.push({ atMs, digest });
    const keepFrom = this.history.findIndex((h) => atMs - h.atMs < this.lossWindowMs);
    if (keepFrom > 1) this.history = this.history.slice(keepFrom - 1);

    const change = this.tracker.update({
      nowMs: atMs,
      quality,
      windowLossPercent: windowed.lossPercent,
      windowPackets: windowed.packets,
      muted: this.isMuted(),
    });
    this.record(quality, change.raised);
    const update: QualityUpdate = { quality, warnings: change.active };
    this.latestUpdate = update;
    this.dispatchEvent(new CustomEvent('update', { detail: update }));
    for (const code of change.raised)
      this.dispatchEvent(new CustomEvent('warning', { detail: { code, active: true } }));
    for (const code of change.cleared)
      this.dispatchEvent(new CustomEvent('warning', { detail: { code, active: false } }));
    return update;
  }

  private record(quality: CallQuality, raised: readonly QualityWarning[]): void {
    const s = this.stats;
    const warnings = new Set([...s.warnings, ...raised]);
    s.warnings = WARNING_ORDER.filter((w) => warnings.has(w));
    if (quality.packets === 0) return;
    s.samples += 1;
    this.mosSum += quality.mos;
    s.minMos = Math.min(s.minMos ?? quality.mos, quality.mos);
    s.avgMos = this.mosSum / s.samples;
    s.worstLossPercent = Math.max(s.worstLossPercent, quality.lossPercent);
    if (quality.rttMs !== undefined) s.maxRttMs = Math.max(s.maxRttMs ?? 0, quality.rttMs);
    s.maxJitterMs = Math.max(s.maxJitterMs, quality.jitterMs);
  }
}
