/**
 * `GET /events`: server-sent events with the verified call notifications of the session's user.
 * The token comes in the Authorization header (read the stream with fetch), never in the URL.
 *
 * Bounded in every direction: a few streams per session and per user (per instance), a queue per
 * stream that drops the stream (not the process's memory) when its reader stops reading, keep-alives
 * while idle, and an end at the token's expiry that closes the connection even while a write waits.
 */
import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ProxyError } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { Session } from '../session/tokens.js';
import type { ProxyStore } from '../store/store.js';
import { markListening } from './listeners.js';
import { eventChannel, type WebhookSecretResolver } from './receiver.js';

export interface EventStreamLimits {
  perSession: number;
  perUser: number;
  /** Bytes of events waiting for one slow reader before its stream is dropped. */
  queueBytes: number;
  keepAliveMs: number;
}

export const DEFAULT_EVENT_LIMITS: EventStreamLimits = {
  perSession: 3,
  perUser: 10,
  queueBytes: 256 * 1024,
  keepAliveMs: 15_000,
};

export interface EventStreamDeps {
  store: ProxyStore;
  logger: Logger;
  limits: EventStreamLimits;
  /** Fetched when a stream opens, on that session's budget, so a notification finds it at hand. */
  secretFor: WebhookSecretResolver;
}

/** Open streams of this instance, per session and per user. */
export class StreamCounts {
  readonly #counts = new Map<string, number>();

  /** Takes a place for the session's stream or throws 429; returns the function that gives it back. */
  claim(session: Session, limits: EventStreamLimits): () => void {
    const keys = [`s:${session.id}`, `u:${session.userId}`] as const;
    const [bySession, byUser] = keys.map((k) => this.#counts.get(k) ?? 0) as [number, number];
    if (bySession >= limits.perSession || byUser >= limits.perUser) {
      const which =
        bySession >= limits.perSession ? `session (${limits.perSession})` : `user (${limits.perUser})`;
      throw new ProxyError('rate_limited', `too many event streams open for this ${which}; close one first`, {
        headers: { 'retry-after': '5' },
      });
    }
    for (const k of keys) this.#counts.set(k, (this.#counts.get(k) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const k of keys) {
        const left = (this.#counts.get(k) ?? 1) - 1;
        if (left > 0) this.#counts.set(k, left);
        else this.#counts.delete(k);
      }
    };
  }
}

type NodeBindings = { outgoing?: ServerResponse } | undefined;

export async function eventStream(
  c: Context,
  session: Session,
  counts: StreamCounts,
  deps: EventStreamDeps,
): Promise<Response> {
  const release = counts.claim(session, deps.limits);
  try {
    await markListening(deps.store, session.userId, session.expiresAt.getTime());
  } catch (error) {
    release();
    throw error;
  }
  // Ahead of the first notification; a failure here is retried by the notification itself.
  deps.secretFor(session.userId, { sessionId: session.id }).catch(() => {});
  // On Node, the connection itself: the only thing that ends a write waiting on a reader who stopped.
  const outgoing = (c.env as NodeBindings)?.outgoing;

  return streamSSE(c, async (stream) => {
    const queue: string[] = [];
    let queued = 0;
    let wake: (() => void) | undefined;
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      deps.logger.log('info', 'event stream ended', { userId: session.userId, reason });
      stream.abort(); // fails a pending write
      outgoing?.destroy(); // and closes the connection under it
      wake?.();
    };
    const unsubscribe = deps.store.subscribe(eventChannel(session.userId), (message) => {
      if (ended) return;
      queued += message.length;
      queue.push(message);
      if (queued > deps.limits.queueBytes) end('the reader does not keep up');
      wake?.();
    });
    const expiry = setTimeout(
      () => end('the session token expired'),
      Math.max(0, session.expiresAt.getTime() - Date.now()),
    );
    stream.onAbort(() => {
      ended = true;
      wake?.();
    });
    try {
      let id = 0;
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: session.userId }) });
      while (!ended && !stream.aborted && !stream.closed) {
        const message = queue.shift();
        if (message !== undefined) {
          queued -= message.length;
          // The event name was checked against the events the proxy verifies (receiver.ts).
          const event = (JSON.parse(message) as { event?: string }).event ?? 'message';
          await stream.writeSSE({ id: String(++id), event, data: message });
          continue;
        }
        const idle = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), deps.limits.keepAliveMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = undefined;
        if (idle && !ended) await stream.write(': keep-alive\n\n');
      }
    } catch (error) {
      // A stream that fails ends; its reader reconnects. Nothing of the error reaches the page.
      deps.logger.log('info', 'event stream failed', {
        userId: session.userId,
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      clearTimeout(expiry);
      unsubscribe();
      release();
    }
  });
}
