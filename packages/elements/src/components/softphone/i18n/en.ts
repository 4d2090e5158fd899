import { en as enCommon } from '../../../i18n/en.js';
import type { SoftphoneTranslation } from './translation.js';

const KEYS: Record<string, string> = { '*': 'star', '#': 'hash', '+': 'plus' };

export const en: SoftphoneTranslation = {
  ...enCommon,
  softphoneTitle: 'Phone',
  enableCalls: 'Enable calls',
  enableHint: 'Calls use your microphone. Your browser may ask for permission.',
  registration: (state) =>
    ({
      off: 'Calls are off',
      connecting: 'Connecting…',
      registered: 'Ready for calls',
      reconnecting: 'Connection lost, reconnecting…',
      failed: 'Could not connect',
    })[state],
  number: 'Number',
  numberHint: 'With country code (+49…) or a national number; an extension such as 100.',
  dialPad: 'Dial pad',
  key: (key) => KEYS[key] ?? key,
  deleteDigit: 'Delete last digit',
  call: 'Call',
  callNumber: (number) => `Call ${number}`,
  hangup: 'Hang up',
  answer: 'Answer',
  decline: 'Decline',
  answerAndHold: 'Hold and answer',
  incomingCall: 'Incoming call',
  waitingCall: 'Another call is waiting',
  unknownCaller: 'Unknown caller',
  calledOn: (number) => `on your number ${number}`,
  status: (status, direction) =>
    ({
      dialing: 'Calling…',
      early: 'Ringing…',
      ringing: direction === 'incoming' ? 'Incoming call' : 'Ringing…',
      active: 'Connected',
      held: 'On hold',
      ended: 'Call ended',
    })[status],
  callWith: (who, status) => `${who}: ${status}`,
  duration: (seconds) => {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return `${m}:${String(s).padStart(2, '0')}`;
  },
  mute: 'Mute',
  hold: 'Hold',
  resume: 'Resume',
  keypad: 'Keypad',
  transfer: 'Transfer',
  transferTarget: 'Transfer to',
  transferTargetHint: 'An extension or a phone number',
  transferBlind: 'Transfer now',
  transferAttended: 'Talk first',
  transferComplete: 'Complete transfer',
  onHoldList: 'On hold',
  history: 'Recent calls',
  historyEmpty: 'No calls yet.',
  disposition: (disposition) =>
    ({
      answered: 'Answered',
      declined: 'Declined',
      busy: 'Busy',
      cancelled: 'Cancelled',
      'no answer': 'No answer',
      failed: 'Failed',
    })[disposition],
  direction: (direction) => (direction === 'incoming' ? 'Incoming' : 'Outgoing'),
  callBack: (number) => `Call ${number} again`,
  audioSettings: 'Audio settings',
  deviceGone: (label) => `${label || 'Your device'} is not connected: using the default.`,
  audioInOtherTab: 'The call’s sound plays in your other tab with this phone.',
  quality: (level) => `Connection: ${{ good: 'good', fair: 'fair', poor: 'poor' }[level]}`,
  qualityWarning: (code) =>
    ({
      'losing-audio': 'Your connection is losing audio: the other person may hear gaps.',
      'no-microphone-audio': 'No sound from your microphone. Check that it is plugged in and switched on.',
      'high-latency': 'Your connection is slow: expect delays in the conversation.',
    })[code],
  invalidNumber: (reason) =>
    ({
      empty: 'Please enter a phone number or an extension.',
      'too-short': 'This number is too short. Extensions have 3 digits.',
      'invalid-characters': 'Only digits, + at the start, * and # can be dialled.',
      'invalid-number': 'This is not a valid phone number. Please check it, or add the country code (+49 …).',
    })[reason],
};
