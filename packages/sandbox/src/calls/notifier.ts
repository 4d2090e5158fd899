/**
 * Zadarma's call notifications for one call: first a `GET <url>?zd_echo=<random>` that must answer the
 * echo (Zadarma's URL check), then the events form-encoded, in order, each with a `Signature` header
 * made with the API secret of the account that owns the PBX. Scripted calls and real calls through the
 * SIP gateway both tell what happened through this.
 */
import { randomBytes } from 'node:crypto';
import { signWebhook } from '@zadarma-elements/api';
import type { Account, CallinfoEvent, Pbx } from '../state/types.js';

export interface Delivery {
  event: string;
  status?: number;
  error?: string;
}

export interface NotificationReport {
  url: string;
  /** The `zd_echo` check: notifications are sent only when it passed. */
  echo: { ok: boolean; status?: number; error?: string } | null;
  deliveries: Delivery[];
}

async function send(url: string, init: RequestInit, timeoutMs: number) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class CallNotifier {
  readonly report: NotificationReport;
  /** Events go out one after another, in the order the call produced them. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly owner: Account,
    private readonly pbx: Pbx,
    private readonly timeoutMs: number,
  ) {
    // The URL is read once: a call keeps notifying where it started, as Zadarma's do.
    this.report = { url: pbx.callinfo.url, echo: null, deliveries: [] };
  }

  /** Queues one event, sent if its setting is on; resolves when it was sent (or skipped). */
  notify(setting: CallinfoEvent, body: Record<string, string>): Promise<void> {
    this.queue = this.queue.then(() => this.deliver(setting, body));
    return this.queue;
  }

  /** Resolves when every queued event was sent. */
  settled(): Promise<void> {
    return this.queue;
  }

  private async deliver(setting: CallinfoEvent, body: Record<string, string>) {
    const url = this.report.url;
    if (!url || !this.pbx.callinfo.notifications[setting]) return;
    if (!this.report.echo) this.report.echo = await this.checkEcho(url);
    if (!this.report.echo.ok) return;
    const delivery: Delivery = { event: body.event ?? '' };
    try {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      const signature = signWebhook(body, this.owner.secret);
      if (signature) headers.Signature = signature;
      const res = await send(
        url,
        { method: 'POST', headers, body: new URLSearchParams(body).toString() },
        this.timeoutMs,
      );
      delivery.status = res.status;
    } catch (error) {
      delivery.error = failure(error);
    }
    this.report.deliveries.push(delivery);
  }

  private async checkEcho(url: string): Promise<NonNullable<NotificationReport['echo']>> {
    const echo = randomBytes(12).toString('hex');
    const echoUrl = new URL(url);
    echoUrl.searchParams.set('zd_echo', echo);
    try {
      const res = await send(echoUrl.href, { method: 'GET' }, this.timeoutMs);
      return { ok: res.status === 200 && res.text.trim() === echo, status: res.status };
    } catch (error) {
      return { ok: false, error: failure(error) };
    }
  }
}
