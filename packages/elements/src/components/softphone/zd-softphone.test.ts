/**
 * <zd-softphone>'s UI states in Chromium: the gate, the dial pad (clicks, keyboard, pasted text), outgoing
 * and incoming calls, call waiting, mute, hold, digits, transfer, the history, the events and their
 * details, German, axe in every state, 320 px. The engine here is the in-page fake of
 * test-support/fake-phone.ts (the one mock: the engine's own tests run JsSIP against real SIP servers);
 * the configuration is the real `<zd-config>` against the real proxy.
 */
import { elementUpdated, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type {
  ZdCallEndedDetail,
  ZdCallStateDetail,
  ZdErrorDetail,
  ZdIncomingCallDetail,
  ZdQualityWarningDetail,
  ZdRegistrationDetail,
} from '../../base/events.js';
import { ZdApiError } from '../../client/errors.js';
import { ZdClient } from '../../client/zd-client.js';
import { $, $$, focused, norm, setValue, waitForSelector } from '../../test-support/dom.js';
import { waitFor, zdEnv, type ZdTestEnv } from '../../test-support/env.js';
import {
  enableFake,
  fakeEngineFactory,
  type FakeCall,
  type FakePhoneEngine,
} from '../../test-support/fake-phone.js';
import '../config/zd-config.js';
import type { ZdConfig } from '../config/zd-config.component.js';
import { cleanDialInput, toDialNumber } from './dial-number.js';
import './zd-softphone.js';
import type { ZdSoftphone } from './zd-softphone.component.js';

let env: ZdTestEnv;

interface Mounted {
  el: ZdSoftphone;
  engines: FakePhoneEngine[];
}

async function mount(
  options: { lang?: string; country?: string; targets?: string; interceptTel?: boolean; width?: number } = {},
): Promise<Mounted> {
  const { factory, engines } = fakeEngineFactory();
  const config = await fixture<ZdConfig>(html`
    <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang=${options.lang ?? 'en'}>
      <zd-softphone
        sip="100"
        country=${options.country ?? 'DE'}
        transfer-targets=${options.targets ?? '[]'}
        ?intercept-tel=${options.interceptTel ?? false}
        style=${options.width ? `width:${options.width}px` : ''}
        .engineFactory=${factory}
      ></zd-softphone>
    </zd-config>
  `);
  const el = config.querySelector('zd-softphone') as ZdSoftphone;
  await elementUpdated(el);
  return { el, engines };
}

const statusText = (el: ZdSoftphone) => norm($(el, '[part~=status]'));
const button = (el: ZdSoftphone, part: string) => {
  const b = $<HTMLButtonElement>(el, `[part~=${part}]`);
  if (!b) throw new Error(`no ${part}; the element shows: ${norm(el.shadowRoot?.firstElementChild)}`);
  return b;
};

async function settle(el: ZdSoftphone): Promise<void> {
  await elementUpdated(el);
  await new Promise((r) => setTimeout(r, 0));
  await elementUpdated(el);
}

/** Nothing sticks out of the element's frame or of the 320 px it was given. */
function expectNoOverflow(el: ZdSoftphone): void {
  const base = $(el, '.base') as HTMLElement;
  expect(base.scrollWidth, 'horizontal scroll').to.be.at.most(base.clientWidth);
  const right = el.getBoundingClientRect().right + 0.5;
  for (const node of $$(el, '*')) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 || node.closest('[hidden]') || node.classList.contains('visually-hidden')) continue;
    expect(box.right, `${node.tagName}.${node.className} sticks out`).to.be.at.most(right);
  }
}

/** An outgoing call the far end answered. */
async function activeCall(
  el: ZdSoftphone,
  engine: FakePhoneEngine,
  number = '+493012345678',
): Promise<FakeCall> {
  await el.call(number);
  const call = engine.calls.at(-1) as FakeCall;
  engine.progress(call, 'active');
  await settle(el);
  return call;
}

before(async () => {
  env = await zdEnv();
});

