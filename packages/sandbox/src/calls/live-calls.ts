/**
 * Incoming calls that really ring: `POST /sandbox/calls` to a virtual number INVITEs the extensions
 * the PBX routes it to (menu 0's "no button" group, or the one asked for), each through the gateway to
 * all its registered phones. A sandbox party is the caller (a tone by default, so the softphone hears
 * something; it reports what it heard). The notifications tell what happened: NOTIFY_START, a
 * NOTIFY_INTERNAL per extension rung, NOTIFY_ANSWER by the extension that picked up, NOTIFY_END with
 * duration and disposition.
 */
import { createMediaCall, type MediaCall, type PartyKind } from '../media/index.js';
import { ZadarmaError } from '../errors.js';
import { answeringExtension } from '../state/pbx.js';
import type { Account, Pbx, SandboxState } from '../state/types.js';
import { incomingEvents, type Disposition, type IncomingCallFacts } from './events.js';
import type { MediaLog } from './media-log.js';
import { mediaGone } from './media-watch.js';
import { CallNotifier, type NotificationReport } from './notifier.js';
import { newIncomingCall, ownerOf, statisticsCallId, type CallInput } from './scripted.js';
import type { CallLeg, PlacedCall, SandboxUserAgent } from './user-agent.js';

export interface LiveCallInput extends CallInput {
  /** How long the extensions ring before the caller gives up (default 30 s). */
  ringSeconds?: number;
  /** Who the caller is, as media: `tone` (default), `echo`, `wav` or `recorder`. */
  party?: PartyKind;
}

export interface LiveCallReport {
  pbxCallId: string;
  userId: number;
  state: 'ringing' | 'answered' | 'ended';
  callerId: string;
  calledDid: string;
  /** The extensions rung. */
  extensions: number[];
  answeredBy: number | null;
  disposition: Disposition | null;
  seconds: number;
  /** The media log entry of the caller's party (`GET /sandbox/media/calls/:id`), once answered. */
  mediaCallId: string | null;
  notifications: NotificationReport;
}

export interface LiveCallDeps {
  state: () => SandboxState;
  now: () => number;
  webhookTimeoutMs: number;
  media: MediaLog;
  ua: SandboxUserAgent;
  /** Whether an extension has at least one phone registered at the gateway. */
  isRegistered: (pbxId: number, extension: number) => boolean;
  onRecorded: () => void;
  wavFile?: string;
}

const DEFAULT_RING_SECONDS = 30;
/** A call nobody hangs up ends by itself after this (the caller's patience, not Zadarma's limit). */
const MAX_CALL_SECONDS = 3600;
const KEEP = 50;

/** The extensions a call to the PBX rings: the one asked for, else menu 0's "no button" group. */
function extensionsToRing(pbx: Pbx, input: CallInput): number[] {
  if (input.extension) return [Number(input.extension)];
  const scenario = pbx.scenarios.find((s) => s.menuId === 0 && s.pushButton === -1);
  const group = (scenario?.groups[0] ?? [])
    .filter((e) => /^\d{3}$/.test(e))
    .map(Number)
    .filter((n) => pbx.extensions.some((e) => e.number === n));
  if (group.length) return group;
  const fallback = answeringExtension(pbx)?.number;
  return fallback ? [fallback] : [];
}

/** Why nobody answered, as Zadarma's dispositions say it: busy only when every extension was. */
function dispositionOf(outcomes: PlacedCall[], cancelledByCaller: boolean): Disposition {
  if (cancelledByCaller) return 'cancel';
  const statuses = outcomes.map((o) => (o.answered ? 200 : o.status));
  if (statuses.length && statuses.every((s) => [486, 600, 603].includes(s))) return 'busy';
  if (statuses.some((s) => [408, 480, 486, 487, 600, 603].includes(s))) return 'no answer';
  return 'call failed';
}

