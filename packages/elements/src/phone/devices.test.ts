/**
 * The audio devices in Chromium with fake devices (two microphones and two outputs besides the
 * defaults): listing, remembering (ids and labels only), a gone device falling back, routing an
 * `<audio>` (and the path without `setSinkId`), and the microphone changed mid-call through the real
 * gateway and Kamailio: the sending track replaced, no re-INVITE, the call and its audio go on.
 */
import { expect } from '@open-wc/testing';
import { resetSandbox, waitFor } from '../test-support/env.js';
import {
  energyRate,
  extensions,
  nextEvent,
  phoneFor,
  play,
  sleep,
  stopPlaying,
  type SipServerName,
} from '../test-support/phone.js';
import {
  DEVICES_KEY,
  canChooseOutput,
  listDevices,
  loadChoices,
  resolveChoice,
  routeAudio,
  saveChoices,
  withChoice,
} from './devices.js';
import type { PhoneCall, PhoneEngine } from './types.js';

afterEach(() => localStorage.removeItem(DEVICES_KEY));

describe('audio devices', () => {
  it('lists the fake microphones and outputs with their names (the default aliases left out)', async () => {
    const list = await listDevices();
    expect(list.labelled).to.equal(true);
    expect(list.microphones.map((d) => d.label)).to.deep.equal(['Fake Audio Input 1', 'Fake Audio Input 2']);
    expect(list.speakers.map((d) => d.label)).to.deep.equal(['Fake Audio Output 1', 'Fake Audio Output 2']);
    for (const d of [...list.microphones, ...list.speakers]) expect(d.deviceId).to.match(/^[0-9a-f]{64}$/);
  });

  it('remembers ids and labels only, per kind; junk under the key is ignored', async () => {
    const { microphones, speakers } = await listDevices();
    const mic = microphones[1];
    const out = speakers[0];
    if (!mic || !out) throw new Error('no fake devices');
    saveChoices({
      microphone: { ...mic, extra: 'not kept' } as typeof mic,
      speaker: out,
      ringer: { deviceId: '', label: 'default is not stored' },
    });
    expect(JSON.parse(localStorage.getItem(DEVICES_KEY) ?? '')).to.deep.equal({
      microphone: { deviceId: mic.deviceId, label: mic.label },
      speaker: { deviceId: out.deviceId, label: out.label },
    });
    expect(loadChoices()).to.deep.equal({ microphone: mic, speaker: out });
    localStorage.setItem(
      DEVICES_KEY,
      '{"microphone": 3, "speaker": {"deviceId": "x", "label": "X", "more": 1}, "ringer": null, "other": {}}',
    );
    expect(loadChoices()).to.deep.equal({ speaker: { deviceId: 'x', label: 'X' } });
    localStorage.setItem(DEVICES_KEY, 'not json');
    expect(loadChoices()).to.deep.equal({});
    saveChoices({});
    expect(localStorage.getItem(DEVICES_KEY)).to.equal(null);
    // A choice takes the device's label from the list; the default ('') removes the kind.
    const list = await listDevices();
    const chosen = withChoice({ speaker: out }, list, 'microphone', mic.deviceId);
    expect(chosen).to.deep.equal({ speaker: out, microphone: mic });
    expect(withChoice(chosen, list, 'speaker', '')).to.deep.equal({ microphone: mic });
  });

  it('a remembered device that is gone falls back to the default and says which', async () => {
    const { microphones } = await listDevices();
    const gone = { deviceId: 'f'.repeat(64), label: 'USB headset' };
    expect(resolveChoice(gone, microphones, true)).to.deep.equal({ deviceId: '', gone });
    const there = microphones[1];
    expect(resolveChoice(there, microphones, true)).to.deep.equal({ deviceId: there?.deviceId });
    // No names yet (no permission): the choice is taken as it is.
    expect(resolveChoice(gone, [], false)).to.deep.equal({ deviceId: gone.deviceId });
    expect(resolveChoice(undefined, microphones, true)).to.deep.equal({ deviceId: '' });
  });

  it('routes an <audio> to an output; an unknown one leaves it where it was', async () => {
    const { speakers } = await listDevices();
    const audio = new Audio();
    expect(await routeAudio(audio, speakers[1]?.deviceId ?? '')).to.equal(true);
    expect(audio.sinkId).to.equal(speakers[1]?.deviceId);
    expect(await routeAudio(audio, 'a'.repeat(64))).to.equal(false);
    expect(audio.sinkId).to.equal(speakers[1]?.deviceId);
  });

  describe('without setSinkId (Safari, older Firefox)', () => {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'setSinkId');
    before(() => {
      delete (HTMLMediaElement.prototype as Partial<HTMLMediaElement>).setSinkId;
    });
    after(() => {
      if (descriptor) Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', descriptor);
    });

    it('cannot choose outputs, and routing says so without throwing', async () => {
      expect(canChooseOutput()).to.equal(false);
      expect(await routeAudio(new Audio(), 'anything')).to.equal(false);
    });
  });
});

