/**
 * Which users have a page listening for their notifications: the users a webhook is verified for.
 * A notification for anyone else is refused before any secret is looked up, so forged posts to made-up
 * user ids cost nothing. Kept in the store, so that every instance knows of streams open on the others.
 */
import type { ProxyStore } from '../store/store.js';

const key = (userId: string) => `events:listening:${userId}`;

/** The user listens until `untilMs` (the expiry of the token its stream was opened with), or longer. */
export async function markListening(store: ProxyStore, userId: string, untilMs: number): Promise<void> {
  const current = Number((await store.get(key(userId))) ?? 0);
  if (current >= untilMs) return;
  await store.set(key(userId), String(untilMs), untilMs - Date.now());
}

export async function isListening(store: ProxyStore, userId: string): Promise<boolean> {
  return (await store.get(key(userId))) !== undefined;
}
