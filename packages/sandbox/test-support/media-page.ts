/**
 * A page with a plain RTCPeerConnection (no SIP), served from loopback (a secure context, so
 * getUserMedia works), for the media-party tests in Chromium. The page exposes `window.peer`:
 * offer() → SDP with all candidates, answer(offerSdp) → SDP, accept(answerSdp), stats() → inbound
 * {energy (totalAudioEnergy), packets, codec}, dtmf(tones) (RTCDTMFSender; resolves when sent), close().
 */
import { servePage, type PageServer } from './media-browser.js';

const PEER_SCRIPT = `
const state = { pc: null };
async function start() {
  const pc = new RTCPeerConnection({ iceServers: [] });
  state.pc = pc;
  const mic = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  for (const track of mic.getTracks()) pc.addTrack(track, mic);
  pc.ontrack = (e) => {
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.srcObject = new MediaStream([e.track]);
    document.body.append(audio);
  };
  return pc;
}
function gathered(pc) {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  });
}
window.peer = {
  async offer() {
    const pc = await start();
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    return pc.localDescription.sdp;
  },
  async answer(sdp) {
    const pc = await start();
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    return pc.localDescription.sdp;
  },
  async accept(sdp) {
    await state.pc.setRemoteDescription({ type: 'answer', sdp });
    return 'ok';
  },
  async stats() {
    const out = { energy: 0, codec: '', packets: 0 };
    const report = await state.pc.getStats();
    report.forEach((r) => {
      if (r.type !== 'inbound-rtp' || r.kind !== 'audio') return;
      out.energy = r.totalAudioEnergy || 0;
      out.packets = r.packetsReceived || 0;
      const codec = report.get(r.codecId);
      out.codec = codec ? codec.mimeType + '/' + codec.clockRate : '';
    });
    return out;
  },
  dtmf(tones) {
    const sender = state.pc.getSenders().find((s) => s.track && s.track.kind === 'audio');
    if (!sender || !sender.dtmf || !sender.dtmf.canInsertDTMF) return Promise.reject(new Error('cannot insert DTMF'));
    return new Promise((resolve) => {
      sender.dtmf.ontonechange = (e) => { if (e.tone === '') resolve('sent'); };
      sender.dtmf.insertDTMF(tones, 100, 70);
    });
  },
  close() {
    state.pc && state.pc.close();
    return 'ok';
  },
};
`;

export type MediaPageServer = PageServer;

export function startMediaPageServer(): Promise<MediaPageServer> {
  return servePage(`<!doctype html><meta charset="utf-8"><title>peer</title><script>${PEER_SCRIPT}</script>`);
}
