/**
 * <zd-softphone>'s audio settings and "Test my setup" in Chromium with fake devices (two microphones,
 * two outputs besides the defaults): the lists, the choice remembered across elements, a device gone,
 * the call's and the ringtone's outputs, the browser without `setSinkId`, German, axe. The engine is
 * test-support/fake-phone.ts's except for "Test my setup", which runs against the real gateway and
 * Kamailio through the real proxy.
 */
import { elementUpdated, expect, fixture, html } from '@open-wc/testing';
import { ZdClient } from '../../client/zd-client.js';
import { createPhoneEngine } from '../../phone/engine.js';
import { DEVICES_KEY, listDevices, type DeviceList } from '../../phone/devices.js';
import { $, $$, norm, setValue, waitForSelector } from '../../test-support/dom.js';
import { resetSandbox, waitFor, zdEnv, type ZdTestEnv } from '../../test-support/env.js';
import { enableFake, fakeEngineFactory, type FakePhoneEngine } from '../../test-support/fake-phone.js';
import {
  directJsSip,
  extensions,
  rawMicrophone,
  sipServer,
  softphoneToken,
  type SipServerName,
} from '../../test-support/phone.js';
import '../config/zd-config.js';
import type { ZdConfig } from '../config/zd-config.component.js';
import './zd-softphone.js';
import type { PhoneEngineFactory, ZdSoftphone } from './zd-softphone.component.js';

let env: ZdTestEnv;
let devices: DeviceList;

before(async () => {
  env = await zdEnv();
  devices = await listDevices();
});
afterEach(() => localStorage.removeItem(DEVICES_KEY));

interface Mounted {
  el: ZdSoftphone;
  engines: FakePhoneEngine[];
}

async function mount(
  options: { lang?: string; client?: ZdClient; engineFactory?: PhoneEngineFactory; sip?: string } = {},
): Promise<Mounted> {
  const { factory, engines } = fakeEngineFactory();
  const config = await fixture<ZdConfig>(
    options.client
      ? html`<zd-config .client=${options.client} lang=${options.lang ?? 'en'}>
          <zd-softphone
            sip=${options.sip ?? '100'}
            .engineFactory=${options.engineFactory ?? factory}
          ></zd-softphone>
        </zd-config>`
      : html`<zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang=${options.lang ?? 'en'}>
          <zd-softphone sip="100" .engineFactory=${factory}></zd-softphone>
        </zd-config>`,
  );
  const el = config.querySelector('zd-softphone') as ZdSoftphone;
  await elementUpdated(el);
  return { el, engines };
}

async function openSettings(el: ZdSoftphone): Promise<void> {
  const button = await waitForSelector<HTMLButtonElement>(el, '[part~=settings-button]');
  button.click();
  await waitForSelector(el, '[part~=settings]', 'the settings');
  expect(button.getAttribute('aria-expanded')).to.equal('true');
}

const select = (el: ZdSoftphone, kind: string) => $<HTMLSelectElement>(el, `[part~=${kind}-select]`);
const optionTexts = (s: HTMLSelectElement | null) => [...(s?.options ?? [])].map((o) => norm(o));
const labelOf = (el: ZdSoftphone, s: HTMLSelectElement | null) => norm($(el, `label[for="${s?.id}"]`));

function device(list: 'microphones' | 'speakers', n: number) {
  const found = devices[list][n];
  if (!found) throw new Error(`no fake ${list} ${n}`);
  return found;
}

