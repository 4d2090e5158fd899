/**
 * Calls from an extension to an outside number: a sandbox party answers (echo, tone, WAV or the
 * recorder, by number), and the PBX owner hears of it as Zadarma tells: NOTIFY_OUT_START when the call
 * leaves the PBX, NOTIFY_OUT_END with duration and disposition when it ends. The call is kept for the
 * statistics like an incoming one.
 */
import { randomBytes } from 'node:crypto';
import { zadarmaDateTime } from '../clock.js';
import { createMediaCall } from '../media/index.js';
import { allAccounts } from '../state/accounts.js';
import type { SandboxState } from '../state/types.js';
import { outgoingEvents, type Disposition, type OutgoingCallFacts } from './events.js';
import type { MediaLog } from './media-log.js';
import { mediaGone } from './media-watch.js';
import { CallNotifier } from './notifier.js';
import { normaliseNumber, outsidePartyFor } from './outside-numbers.js';
import { statisticsCallId } from './scripted.js';
import type { IncomingCall } from './user-agent.js';

export interface OutsideCallDeps {
  state: () => SandboxState;
  now: () => number;
  webhookTimeoutMs: number;
  media: MediaLog;
  onRecorded: () => void;
  /** Where the sandbox's WAV party reads its file (`ZD_SANDBOX_WAV`); the bundled sample otherwise. */
  wavFile?: string;
}

const sleep = (ms: number, cancelled: Promise<void>) =>
  Promise.race([
    new Promise<'rang'>((resolve) => setTimeout(() => resolve('rang'), ms)),
    cancelled.then(() => 'cancelled' as const),
  ]);

export async function answerOutsideCall(call: IncomingCall, deps: OutsideCallDeps): Promise<void> {
  const owner = allAccounts(deps.state()).find((a) => a.pbx?.id === call.caller.pbxId);
  const pbx = owner?.pbx;
  const extension = pbx?.extensions.find((e) => e.number === call.caller.extension);
  if (!owner || !pbx || !extension) return call.reject(404, 'Not Found');

  const started = deps.now();
  const facts: OutgoingCallFacts = {
    callStart: zadarmaDateTime(started),
    pbxCallId: `out_${randomBytes(20).toString('hex')}`,
    internal: String(extension.number),
    destination: normaliseNumber(call.number).slice(1),
    callerId: (extension.callerId ?? String(extension.number)).replace(/^\+/, ''),
  };
  const notifier = new CallNotifier(owner, pbx, deps.webhookTimeoutMs);
  void notifier.notify('notify_out_start', outgoingEvents.start(facts));

  const finish = (seconds: number, disposition: Disposition) => {
    pbx.calls.push({
      pbxCallId: facts.pbxCallId,
      callId: statisticsCallId(started),
      start: started,
      callerId: facts.callerId,
      calledDid: facts.destination,
      extension: extension.number,
      seconds,
      disposition,
      direction: 'out',
    });
    deps.onRecorded();
    return notifier.notify('notify_out_end', outgoingEvents.end(facts, seconds, disposition));
  };

  const party = outsidePartyFor(call.number);
  call.ring();
  if ((await sleep(party.ringMs, call.cancelled)) === 'cancelled') return finish(0, 'cancel');

  const media = createMediaCall(party.kind, { wavFile: deps.wavFile });
  let answerSdp: string;
  try {
    answerSdp = await media.answer(call.offerSdp);
  } catch {
    // An offer our media end cannot take (no PCMU, no DTLS): what a PBX says to an unusable offer.
    await media.close();
    call.reject(488, 'Not Acceptable Here');
    return finish(0, 'call failed');
  }
  const leg = call.answer(answerSdp);
  const answeredAt = deps.now();
  const logId = deps.media.add(
    { direction: 'out', number: normaliseNumber(call.number), login: call.caller.login, kind: party.kind },
    media,
    () => leg.infoDigits,
  );
  // A phone gone without a BYE (its tab closed) leaves the media to fail: the call ends then.
  const stop = new AbortController();
  const gone = mediaGone(media, stop.signal).then(() => 'gone' as const);
  if ((await Promise.race([leg.ended, gone])) === 'gone') leg.hangUp();
  stop.abort();
  deps.media.end(logId);
  await media.close();
  await finish(Math.round((deps.now() - answeredAt) / 1000), 'answered');
}
