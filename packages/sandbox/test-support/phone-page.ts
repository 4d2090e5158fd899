/**
 * A page with one JsSIP phone, served from loopback (a secure context, so getUserMedia works), for the
 * call tests in Chromium. JsSIP's npm package has no browser build, so it is bundled here with esbuild.
 * The page exposes `window.phone`: register(cfg), registerThrough(proxyUrl, token, sip) (credentials from
 * the proxy's GET /softphone/credentials, as the softphone element fetches them), call(target),
 * answered(), energy(), dtmf(tones, transportType), caller(), hangup().
 */
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { servePage, type PageServer } from './media-browser.js';

const PHONE_SCRIPT = `
const state = { ua: null, session: null, domain: '', confirmed: null, caller: null, ringing: [] };
function play(session) {
  const pc = session.connection;
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.srcObject = new MediaStream(pc.getReceivers().map((r) => r.track));
  document.body.append(audio);
}
function watch(session) {
  state.session = session;
  state.confirmed = new Promise((resolve, reject) => {
    session.on('confirmed', () => { play(session); resolve('confirmed'); });
    session.on('failed', (e) => reject(new Error('call failed: ' + e.cause)));
  });
  return state.confirmed;
}
window.phone = {
  register(cfg) {
    state.domain = cfg.domain;
    return new Promise((resolve, reject) => {
      const ua = new JsSIP.UA({
        sockets: [new JsSIP.WebSocketInterface(cfg.wsUrl)],
        uri: 'sip:' + cfg.login + '@' + cfg.domain,
        authorization_user: cfg.authorizationUser || cfg.login,
        password: cfg.password,
        register: true,
      });
      ua.on('registered', () => resolve('registered'));
      ua.on('registrationFailed', (e) => reject(new Error('registration failed: ' + e.cause)));
      ua.on('newRTCSession', (e) => {
        if (e.originator !== 'remote') return;
        state.caller = { user: e.request.from.uri.user, name: e.request.from.display_name || '' };
        watch(e.session);
        state.ringing.splice(0).forEach((wake) => wake());
        e.session.answer({ mediaConstraints: { audio: true, video: false } });
      });
      ua.start();
      state.ua = ua;
    });
  },
  async registerThrough(proxyUrl, token, sip) {
    const res = await fetch(proxyUrl + '/softphone/credentials?sip=' + sip, {
      headers: { authorization: 'Bearer ' + token },
    });
    if (!res.ok) throw new Error('credentials: ' + res.status + ' ' + (await res.text()));
    return this.register(await res.json());
  },
  call(target) {
    const session = state.ua.call('sip:' + target + '@' + state.domain, {
      mediaConstraints: { audio: true, video: false },
    });
    return watch(session);
  },
  /** The incoming call, answered: waits up to 10 s for it to come in. */
  async answered() {
    if (!state.confirmed) {
      await new Promise((resolve, reject) => {
        state.ringing.push(resolve);
        setTimeout(() => reject(new Error('no call came in within 10 s')), 10000);
      });
    }
    return state.confirmed;
  },
  async energy() {
    const pc = state.session && state.session.connection;
    if (!pc) return 0;
    let energy = 0;
    (await pc.getStats()).forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') energy = r.totalAudioEnergy || 0;
    });
    return energy;
  },
  async dtmf(tones, transportType) {
    // Chromium's RTCDTMFSender can say canInsertDTMF = false for a moment after the call is confirmed,
    // even with audio flowing; JsSIP then throws. Wait for it (a phone should too).
    const sender = state.session.connection.getSenders().find((s) => s.track && s.track.kind === 'audio');
    for (let i = 0; transportType === 'RFC2833' && i < 50 && !(sender && sender.dtmf && sender.dtmf.canInsertDTMF); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    state.session.sendDTMF(tones, { transportType, duration: 100, interToneGap: 70 });
    return 'ok';
  },
  caller() {
    return state.caller;
  },
  hangup() {
    if (state.session && !state.session.isEnded()) state.session.terminate();
    return 'ok';
  },
};
`;

async function jssipBundle(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('jssip');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: 'JsSIP',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

export type PhonePageServer = PageServer;

export async function startPhonePageServer(): Promise<PhonePageServer> {
  const jssip = await jssipBundle();
  const html = `<!doctype html><meta charset="utf-8"><title>phone</title><script src="/jssip.js"></script><script>${PHONE_SCRIPT}</script>`;
  return servePage(html, { '/jssip.js': jssip });
}
