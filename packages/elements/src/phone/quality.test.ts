/**
 * Browser test (web-test-runner, Chromium with fake media) of phone/quality.ts on real `getStats()`: two
 * peer connections in this page call each other over loopback with the fake microphone, which is as
 * clean as a line gets, so the MOS must come out good.
 */
import { expect } from '@open-wc/testing';
import { computeQuality, QualityMonitor, type QualityUpdate } from './quality.js';

interface Pair {
  caller: RTCPeerConnection;
  callee: RTCPeerConnection;
  streams: MediaStream[];
  close(): void;
}

/** Two connections in this page, each sending the fake microphone to the other. */
async function loopbackCall(): Promise<Pair> {
  const caller = new RTCPeerConnection();
  const callee = new RTCPeerConnection();
  caller.onicecandidate = (e) => void (e.candidate && callee.addIceCandidate(e.candidate));
  callee.onicecandidate = (e) => void (e.candidate && caller.addIceCandidate(e.candidate));
  const streams = await Promise.all([1, 2].map(() => navigator.mediaDevices.getUserMedia({ audio: true })));
  const [mine, theirs] = streams as [MediaStream, MediaStream];
  for (const track of mine.getAudioTracks()) caller.addTrack(track, mine);
  for (const track of theirs.getAudioTracks()) callee.addTrack(track, theirs);
  await caller.setLocalDescription();
  await callee.setRemoteDescription(caller.localDescription as RTCSessionDescription);
  await callee.setLocalDescription();
  await caller.setRemoteDescription(callee.localDescription as RTCSessionDescription);
  return {
    caller,
    callee,
    streams,
    close() {
      caller.close();
      callee.close();
      for (const stream of streams) for (const track of stream.getTracks()) track.stop();
    },
  };
}

describe('QualityMonitor on a real peer connection', () => {
  let pair: Pair | undefined;
  afterEach(() => pair?.close());

  it('rates a loopback call with the fake microphone good (MOS ≥ 4), with RTT from RTCP', async () => {
    pair = await loopbackCall();
    let rtcp = false;
    const monitor = new QualityMonitor(async () => {
      const report = await (pair as Pair).caller.getStats();
      rtcp = [...report.values()].some((s: { type: string }) => s.type === 'remote-inbound-rtp');
      return report;
    });
    const updates: QualityUpdate[] = [];
    const withRtt = new Promise<QualityUpdate>((resolve) =>
      monitor.addEventListener('update', (e) => {
        updates.push(e.detail);
        if (rtcp && e.detail.quality.rttMs !== undefined && e.detail.quality.packets > 0) resolve(e.detail);
      }),
    );
    monitor.start();
    // libwebrtc sends audio receiver reports every ~5 s (randomised), so the first RTT takes a while.
    const update = await withRtt;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const summary = monitor.stop();
    const { quality } = update;

    expect(quality.mos).to.be.at.least(4);
    expect(quality.level).to.equal('good');
    expect(quality.rttMs).to.be.below(50);
    expect(quality.lossPercent).to.be.below(1);
    expect(quality.packets).to.be.above(0);
    expect(quality.inputLevel).to.be.a('number');
    expect(update.warnings).to.deep.equal([]);
    expect(summary.samples).to.be.within(1, updates.length); // samples before media flowed do not count
    expect(summary.minMos).to.be.at.least(4);
    expect(summary.warnings).to.deep.equal([]);
  });

  it('reads the report Chromium really gives: both directions, the microphone, the candidate pair', async () => {
    pair = await loopbackCall();
    const first = await pair.caller.getStats();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const second = await pair.caller.getStats();
    const types = new Set([...second.values()].map((s: { type: string }) => s.type));
    for (const type of ['inbound-rtp', 'outbound-rtp', 'media-source', 'candidate-pair'])
      expect(types).to.include(type);
    const quality = computeQuality(first, second);
    // 50 packets a second each way (20 ms Opus frames).
    expect(quality.packets).to.be.within(60, 140);
    expect(quality.rttMs).to.be.a('number'); // from the candidate pair before RTCP has any
    expect(quality.mos).to.be.at.least(4);
  });

  it('warns of a silent microphone on real stats, unless muted, and clears when sound is back', async () => {
    pair = await loopbackCall();
    const track = (pair.streams[0] as MediaStream).getAudioTracks()[0] as MediaStreamTrack;
    let muted = false;
    const monitor = new QualityMonitor(() => (pair as Pair).caller.getStats(), {
      intervalMs: 250,
      isMuted: () => muted,
      thresholds: { silentHoldMs: 1000 },
    });
    const warnings: string[] = [];
    monitor.addEventListener('warning', (e) => warnings.push(`${e.detail.code}:${e.detail.active}`));
    const until = async (check: () => boolean, what: string) => {
      const end = performance.now() + 8000;
      while (!check()) {
        if (performance.now() > end) throw new Error(`timed out waiting for ${what}: ${warnings.join()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    monitor.start();
    try {
      await until(() => (monitor.latest?.quality.inputLevel ?? 0) > 0.01, 'the microphone to be heard');
      // Muted in the UI (the track disabled too): silence is expected, no warning.
      muted = true;
      track.enabled = false;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(warnings).to.deep.equal([]);
      // Silent although not muted (a dead microphone looks like this): the warning.
      muted = false;
      await until(() => monitor.warnings.includes('no-microphone-audio'), 'the warning');
      track.enabled = true;
      await until(() => !monitor.warnings.includes('no-microphone-audio'), 'the warning to clear');
      expect(warnings).to.deep.equal(['no-microphone-audio:true', 'no-microphone-audio:false']);
    } finally {
      monitor.stop();
    }
  });
});
