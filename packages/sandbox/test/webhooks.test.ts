/** Simulated calls deliver signed call notifications over real HTTP, after Zadarma's zd_echo check. */
import { verifyWebhook } from '@zadarma-elements/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_ID, startSandbox, type RunningSandbox } from '../src/index.js';
import { call } from './helpers.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';

async function simulate(running: RunningSandbox, body: unknown) {
  const res = await fetch(`${running.url}/sandbox/calls`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('call notifications', () => {
  let running: RunningSandbox;
  let good: WebhookReceiver;
  let wrong: WebhookReceiver;
  let goodUrl = '';
  let wrongUrl = '';

  beforeAll(async () => {
    running = await startSandbox({ port: 0, verificationDelayMs: null });
    good = await startWebhookReceiver();
    wrong = await startWebhookReceiver(() => 'not the echo');
    goodUrl = good.url;
    wrongUrl = wrong.url;
  });
  afterAll(async () => {
    await running.close();
    await good.close();
    await wrong.close();
  });

  it("signs each event with the sub-user's own secret, after the echo check", async () => {
    const u = { user_id: DEMO_USER_ID };
    const order = await call(
      running.sandbox,
      'POST',
      '/v1/direct_numbers/order/',
      { ...u, direction_id: 13755, documents_group_id: 0 },
      { baseUrl: running.url },
    );
    await call(
      running.sandbox,
      'POST',
      '/v1/pbx/callinfo/url/',
      { ...u, url: goodUrl },
      { baseUrl: running.url },
    );
    const report = await simulate(running, {
      to: order.body.number,
      from: '+4930123456',
      durationSeconds: 33,
    });
    expect(report.status).toBe(200);
    expect(report.body.echo).toMatchObject({ ok: true, status: 200 });

    const [echo, ...events] = good.received;
    expect(echo?.method).toBe('GET');
    expect(echo?.query.partner).toBe('1');
    expect(echo?.query.zd_echo).toMatch(/^[0-9a-f]{24}$/);
    expect(events.map((e) => e.body.event)).toEqual([
      'NOTIFY_START',
      'NOTIFY_INTERNAL',
      'NOTIFY_ANSWER',
      'NOTIFY_END',
    ]);

    // The proxy's verifier, with the secret the reseller reads for this user, accepts every one.
    const keys = await call(running.sandbox, 'GET', '/v1/reseller/users/api_key/', u, {
      baseUrl: running.url,
    });
    const secret = String(keys.body.secret);
    for (const e of events) {
      expect(e.signature, e.body.event).toBeDefined();
      expect(verifyWebhook(e.body, e.signature ?? '', secret), e.body.event).toBe(true);
      expect(verifyWebhook(e.body, e.signature ?? '', running.secret)).toBe(false);
      expect(e.body.pbx_call_id).toBe(report.body.pbxCallId);
      expect(e.body.caller_id).toBe('4930123456');
    }
    expect(events[0]?.body.called_did).toBe(order.body.number);
    expect(events[3]?.body).toMatchObject({ duration: '33', disposition: 'answered', internal: '100' });
    // The call shows in the PBX statistics.
    const day = new Date().toISOString().slice(0, 10);
    const stats = await call(
      running.sandbox,
      'GET',
      '/v1/statistics/pbx/',
      { ...u, start: `${day} 00:00:00`, end: `${day} 23:59:59`, version: 2 },
      { baseUrl: running.url },
    );
    expect((stats.body.stats as { pbx_call_id: string }[]).map((s) => s.pbx_call_id)).toContain(
      report.body.pbxCallId,
    );
  });

  it('follows the notification settings and unanswered calls', async () => {
    good.received.length = 0;
    await call(
      running.sandbox,
      'POST',
      '/v1/pbx/callinfo/notifications/',
      { user_id: DEMO_USER_ID, notify_internal: 'false' },
      { baseUrl: running.url },
    );
    const report = await simulate(running, { userId: DEMO_USER_ID, answered: false });
    expect(
      (report.body.deliveries as { event: string; status: number }[]).map((d) => [d.event, d.status]),
    ).toEqual([
      ['NOTIFY_START', 200],
      ['NOTIFY_END', 200],
    ]);
    expect(good.received.at(-1)?.body).toMatchObject({ disposition: 'no answer', duration: '0' });
  });

  it('sends nothing when the URL does not answer the echo, or when no URL is set', async () => {
    await call(
      running.sandbox,
      'POST',
      '/v1/pbx/callinfo/url/',
      { user_id: DEMO_USER_ID, url: wrongUrl },
      { baseUrl: running.url },
    );
    const report = await simulate(running, { userId: DEMO_USER_ID });
    expect(report.body.echo).toMatchObject({ ok: false });
    expect(report.body.deliveries).toEqual([]);
    expect(wrong.received.map((r) => r.method)).toEqual(['GET']);

    await call(
      running.sandbox,
      'DELETE',
      '/v1/pbx/callinfo/url/',
      { user_id: DEMO_USER_ID },
      { baseUrl: running.url },
    );
    const none = await simulate(running, { userId: DEMO_USER_ID });
    expect(none.body).toMatchObject({ url: '', echo: null, deliveries: [] });
  });

  it("signs the reseller's own PBX with the reseller's secret", async () => {
    good.received.length = 0;
    await call(
      running.sandbox,
      'POST',
      '/v1/pbx/create/',
      { password: 'Reseller2024' },
      { baseUrl: running.url },
    );
    await call(running.sandbox, 'POST', '/v1/pbx/callinfo/url/', { url: goodUrl }, { baseUrl: running.url });
    await simulate(running, { userId: running.sandbox.state.reseller.id });
    const start = good.received.find((r) => r.body.event === 'NOTIFY_START');
    expect(start && verifyWebhook(start.body, start.signature ?? '', running.secret)).toBe(true);
  });

  it('refuses calls to unknown numbers and users without a PBX', async () => {
    expect((await simulate(running, { to: '441234567890' })).status).toBe(404);
    const fresh = await call(
      running.sandbox,
      'POST',
      '/v1/reseller/users/registration/new/',
      { email: 'nopbx@example.com', first_name: 'N', country: 'GB' },
      { baseUrl: running.url },
    );
    expect((await simulate(running, { userId: fresh.body.user_id })).status).toBe(409);
  });
});
