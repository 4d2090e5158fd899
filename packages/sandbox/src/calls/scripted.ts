/**
 * A scripted incoming call: nothing rings, the outcome is what the request says (answered or not,
 * how long), and the notifications tell it. Used when no phone is registered for the extension.
 */
import { randomBytes } from 'node:crypto';
import { zadarmaDateTime } from '../clock.js';
import { ZadarmaError } from '../errors.js';
import { allAccounts } from '../state/accounts.js';
import { answeringExtension } from '../state/pbx.js';
import type { Account, SandboxState } from '../state/types.js';
import { DEMO_USER_ID } from '../seed.js';
import { incomingEvents, type IncomingCallFacts } from './events.js';
import { CallNotifier, type NotificationReport } from './notifier.js';

export interface CallInput {
  /** The virtual number called; its owner's PBX takes the call. */
  to?: string;
  /** Or the account whose PBX takes it (default: the demo user). */
  userId?: number;
  /** The caller's number. */
  from?: string;
  /** The extension that rings (default: menu 0's "no button" scenario). */
  extension?: string;
  /** Whether someone picks up (default true). */
  answered?: boolean;
  durationSeconds?: number;
}

export interface CallReport extends NotificationReport {
  pbxCallId: string;
  userId: number;
}

const NO_NUMBER_DID = '0000000';

/** The account whose PBX takes a call to `input.to` (or `input.userId`), and the number called. */
export function ownerOf(state: SandboxState, input: CallInput): { owner: Account; did: string } {
  if (input.to) {
    const did = input.to.replace(/^\+/, '');
    const owner = allAccounts(state).find((a) => a.numbers.some((n) => n.number === did));
    if (!owner) throw new ZadarmaError(404, `No account owns the number ${input.to}`);
    return { owner, did };
  }
  const id = input.userId ?? DEMO_USER_ID;
  const owner = allAccounts(state).find((a) => a.id === id);
  if (!owner) throw new ZadarmaError(404, `User ${id} not found`);
  return { owner, did: owner.numbers[0]?.number ?? NO_NUMBER_DID };
}

/** The facts every event of a new incoming call shares. */
export function newIncomingCall(input: CallInput, did: string, now: number): IncomingCallFacts {
  return {
    callStart: zadarmaDateTime(now),
    pbxCallId: `in_${randomBytes(20).toString('hex')}`,
    callerId: (input.from ?? `4930${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`).replace(
      /^\+/,
      '',
    ),
    calledDid: did,
  };
}

/** A unique-enough `call_id` for the statistics: seconds, a dot, random digits. */
export const statisticsCallId = (now: number) =>
  Number(`${Math.floor(now / 1000)}.${Math.floor(Math.random() * 1e6)}`);

export async function simulateCall(
  state: SandboxState,
  input: CallInput,
  options: { now: number; timeoutMs: number; onRecorded?: () => void },
): Promise<CallReport> {
  const { owner, did } = ownerOf(state, input);
  const pbx = owner.pbx;
  if (!pbx) throw new ZadarmaError(409, `User ${owner.id} has no PBX to take the call`);
  const extension = input.extension ?? String(answeringExtension(pbx)?.number ?? 100);
  const answered = input.answered ?? true;
  const seconds = answered ? (input.durationSeconds ?? 42) : 0;
  const call = newIncomingCall(input, did, options.now);
  const disposition = answered ? 'answered' : 'no answer';
  pbx.calls.push({
    pbxCallId: call.pbxCallId,
    callId: statisticsCallId(options.now),
    start: options.now,
    callerId: call.callerId,
    calledDid: did,
    extension: Number(extension),
    seconds,
    disposition,
  });
  options.onRecorded?.();

  const notifier = new CallNotifier(owner, pbx, options.timeoutMs);
  void notifier.notify('notify_start', incomingEvents.start(call));
  void notifier.notify('notify_internal', incomingEvents.internal(call, extension));
  if (answered) void notifier.notify('notify_answer', incomingEvents.answer(call, extension));
  await notifier.notify('notify_end', incomingEvents.end(call, extension, seconds, disposition));
  return { pbxCallId: call.pbxCallId, userId: owner.id, ...notifier.report };
}
