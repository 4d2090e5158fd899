/**
 * Real calls through the sandbox's gateway, with real media on both ends (the test's phone is the raw
 * SIP client for signalling and a werift media end of its own): the outside numbers answer, echo,
 * play and record; `/sandbox/calls` rings the extension for real; the callinfo notifications tell
 * what happened, signed.
 */
import { verifyWebhook } from '@zadarma-elements/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaCall, type MediaCall, type PartyKind } from '../../src/media/index.js';
import { DEMO_USER_ID, startSandbox, type RunningSandbox } from '../../src/index.js';
import { pbxExtensions, signedCall, type SandboxExtension } from '../../test-support/sandbox-extensions.js';
import { SipWsClient } from '../../test-support/sip-ws-client.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../test-support/webhook-receiver.js';

let sandbox: RunningSandbox;
let hooks: WebhookReceiver;
let ext: SandboxExtension;
let userSecret: string;
const closing: (() => unknown)[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, verificationDelayMs: null });
  hooks = await startWebhookReceiver();
  const u = { user_id: DEMO_USER_ID };
  [ext] = (await pbxExtensions(sandbox, DEMO_USER_ID, 1)) as [SandboxExtension];
  await signedCall(sandbox, 'POST', '/v1/pbx/callinfo/url/', { ...u, url: hooks.url });
  await signedCall(sandbox, 'POST', '/v1/pbx/callinfo/notifications/', {
    ...u,
    notify_start: 'true',
    notify_internal: 'true',
    notify_answer: 'true',
    notify_end: 'true',
    notify_out_start: 'true',
    notify_out_end: 'true',
  });
  userSecret = String((await signedCall(sandbox, 'GET', '/v1/reseller/users/api_key/', u)).secret);
});

afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  hooks.received.length = 0;
});

afterAll(async () => {
  await sandbox?.close();
  await hooks?.close();
});

/** A registered phone: the raw client, and a werift media end playing `kind`. */
async function phone(kind: PartyKind = 'recorder') {
  const client = await SipWsClient.connect(sandbox.sip?.wsUrl ?? '', {
    ...ext,
    domain: sandbox.sip?.domain ?? '',
  });
  closing.push(() => client.close());
  expect((await client.register(60)).status).toBe(200);
  closing.push(() => client.register(0).catch(() => undefined));
  const media = createMediaCall(kind);
  closing.push(() => media.close());
  return { client, media };
}

async function dial(number: string, media: MediaCall, client: SipWsClient) {
  const call = await client.invite(number, { sdp: await media.offer() });
  expect(call.status).toBe(200);
  await media.accept(call.answerSdp);
  await media.connected();
  return call;
}