describe('<zd-softphone>: the number the customer dials', () => {
  // The rules themselves are Node tests (test/phone-dial.test.ts); here the element's lazy libphonenumber-js.
  it('dials E.164: national numbers in the customer’s country (the phone-lib chunk), extensions as typed', async () => {
    const dial = async (text: string, country: string | undefined) => {
      const result = await toDialNumber(text, country);
      return result.ok ? result.dial : result.reason;
    };
    expect(await dial('030 1234567', 'DE')).to.equal('+49301234567');
    expect(await dial('020 7946 0958', 'GB')).to.equal('+442079460958');
    expect(await dial('+1 (212) 555-0100', 'DE')).to.equal('+12125550100');
    expect(await dial('tel:+49-30-1234567;ext=12', 'DE')).to.equal('+49301234567');
    expect(await dial('101', 'DE')).to.equal('101');
    expect(await dial('*98#', 'DE')).to.equal('*98#');
    expect(await dial('4930123456', undefined)).to.equal('+4930123456');
    expect(await dial('12', 'DE')).to.equal('too-short');
    expect(await dial('abc', 'DE')).to.equal('invalid-characters');
    expect(await dial('+', 'DE')).to.equal('too-short');
    expect(cleanDialInput('Tel.: 030 123 45')).to.equal('03012345');
  });
});

describe('<zd-softphone>: the gate', () => {
  it('shows only "enable calls" until clicked; the click starts the engine with the client and extension', async () => {
    const { el, engines } = await mount();
    expect(norm(button(el, 'enable-button'))).to.equal('Enable calls');
    expect($(el, '#number')).to.equal(null);
    expect(statusText(el)).to.equal('Calls are off');
    expect(engines).to.have.length(0);
    expect(el.state.registration).to.equal('off');
    await expect(el).to.be.accessible();

    const registrations: ZdRegistrationDetail[] = [];
    el.addEventListener('zd-registration', (e) => registrations.push(e.detail));
    button(el, 'enable-button').click(); // a double click starts one engine
    const engine = await enableFake(el, engines);
    expect(engines).to.have.length(1);
    expect(engine.actions).to.deep.equal([{ op: 'start' }]);
    expect(engine.options.sip).to.equal('100');
    expect(engine.options.client).to.be.instanceOf(ZdClient);
    expect(registrations).to.deep.equal([{ state: 'connecting' }, { state: 'registered' }]);
    expect(statusText(el)).to.equal('Ready for calls');
    expect(el.state.registration).to.equal('registered');
    expect($(el, '[part~=status]')?.getAttribute('aria-live')).to.equal('polite');
    expect(norm($(el, '[part~=history]'))).to.contain('No calls yet.');
    await expect(el).to.be.accessible();
  });

  it('the ringtone gets its sound only in the enabling click', async () => {
    const { el, engines } = await mount();
    const ringtone = $<HTMLAudioElement>(el, 'audio.ringtone') as HTMLAudioElement;
    expect(ringtone.srcObject).to.equal(null);
    await enableFake(el, engines);
    expect(ringtone.srcObject).to.be.instanceOf(MediaStream);
  });

  it('without sip (the extension) or a configured proxy, enabling says what is missing and starts nothing', async () => {
    const { el, engines } = await mount();
    el.sip = '';
    await settle(el);
    setTimeout(() => button(el, 'enable-button').click());
    const event = await oneEvent(el, 'zd-error');
    expect(event.detail.error.kind).to.equal('config');
    expect(event.detail.error.message).to.contain('sip');
    expect(engines).to.have.length(0);

    const lonely = await fixture<ZdSoftphone>(html`<zd-softphone sip="100" lang="en"></zd-softphone>`);
    setTimeout(() => button(lonely, 'enable-button').click());
    const missing = await oneEvent(lonely, 'zd-error');
    expect(missing.detail.error.message).to.contain('<zd-config>');
    await waitForSelector(lonely, '[part~=error]', 'the error');
  });

  it('takes an engine factory that answers later (an engine loaded on demand)', async () => {
    const { el, engines } = await mount();
    const { factory } = fakeEngineFactory();
    el.engineFactory = async (options) => {
      await new Promise((r) => setTimeout(r, 50));
      const engine = factory(options);
      engines.push(engine);
      return engine;
    };
    button(el, 'enable-button').click();
    await elementUpdated(el);
    expect(button(el, 'enable-button').disabled, 'the gate waits').to.equal(true);
    await waitForSelector(el, '#number', 'the dial pad');
    expect(engines).to.have.length(1);
    expect(statusText(el)).to.equal('Ready for calls');
  });

  it('sink-id routes the call and the ringtone to that output', async () => {
    const { el } = await mount();
    el.sinkId = 'default';
    await settle(el);
    await waitFor(
      () => ($$<HTMLAudioElement>(el, 'audio').every((a) => a.sinkId === 'default') ? true : undefined),
      'both audio elements on the default output',
    );
  });

  it('a failed start is shown and reported (zd-error), and the gate stays to try again', async () => {
    const { el, engines } = await mount();
    const { factory } = fakeEngineFactory();
    el.engineFactory = (options) => {
      const engine = factory(options);
      engine.startFailure = new ZdApiError({
        kind: 'forbidden',
        status: 403,
        message: 'scope softphone missing',
      });
      engines.push(engine);
      return engine;
    };
    setTimeout(() => button(el, 'enable-button').click());
    const event = await oneEvent(el, 'zd-error');
    const detail: ZdErrorDetail = event.detail;
    expect(detail.operation).to.equal('softphone.start');
    expect(detail.error.kind).to.equal('forbidden');
    const error = await waitForSelector(el, '[part~=error]', 'the error');
    expect(error.getAttribute('role')).to.equal('alert');
    expect($(el, '[part~=enable-button]')).not.to.equal(null);
    expect(el.state.registration).to.equal('off');
    await expect(el).to.be.accessible();
  });
});

