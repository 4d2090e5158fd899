/**
 * phone/call-events.ts: the notifications parsed as plain data and the matcher (either order, the time
 * window, the extension, the caller's number in its forms). The reader against the real proxy is tested
 * in components/softphone/screen-pop.test.ts, beside the element (one sandbox reset for both: see there).
 */
import { expect } from '@open-wc/testing';
import { parseNotification, sameCaller, ScreenPopMatcher, type CallNotification } from './call-events.js';

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
