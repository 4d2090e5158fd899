/**
 * What the views of `<zd-softphone>` (gate, dial pad, incoming panel, call panel, transfer, history) may
 * use of the element: the calls as they are now, the texts, and the element's actions. A view is a
 * function that renders; the element holds all state, so a view has nothing to reset.
 */
import type { TemplateResult } from 'lit';
import type { LocalizeController } from '../../../i18n/localize.js';
import type { DialRejection } from '../../../phone/dial.js';
import type { CallTimings, Disposition, PhoneCall, RegistrationState } from '../../../phone/types.js';
import type { SoftphoneTranslation } from '../i18n/index.js';

/** A finished call of this session. */
export interface HistoryEntry {
  id: string;
  direction: 'outgoing' | 'incoming';
  number: string;
  name?: string | undefined;
  disposition: Disposition;
  durationMs: number;
  endedAt: number;
  timings: CallTimings;
}

/** A transfer where the customer first talks to the target (the original call waits on hold). */
export interface Consultation {
  original: PhoneCall;
  consultation: PhoneCall;
  target: string;
}

/** Someone the customer may transfer a call to. */
export interface TransferTarget {
  number: string;
  name?: string;
}

export interface SoftphoneView {
  readonly localize: LocalizeController<SoftphoneTranslation>;
  readonly registration: RegistrationState;
  /** The engine is being started (the gate's button waits). */
  readonly starting: boolean;
  /** The number field's text. */
  readonly number: string;
  /** "Call" was pressed with nothing dialable: why. */
  readonly numberInvalid: DialRejection | undefined;
  /** The call the customer talks in (or is setting up); the others wait on hold. */
  readonly current: PhoneCall | undefined;
  /** An incoming call that rings. */
  readonly incoming: PhoneCall | undefined;
  /** Calls on hold other than the current one. */
  readonly waiting: readonly PhoneCall[];
  readonly consultation: Consultation | undefined;
  readonly keypadOpen: boolean;
  readonly transferOpen: boolean;
  readonly transferTarget: string;
  readonly transferTargets: readonly TransferTarget[];
  /** Digits sent during the current call. */
  readonly sentDigits: string;
  readonly history: readonly HistoryEntry[];
  /** The calls belong to the phone of another tab of this browser (their audio plays there). */
  readonly inOtherTab: boolean;
  /** Now, for the timers (the element renders every second during a call). */
  readonly now: number;

  // Actions (each reports its own failure as `zd-error` and shows it).
  enableCalls(): void;
  setNumber(text: string): void;
  pressKey(key: string): void;
  deleteDigit(): void;
  dial(): void;
  dialAgain(number: string): void;
  answerCall(): void;
  declineCall(): void;
  hangupCall(): void;
  toggleMute(): void;
  toggleHold(): void;
  toggleKeypad(): void;
  toggleTransfer(): void;
  setTransferTarget(text: string): void;
  transferNow(attended: boolean): void;
  completeTransfer(): void;
  switchTo(call: PhoneCall): void;
  /** The other end's name, else its number formatted, else "unknown caller". */
  who(call: { remote: { number: string; name?: string } }): string;
  formatNumber(number: string): string;
}

export type View = (view: SoftphoneView) => TemplateResult;