describe('<zd-softphone>: registration', () => {
  it('a lost connection: zd-reconnecting, then zd-reconnected when registered again, with the calls going on', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    await activeCall(el, engine);
    const seen: string[] = [];
    for (const name of ['zd-reconnecting', 'zd-reconnected'] as const)
      el.addEventListener(name, (e) => seen.push(`${name} ${e.detail.calls}`));
    engine.setRegistration('reconnecting');
    engine.setRegistration('reconnecting');
    await settle(el);
    expect(statusText(el)).to.contain('Connected'); // the call goes on; the status line tells the call
    engine.setRegistration('registered');
    engine.setRegistration('registered');
    await settle(el);
    expect(seen).to.deep.equal(['zd-reconnecting 1', 'zd-reconnected 1']);
  });

  it('a failed registration is shown with a retry that starts a fresh engine; reconnecting is said', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    engine.setRegistration('reconnecting');
    await settle(el);
    expect(statusText(el)).to.equal('Connection lost, reconnecting…');
    const events: ZdRegistrationDetail[] = [];
    el.addEventListener('zd-registration', (e) => events.push(e.detail));
    const error = new ZdApiError({ kind: 'network', message: 'the SIP WebSocket closed' });
    engine.registration = 'failed';
    engine.dispatchEvent(new CustomEvent('registration', { detail: { state: 'failed', error } }));
    await settle(el);
    expect(events).to.deep.equal([{ state: 'failed', error }]);
    expect(statusText(el)).to.equal('Could not connect');
    await expect(el).to.be.accessible();
    button(el, 'retry-button').click();
    await waitFor(() => (el.state.registration === 'registered' ? true : undefined), 'registered again');
    expect(engines).to.have.length(2);
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'stop' });
    expect($(el, '[part~=error]')).to.equal(null);
  });
});