// ---- the microphone changed during a call ----

/** A stream that is silence (an AudioContext destination with nothing playing into it). */
function silence(): MediaStream {
  const context = new AudioContext();
  void context.resume();
  return context.createMediaStreamDestination().stream;
}

/** The fake microphone (without echo cancellation, as both phones play the same tone) or silence. */
function microphone(deviceId: string): Promise<MediaStream> {
  if (deviceId === 'silence') return Promise.resolve(silence());
  return navigator.mediaDevices.getUserMedia({
    audio: {
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    },
  });
}

let engines: PhoneEngine[] = [];
afterEach(async () => {
  stopPlaying();
  await Promise.all(engines.map((e) => e.stop()));
  engines = [];
});

/** Waits (up to 15 s) until `test` holds for the call's energy rate; returns the rate. */
async function rateUntil(call: PhoneCall, test: (rate: number) => boolean, what: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const rate = await energyRate(call, 700);
    if (test(rate)) return rate;
    if (performance.now() - started > 15_000) throw new Error(`${what} (rate ${rate})`);
  }
}

const audioSender = (call: PhoneCall) =>
  call.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');

for (const server of ['gateway', 'kamailio'] as SipServerName[]) {
  describe(`the microphone changed mid-call (${server})`, function () {
    this.timeout(60_000);
    let a = '100';
    let b = '101';

    before(async () => {
      await resetSandbox();
      [a = '100', b = '101'] = await extensions(2);
    });

    async function talking(): Promise<{ caller: PhoneEngine; out: PhoneCall; inc: PhoneCall }> {
      const caller = await phoneFor(server, a, { getMicrophone: microphone });
      const callee = await phoneFor(server, b, { getMicrophone: microphone });
      engines.push(caller, callee);
      await Promise.all([caller.start(), callee.start()]);
      const ringing = nextEvent<{ call: PhoneCall }>(callee, 'call', (d) => d.call.direction === 'incoming');
      const out = await caller.call(b);
      const inc = (await ringing).call;
      await inc.answer();
      await waitFor(() => out.status === 'active', 'the answer');
      await Promise.all([play(out), play(inc)]);
      return { caller, out, inc };
    }

    it('replaces the sending track (no re-INVITE): the callee hears the new microphone, the call goes on', async () => {
      const { caller, out, inc } = await talking();
      const tone = await rateUntil(inc, (r) => r > 0.02, 'the callee hears nothing');
      const offer = inc.peerConnection?.remoteDescription?.sdp;
      const first = audioSender(out)?.track;

      await caller.setMicrophone('silence');
      await sleep(400); // what was on its way arrives
      const quiet = await rateUntil(inc, (r) => r < tone / 10, 'the silent microphone is still heard');
      expect(first?.readyState, 'the old track is stopped').to.equal('ended');

      const { microphones } = await listDevices();
      const second = microphones[1];
      if (!second) throw new Error('no second fake microphone');
      await caller.setMicrophone(second.deviceId);
      const back = await rateUntil(inc, (r) => r > 0.02, 'the new microphone is not heard');
      expect(audioSender(out)?.track?.getSettings().deviceId).to.equal(second.deviceId);

      expect(out.status).to.equal('active');
      expect(inc.status).to.equal('active');
      // No new offer reached the callee: the same SDP as when the call was set up.
      expect(inc.peerConnection?.remoteDescription?.sdp).to.equal(offer);
      expect(caller.calls).to.have.length(1);
      console.log(
        `${server}: tone ${tone.toFixed(4)}/s, silence ${quiet.toFixed(5)}/s, new mic ${back.toFixed(4)}/s`,
      );
    });

    it('a muted call stays muted on the new microphone; an unknown device keeps the old one', async () => {
      const { caller, out } = await talking();
      out.mute(true);
      await waitFor(() => out.muted, 'muted');
      const { microphones } = await listDevices();
      await caller.setMicrophone(microphones[0]?.deviceId ?? '');
      const track = audioSender(out)?.track;
      expect(track?.getSettings().deviceId).to.equal(microphones[0]?.deviceId);
      expect(track?.enabled, 'the new track is muted too').to.equal(false);
      // A device id that is not there: the default opens instead (what was chosen was unplugged).
      await caller.setMicrophone('0'.repeat(64));
      expect(audioSender(out)?.track?.readyState).to.equal('live');
      expect(out.status).to.equal('active');
    });
  });
}
