import { en as enCommon, plural } from '../../../i18n/en.js';
import type { PhoneVerifyTranslation } from './translation.js';

export const en: PhoneVerifyTranslation = {
  ...enCommon,
  title: 'Confirm your phone number',
  intro: 'We send you a code to make sure the number is yours.',
  countryLabel: 'Country',
  numberLabel: 'Phone number',
  numberHint: 'Your mobile or landline number, e.g. 030 1234567.',
  phoneProblem: (p) =>
    ({
      required: 'Please enter your phone number.',
      'too-short': 'This number is too short. Please check it.',
      'invalid-number': 'This is not a phone number of the chosen country. Please check it.',
    })[p],
  channelLabel: 'How should we send the code?',
  channelSms: 'By text message (SMS)',
  channelCallback: 'By a call that reads out the code',
  send: 'Send code',
  sending: 'Sending…',
  codeSentSms: (n) => `We sent a text message with a code to ${n}.`,
  codeSentCallback: (n) => `We are calling ${n}; the call reads out your code.`,
  codeLabel: 'Code',
  codeHint: 'Only the digits.',
  confirm: 'Confirm',
  confirming: 'Checking…',
  codeProblem: (p, after) =>
    ({
      required: 'Please enter the code.',
      digits: 'The code has only digits. Please check it.',
      'wrong-code': 'This code is not right. Please check it, or ask for a new one.',
      expired: 'This code is no longer valid. Please ask for a new one.',
      'too-many': after
        ? `Too many attempts. Please wait ${plural(Math.ceil(after / 60), 'minute', 'minutes')} and try again.`
        : 'Too many attempts. Please wait a while and try again.',
    })[p],
  resend: 'Send a new code',
  resendIn: (s) => `New code possible in ${plural(s, 'second', 'seconds')}`,
  resendReady: 'You can ask for a new code now.',
  otherNumber: 'Use another number',
  reuseQuestion: (n) =>
    `${n} is already confirmed on another account. Do you want to confirm it for this account too?`,
  reuseYes: 'Yes, use this number',
  reuseNo: 'No, use another number',
  verified: (n) => `${n} is confirmed.`,
};