describe('<zd-softphone>: the dial pad', () => {
  it('keys and the keyboard write the number; Backspace and the delete key remove digits', async () => {
    const { el, engines } = await mount();
    await enableFake(el, engines);
    for (const key of ['0', '3', '0']) button(el, `key][data-key="${key}"`).click();
    await elementUpdated(el);
    const field = $<HTMLInputElement>(el, '#number') as HTMLInputElement;
    expect(field.value).to.equal('030');
    expect(button(el, 'key][data-key="*"').getAttribute('aria-label')).to.equal('star');

    // Digits typed while a key (not the field) has focus go into the number too.
    button(el, 'key][data-key="5"').focus();
    await sendKeys({ type: '12#' });
    await elementUpdated(el);
    expect(field.value).to.equal('03012#');
    expect(focused(el)).to.equal(field);
    button(el, 'delete-button').click();
    await elementUpdated(el);
    expect(field.value).to.equal('03012');

    // Typing in the field itself: only what can be dialled stays.
    field.focus();
    await sendKeys({ type: 'a7' });
    await elementUpdated(el);
    expect(field.value).to.equal('030127');
    await expect(el).to.be.accessible();
  });

  it('"Call" with nothing to dial says so at the field and dials nothing', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    setValue($<HTMLInputElement>(el, '#number') as HTMLInputElement, 'abc');
    await elementUpdated(el);
    button(el, 'call-button').click();
    await waitForSelector(el, '#number-error', 'the error at the field');
    const field = $<HTMLInputElement>(el, '#number') as HTMLInputElement;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(norm($(el, '#number-error'))).to.equal('Please enter a phone number or an extension.');
    expect(focused(el)).to.equal(field);
    expect(engine.actions.filter((a) => a.op === 'call')).to.deep.equal([]);
    await expect(el).to.be.accessible();
    setValue(field, '1');
    await elementUpdated(el);
    expect($(el, '#number-error')).to.equal(null);
    // Two digits: neither an extension (3) nor a number; the field says which.
    setValue(field, '12');
    button(el, 'call-button').click();
    await waitForSelector(el, '#number-error', 'the error at the field');
    expect(norm($(el, '#number-error'))).to.equal('This number is too short. Extensions have 3 digits.');
    expect(engine.actions.filter((a) => a.op === 'call')).to.deep.equal([]);
  });

  it('pasted text is cleaned in the field', async () => {
    const { el, engines } = await mount();
    await enableFake(el, engines);
    const field = $<HTMLInputElement>(el, '#number') as HTMLInputElement;
    setValue(field, 'Tel.: 0049 (30) 123-45 67');
    await elementUpdated(el);
    expect(field.value).to.equal('+49301234567');
  });
});

