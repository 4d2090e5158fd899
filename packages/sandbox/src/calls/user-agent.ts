/**
 * What the sandbox's call parties need from a SIP user agent: place a call to an extension (a caller
 * from outside), take a call to an outside number (the party that answers), and the dialog after.
 * `sip/party-ua.ts` implements it on one of the gateway's internal flows; the call logic in this folder
 * knows no SIP message.
 */

/** Why a dialog ended: the other side hung up, or we did. */
export type HangupBy = 'remote' | 'local';

/** One established call (a confirmed dialog). */
export interface CallLeg {
  /** Resolves when either side has ended the call (BYE sent or received, or its flow gone). */
  readonly ended: Promise<HangupBy>;
  /** Sends BYE; resolves once it is sent (a BYE that gets no answer still ends the call). */
  hangUp(): void;
  /** Digits the other side sent in SIP INFO (`application/dtmf-relay` or `application/dtmf`). */
  readonly infoDigits: string;
}

export interface PlacedCallEvents {
  /** A 180/183 came back: the extension rings (at least one of its phones). */
  onRinging?: () => void;
}

/** The final outcome of a call we placed. */
export type PlacedCall =
  { answered: true; answerSdp: string; leg: CallLeg } | { answered: false; status: number; reason: string };

export interface IncomingCall {
  /** Who calls: the extension's login (`<pbx_id>-<ext>`), PBX and extension. */
  readonly caller: { login: string; pbxId: number; extension: number };
  /** The number dialled (user part of the request URI, as sent). */
  readonly number: string;
  readonly offerSdp: string;
  /** Resolves when the caller cancelled before we answered. */
  readonly cancelled: Promise<void>;
  ring(): void;
  answer(answerSdp: string): CallLeg;
  reject(status: number, reason: string): void;
}

export interface SandboxUserAgent {
  /**
   * INVITEs `sip:<pbxId>-<extension>@domain` through the gateway, which forks it to the extension's
   * phones. Aborting the signal before an answer sends CANCEL (the outcome is then 487).
   */
  call(
    target: { pbxId: number; extension: number },
    from: { number: string; displayName?: string },
    offerSdp: string,
    options: PlacedCallEvents & { signal?: AbortSignal },
  ): Promise<PlacedCall>;
}