/**
 * A signal that aborts after `ms` or with any of `signals`. A plain timer on purpose: a timeout signal
 * that only `AbortSignal.any` holds may be garbage-collected before it fires (Node holds its sources
 * weakly), and a call would then ring or last for ever.
 */
function deadline(ms: number, ...signals: AbortSignal[]): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  for (const signal of signals) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', () => controller.abort(), { once: true });
  }
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** One extension rung: what became of it, and its media end when it answered. */
interface Leg {
  extension: number;
  outcome: PlacedCall;
  media?: { kind: PartyKind; call: MediaCall };
}

class LiveCall {
  readonly report: LiveCallReport;
  private readonly hangUpController = new AbortController();
  private callerHungUp = false;

  constructor(
    private readonly deps: LiveCallDeps,
    private readonly owner: Account,
    private readonly pbx: Pbx,
    private readonly facts: IncomingCallFacts,
    private readonly input: LiveCallInput,
    extensions: number[],
    private readonly notifier: CallNotifier,
  ) {
    this.report = {
      pbxCallId: facts.pbxCallId,
      userId: owner.id,
      state: 'ringing',
      callerId: facts.callerId,
      calledDid: facts.calledDid,
      extensions,
      answeredBy: null,
      disposition: null,
      seconds: 0,
      mediaCallId: null,
      notifications: notifier.report,
    };
  }

  /** The caller hangs up (before or after the answer). */
  hangUp(): void {
    this.callerHungUp = true;
    this.hangUpController.abort();
  }

  async run(): Promise<void> {
    const started = this.deps.now();
    void this.notifier.notify('notify_start', incomingEvents.start(this.facts));
    const ringFor = (this.input.ringSeconds ?? DEFAULT_RING_SECONDS) * 1000;
    const ringing = deadline(ringFor, this.hangUpController.signal);
    const giveUp = ringing.signal;
    // One leg per extension, in parallel: the first to answer wins, the others are cancelled.
    const answered = new AbortController();
    const legs = this.report.extensions.map((extension) => this.ring(extension, giveUp, answered));
    const outcomes = await Promise.all(legs);
    ringing.clear();
    const winner = outcomes.find((o) => o.outcome.answered);

    if (!winner?.media || !winner.outcome.answered) {
      const disposition = dispositionOf(
        outcomes.map((o) => o.outcome),
        this.callerHungUp,
      );
      return this.finish(started, this.report.extensions[0] ?? 0, 0, disposition);
    }
    const { extension, media } = winner;
    const { leg } = winner.outcome;
    this.report.state = 'answered';
    this.report.answeredBy = extension;
    this.report.mediaCallId = this.deps.media.add(
      {
        direction: 'in',
        number: `+${this.facts.callerId}`,
        login: `${this.pbx.id}-${extension}`,
        kind: media.kind,
      },
      media.call,
      () => leg.infoDigits,
    );
    void this.notifier.notify('notify_answer', incomingEvents.answer(this.facts, String(extension)));
    const answeredAt = this.deps.now();
    await this.talk(leg, media.call);
    this.deps.media.end(this.report.mediaCallId);
    await media.call.close();
    const seconds = Math.round((this.deps.now() - answeredAt) / 1000);
    return this.finish(started, extension, seconds, 'answered');
  }

  /** Until either side hangs up, its media is gone, or the asked duration is over. */
  private async talk(leg: CallLeg, media: MediaCall): Promise<void> {
    const limit = (this.input.durationSeconds ?? MAX_CALL_SECONDS) * 1000;
    const stop = new AbortController();
    const byCaller = deadline(limit, this.hangUpController.signal, stop.signal);
    const callerDone = new Promise<'caller'>((resolve) =>
      byCaller.signal.addEventListener('abort', () => resolve('caller'), { once: true }),
    );
    const gone = mediaGone(media, stop.signal).then(() => 'caller' as const);
    const first = await Promise.race([leg.ended, callerDone, gone]);
    stop.abort();
    byCaller.clear();
    if (first === 'caller') leg.hangUp();
  }

