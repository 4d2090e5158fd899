/**
 * controllers/screen-pop.ts on its own, with a stand-in host and an event stream the test writes (the
 * element's test runs it against the real proxy): the notification that arrives after the INVITE is
 * waited for, the page's `callerLookup` is asked once and its answer shown as plain, bounded text, a
 * lookup that fails changes nothing, and the number called is formatted.
 */
import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ZdCallInfo, ZdCallNotification } from '../../../base/events.js';
import type { PhoneCall } from '../../../phone/types.js';
import { ScreenPopController, type CallerLookup } from './screen-pop.js';

class Host implements ReactiveControllerHost {
  readonly sip = '100';
  callerLookup: CallerLookup | undefined;
  updates = 0;
  readonly controllers: ReactiveController[] = [];
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
}

/** A `fetch` whose `/events` answers a stream the test writes `event:` blocks into. */
function eventStream() {
  let write: (text: string) => void = () => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      write = (text) => controller.enqueue(encoder.encode(text));
    },
  });
  const doFetch: typeof fetch = () =>
    Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  const send = (event: string, data: object) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  return { fetch: doFetch, send };
}

const call = (id: string, number: string) =>
  ({ id, remote: { number }, status: 'ringing', direction: 'incoming' }) as unknown as PhoneCall;
const info = (id: string, number: string): ZdCallInfo => ({
  id,
  number,
  direction: 'incoming',
  status: 'ringing',
  muted: false,
});
/** `ringing()`'s detail for `zd-incoming-call`, as a promise. */
const ringOf = (pop: ScreenPopController, c: PhoneCall) =>
  new Promise<{ notification?: ZdCallNotification }>((resolve) =>
    pop.ringing(c, info(c.id, c.remote.number), resolve),
  );
const START = {
  event: 'NOTIFY_START',
  call_start: '2026-12-03 12:00:00',
  pbx_call_id: 'in_1',
  caller_id: '4930123456',
  called_did: '442012345678',
};
const tokens = { get: () => Promise.resolve('t'), invalidate: () => undefined };

async function opened(host: Host, stream: ReturnType<typeof eventStream>, waitMs = 2000) {
  const pop = new ScreenPopController(host, { fetch: stream.fetch, notificationWaitMs: waitMs });
  pop.start({ proxy: 'http://proxy.invalid', tokens });
  stream.send('ready', { userId: '1' });
  for (let i = 0; i < 50 && pop.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 10));
  expect(pop.state).to.equal('open');
  return pop;
}

describe('ScreenPopController', () => {
  it('waits for a notification that comes after the INVITE, then asks callerLookup once', async () => {
    const host = new Host();
    const asked: unknown[] = [];
    host.callerLookup = (i) => {
      asked.push(i);
      return `  ${'A'.repeat(150)}  `;
    };
    const stream = eventStream();
    const pop = await opened(host, stream);
    const ringing = call('c1', '+4930123456');
    const detail = ringOf(pop, ringing);
    setTimeout(() => stream.send('NOTIFY_START', START), 100);
    expect((await detail).notification?.pbx_call_id).to.equal('in_1');
    expect(pop.of(ringing)?.calledNumber).to.equal('+442012345678');
    await new Promise((r) => setTimeout(r, 0));
    expect(pop.of(ringing)?.name).to.equal('A'.repeat(100));
    expect(asked).to.have.length(1);
    pop.stop();
  });

  it('gives up waiting after notificationWaitMs; a lookup that throws changes nothing', async () => {
    const host = new Host();
    host.callerLookup = () => {
      throw new Error('CRM down');
    };
    const stream = eventStream();
    const pop = await opened(host, stream, 50);
    const ringing = call('c2', '+4930999999');
    const started = performance.now();
    expect(await ringOf(pop, ringing)).to.deep.equal({});
    expect(performance.now() - started).to.be.lessThan(1000);
    await new Promise((r) => setTimeout(r, 0));
    expect(pop.of(ringing)).to.deep.equal({});
    pop.stop();
  });

  it('pairs a notification that came first without waiting', async () => {
    const host = new Host();
    const stream = eventStream();
    const pop = await opened(host, stream, 60_000);
    stream.send('NOTIFY_START', START);
    await new Promise((r) => setTimeout(r, 50));
    const detail = await ringOf(pop, call('c3', '4930123456'));
    expect(detail.notification?.called_did).to.equal('442012345678');
    pop.stop();
  });
});
