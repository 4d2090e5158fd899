/**
 * `npm start`'s demo customer (sandbox mode only): two extensions that can call each other, and the
 * PBX's call notifications pointed at this proxy's webhook, so its pages get them on `GET /events`
 * (the softphone's screen-pop). Done through the signed API, as a partner's backend would.
 */
import { ALL_CALL_NOTIFICATIONS, callinfoUrl } from '../onboarding/pbx-steps.js';
import type { ZadarmaClient } from '../upstream/client.js';

/** The extensions the demo page's two phones use. */
export const DEMO_EXTENSIONS = ['100', '101'];

/** Makes the demo extensions that are missing (idempotent, so a kept state file is fine). */
export async function ensureDemoExtensions(client: ZadarmaClient, userId: number): Promise<void> {
  const internal = await client.call('pbx.internal', { user_id: userId });
  const have = new Set((internal.numbers ?? []).map(String));
  for (const number of DEMO_EXTENSIONS.filter((n) => !have.has(n))) {
    await client.call('pbx.internal.create', { user_id: userId, start_number: number, quantity: 1 });
  }
}

/** Every call notification of the demo PBX goes to this proxy's webhook for the user. */
export async function notifyThisProxy(
  client: ZadarmaClient,
  userId: number,
  proxyUrl: string,
): Promise<void> {
  await client.call('pbx.callinfo.url.post', { user_id: userId, url: callinfoUrl(proxyUrl, userId) });
  await client.call('pbx.callinfo.notifications', { user_id: userId, ...ALL_CALL_NOTIFICATIONS });
}