  private async ring(extension: number, giveUp: AbortSignal, answered: AbortController): Promise<Leg> {
    const kind = this.input.party ?? 'tone';
    if (!this.deps.isRegistered(this.pbx.id, extension))
      return { extension, outcome: { answered: false, status: 480, reason: 'Temporarily Unavailable' } };
    void this.notifier.notify('notify_internal', incomingEvents.internal(this.facts, String(extension)));
    const call = createMediaCall(kind, { wavFile: this.deps.wavFile });
    let outcome: PlacedCall;
    try {
      const offer = await call.offer();
      outcome = await this.deps.ua.call(
        { pbxId: this.pbx.id, extension },
        { number: `+${this.facts.callerId}` },
        offer,
        { signal: AbortSignal.any([giveUp, answered.signal]) },
      );
      if (outcome.answered && answered.signal.aborted) {
        outcome.leg.hangUp(); // picked up a moment after another extension did
        outcome = { answered: false, status: 487, reason: 'Answered elsewhere' };
      } else if (outcome.answered) {
        answered.abort();
        await call.accept(outcome.answerSdp);
      }
    } catch {
      outcome = { answered: false, status: 500, reason: 'Media failed' };
    }
    if (!outcome.answered) {
      await call.close();
      return { extension, outcome };
    }
    return { extension, outcome, media: { kind, call } };
  }

  private async finish(started: number, extension: number, seconds: number, disposition: Disposition) {
    this.report.state = 'ended';
    this.report.disposition = disposition;
    this.report.seconds = seconds;
    this.pbx.calls.push({
      pbxCallId: this.facts.pbxCallId,
      callId: statisticsCallId(started),
      start: started,
      callerId: this.facts.callerId,
      calledDid: this.facts.calledDid,
      extension,
      seconds,
      disposition,
      direction: 'in',
    });
    this.deps.onRecorded();
    await this.notifier.notify(
      'notify_end',
      incomingEvents.end(this.facts, String(extension), seconds, disposition),
    );
  }
}

/** The live and recent incoming calls of one sandbox. */
export class LiveCalls {
  private readonly calls = new Map<string, LiveCall>();

  constructor(private readonly deps: LiveCallDeps) {}

  /**
   * Rings when at least one of the extensions has a registered phone; answers `undefined` when none
   * has (the caller then runs the scripted call), so a sandbox without phones behaves as before.
   */
  start(input: LiveCallInput): LiveCallReport | undefined {
    const { owner, did } = ownerOf(this.deps.state(), input);
    const pbx = owner.pbx;
    if (!pbx) throw new ZadarmaError(409, `User ${owner.id} has no PBX to take the call`);
    const extensions = extensionsToRing(pbx, input);
    if (!extensions.some((e) => this.deps.isRegistered(pbx.id, e))) return undefined;
    const facts = newIncomingCall(input, did, this.deps.now());
    const notifier = new CallNotifier(owner, pbx, this.deps.webhookTimeoutMs);
    const call = new LiveCall(this.deps, owner, pbx, facts, input, extensions, notifier);
    this.calls.set(facts.pbxCallId, call);
    void call.run().catch((error: unknown) => {
      console.error('zd-sandbox: a call failed', error instanceof Error ? error.message : error);
    });
    this.forgetOld();
    return call.report;
  }

  get(pbxCallId: string): LiveCallReport | undefined {
    return this.calls.get(pbxCallId)?.report;
  }

  hangUp(pbxCallId: string): LiveCallReport | undefined {
    const call = this.calls.get(pbxCallId);
    call?.hangUp();
    return call?.report;
  }

  private forgetOld() {
    const ended = [...this.calls.values()].filter((c) => c.report.state === 'ended');
    for (const call of ended.slice(0, Math.max(0, ended.length - KEEP))) {
      this.calls.delete(call.report.pbxCallId);
    }
  }
}