describe('<zd-softphone>: an outgoing call', () => {
  it('dials E.164, shows dialling, ringing, connected with a timer, hangs up, tells the page and keeps it in the history', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    const states: ZdCallStateDetail[] = [];
    el.addEventListener('zd-call-state', (e) => states.push(e.detail));
    setValue($<HTMLInputElement>(el, '#number') as HTMLInputElement, '030 1234567');
    await elementUpdated(el);
    button(el, 'call-button').click();
    await waitForSelector(el, '[part~=call]', 'the call panel');
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'call', number: '+49301234567' });
    const call = engine.calls[0] as FakeCall;
    expect(norm($(el, '[part~=call-status]'))).to.equal('Calling…');
    await waitFor(
      () => (statusText(el) === '+49 30 1234567: Calling…' ? true : undefined),
      'the formatted number',
    );
    expect($(el, '#number'), 'no dial field during a call').to.equal(null);
    expect(focused(el)?.id).to.equal('call-heading');
    await expect(el).to.be.accessible();

    engine.progress(call, 'early');
    await settle(el);
    expect(norm($(el, '[part~=call-status]'))).to.equal('Ringing…');
    engine.progress(call, 'active');
    await settle(el);
    expect(norm($(el, '[part~=call-status]'))).to.match(/^Connected 0:0\d$/);
    expect(statusText(el)).to.contain('Connected');
    expect(el.state.current).to.deep.include({ id: call.id, status: 'active', number: '+49301234567' });
    await waitFor(
      () => (norm($(el, '[part~=timer]')) === '0:01' ? true : undefined),
      'the timer at 0:01',
      3000,
    );
    await expect(el).to.be.accessible();

    expect(states.map((s) => s.call.status)).to.deep.equal(['dialing', 'early', 'active']);
    expect(states[0]?.call).to.deep.equal({
      id: call.id,
      direction: 'outgoing',
      number: '+49301234567',
      status: 'dialing',
      muted: false,
    });

    setTimeout(() => button(el, 'hangup-button').click());
    const ended = await oneEvent(el, 'zd-call-ended');
    const detail: ZdCallEndedDetail = ended.detail;
    expect(detail.disposition).to.equal('answered');
    expect(detail.durationMs).to.be.at.least(1000);
    expect(detail.timings).to.deep.equal({ signallingMs: 12 });
    expect(detail.call.id).to.equal(call.id);
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'hangup', id: call.id });
    await settle(el);
    expect($(el, '[part~=call]')).to.equal(null);
    expect(focused(el), 'focus went from the hang-up button to the number field').to.equal($(el, '#number'));
    const entries = $$(el, '[part~=history-entry]');
    expect(entries).to.have.length(1);
    expect(norm(entries[0])).to.match(
      /^\+49 30 1234567 Outgoing · Answered · 0:0[12] · \d\d:\d\d( [AP]M)? Call$/,
    );
    await expect(el).to.be.accessible();

    // Call again from the history.
    button(el, 'call-again-button').click();
    await waitFor(() => (engine.actions.at(-1)?.op === 'call' ? true : undefined), 'the second call');
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'call', number: '+49301234567' });
  });

  it('mute, hold and resume call the engine and show as pressed; keys and the keyboard send digits', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    const call = await activeCall(el, engine);
    button(el, 'mute-button').click();
    await settle(el);
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'mute', id: call.id, on: true });
    expect(button(el, 'mute-button').getAttribute('aria-pressed')).to.equal('true');
    expect(el.state.current?.muted).to.equal(true);
    el.mute(false);
    await settle(el);
    expect(button(el, 'mute-button').getAttribute('aria-pressed')).to.equal('false');

    button(el, 'hold-button').click();
    await settle(el);
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'hold', id: call.id });
    expect(norm($(el, '[part~=call-status]'))).to.match(/^On hold/);
    expect(button(el, 'hold-button').getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
    button(el, 'hold-button').click();
    await settle(el);
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'resume', id: call.id });

    button(el, 'keypad-button').click();
    await settle(el);
    button(el, 'key][data-key="4"').click();
    button(el, 'key][data-key="#"').focus();
    await sendKeys({ type: '2*' });
    await settle(el);
    const digits = engine.actions
      .filter((a) => a.op === 'dtmf')
      .map((a) => (a.op === 'dtmf' ? a.digits : ''));
    expect(digits).to.deep.equal(['4', '2', '*']);
    expect(norm($(el, '[part~=sent-digits]'))).to.equal('42*');
    el.sendDtmf('9');
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'dtmf', id: call.id, digits: '9' });
    el.dtmfTransport = 'info'; // a PBX that wants digits in SIP INFO
    el.sendDtmf('7');
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'dtmf', id: call.id, digits: '7', transport: 'info' });
    await expect(el).to.be.accessible();
  });
});

