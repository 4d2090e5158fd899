/** The softphone's texts (on top of the shared ones). */
import type { DialRejection } from '../../../phone/dial.js';
import type {
  CallStatus,
  Disposition,
  QualityLevel,
  QualityWarning,
  RegistrationState,
} from '../../../phone/types.js';
import type { CommonTranslation } from '../../../i18n/translation.js';

export interface SoftphoneTranslation extends CommonTranslation {
  softphoneTitle: string;
  /** The gate: calls start only after this button (a user gesture unlocks audio). */
  enableCalls: string;
  enableHint: string;
  registration: (state: RegistrationState) => string;
  number: string;
  numberHint: string;
  dialPad: string;
  /** The name of a dial-pad key for screen readers (`*` → star). */
  key: (key: string) => string;
  deleteDigit: string;
  call: string;
  callNumber: (number: string) => string;
  hangup: string;
  answer: string;
  decline: string;
  /** Answer a second call while the first waits on hold. */
  answerAndHold: string;
  incomingCall: string;
  /** A second call while one is going on. */
  waitingCall: string;
  unknownCaller: string;
  /** The customer's number the caller dialled (screen-pop): "on your number +49 30 …". */
  calledOn: (number: string) => string;
  status: (status: CallStatus, direction: 'outgoing' | 'incoming') => string;
  /** The call status line for screen readers. */
  callWith: (who: string, status: string) => string;
  duration: (seconds: number) => string;
  mute: string;
  hold: string;
  resume: string;
  keypad: string;
  transfer: string;
  transferTarget: string;
  transferTargetHint: string;
  transferBlind: string;
  transferAttended: string;
  transferComplete: string;
  onHoldList: string;
  history: string;
  historyEmpty: string;
  disposition: (disposition: Disposition) => string;
  direction: (direction: 'outgoing' | 'incoming') => string;
  callBack: (number: string) => string;
  /** Opens the microphone, speaker and ringer settings and "Test my setup". */
  audioSettings: string;
  /** A remembered device is not plugged in: the default is used meanwhile. */
  deviceGone: (label: string) => string;
  /** In a tab that follows another tab's phone. */
  audioInOtherTab: string;
  /** The connection's quality in a call (from the estimated MOS). */
  quality: (level: QualityLevel) => string;
  qualityWarning: (code: QualityWarning) => string;
  /** Why "Call" dialled nothing. */
  invalidNumber: (reason: DialRejection) => string;
}
