/** The phone verification's texts (on top of the shared ones). */
import type { CommonTranslation } from '../../../i18n/translation.js';

export type PhoneProblem = 'required' | 'too-short' | 'invalid-number';
export type CodeProblem = 'required' | 'digits' | 'wrong-code' | 'expired' | 'too-many';

export interface PhoneVerifyTranslation extends CommonTranslation {
  title: string;
  intro: string;
  countryLabel: string;
  numberLabel: string;
  numberHint: string;
  phoneProblem: (problem: PhoneProblem) => string;
  channelLabel: string;
  channelSms: string;
  channelCallback: string;
  send: string;
  sending: string;
  codeSentSms: (number: string) => string;
  codeSentCallback: (number: string) => string;
  codeLabel: string;
  codeHint: string;
  confirm: string;
  confirming: string;
  codeProblem: (problem: CodeProblem, retryAfterSeconds?: number) => string;
  resend: string;
  resendIn: (seconds: number) => string;
  resendReady: string;
  otherNumber: string;
  reuseQuestion: (number: string) => string;
  reuseYes: string;
  reuseNo: string;
  verified: (number: string) => string;
}