describe('<zd-softphone>: call quality', () => {
  const sample = (mos: number, level: 'good' | 'fair' | 'poor') => ({
    rttMs: 20,
    jitterMs: 2,
    lossPercent: 0,
    mos,
    level,
    inputLevel: 0.1,
    packets: 50,
  });

  it('shows the line’s quality, says warnings in words (zd-quality-warning) and sums up the call at its end', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    const call = await activeCall(el, engine);
    expect($(el, '[part~=quality]'), 'no quality before the first second').to.equal(null);
    engine.measure(call, sample(4.4, 'good'));
    await settle(el);
    expect(norm($(el, '[part~=quality]'))).to.equal('Connection: good');
    engine.measure(call, { ...sample(1, 'poor'), packets: 0 }); // on hold: no audio, nothing said
    await settle(el);
    expect($(el, '[part~=quality]')).to.equal(null);
    engine.measure(call, sample(3.1, 'poor'));

    const warnings: ZdQualityWarningDetail[] = [];
    el.addEventListener('zd-quality-warning', (e) => warnings.push(e.detail));
    engine.warn(call, 'losing-audio', true);
    await settle(el);
    expect(norm($(el, '[part~=quality]'))).to.equal('Connection: poor');
    const warning = $(el, '[part~=quality-warning]');
    expect(norm(warning)).to.equal('Your connection is losing audio: the other person may hear gaps.');
    expect(warning?.getAttribute('role')).to.equal('alert');
    expect(warnings).to.deep.equal([{ call: el.state.current, code: 'losing-audio', active: true }]);
    await expect(el).to.be.accessible();
    engine.warn(call, 'losing-audio', false);
    await settle(el);
    expect($(el, '[part~=quality-warning]')).to.equal(null);
    expect(warnings.at(-1)?.active).to.equal(false);

    const summary = {
      samples: 3,
      minMos: 3.1,
      avgMos: 3.9,
      worstLossPercent: 7,
      maxRttMs: 20,
      maxJitterMs: 2,
      warnings: ['losing-audio' as const],
    };
    setTimeout(() => engine.end(call, 'answered', { signallingMs: 12 }, summary));
    const ended = await oneEvent(el, 'zd-call-ended');
    expect(ended.detail.quality).to.deep.equal(summary);
  });
});

describe('<zd-softphone>: incoming calls', () => {
  it('the panel shows the caller’s name and number, takes focus, rings; answer connects', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    setTimeout(() => engine.ring('+493012345678', 'Anna Muster'));
    const event = await oneEvent(el, 'zd-incoming-call');
    const detail: ZdIncomingCallDetail = event.detail;
    expect(detail.call).to.deep.include({
      direction: 'incoming',
      number: '+493012345678',
      name: 'Anna Muster',
    });
    await settle(el);
    const panel = await waitForSelector(el, '[part~=incoming]', 'the incoming panel');
    expect(norm(panel.querySelector('[part~=caller]'))).to.equal('Anna Muster +49 30 12345678');
    expect(focused(el)?.id).to.equal('incoming-heading');
    expect(statusText(el)).to.equal('Anna Muster: Incoming call');
    expect(el.state.incoming?.name).to.equal('Anna Muster');
    await expect(el).to.be.accessible();

    button(el, 'answer-button').click();
    await settle(el);
    const call = engine.calls[0] as FakeCall;
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'answer', id: call.id });
    expect($(el, '[part~=incoming]')).to.equal(null);
    expect(norm($(el, '.call__heading'))).to.equal('Anna Muster');
    expect(norm($(el, '[part~=call-status]'))).to.match(/^Connected/);
  });

  it('decline ends the ringing call (disposition declined)', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    const call = engine.ring('+493012345678');
    await settle(el);
    expect(norm($(el, '[part~=caller]'))).to.equal('+49 30 12345678');
    setTimeout(() => button(el, 'decline-button').click());
    const ended = await oneEvent(el, 'zd-call-ended');
    expect(ended.detail.disposition).to.equal('declined');
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'decline', id: call.id });
    await settle(el);
    expect($(el, '[part~=incoming]')).to.equal(null);
    expect(norm($(el, '[part~=history-entry]'))).to.contain('Incoming · Declined');
  });

  it('call waiting: a second call during one holds the first when answered; switching resumes it', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    const first = await activeCall(el, engine);
    const second = engine.ring('101', 'Reception');
    await settle(el);
    expect(norm($(el, '.incoming__heading'))).to.equal('Another call is waiting');
    expect(norm(button(el, 'answer-button'))).to.equal('Hold and answer');
    expect($(el, '[part~=call]'), 'the first call stays shown').not.to.equal(null);
    await expect(el).to.be.accessible();

    button(el, 'keypad-button').click();
    await settle(el);
    expect($(el, '[part~=sent-digits]'), 'the first call’s keypad').not.to.equal(null);
    await el.answer();
    await settle(el);
    expect($(el, '[part~=sent-digits]'), 'the keypad belonged to the first call').to.equal(null);
    expect(first.status).to.equal('held');
    expect(second.status).to.equal('active');
    expect(norm($(el, '.call__heading'))).to.equal('Reception');
    expect(norm($(el, '[part~=waiting]'))).to.contain('+49 30 12345678');
    await expect(el).to.be.accessible();

    button(el, 'switch-button').click();
    await settle(el);
    expect(second.status).to.equal('held');
    expect(first.status).to.equal('active');
    expect(norm($(el, '.call__heading'))).to.equal('+49 30 12345678');
  });
});

