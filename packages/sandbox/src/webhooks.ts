/**
 * Simulated incoming calls and the call notifications Zadarma sends for them: first a
 * `GET <url>?zd_echo=<random>` that must answer the echo (Zadarma's URL check), then form-encoded
 * NOTIFY_START, NOTIFY_INTERNAL, NOTIFY_ANSWER and NOTIFY_END, each with a `Signature` header made
 * with the API secret of the account that owns the PBX (a sub-user's own secret, which the reseller
 * reads with `GET /v1/reseller/users/api_key/`).
 */
import { randomBytes } from 'node:crypto';
import { signWebhook } from '@zadarma-elements/api';
import { zadarmaDateTime } from './clock.js';
import { ZadarmaError } from './errors.js';
import { allAccounts } from './state/accounts.js';
import { answeringExtension } from './state/pbx.js';
import type { Account, CallinfoEvent, SandboxState } from './state/types.js';
import { DEMO_USER_ID } from './seed.js';

export interface CallInput {
  /** The virtual number called; its owner's PBX takes the call. */
  to?: string;
  /** Or the account whose PBX takes it (default: the demo user). */
  userId?: number;
  /** The caller's number. */
  from?: string;
  /** The extension that rings (default: menu 0's "no button" scenario). */
  extension?: string;
  /** Whether someone picks up (default true). */
  answered?: boolean;
  durationSeconds?: number;
}

export interface Delivery {
  event: string;
  status?: number;
  error?: string;
}

export interface CallReport {
  pbxCallId: string;
  userId: number;
  url: string;
  /** The `zd_echo` check: notifications are sent only when it passed. */
  echo: { ok: boolean; status?: number; error?: string } | null;
  deliveries: Delivery[];
}

const NO_NUMBER_DID = '0000000';

function ownerOf(state: SandboxState, input: CallInput): { owner: Account; did: string } {
  if (input.to) {
    const did = input.to.replace(/^\+/, '');
    const owner = allAccounts(state).find((a) => a.numbers.some((n) => n.number === did));
    if (!owner) throw new ZadarmaError(404, `No account owns the number ${input.to}`);
    return { owner, did };
  }
  const id = input.userId ?? DEMO_USER_ID;
  const owner = allAccounts(state).find((a) => a.id === id);
  if (!owner) throw new ZadarmaError(404, `User ${id} not found`);
  return { owner, did: owner.numbers[0]?.number ?? NO_NUMBER_DID };
}

async function send(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function simulateCall(
  state: SandboxState,
  input: CallInput,
  options: { now: number; timeoutMs: number; onRecorded?: () => void },
): Promise<CallReport> {
  const { owner, did } = ownerOf(state, input);
  const pbx = owner.pbx;
  if (!pbx) throw new ZadarmaError(409, `User ${owner.id} has no PBX to take the call`);
  const extension = input.extension ?? String(answeringExtension(pbx)?.number ?? 100);
  const answered = input.answered ?? true;
  const seconds = answered ? (input.durationSeconds ?? 42) : 0;
  const callStart = zadarmaDateTime(options.now);
  const pbxCallId = `in_${randomBytes(20).toString('hex')}`;
  const callerId = (input.from ?? `4930${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`).replace(
    /^\+/,
    '',
  );
  pbx.calls.push({
    pbxCallId,
    callId: Number(`${Math.floor(options.now / 1000)}.${Math.floor(Math.random() * 1e6)}`),
    start: options.now,
    callerId,
    calledDid: did,
    extension: Number(extension),
    seconds,
    disposition: answered ? 'answered' : 'no answer',
  });
  options.onRecorded?.();

  const report: CallReport = {
    pbxCallId,
    userId: owner.id,
    url: pbx.callinfo.url,
    echo: null,
    deliveries: [],
  };
  if (!pbx.callinfo.url) return report;

  // Zadarma's check of the URL: it must answer the echo, as plain text.
  const echo = randomBytes(12).toString('hex');
  const echoUrl = new URL(pbx.callinfo.url);
  echoUrl.searchParams.set('zd_echo', echo);
  try {
    const res = await send(echoUrl.href, { method: 'GET' }, options.timeoutMs);
    report.echo = { ok: res.status === 200 && res.text.trim() === echo, status: res.status };
  } catch (error) {
    report.echo = { ok: false, error: failure(error) };
  }
  if (!report.echo.ok) return report;

  const base = { call_start: callStart, pbx_call_id: pbxCallId, caller_id: callerId };
  const events: [CallinfoEvent, Record<string, string>][] = [
    ['notify_start', { event: 'NOTIFY_START', ...base, called_did: did }],
    ['notify_internal', { event: 'NOTIFY_INTERNAL', ...base, called_did: did, internal: extension }],
  ];
  if (answered) {
    events.push([
      'notify_answer',
      { event: 'NOTIFY_ANSWER', ...base, destination: extension, internal: extension },
    ]);
  }
  events.push([
    'notify_end',
    {
      event: 'NOTIFY_END',
      ...base,
      called_did: did,
      internal: extension,
      duration: String(seconds),
      disposition: answered ? 'answered' : 'no answer',
      status_code: answered ? '16' : '19',
      is_recorded: '0',
      call_id_with_rec: '',
    },
  ]);
  for (const [setting, body] of events) {
    if (!pbx.callinfo.notifications[setting]) continue;
    const delivery: Delivery = { event: body.event ?? '' };
    try {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      const signature = signWebhook(body, owner.secret);
      if (signature) headers.Signature = signature;
      const res = await send(
        pbx.callinfo.url,
        { method: 'POST', headers, body: new URLSearchParams(body).toString() },
        options.timeoutMs,
      );
      delivery.status = res.status;
    } catch (error) {
      delivery.error = failure(error);
    }
    report.deliveries.push(delivery);
  }
  return report;
}
