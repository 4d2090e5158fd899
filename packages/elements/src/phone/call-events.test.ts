/**
 * phone/call-events.ts: the notifications parsed as plain data, the matcher (either order, the time
 * window, the extension, the caller's number in its forms), and the reader against the real proxy's
 * `GET /events`: the sandbox's notifications arrive, a token that expires is replaced and the stream
 * reopened, a session without scope `events` stops after one 403.
 */
import { expect } from '@open-wc/testing';
import { TokenSource } from '../client/token-source.js';
import { callFromOutside, notifyTheProxy } from '../test-support/call-events.js';
import { mintToken, waitFor, zdEnv } from '../test-support/env.js';
import {
  parseNotification,
  readCallEvents,
  sameCaller,
  ScreenPopMatcher,
  type CallEventsState,
  type CallNotification,
} from './call-events.js';

const start = (over: Partial<CallNotification> = {}): CallNotification => ({
  event: 'NOTIFY_START',
  call_start: '2026-12-03 12:00:00',
  pbx_call_id: 'in_1',
  caller_id: '4930123456',
  called_did: '4930987654321',
  ...over,
});

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('parseNotification', () => {
  it('keeps the known string fields of a known event, nothing else', () => {
    const n = parseNotification(
      JSON.stringify({ ...start(), internal: '100', extra: '<b>x</b>', duration: 5, __proto__: { x: 1 } }),
    );
    expect(n).to.deep.equal({ ...start(), internal: '100' });
    expect(Object.getPrototypeOf(n)).to.equal(Object.prototype);
  });

  it('refuses what is not a call notification', () => {
    for (const data of [
      '',
      'nope',
      '[]',
      'null',
      '{"event":"NOTIFY_RECORD","call_start":"x"}',
      '{"event":"NOTIFY_START"}',
    ])
      expect(parseNotification(data), data).to.equal(undefined);
  });
});

describe('sameCaller', () => {
  it('reads + and 00, and a national tail', () => {
    expect(sameCaller('+4930123456', '4930123456')).to.equal(true);
    expect(sameCaller('004930123456', '+49 30 123456')).to.equal(true);
    expect(sameCaller('030123456', '4930123456')).to.equal(true);
    expect(sameCaller('+4930123456', '4930123457')).to.equal(false);
    expect(sameCaller('456', '4930123456')).to.equal(false);
    expect(sameCaller('', '')).to.equal(false);
  });
});

describe('ScreenPopMatcher', () => {
  it('pairs a notification that came before the INVITE', () => {
    const c = clock();
    const m = new ScreenPopMatcher({ sip: '100', now: c.now });
    expect(m.addNotification(start())).to.equal(undefined);
    c.advance(1500);
    const match = m.addCall('call-1', '+4930123456');
    expect(match?.notification).to.deep.equal({
      caller_id: '4930123456',
      called_did: '4930987654321',
      call_start: '2026-12-03 12:00:00',
      pbx_call_id: 'in_1',
    });
    expect(m.matchOf('call-1')).to.equal(match?.notification);
  });

  it('pairs a notification that came after the INVITE, once', () => {
    const c = clock();
    const m = new ScreenPopMatcher({ sip: '100', now: c.now });
    expect(m.addCall('call-1', '+4930123456')).to.equal(undefined);
    c.advance(800);
    expect(m.addNotification(start())?.callId).to.equal('call-1');
    // NOTIFY_INTERNAL of the same call comes next: nothing new.
    expect(m.addNotification(start({ event: 'NOTIFY_INTERNAL', internal: '100' }))).to.equal(undefined);
  });

  it('does not pair another caller, nor across more than the window', () => {
    const c = clock();
    const m = new ScreenPopMatcher({ sip: '100', now: c.now, windowMs: 5000 });
    m.addNotification(start());
    expect(m.addCall('call-1', '+4930999999')).to.equal(undefined);
    c.advance(6000);
    expect(m.addCall('call-2', '+4930123456')).to.equal(undefined);
    c.advance(6000);
    expect(m.addNotification(start({ pbx_call_id: 'in_2' }))).to.equal(undefined);
  });

  it('ignores a NOTIFY_INTERNAL for another extension and a call that ended', () => {
    const c = clock();
    const m = new ScreenPopMatcher({ sip: '100', now: c.now });
    m.addNotification(start({ event: 'NOTIFY_INTERNAL', internal: '101' }));
    expect(m.addCall('call-1', '4930123456')).to.equal(undefined);
    m.forgetCall('call-1');
    m.addNotification(start({ pbx_call_id: 'in_2' }));
    m.addNotification(start({ pbx_call_id: 'in_2', event: 'NOTIFY_END', internal: '100' }));
    expect(m.addCall('call-2', '4930123456')).to.equal(undefined);
  });

  it('prefers the NOTIFY_INTERNAL for its own extension', () => {
    const m = new ScreenPopMatcher({ sip: '100' });
    m.addNotification(start({ pbx_call_id: 'in_a', called_did: '111111111' }));
    m.addNotification(start({ pbx_call_id: 'in_b', event: 'NOTIFY_INTERNAL', internal: '100' }));
    m.addNotification(start({ pbx_call_id: 'in_c', called_did: '333333333' }));
    expect(m.addCall('call-1', '+4930123456')?.notification.pbx_call_id).to.equal('in_b');
    // The others are still there for the next ringing call of the same caller.
    expect(m.addCall('call-2', '+4930123456')?.notification.pbx_call_id).to.equal('in_c');
  });
});

describe('readCallEvents against the proxy', function () {
  this.timeout(30_000);
  let proxy: string;
  before(async () => {
    proxy = (await zdEnv()).proxy;
    // No sandbox reset here: it gives the demo user a new API secret, and the proxy keeps the one it
    // read for its webhooks for ten minutes (screen-pop.test.ts, run before this, resets once).
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

  it('stops quietly after one 403 when the session has no scope events', async () => {
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
    expect(seen.urls).to.deep.equal([`${proxy}/events`]);
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
