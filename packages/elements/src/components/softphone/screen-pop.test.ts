/**
 * The events reader (phone/call-events.ts) against the real proxy's `GET /events`: the sandbox's
 * notifications arrive, a token that expires is replaced and the stream reopened, a session without
 * scope `events` asks nothing (a 403 stops it too), an unreachable proxy is retried with backoff.
 *
 * One file with one sandbox reset (in the first `before`): a reset gives the demo user a new API secret,
 * and the proxy asks Zadarma again for a secret that fails a signature only once it is a minute old, so
 * a reset after a stream has opened would make the next minute's notifications fail their check.
 *
 * <zd-softphone>'s screen-pop in Chromium, end to end: the real engine (JsSIP) registers at the sandbox's
 * SIP gateway through the real proxy, the sandbox rings extension 100 from outside and sends Zadarma's
 * notifications to the proxy's webhook, and the element reads them from `GET /events`. Before anyone
 * answers, the incoming panel shows the caller's number, the number called and the name the page's
 * `callerLookup` found; `zd-incoming-call` carries the notification. A short-lived token: the stream is
 * reopened with a fresh one and still pops. A session without scope `events`: no request, no error,
 * the phone rings as before.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ZdIncomingCallDetail } from '../../base/events.js';
import { TokenSource } from '../../client/token-source.js';
import { readCallEvents, type CallEventsState, type CallNotification } from '../../phone/call-events.js';
import { createPhoneEngine } from '../../phone/engine.js';
import { callFromOutside, notifyTheProxy, orderLondonNumber } from '../../test-support/call-events.js';
import { $, norm, waitForSelector } from '../../test-support/dom.js';
import {
  mintToken,
  recordRequests,
  resetSandbox,
  waitFor,
  zdEnv,
  type ZdTestEnv,
} from '../../test-support/env.js';
import { directJsSip, extensions, rawMicrophone } from '../../test-support/phone.js';
import '../config/zd-config.js';
import type { ZdConfig } from '../config/zd-config.component.js';
import type { CallerLookupInfo } from './controllers/screen-pop.js';
import './zd-softphone.js';
import type { PhoneEngineFactory, ZdSoftphone } from './zd-softphone.component.js';

const engineFactory: PhoneEngineFactory = (options) =>
  createPhoneEngine({ ...options, loadJsSip: directJsSip, getMicrophone: rawMicrophone });

async function token(scopes: string[], ttlSeconds = 900): Promise<{ token: string; expiresAt: string }> {
  const answer = await fetch('/__zd/token', {
    method: 'POST',
    body: JSON.stringify({ scopes, sip: ['100'], ttlSeconds }),
  });
  return answer.json() as Promise<{ token: string; expiresAt: string }>;
}

let env: ZdTestEnv;
let did: string;

async function mount(scopes: string[], ttlSeconds = 900): Promise<ZdSoftphone> {
  const config = await fixture<ZdConfig>(html`
    <zd-config proxy=${env.proxy} .getToken=${() => token(scopes, ttlSeconds)} lang="en">
      <zd-softphone sip="100" .engineFactory=${engineFactory}></zd-softphone>
    </zd-config>
  `);
  const el = config.querySelector('zd-softphone') as ZdSoftphone;
  $(el, '[part~=enable-button]')?.click();
  await waitFor(() => el.registration === 'registered', 'the phone to register', 15_000);
  return el;
}

/** Rings 100 from outside; answers the event and the sandbox's call id (to hang it up). */
async function ring(el: ZdSoftphone, from: string): Promise<{ detail: ZdIncomingCallDetail; id: string }> {
  const incoming = oneEvent(el, 'zd-incoming-call');
  const { status, report } = await callFromOutside({ from, extension: '100', ringSeconds: 20 });
  expect(status).to.equal(202);
  const event = (await incoming) as CustomEvent<ZdIncomingCallDetail>;
  return { detail: event.detail, id: String(report.pbxCallId) };
}

// Once for the file, before any stream opens (see above).
before(async () => {
  await resetSandbox();
  did = await orderLondonNumber();
});

const hangUp = (id: string) => fetch(`/__zd/sandbox/calls/${id}`, { method: 'DELETE' });

