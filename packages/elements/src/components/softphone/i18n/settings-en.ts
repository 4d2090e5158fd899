import { en as enCommon } from '../../../i18n/en.js';
import type { SettingsTranslation } from './settings.js';

const CHECKS = {
  microphone: 'Microphone',
  speaker: 'Speaker',
  gateway: 'Connection to the phone server',
  registration: 'Sign-in to the phone server',
  network: 'Network for calls',
};

export const settingsEn: SettingsTranslation = {
  ...enCommon,
  settingsTitle: 'Audio settings',
  device: (kind) => ({ microphone: 'Microphone', speaker: 'Speaker for calls', ringer: 'Ringer' })[kind],
  deviceHint: (kind) =>
    ({
      microphone: 'Takes effect at once, during a call too.',
      speaker: 'Where you hear the other person.',
      ringer: 'Where the phone rings, e.g. the computer’s loudspeaker while you wear a headset.',
    })[kind],
  systemDefault: 'System default',
  unnamedDevice: (kind, n) => `${kind === 'microphone' ? 'Microphone' : 'Speaker'} ${n}`,
  namesHint: 'Allow the microphone to see the names of your devices.',
  showNames: 'Show device names',
  outputsFixed:
    'This browser plays calls and the ringtone on the system’s speaker; you can change it in your system settings.',
  testDevice: (kind) => (kind === 'speaker' ? 'Test speaker' : 'Test ringer'),
  testPlaying: 'Playing a tone…',
  testPlayed: 'Did you hear a tone? If not, choose another device or turn the volume up.',
  preflightTitle: 'Test my setup',
  preflightHint: 'Checks your microphone, speaker, the connection to the phone server and your network.',
  runPreflight: (again) => (again ? 'Test again' : 'Test my setup'),
  checkName: (check) => CHECKS[check],
  checkRunning: 'Testing…',
  checkWaiting: 'Waiting',
  checkOk: (check, value) => {
    const v = value as { rttMs?: number } | number | string | undefined;
    switch (check) {
      case 'microphone':
        return `Works (level ${String(v)} dB)`;
      case 'speaker':
        return 'A tone was played';
      case 'gateway':
        return `Reachable (answer in ${typeof v === 'object' ? v.rttMs : '?'} ms)`;
      case 'registration':
        return typeof v === 'number' ? `Signed in (in ${v} ms)` : 'Signed in';
      default:
        return 'Calls can reach the internet';
    }
  },
  checkFailed: 'Problem',
  advice: (advice) =>
    ({
      'microphone-blocked':
        'The browser may not use your microphone. Allow it in the address bar (the lock or microphone icon) and test again.',
      'no-audio': 'No audio from your microphone. Check that it is not muted, or choose another microphone.',
      'output-fixed': 'The tone played on the system’s speaker: this browser cannot choose another one.',
      'playback-blocked':
        'The browser did not play the tone. Click “Test my setup” again, or allow sound for this site.',
      'no-credentials':
        'The phone’s access data could not be loaded. Ask your administrator whether calls are set up for you.',
      'gateway-unreachable':
        'The phone server cannot be reached. A firewall or proxy may block WebSocket connections: ask your IT department.',
      'gateway-silent': 'The phone server accepted the connection but did not answer. Try again later.',
      'register-refused':
        'The phone server refused the sign-in of your extension. Ask your administrator to check its password.',
      'register-failed': 'Signing in to the phone server did not work. Try again in a moment.',
      'turn-needed':
        'Your computer has only local network addresses and no relay (TURN) server is set up: behind a router, calls may connect without sound. Ask your administrator for a TURN server.',
      'no-network': 'The browser found no network for calls. Check your internet connection.',
    })[advice],
  preflightSummary: (problems) =>
    problems === 0
      ? 'Everything works.'
      : problems === 1
        ? '1 check needs your attention.'
        : `${problems} checks need your attention.`,
};
