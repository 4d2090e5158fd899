/**
 * Hold and resume as RFC 3264 re-INVITEs (a=sendonly / a=sendrecv), with what JsSIP lacks: a failed
 * re-INVITE rolls back (JsSIP would end the call with "Hold Failed"), and a 491 Request Pending (both
 * sides re-offered at once, RFC 3261 §14.1) is retried once after 2.1–4 s. JsSIP has no public hook for
 * the re-INVITE's outcome, so its `_sendReinvite` is wrapped for exactly one call; `Internals` names the
 * few private members used (JsSIP 3.13).
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import { ZdApiError } from '../client/errors.js';

interface ReinviteOptions {
  eventHandlers?: { succeeded?: (response: unknown) => void; failed?: (response?: unknown) => void };
}

interface Internals {
  _sendReinvite(options?: ReinviteOptions): void;
  _localHold: boolean;
  _onhold(originator: 'local'): void;
  _onunhold(originator: 'local'): void;
  connection: RTCPeerConnection | undefined;
}

const statusOf = (response: unknown): number | undefined =>
  typeof response === 'object' && response !== null
    ? (response as { status_code?: number }).status_code
    : undefined;

/** RFC 3261 §14.1: the retry waits 2.1–4 s (0–2 s for the dialog's callee; the longer suits both). */
export const retryDelayMs = (): number => 2100 + Math.random() * 1900;

export function reoffer(session: RTCSession, kind: 'hold' | 'unhold', retries = 1): Promise<void> {
  const internals = session as unknown as Internals;
  return new Promise<void>((resolve, reject) => {
    const original = internals._sendReinvite;
    internals._sendReinvite = function (this: Internals, options: ReinviteOptions = {}) {
      internals._sendReinvite = original;
      original.call(this, {
        ...options,
        eventHandlers: {
          succeeded: (response) => {
            options.eventHandlers?.succeeded?.(response);
          },
          failed: (response) => {
            void rollback(internals, kind).then(() => {
              const status = statusOf(response);
              if (status === 491 && retries > 0) {
                setTimeout(() => reoffer(session, kind, retries - 1).then(resolve, reject), retryDelayMs());
                return;
              }
              reject(
                new ZdApiError({
                  kind: 'upstream',
                  ...(status ? { status } : {}),
                  message: `the other side did not take the ${kind === 'hold' ? 'hold' : 'resume'} (${status ?? 'no answer'})`,
                }),
              );
            });
          },
        },
      });
    };
    const started = kind === 'hold' ? session.hold({}, () => resolve()) : session.unhold({}, () => resolve());
    if (!started) {
      internals._sendReinvite = original;
      reject(
        new ZdApiError({
          kind: 'invalid',
          message: `the call cannot be ${kind === 'hold' ? 'held' : 'resumed'} now (not established, or an offer is pending)`,
        }),
      );
    }
  });
}

/** Back to the state before the re-INVITE: the flag, the tracks, the peer connection's offer. */
async function rollback(internals: Internals, kind: 'hold' | 'unhold'): Promise<void> {
  const pc = internals.connection;
  if (pc?.signalingState === 'have-local-offer') {
    await pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
  }
  if (kind === 'hold') {
    internals._localHold = false;
    internals._onunhold('local');
  } else {
    internals._localHold = true;
    internals._onhold('local');
  }
}