describe('readCallEvents against the proxy', function () {
  this.timeout(30_000);
  let proxy: string;
  before(async () => {
    proxy = (await zdEnv()).proxy;
    await notifyTheProxy();
  });

  function counting() {
    const urls: string[] = [];
    const tokens: string[] = [];
    const doFetch: typeof fetch = (input, init) => {
      urls.push(String(input));
      tokens.push(new Headers(init?.headers).get('authorization') ?? '');
      return fetch(input, init);
    };
    return { urls, tokens, fetch: doFetch };
  }

  it('passes the sandbox’s notifications on as they come', async () => {
    const { token } = await mintToken(['events']);
    const abort = new AbortController();
    const states: CallEventsState[] = [];
    const got: CallNotification[] = [];
    const reading = readCallEvents({
      proxy,
      tokens: new TokenSource({ getToken: () => token }),
      signal: abort.signal,
      onNotification: (n) => got.push(n),
      onState: (s) => states.push(s),
    });
    await waitFor(() => states.includes('open'), 'the stream to open');
    const { status } = await callFromOutside({ from: '4930555111', extension: '100' });
    expect(status).to.equal(200); // no phone registered: the sandbox scripts the call
    await waitFor(() => got.some((n) => n.event === 'NOTIFY_END'), 'NOTIFY_END');
    const first = got.find((n) => n.event === 'NOTIFY_START');
    expect(first?.caller_id).to.equal('4930555111');
    expect(first?.called_did).to.match(/^\d+$/);
    abort.abort();
    await reading;
  });

  it('opens a new stream with a fresh token when the token expires', async () => {
    const minted: string[] = [];
    const source = new TokenSource({
      getToken: async () => {
        const answer = await mintToken(['events'], 3);
        minted.push(answer.token);
        return answer;
      },
    });
    const seen = counting();
    const abort = new AbortController();
    let opens = 0;
    const got: CallNotification[] = [];
    const reading = readCallEvents({
      proxy,
      tokens: source,
      signal: abort.signal,
      fetch: seen.fetch,
      onNotification: (n) => got.push(n),
      onState: (s) => {
        if (s === 'open') opens++;
      },
    });
    await waitFor(() => opens >= 2, 'a second stream after the first token expired', 10_000);
    expect(new Set(seen.tokens).size).to.be.at.least(2);
    expect(minted.length).to.be.at.least(2);
    // The reopened stream carries the notifications.
    await callFromOutside({ from: '4930555222', extension: '100' });
    await waitFor(() => got.some((n) => n.caller_id === '4930555222'), 'a notification on the new stream');
    abort.abort();
    await reading;
  });

  it('a session token without scope events: stops at once, without asking the proxy', async () => {
    const { token } = await mintToken(['softphone']);
    const seen = counting();
    const states: CallEventsState[] = [];
    await readCallEvents({
      proxy,
      tokens: new TokenSource({ getToken: () => token }),
      signal: new AbortController().signal,
      fetch: seen.fetch,
      onNotification: () => undefined,
      onState: (s) => states.push(s),
    });
    expect(states).to.deep.equal(['connecting', 'forbidden']);
    expect(seen.urls).to.deep.equal([]);
  });

  it('stops quietly after one 403 (a token the kit cannot read, refused by a proxy)', async () => {
    const urls: string[] = [];
    const states: CallEventsState[] = [];
    await readCallEvents({
      proxy,
      tokens: new TokenSource({ getToken: () => 'opaque-token' }),
      signal: new AbortController().signal,
      // What the proxy answers a session without the scope (a kit token never gets this far).
      fetch: async (input) => {
        urls.push(String(input));
        return new Response('{"error":"forbidden"}', { status: 403 });
      },
      onNotification: () => undefined,
      onState: (s) => states.push(s),
    });
    expect(states).to.deep.equal(['connecting', 'forbidden']);
    expect(urls).to.deep.equal([`${proxy}/events`]);
  });

  it('retries with backoff while the proxy cannot be reached, and stops on abort', async () => {
    const abort = new AbortController();
    const states: CallEventsState[] = [];
    const reading = readCallEvents({
      proxy: 'http://127.0.0.1:9',
      tokens: new TokenSource({ getToken: () => 'x' }),
      signal: abort.signal,
      minDelayMs: 50,
      maxDelayMs: 100,
      onNotification: () => undefined,
      onState: (s) => states.push(s),
    });
    await waitFor(() => states.filter((s) => s === 'retrying').length >= 3, 'three retries');
    abort.abort();
    await reading;
    expect(states).not.to.include('open');
  });
});