const json = async (path: string, init?: RequestInit) => {
  const res = await fetch(`${sandbox.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

interface MediaEntry {
  kind: string;
  number: string;
  login: string;
  endedAt: string | null;
  infoDigits: string;
  media: { audioEnergy: number; audioPacketsReceived: number; digits: string };
}
const mediaCalls = async () => (await json('/sandbox/media/calls')).body.calls as MediaEntry[];

/** The events the receiver got, each verified with the sub-user's own secret. */
function events() {
  const notified = hooks.received.filter((r) => r.method === 'POST');
  for (const e of notified)
    expect(verifyWebhook(e.body, e.signature ?? '', userSecret), e.body.event).toBe(true);
  return notified.map((e) => e.body);
}

describe('outside numbers', () => {
  it('the echo number sends back what the phone says', { timeout: 30_000 }, async () => {
    const { client, media } = await phone('tone');
    const call = await dial('+493023125001', media, client);
    await expect.poll(() => media.report().audioEnergy, { timeout: 10_000 }).toBeGreaterThan(0.05);
    await expect
      .poll(async () => (await mediaCalls())[0]?.media.audioPacketsReceived, { timeout: 10_000 })
      .toBeGreaterThan(10);
    expect(await call.bye()).toBe(200);
    const [entry] = await mediaCalls();
    expect(entry).toMatchObject({ kind: 'echo', number: '+493023125001', login: ext.login });
    await expect.poll(async () => (await mediaCalls())[0]?.endedAt).not.toBeNull();
    // NOTIFY_OUT_START, then NOTIFY_OUT_END with the duration, both signed.
    await expect.poll(() => events().map((e) => e.event)).toEqual(['NOTIFY_OUT_START', 'NOTIFY_OUT_END']);
    const [start, end] = events();
    expect(start).toMatchObject({ internal: ext.number, destination: '493023125001' });
    expect(end).toMatchObject({
      disposition: 'answered',
      internal: ext.number,
      pbx_call_id: start?.pbx_call_id,
    });
  });

  it('the tone number plays a tone the phone hears', { timeout: 30_000 }, async () => {
    const { client, media } = await phone('recorder');
    const call = await dial('+493023125002', media, client);
    await expect.poll(() => media.report().audioEnergy, { timeout: 10_000 }).toBeGreaterThan(0.05);
    await call.bye();
    expect((await mediaCalls())[0]).toMatchObject({ kind: 'tone' });
  });

  it('the recorder hears audio and the digits, RFC 4733 and SIP INFO', { timeout: 30_000 }, async () => {
    const { client, media } = await phone('tone');
    const call = await dial('+493023125004', media, client);
    await media.sendDigits('12#');
    expect(await client.info(call.callId, '5')).toBe(200);
    await expect.poll(async () => (await mediaCalls())[0]?.media.digits, { timeout: 10_000 }).toBe('12#');
    const [entry] = await mediaCalls();
    expect(entry).toMatchObject({ kind: 'recorder', infoDigits: '5' });
    expect(entry?.media.audioEnergy).toBeGreaterThan(0.05);
    // The recorder itself is silent.
    expect(media.report().audioEnergy).toBeLessThan(0.01);
    await call.bye();
  });

  it(
    'a national number is dialled as Germans do, and any other number is echoed',
    { timeout: 30_000 },
    async () => {
      const { client, media } = await phone('tone');
      const call = await dial('03023125002', media, client);
      expect((await mediaCalls())[0]).toMatchObject({ kind: 'tone', number: '+493023125002' });
      await call.bye();
    },
  );

  it('an offer without usable media is refused 488, and the call is reported failed', async () => {
    const { client } = await phone();
    const call = await client.invite('+493023125001'); // the raw client's fixed SDP: no DTLS
    expect(call.status).toBe(488);
    await expect.poll(() => events().at(-1)?.event).toBe('NOTIFY_OUT_END');
    expect(events().at(-1)).toMatchObject({ disposition: 'call failed', duration: '0' });
  });
});

describe('a caller from outside', () => {
  const ring = (body: Record<string, unknown>) =>
    json('/sandbox/calls', {
      method: 'POST',
      body: JSON.stringify({ userId: DEMO_USER_ID, extension: ext.number, ...body }),
    });
  const report = async (id: unknown) => (await json(`/sandbox/calls/${String(id)}`)).body;

  it(
    'rings the extension; answered, the phone hears the caller; the notifications tell it',
    { timeout: 30_000 },
    async () => {
      const { client, media } = await phone('recorder');
      client.answerSdp = (offer) => media.answer(offer);
      const started = await ring({ from: '+4930111222', durationSeconds: 2 });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ state: 'ringing', extensions: [Number(ext.number)] });
      await expect.poll(() => client.incoming.length).toBe(1);
      expect(client.incoming[0]?.from).toContain('+4930111222');
      await media.connected();
      await expect.poll(() => media.report().audioEnergy, { timeout: 10_000 }).toBeGreaterThan(0.05);
      // The caller hangs up after the 2 s asked for.
      await client.incoming[0]?.ended;
      await expect.poll(async () => (await report(started.body.pbxCallId)).state).toBe('ended');
      expect(await report(started.body.pbxCallId)).toMatchObject({
        disposition: 'answered',
        answeredBy: Number(ext.number),
      });
      await expect
        .poll(() => events().map((e) => e.event))
        .toEqual(['NOTIFY_START', 'NOTIFY_INTERNAL', 'NOTIFY_ANSWER', 'NOTIFY_END']);
      const end = events()[3];
      expect(end).toMatchObject({ caller_id: '4930111222', internal: ext.number, disposition: 'answered' });
      expect(Number(end?.duration)).toBeGreaterThanOrEqual(1);
      expect(Number(end?.duration)).toBeLessThanOrEqual(3);
    },
  );

  it('unanswered, it rings until the caller gives up: CANCEL, no answer', { timeout: 30_000 }, async () => {
    const { client } = await phone();
    client.answerWith = 0; // rings only
    const started = await ring({ ringSeconds: 1 });
    await expect.poll(() => client.incoming.length).toBe(1);
    await client.incoming[0]?.cancelled;
    await expect.poll(async () => (await report(started.body.pbxCallId)).disposition).toBe('no answer');
    await expect
      .poll(() => events().map((e) => e.event))
      .toEqual(['NOTIFY_START', 'NOTIFY_INTERNAL', 'NOTIFY_END']);
    expect(events()[2]).toMatchObject({ disposition: 'no answer', duration: '0' });
  });

  it('the caller hanging up while it rings is a cancel', { timeout: 30_000 }, async () => {
    const { client } = await phone();
    client.answerWith = 0;
    const started = await ring({});
    await expect.poll(() => client.incoming.length).toBe(1);
    expect(
      (await json(`/sandbox/calls/${String(started.body.pbxCallId)}`, { method: 'DELETE' })).status,
    ).toBe(200);
    await client.incoming[0]?.cancelled;
    await expect.poll(async () => (await report(started.body.pbxCallId)).disposition).toBe('cancel');
  });

  it('a busy phone makes it busy', { timeout: 30_000 }, async () => {
    const { client } = await phone();
    client.answerWith = 486;
    const started = await ring({});
    await expect.poll(async () => (await report(started.body.pbxCallId)).disposition).toBe('busy');
  });

  it('nothing registered: the call is scripted, as without the gateway', async () => {
    const scripted = await ring({ durationSeconds: 5 });
    expect(scripted.status).toBe(200);
    expect(scripted.body).toMatchObject({ echo: { ok: true } });
    expect(events().at(-1)).toMatchObject({ event: 'NOTIFY_END', disposition: 'answered', duration: '5' });
  });

  it('refuses bad input with a clear message', async () => {
    expect((await ring({ party: 'opera' })).body).toMatchObject({
      message: expect.stringContaining('party must be'),
    });
    expect((await ring({ ringSeconds: -1 })).status).toBe(400);
    expect((await json('/sandbox/calls/nope')).status).toBe(404);
  });

  it('leaves no dialog, transaction or call behind', async () => {
    const telephony = sandbox.sandbox.sip.telephony;
    await expect
      .poll(() => telephony?.ua.stats())
      .toEqual({ dialogs: 0, clientInvites: 0, serverInvites: 0 });
    await expect.poll(() => sandbox.gateway?.stats().calls).toBe(0);
  });
});
