/** The calls of the extensions panel, through the proxy (scope `pbx:manage`; user_id is the proxy's). */
import type { ZdClient } from '../../../client/zd-client.js';

export const CALLINFO_SWITCHES = [
  'notify_start',
  'notify_internal',
  'notify_answer',
  'notify_end',
  'notify_out_start',
  'notify_out_end',
] as const;
export type CallinfoSwitch = (typeof CALLINFO_SWITCHES)[number];

/** Zadarma's strength rule, checked in the page too so a weak password gets its message before a call. */
export const STRONG_PASSWORD = /^(?=[^]*[A-Za-z])(?=[^]*[0-9])[\x21-\x7e]{8,64}$/;

export interface Extension {
  number: string;
  online: boolean;
  /** Recording to Zadarma's cloud store (the only kind a page may choose). */
  cloudRecording: boolean;
}

const flag = (value: unknown) => value === true || value === 'true' || value === 1 || value === '1';

export async function listExtensions(client: ZdClient, signal: AbortSignal): Promise<Extension[]> {
  const list = await client.request<{ numbers?: (number | string)[] }>('GET', '/v1/pbx/internal', { signal });
  return Promise.all(
    (list.numbers ?? []).map(async (n) => {
      const number = String(n);
      const path = { pbxsip: number };
      const [status, info] = await Promise.all([
        client.request<{ is_online?: unknown }>('GET', '/v1/pbx/internal/{pbxsip}/status', { path, signal }),
        client.request<{ record_store?: unknown }>('GET', '/v1/pbx/internal/{pbxsip}/info', { path, signal }),
      ]);
      const store = info.record_store;
      return {
        number,
        online: flag(status.is_online),
        cloudRecording: store !== undefined && store !== 'false' && store !== false,
      };
    }),
  );
}

/** Adds `quantity` extensions after the highest one (100 for the first); answers the new numbers. */
export async function addExtensions(
  client: ZdClient,
  existing: Extension[],
  quantity: number,
): Promise<string[]> {
  const highest = Math.max(99, ...existing.map((e) => Number(e.number)));
  const start = String(highest + 1);
  await client.request('POST', '/v1/pbx/internal/create', {
    form: { start_number: start, quantity: String(quantity), return_password: 'false' },
  });
  return Array.from({ length: quantity }, (_, i) => String(highest + 1 + i));
}

export function setPassword(client: ZdClient, number: string, value: string): Promise<unknown> {
  return client.request('PUT', '/v1/pbx/internal/{sip}/password', { path: { sip: number }, form: { value } });
}

/** Cloud recording on (store, then recording itself) or recording off. */
export async function setCloudRecording(client: ZdClient, number: string, on: boolean): Promise<void> {
  if (on) {
    await client.request('PUT', '/v1/pbx/internal/recording', { form: { id: number, status: 'on_store' } });
    await client.request('PUT', '/v1/pbx/internal/recording', { form: { id: number, status: 'on' } });
  } else {
    await client.request('PUT', '/v1/pbx/internal/recording', { form: { id: number, status: 'off' } });
  }
}

export async function readCallinfo(
  client: ZdClient,
  signal: AbortSignal,
): Promise<Record<CallinfoSwitch, boolean>> {
  const answer = await client.request<{ notifications?: Record<string, unknown> }>(
    'GET',
    '/v1/pbx/callinfo',
    {
      signal,
    },
  );
  const n = answer.notifications ?? {};
  return Object.fromEntries(CALLINFO_SWITCHES.map((name) => [name, flag(n[name])])) as Record<
    CallinfoSwitch,
    boolean
  >;
}

export function setCallinfo(client: ZdClient, name: CallinfoSwitch, on: boolean): Promise<unknown> {
  return client.request('POST', '/v1/pbx/callinfo/notifications', { form: { [name]: String(on) } });
}
