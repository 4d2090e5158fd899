/**
 * For the screen-pop tests: the demo user's PBX tells this run's proxy about its calls (as `npm start`'s
 * demo customer does), so that `GET /events` carries them; a caller from outside through the sandbox.
 */
import { zdEnv } from './env.js';
import { signed } from './phone.js';

/** Points the demo user's call notifications at the proxy's webhook (after each sandbox reset). */
export async function notifyTheProxy(): Promise<void> {
  const { proxy, demoUserId } = await zdEnv();
  await signed('POST', '/v1/pbx/callinfo/url/', { url: `${proxy}/webhooks/zadarma/${demoUserId}` });
  await signed('POST', '/v1/pbx/callinfo/notifications/', {
    notify_start: 'true',
    notify_internal: 'true',
    notify_answer: 'true',
    notify_end: 'true',
  });
}

/** A caller from outside (`from`, e.g. `4930123456`) rings `extension`; 202 when a phone really rings. */
export async function callFromOutside(
  body: { from: string; extension: string } & Record<string, unknown>,
): Promise<{ status: number; report: Record<string, unknown> }> {
  const { demoUserId } = await zdEnv();
  const answer = await fetch('/__zd/sandbox/calls', {
    method: 'POST',
    body: JSON.stringify({ userId: demoUserId, ...body }),
  });
  return { status: answer.status, report: (await answer.json()) as Record<string, unknown> };
}

/** The demo user gets a London number (no documents needed), the number callers from outside dial. */
export async function orderLondonNumber(): Promise<string> {
  const order = await signed('POST', '/v1/direct_numbers/order/', {
    direction_id: 13755,
    documents_group_id: 0,
  });
  return String(order.number);
}