describe('<zd-softphone>: transfer', () => {
  const targets = JSON.stringify([
    { number: '101', name: 'Reception' },
    { number: '102', name: 'Sales' },
  ]);

  it('blind: to an offered extension', async () => {
    const { el, engines } = await mount({ targets });
    const engine = await enableFake(el, engines);
    const call = await activeCall(el, engine);
    button(el, 'transfer-button').click();
    await settle(el);
    const offered = $$(el, '[part~=target-button]');
    expect(offered.map(norm)).to.deep.equal(['Reception · 101', 'Sales · 102']);
    await expect(el).to.be.accessible();
    offered[1]?.click();
    await settle(el);
    expect(($(el, '#transfer-target') as HTMLInputElement).value).to.equal('102');
    button(el, 'transfer-now-button').click();
    await settle(el);
    expect(engine.actions.find((a) => a.op === 'transfer')).to.deep.equal({
      op: 'transfer',
      id: call.id,
      target: '102',
    });
  });

  it('attended: the call waits on hold while the target is called, then the transfer completes', async () => {
    const { el, engines } = await mount({ targets });
    const engine = await enableFake(el, engines);
    const call = await activeCall(el, engine);
    await el.transfer('101', { attended: true });
    await settle(el);
    expect(call.status).to.equal('held');
    const consultation = engine.calls.at(-1) as FakeCall;
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'call', number: '101' });
    expect(button(el, 'transfer-complete-button').disabled).to.equal(true);
    engine.progress(consultation, 'active');
    await settle(el);
    button(el, 'transfer-complete-button').click();
    await settle(el);
    expect(engine.actions.find((a) => a.op === 'transfer')).to.deep.equal({
      op: 'transfer',
      id: call.id,
      target: '101',
      attended: consultation.id,
    });
    expect($(el, '[part~=call]')).to.equal(null);
  });
});

describe('<zd-softphone>: tel: links and the public API', () => {
  it('intercept-tel turns a tel: link into a call (enabling calls in that click)', async () => {
    const { el, engines } = await mount({ interceptTel: true });
    const link = document.createElement('a');
    link.href = 'tel:+49-30-1234567';
    link.textContent = 'Call us';
    document.body.append(link);
    try {
      link.click();
      await waitFor(() => engines[0]?.actions.find((a) => a.op === 'call'), 'the call from the link');
      expect(engines[0]?.actions).to.deep.equal([{ op: 'start' }, { op: 'call', number: '+49301234567' }]);
      expect(location.href).not.to.contain('tel:');
      expect(
        $<HTMLAudioElement>(el, 'audio.ringtone')?.srcObject,
        'the click unlocked audio',
      ).to.be.instanceOf(MediaStream);
    } finally {
      link.remove();
      el.remove();
    }
  });

  it('call() cleans the number; hangup() ends it; a call without anything to dial is refused', async () => {
    const { el, engines } = await mount({ country: 'GB' });
    const engine = await enableFake(el, engines);
    const info = await el.call('020 7946 0958');
    expect(info).to.deep.include({ number: '+442079460958', direction: 'outgoing', status: 'dialing' });
    el.hangup();
    await settle(el);
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'hangup', id: info.id });
    expect(el.state.current).to.equal(undefined);
    let refused: unknown;
    await el.call('---').catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(ZdApiError);
  });
});

