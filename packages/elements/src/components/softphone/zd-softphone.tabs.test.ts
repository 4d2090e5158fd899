/**
 * <zd-softphone> in two "tabs" (same-origin iframes) with its default engine factory — the kit's real
 * engine, shared across tabs (phone/shared-engine.ts) — against the real proxy and the sandbox gateway:
 * one SIP connection between the two tabs, a call rings in both, the other tab answers and hangs up, and
 * `single-tab` opts out (each tab registers by itself).
 */
import { expect } from '@open-wc/testing';
import { resetSandbox, waitFor } from '../../test-support/env.js';
import { extensions, nextEvent, phoneFor, sipServer, softphoneToken } from '../../test-support/phone.js';
import type { PhoneCall, PhoneEngine } from '../../phone/types.js';
import type { ZdSoftphone } from './zd-softphone.component.js';

interface TabWindow extends Window {
  tab?: { el: ZdSoftphone; sockets: string[] };
}

interface Tab {
  frame: HTMLIFrameElement;
  el: ZdSoftphone;
  sockets: string[];
}

const configUrl = new URL('../config/zd-config.ts', import.meta.url).pathname;
const softphoneUrl = new URL('./zd-softphone.ts', import.meta.url).pathname;
let frames: HTMLIFrameElement[] = [];
let engines: PhoneEngine[] = [];

/** A tab with `<zd-config proxy=…><zd-softphone sip=…>`, its token minted for `sip`. */
async function openTab(sip: string, options: { singleTab?: boolean } = {}): Promise<Tab> {
  const { proxy } = await sipServer('gateway');
  const token = await softphoneToken([sip]);
  const frame = document.createElement('iframe');
  frame.allow = 'microphone; autoplay';
  frame.srcdoc = `<!doctype html><body><script type="module">
    import ${JSON.stringify(configUrl)};
    import ${JSON.stringify(softphoneUrl)};
    const sockets = [];
    const Socket = window.WebSocket;
    window.WebSocket = class extends Socket {
      constructor(url, protocols) { super(url, protocols); sockets.push(String(url)); }
    };
    const config = document.createElement('zd-config');
    config.proxy = ${JSON.stringify(proxy)};
    config.getToken = () => ${JSON.stringify(token)};
    const el = document.createElement('zd-softphone');
    el.setAttribute('sip', ${JSON.stringify(sip)});
    ${options.singleTab ? "el.setAttribute('single-tab', '');" : ''}
    config.append(el);
    document.body.append(config);
    await customElements.whenDefined('zd-softphone');
    window.tab = { el, sockets };
  </script></body>`;
  document.body.append(frame);
  frames.push(frame);
  const tab = await waitFor(() => (frame.contentWindow as TabWindow | null)?.tab, 'the tab to load', 10_000);
  return { ...tab, frame };
}

const ringing = (tab: Tab) =>
  waitFor(
    () => tab.el.state.incoming?.status === 'ringing' && tab.el.state.incoming,
    `a call ringing in a tab`,
  );

describe('<zd-softphone> across tabs (gateway)', function () {
  this.timeout(60_000);
  let a = '100';
  let b = '101';

  before(async () => {
    await resetSandbox();
    [a = '100', b = '101'] = await extensions(2);
  });

  afterEach(async () => {
    await Promise.all(engines.map((e) => e.stop().catch(() => undefined)));
    engines = [];
    for (const frame of frames) {
      await (frame.contentWindow as TabWindow | null)?.tab?.el.disable().catch(() => undefined);
      frame.remove();
    }
    frames = [];
  });

  it('two tabs share one registration; the other tab answers and hangs up', async () => {
    const first = await openTab(a);
    await first.el.enable();
    const second = await openTab(a);
    await second.el.enable();
    expect(first.el.state.registration).to.equal('registered');
    expect(second.el.state.registration).to.equal('registered');
    expect([...first.sockets, ...second.sockets]).to.have.length(1);

    const caller = await phoneFor('gateway', b);
    engines.push(caller);
    await caller.start();
    const out: PhoneCall = await caller.call(a);
    const [inFirst, inSecond] = await Promise.all([ringing(first), ringing(second)]);
    expect(inSecond.id).to.equal(inFirst.id);

    // The tab without the registration answers: the call talks (the audio is the other tab's).
    const follower = first.sockets.length ? second : first;
    const leader = follower === first ? second : first;
    await waitFor(() => leader.el.ringing, 'the ringtone in the tab that holds the phone');
    expect(follower.el.ringing, 'one tab rings, not both').to.equal(false);
    await follower.el.answer();
    await waitFor(() => out.status === 'active', 'the caller to see the answer');
    await waitFor(
      () => first.el.state.current?.status === 'active' && second.el.state.current?.status === 'active',
      'the call active in both tabs',
    );
    const note = (tab: Tab) => tab.el.shadowRoot?.querySelector('[part~=other-tab]');
    await waitFor(() => note(follower), 'the other tab saying where the sound plays');
    expect(note(leader)).to.equal(null);
    // Leaving the other tab touches no call: it does not ask; leaving the phone's tab does.
    expect(follower.el.inCall).to.equal(false);
    expect(leader.el.inCall).to.equal(true);

    const ended = nextEvent(caller, 'ended');
    follower.el.hangup();
    await ended;
    await waitFor(
      () => first.el.state.calls.length === 0 && second.el.state.calls.length === 0,
      'the call gone in both tabs',
    );
    expect(first.el.history.map((h) => h.disposition)).to.deep.equal(['answered']);
    expect(second.el.history.map((h) => h.disposition)).to.deep.equal(['answered']);
  });

  it('single-tab: each tab registers by itself', async () => {
    const first = await openTab(a, { singleTab: true });
    const second = await openTab(a, { singleTab: true });
    await Promise.all([first.el.enable(), second.el.enable()]);
    expect(first.sockets).to.have.length(1);
    expect(second.sockets).to.have.length(1);
  });
});
