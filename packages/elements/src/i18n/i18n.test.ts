import { expect } from '@open-wc/testing';
import { docUploadTexts } from '../components/doc-upload/i18n/index.js';
import { pickerTexts } from '../components/number-picker/i18n/index.js';
import { phoneVerifyTexts } from '../components/phone-verify/i18n/index.js';
import { softphoneTexts } from '../components/softphone/i18n/index.js';
import { settingsTexts } from '../components/softphone/i18n/settings.js';
import { registerTranslation, resolveTexts } from './localize.js';
import type { CommonTranslation, Texts } from './translation.js';

/** Sample arguments for the texts that take some, so each can be rendered. */
const SAMPLES: Record<string, unknown[]> = {
  error: ['network'],
  stepLabel: ['country'],
  renewal: ['month'],
  check: ['information'],
  documentType: ['passport'],
  groupField: ['first_name'],
  groupName: ['', 0],
  invalidField: ['zip_code'],
  salutation: ['COMPANY'],
  section: ['person', true],
  idType: ['PASSPORT'],
  problem: ['email'],
  fileState: ['checking'],
  refused: ['type', '5 MB'],
  wrongDocument: ['Passport', 'expired'],
  registration: ['reconnecting'],
  key: ['#'],
  status: ['held', 'incoming'],
  disposition: ['no answer'],
  direction: ['incoming'],
  invalidNumber: ['too-short'],
  quality: ['fair'],
  qualityWarning: ['losing-audio'],
  device: ['ringer'],
  deviceHint: ['ringer'],
  unnamedDevice: ['speaker', 2],
  testDevice: ['ringer'],
  runPreflight: [true],
  checkName: ['gateway'],
  checkOk: ['gateway', { connectMs: 5, rttMs: 12, status: 200 }],
  advice: ['turn-needed'],
  preflightSummary: [2],
  phoneProblem: ['too-short'],
  codeProblem: ['too-many', 120],
  resendIn: [5],
};

function render(t: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(t)) {
    const args = SAMPLES[key] ?? ['+49 30 123', 3, 1];
    out[key] =
      typeof value === 'function' ? String((value as (...a: unknown[]) => unknown)(...args)) : String(value);
  }
  return out;
}

const ELEMENTS: [string, Texts<CommonTranslation>, string[]][] = [
  ['number picker', pickerTexts, ['badgeSms', 'errorDetail']],
  ['document upload', docUploadTexts, ['errorDetail']],
  // The call status line and the timer are a name and digits in either language.
  ['softphone', softphoneTexts, ['callWith', 'duration', 'errorDetail']],
  // "Problem" is German as well.
  ['softphone settings', settingsTexts, ['checkFailed', 'errorDetail']],
  // "Code" is German as well.
  ['phone verification', phoneVerifyTexts, ['codeLabel', 'errorDetail']],
];

describe('translations', () => {
  for (const [name, texts, alike] of ELEMENTS) {
    it(`${name}: German and English have the same texts, none empty`, () => {
      const a = render(texts.en);
      const b = render(texts['de'] as object);
      expect(Object.keys(b).sort()).to.deep.equal(Object.keys(a).sort());
      for (const [key, value] of Object.entries({ ...a, ...b })) expect(value, key).not.to.equal('');
    });

    it(`${name}: German is really German (no text left in English except names and codes)`, () => {
      const a = render(texts.en);
      const b = render(texts['de'] as object);
      const same = Object.keys(a).filter((k) => a[k] === b[k] && !k.startsWith('$'));
      expect(same.sort()).to.deep.equal(alike);
    });
  }

  it('picks the language by tag, falls back to English, and takes a partner’s texts', () => {
    expect(resolveTexts(pickerTexts, 'de-AT').own.$code).to.equal('de');
    expect(resolveTexts(pickerTexts, 'fr').own.$code).to.equal('en');
    registerTranslation({ $code: 'en-GB', pickerTitle: 'Get a telephone number', dropZone: 'Drop it here' });
    expect(resolveTexts(pickerTexts, 'en-gb').partner?.pickerTitle).to.equal('Get a telephone number');
    expect(resolveTexts(docUploadTexts, 'en-GB').partner?.dropZone).to.equal('Drop it here');
    expect(resolveTexts(docUploadTexts, 'en-US').partner).to.equal(undefined);
  });

  it('words errors and plurals in each language', () => {
    const { en, de } = pickerTexts as { en: (typeof pickerTexts)['en']; de: (typeof pickerTexts)['en'] };
    expect(en.error('rate-limited', 1)).to.contain('1 second.');
    expect(en.error('rate-limited', 5)).to.contain('5 seconds.');
    expect(de.error('rate-limited', 5)).to.contain('5 Sekunden');
    expect(de.connectTime(1)).to.equal('Aktiv innerhalb von 1 Tag');
    expect(de.numbersCount(50, 1234)).to.equal('50 von 1.234 Nummern');
    expect(en.numbersCount(3, 3)).to.equal('3 numbers');
    expect(docUploadTexts.en.formProblems(1)).to.equal('Please check the marked field.');
    expect(docUploadTexts['de']?.formProblems(3)).to.equal('Bitte prüfen Sie die 3 markierten Felder.');
    expect(phoneVerifyTexts.en.resendIn(1)).to.equal('New code possible in 1 second');
    expect(phoneVerifyTexts['de']?.resendIn(30)).to.equal('Neuer Code in 30 Sekunden möglich');
    expect(phoneVerifyTexts['de']?.codeProblem('too-many', 3600)).to.contain('60 Minuten');
  });
});