describe('zd-softphone screen-pop (real proxy, sandbox and SIP gateway)', function () {
  this.timeout(60_000);
  let el: ZdSoftphone | undefined;
  let call: string | undefined;

  before(async () => {
    env = await zdEnv();
    await extensions(1);
    await notifyTheProxy();
  });
  afterEach(async () => {
    if (call) await hangUp(call);
    call = undefined;
    await el?.disable();
    el = undefined;
  });

  it('shows the caller, the number called and the CRM’s name before answering; the event carries the notification', async () => {
    el = await mount(['softphone', 'events']);
    const asked: CallerLookupInfo[] = [];
    el.callerLookup = async (info) => {
      asked.push(info);
      return 'Anna Schmidt';
    };
    const { detail, id } = await ring(el, '4930123456');
    call = id;
    expect(detail.notification).to.deep.include({ caller_id: '4930123456', called_did: did });
    expect(detail.notification?.call_start).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(detail.call.status).to.equal('ringing');

    const panel = await waitForSelector(el, '[part~=incoming]', 'the incoming panel');
    // The name comes from the lookup, the formats from the phone-lib chunk (both may take a moment).
    const caller = () => norm($(el as ZdSoftphone, '[part~=caller]'));
    await waitFor(() => caller().includes('Anna Schmidt'), 'the name');
    await waitFor(() => caller().includes('+49 30 123456'), `the caller's number (${caller()})`);
    // The London number the caller dialled, as people write it.
    const called = el.formatNumber(`+${did}`);
    expect(called).to.match(/^\+44 20 \d{4} \d{4}$/);
    await waitFor(
      () => norm($(el as ZdSoftphone, '[part~=called-number]')) === `on your number ${called}`,
      'the number called',
    );
    expect(asked).to.have.length(1);
    expect(asked[0]?.number).to.equal('+4930123456');
    expect(asked[0]?.notification?.called_did).to.equal(did);
    expect(el.state.incoming?.status).to.equal('ringing'); // all of it before anyone answered
    expect(panel.isConnected).to.equal(true);
    expect($(el, '[part~=error]')).to.equal(null);
  });

  it('reopens the stream with a fresh token when the token expires, and still pops', async () => {
    const recorded = recordRequests();
    try {
      el = await mount(['softphone', 'events'], 4);
      const streams = () => recorded.requests.filter((r) => r.url === `${env.proxy}/events`);
      await waitFor(() => streams().length >= 2, 'a second events stream after the token expired', 12_000);
      const tokens = new Set(streams().map((r) => r.headers.authorization));
      expect(tokens.size).to.be.at.least(2);
      const { detail, id } = await ring(el, '4930777888');
      call = id;
      expect(detail.notification?.caller_id).to.equal('4930777888');
      await waitFor(() => $(el as ZdSoftphone, '[part~=called-number]'), 'the number called');
    } finally {
      recorded.stop();
    }
  });

  it('without scope events: no events request, no error shown, the phone rings as before', async () => {
    const recorded = recordRequests();
    try {
      el = await mount(['softphone']);
      const { detail, id } = await ring(el, '4930999000');
      call = id;
      expect(detail.notification).to.equal(undefined);
      await waitForSelector(el, '[part~=incoming]', 'the incoming panel');
      await waitFor(
        () => norm($(el as ZdSoftphone, '[part~=caller]')).includes('+49 30 999000'),
        'the number',
      );
      expect($(el, '[part~=called-number]')).to.equal(null);
      expect($(el, '[part~=error]')).to.equal(null);
      expect(recorded.requests.filter((r) => r.url === `${env.proxy}/events`)).to.have.length(0);
    } finally {
      recorded.stop();
    }
  });
});
