/**
 * `GET /events`: server-sent events with the verified call notifications of the session's user.
 * The token comes in the Authorization header (read the stream with fetch), never in the URL.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Session } from '../session/tokens.js';
import type { ProxyStore } from '../store/store.js';
import { eventChannel } from './receiver.js';

const KEEPALIVE_MS = 15_000;

export function eventStream(c: Context, session: Session, store: ProxyStore): Response {
  return streamSSE(c, async (stream) => {
    let id = 0;
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = store.subscribe(eventChannel(session.userId), (message) => {
      queue.push(message);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: session.userId }) });
    // The stream ends with the session: the page reconnects with a fresh token.
    const endsAt = session.expiresAt.getTime();
    while (!stream.aborted && !stream.closed && Date.now() < endsAt) {
      const message = queue.shift();
      if (message !== undefined) {
        const event = (JSON.parse(message) as { event?: string }).event ?? 'message';
        await stream.writeSSE({ id: String(++id), event, data: message });
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(KEEPALIVE_MS, Math.max(0, endsAt - Date.now())));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
    }
    unsubscribe();
  });
}