describe('<zd-softphone>: leaving the page', () => {
  const beforeUnload = () => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  };

  it('asks before leaving only during a call', async () => {
    const { el, engines } = await mount();
    expect(beforeUnload(), 'calls off').to.equal(false);
    const engine = await enableFake(el, engines);
    expect(beforeUnload(), 'no call').to.equal(false);
    const call = engine.ring('+493012345678');
    await settle(el);
    expect(beforeUnload(), 'ringing').to.equal(true);
    engine.progress(call, 'active');
    await settle(el);
    expect(beforeUnload(), 'talking').to.equal(true);
    call.hangup();
    await settle(el);
    expect(beforeUnload(), 'after the call').to.equal(false);
  });

  it('un-registers on pagehide; registers again when the page comes back from the back-forward cache', async () => {
    const { el, engines } = await mount();
    const engine = await enableFake(el, engines);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
    await settle(el);
    expect(engine.actions.at(-1)).to.deep.equal({ op: 'stop' });
    expect(el.state.registration).to.equal('off');
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await waitFor(() => engines.length === 2 && el.state.registration === 'registered', 'registered again');
    expect(engines[1]?.actions).to.deep.equal([{ op: 'start' }]);
    // A page that is really gone (not cached) does not come back; nor does one that had calls off.
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await settle(el);
    expect(engines).to.have.length(2);
    expect(el.state.registration).to.equal('off');
  });
});

describe('<zd-softphone> in German, and 320 px wide', () => {
  it('speaks German in every state', async () => {
    const { el, engines } = await mount({ lang: 'de' });
    expect(norm(button(el, 'enable-button'))).to.equal('Anrufe aktivieren');
    expect(statusText(el)).to.equal('Anrufe sind aus');
    const engine = await enableFake(el, engines);
    expect(statusText(el)).to.equal('Bereit für Anrufe');
    expect(norm($(el, 'label[for=number]'))).to.equal('Nummer');
    expect(norm(button(el, 'call-button'))).to.equal('Anrufen');
    expect(button(el, 'key][data-key="#"').getAttribute('aria-label')).to.equal('Raute');
    engine.ring('+493012345678', 'Anna Muster');
    await settle(el);
    expect(norm($(el, '.incoming__heading'))).to.equal('Eingehender Anruf');
    expect(norm(button(el, 'answer-button'))).to.equal('Annehmen');
    expect(norm(button(el, 'decline-button'))).to.equal('Ablehnen');
    await el.answer();
    await settle(el);
    expect(norm($(el, '[part~=call-status]'))).to.match(/^Verbunden/);
    expect(
      ['mute-button', 'hold-button', 'keypad-button', 'transfer-button', 'hangup-button'].map((p) =>
        norm(button(el, p)),
      ),
    ).to.deep.equal(['Stumm', 'Halten', 'Tastatur', 'Weiterleiten', 'Auflegen']);
    await expect(el).to.be.accessible();
    el.hangup();
    await settle(el);
    expect(norm($(el, '[part~=history-entry]'))).to.contain('Eingehend · Angenommen');
  });

  it('fits 320 px in every state: no horizontal overflow', async () => {
    const targets = JSON.stringify([{ number: '101', name: 'Empfang und Zentrale' }]);
    const { el, engines } = await mount({ lang: 'de', width: 320, targets });
    expect(el.getBoundingClientRect().width).to.equal(320);
    expectNoOverflow(el);
    const engine = await enableFake(el, engines);
    setValue($<HTMLInputElement>(el, '#number') as HTMLInputElement, '+49 30 1234567890123');
    await settle(el);
    expectNoOverflow(el);
    await activeCall(el, engine, '+4930123456789');
    button(el, 'keypad-button').click();
    await settle(el);
    expectNoOverflow(el);
    button(el, 'transfer-button').click();
    await settle(el);
    expectNoOverflow(el);
    engine.ring('+441234567890', 'Maximilian Mustermann-Schnarrenberger');
    await settle(el);
    expectNoOverflow(el);
  });
});