describe('<zd-softphone>: audio settings', () => {
  it('lists the fake devices in three labelled selects, the system default first; axe clean', async () => {
    const { el } = await mount();
    await openSettings(el);
    const microphone = select(el, 'microphone');
    expect(labelOf(el, microphone)).to.equal('Microphone');
    expect(optionTexts(microphone)).to.deep.equal([
      'System default',
      'Fake Audio Input 1',
      'Fake Audio Input 2',
    ]);
    for (const kind of ['speaker', 'ringer']) {
      expect(optionTexts(select(el, kind))).to.deep.equal([
        'System default',
        'Fake Audio Output 1',
        'Fake Audio Output 2',
      ]);
    }
    expect(labelOf(el, select(el, 'speaker'))).to.equal('Speaker for calls');
    expect(labelOf(el, select(el, 'ringer'))).to.equal('Ringer');
    expect(select(el, 'microphone')?.value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('remembers the choice for the site: a new element uses it, and tells the engine', async () => {
    const first = await mount();
    await openSettings(first.el);
    const mic = device('microphones', 1);
    setValue(select(first.el, 'microphone') as HTMLSelectElement, mic.deviceId);
    setValue(select(first.el, 'speaker') as HTMLSelectElement, device('speakers', 0).deviceId);
    // Only ids and labels are kept.
    expect(JSON.parse(localStorage.getItem(DEVICES_KEY) ?? '')).to.deep.equal({
      microphone: mic,
      speaker: device('speakers', 0),
    });
    first.el.closest('zd-config')?.remove();

    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    // The device logic comes with "enable calls" (a chunk) and tells the engine, which opens that microphone.
    await waitFor(() => engine.microphone === mic.deviceId, 'the engine on the remembered microphone');
    expect(engine.actions.filter((a) => a.op === 'microphone')).to.deep.equal([
      { op: 'microphone', deviceId: mic.deviceId },
    ]);
    await openSettings(el);
    expect(select(el, 'microphone')?.value).to.equal(mic.deviceId);
    expect(select(el, 'speaker')?.value).to.equal(device('speakers', 0).deviceId);
  });

  it('a microphone chosen during a call goes to the engine at once (which swaps the track)', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    await el.call('+493012345678');
    await openSettings(el);
    setValue(select(el, 'microphone') as HTMLSelectElement, device('microphones', 0).deviceId);
    expect(engine.actions.at(-1)).to.deep.equal({
      op: 'microphone',
      deviceId: device('microphones', 0).deviceId,
    });
    setValue(select(el, 'microphone') as HTMLSelectElement, '');
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'microphone', deviceId: '' });
    expect(localStorage.getItem(DEVICES_KEY)).to.equal(null);
  });

  it('a remembered device that is gone: the default is used, and the element says so', async () => {
    localStorage.setItem(
      DEVICES_KEY,
      JSON.stringify({ microphone: { deviceId: 'f'.repeat(64), label: 'USB headset' } }),
    );
    const { el, engines } = await mount();
    // Devices matter once calls are on: then the element says so.
    const engine = await enableFake(el, engines);
    const notice = await waitForSelector(el, '[part~=device-notice]', 'the notice');
    expect(norm(notice)).to.equal('USB headset is not connected: using the default.');
    expect(engine.microphone).to.equal('');
    expect(engine.actions.filter((a) => a.op === 'microphone')).to.deep.equal([]);
    await openSettings(el);
    expect(select(el, 'microphone')?.value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('devicechange: a chosen microphone unplugged → the default (engine told); plugged in again → back', async () => {
    const mic = device('microphones', 1);
    localStorage.setItem(DEVICES_KEY, JSON.stringify({ microphone: mic }));
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    await waitFor(() => engine.microphone === mic.deviceId, 'the engine on the chosen microphone');
    const media = navigator.mediaDevices;
    const enumerate = Object.getOwnPropertyDescriptor(MediaDevices.prototype, 'enumerateDevices');
    const all = await media.enumerateDevices();
    try {
      // The browser's list without that microphone, as after unplugging it.
      Object.defineProperty(media, 'enumerateDevices', {
        configurable: true,
        value: () => Promise.resolve(all.filter((d) => d.deviceId !== mic.deviceId)),
      });
      media.dispatchEvent(new Event('devicechange'));
      await waitFor(() => engine.microphone === '', 'the engine on the default microphone');
      const notice = await waitForSelector(el, '[part~=device-notice]', 'the notice');
      expect(norm(notice)).to.equal('Fake Audio Input 2 is not connected: using the default.');
    } finally {
      delete (media as Partial<MediaDevices>).enumerateDevices;
      if (enumerate) expect(media.enumerateDevices).to.equal(enumerate.value);
    }
    media.dispatchEvent(new Event('devicechange'));
    await waitFor(() => engine.microphone === mic.deviceId, 'the engine back on the chosen microphone');
    await elementUpdated(el);
    expect($(el, '[part~=device-notice]')).to.equal(null);
  });

  it('routes the call to the chosen speaker and the ringtone to the ringer (else the speaker)', async () => {
    const { el } = await mount();
    await openSettings(el);
    const remote = $<HTMLAudioElement>(el, 'audio.remote');
    const ringtone = $<HTMLAudioElement>(el, 'audio.ringtone');
    const [one, two] = [device('speakers', 0).deviceId, device('speakers', 1).deviceId];
    setValue(select(el, 'speaker') as HTMLSelectElement, one);
    await waitFor(() => remote?.sinkId === one && ringtone?.sinkId === one, 'both on the speaker');
    setValue(select(el, 'ringer') as HTMLSelectElement, two);
    await waitFor(() => ringtone?.sinkId === two, 'the ringtone on the ringer');
    expect(remote?.sinkId).to.equal(one);
  });

  it('the speaker test plays a tone on the chosen output and asks whether it was heard', async () => {
    const { el } = await mount();
    await openSettings(el);
    setValue(select(el, 'speaker') as HTMLSelectElement, device('speakers', 1).deviceId);
    $(el, '[part~=test-speaker-button]')?.click();
    await elementUpdated(el);
    const result = $(el, '[part~=test-result]');
    expect(result?.getAttribute('role')).to.equal('status');
    expect(norm(result)).to.equal('Playing a tone…');
    await waitFor(() => norm(result).startsWith('Did you hear'), 'the tone to end', 4000);
    expect(norm(result)).to.equal(
      'Did you hear a tone? If not, choose another device or turn the volume up.',
    );
  });

  it('in German', async () => {
    const { el } = await mount({ lang: 'de' });
    expect(norm($(el, '[part~=settings-button]'))).to.equal('Audioeinstellungen');
    await openSettings(el);
    expect(labelOf(el, select(el, 'microphone'))).to.equal('Mikrofon');
    expect(labelOf(el, select(el, 'speaker'))).to.equal('Lautsprecher für Gespräche');
    expect(labelOf(el, select(el, 'ringer'))).to.equal('Klingelton');
    expect(optionTexts(select(el, 'ringer'))[0]).to.equal('Systemstandard');
    expect(norm($(el, '[part~=test-speaker-button]'))).to.equal('Lautsprecher testen');
    expect(norm($(el, '[part~=preflight-button]'))).to.equal('Einrichtung testen');
    await expect(el).to.be.accessible();
  });

  describe('a browser without setSinkId', () => {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'setSinkId');
    before(() => delete (HTMLMediaElement.prototype as Partial<HTMLMediaElement>).setSinkId);
    after(() => descriptor && Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', descriptor));

    it('hides the speaker and ringer pickers and says why; the microphone can still be chosen', async () => {
      localStorage.setItem(DEVICES_KEY, JSON.stringify({ speaker: device('speakers', 0) }));
      const { el, engines } = await mount();
      await enableFake(el, engines);
      await openSettings(el);
      expect(select(el, 'microphone')).not.to.equal(null);
      expect(select(el, 'speaker')).to.equal(null);
      expect(select(el, 'ringer')).to.equal(null);
      expect(norm($(el, '[part~=outputs-fixed]'))).to.match(/^This browser plays calls and the ringtone/);
      expect($(el, '[part~=error]'), 'no error shown').to.equal(null);
      await expect(el).to.be.accessible();
    });
  });
});

describe('<zd-softphone>: Test my setup', () => {
  const results = (el: ZdSoftphone) =>
    Object.fromEntries($$(el, '[part~=preflight-result]').map((li) => [li.dataset.check, norm(li)]));

  async function run(el: ZdSoftphone): Promise<Record<string, string>> {
    await openSettings(el);
    $(el, '[part~=preflight-button]')?.click();
    await waitForSelector(el, '[part~=preflight-summary]', 'the end of the checks', 20_000);
    return results(el);
  }

  for (const server of ['gateway', 'kamailio'] as SipServerName[]) {
    it(`runs every check against ${server} and says each in plain language (live region); axe clean`, async function () {
      this.timeout(40_000);
      await resetSandbox();
      const [sip = '100'] = await extensions(1);
      const { proxy } = await sipServer(server);
      const token = await softphoneToken([sip]);
      const client = new ZdClient({ proxy, getToken: () => token });
      const { el } = await mount({
        client,
        sip,
        engineFactory: (o) =>
          createPhoneEngine({ ...o, loadJsSip: directJsSip, getMicrophone: rawMicrophone }),
      });
      const said = await run(el);
      expect(said.microphone).to.match(/^Microphone: Works \(level -\d+ dB\)$/);
      expect(said.speaker).to.equal('Speaker: A tone was played');
      expect(said.gateway).to.match(/^Connection to the phone server: Reachable \(answer in \d+ ms\)$/);
      expect(said.registration).to.match(/^Sign-in to the phone server: Signed in \(in \d+ ms\)$/);
      expect(said.network).to.match(
        /^Network for calls: Problem Your computer has only local network addresses/,
      );
      expect(norm($(el, '[part~=preflight-summary]'))).to.equal('1 check needs your attention.');
      const live = $(el, '[part~=preflight-results]')?.closest('[aria-live]');
      expect(live?.getAttribute('aria-live')).to.equal('polite');
      expect(norm($(el, '[part~=preflight-button]'))).to.equal('Test again');
      await expect(el).to.be.accessible();
    });
  }

  it('a silent microphone: "No audio from your microphone", in German too', async function () {
    this.timeout(30_000);
    const media = navigator.mediaDevices;
    const context = new AudioContext();
    Object.defineProperty(media, 'getUserMedia', {
      configurable: true,
      value: () => Promise.resolve(context.createMediaStreamDestination().stream),
    });
    try {
      const { el } = await mount({ lang: 'de' });
      const said = await run(el);
      expect(said.microphone).to.equal(
        'Mikrofon: Problem Von Ihrem Mikrofon kommt kein Ton. Prüfen Sie, ob es stummgeschaltet ist, oder wählen Sie ein anderes Mikrofon.',
      );
      await expect(el).to.be.accessible();
    } finally {
      delete (media as Partial<MediaDevices>).getUserMedia;
      void context.close();
    }
  });
});
