/**
 * Hold and resume as RFC 3264 re-INVITEs (a=sendonly / a=sendrecv), with what JsSIP lacks: a failed
 * re-INVITE rolls back (JsSIP would end the call with "Hold Failed"). A 491 Request Pending (both sides
 * re-offered at once, RFC 3261 §14.1) JsSIP itself retries once, after 1 s (Dialog/RequestSender.js); a
 * second 491 is a failure like any other. JsSIP has no public hook for the re-INVITE's outcome, so its
 * `_sendReinvite` is wrapped for exactly one call; `Internals` names the few private members used
 * (JsSIP 3.13). Also the ICE restart after a reconnection, whose failure must not end the call either.
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import { ZdApiError } from '../client/errors.js';

interface ReinviteOptions {
  eventHandlers?: { succeeded?: (response: unknown) => void; failed?: (response?: unknown) => void };
}

interface Internals {
  _sendUpdate(options: ReinviteOptions & { sdpOffer: boolean }): void;
  _sendReinvite(options?: ReinviteOptions): void;
  _localHold: boolean;
  _onhold(originator: 'local'): void;
  _onunhold(originator: 'local'): void;
  connection: RTCPeerConnection | undefined;
}

export type Reoffer = 'hold' | 'unhold' | 'ice-restart';

const statusOf = (response: unknown): number | undefined =>
  typeof response === 'object' && response !== null
    ? (response as { status_code?: number }).status_code
    : undefined;

const WHAT: Record<Reoffer, string> = {
  hold: 'hold',
  unhold: 'resume',
  'ice-restart': 'ICE restart',
};

export function reoffer(session: RTCSession, kind: Reoffer): Promise<void> {
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
              reject(
                new ZdApiError({
                  kind: 'upstream',
                  ...(status ? { status } : {}),
                  message: `the other side did not take the ${WHAT[kind]} (${status ?? 'no answer'})`,
                }),
              );
            });
          },
        },
      });
    };
    const done = () => resolve();
    const started =
      kind === 'hold'
        ? session.hold({}, done)
        : kind === 'unhold'
          ? session.unhold({}, done)
          : session.renegotiate({ rtcOfferConstraints: { iceRestart: true } }, done);
    // renegotiate() returns nothing when it goes ahead (JsSIP 3.13), hold()/unhold() true.
    if (started === false) {
      internals._sendReinvite = original;
      reject(
        new ZdApiError({
          kind: 'invalid',
          message: `no ${WHAT[kind]} now: the call is not established, or an offer is pending`,
        }),
      );
    }
  });
}

/** Back to the state before the re-INVITE: the flag, the tracks, the peer connection's offer. */
async function rollback(internals: Internals, kind: Reoffer): Promise<void> {
  const pc = internals.connection;
  if (pc?.signalingState === 'have-local-offer') {
    await pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
  }
  if (kind === 'hold') {
    internals._localHold = false;
    internals._onunhold('local');
  } else if (kind === 'unhold') {
    internals._localHold = true;
    internals._onhold('local');
  }
}

/**
 * An UPDATE without SDP (RFC 3311 target refresh): the dialog learns the Contact of the new connection,
 * the media is not touched. After a reconnection whose media still flows, this rather than a re-offer:
 * a refused re-offer must be rolled back, and Chromium's rollback of an answerer's re-offer resets its
 * ICE transport (measured here: the callee's audio stopped).
 */
export function refreshTarget(session: RTCSession): Promise<void> {
  const internals = session as unknown as Internals;
  return new Promise<void>((resolve, reject) => {
    internals._sendUpdate({
      sdpOffer: false,
      eventHandlers: {
        succeeded: () => resolve(),
        failed: (response) => {
          const status = statusOf(response);
          reject(
            new ZdApiError({
              kind: 'upstream',
              ...(status ? { status } : {}),
              message: `the other side did not take the target refresh (${status ?? 'no answer'})`,
            }),
          );
        },
      },
    });
  });
}
