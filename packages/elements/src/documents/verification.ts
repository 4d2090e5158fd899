/**
 * Where a document group stands for a destination, and how often to ask while it is being verified
 * (pure). Zadarma allows a partner 100 requests a minute for all its customers: a waiting page asks one
 * question per check, less and less often.
 */
import type { GroupCheck } from '../i18n/translation.js';

/** `ready`: all four checks pass; `pending`: only the verification is missing; `missing`: the customer has more to do. */
export type DocumentsStage = 'ready' | 'pending' | 'missing';

export function documentsStage(failed: readonly GroupCheck[]): DocumentsStage {
  if (failed.length === 0) return 'ready';
  return missingChecks(failed).length ? 'missing' : 'pending';
}
/**
 * What the customer still has to give: the failed checks other than `verified`. Empty while only Zadarma's
 * verification is pending (the order can go on then) or when all pass.
 */
export function missingChecks(failed: readonly GroupCheck[]): MissingCheck[] {
  return failed.filter((check): check is MissingCheck => check !== 'verified');
}

/** A check the customer can do something about (the verification is Zadarma's). */
export type MissingCheck = Exclude<GroupCheck, 'verified'>;

/**
 * The pause before the next check, in ms: `intervalSeconds` first, then twice the previous pause, up to
 * 16 times the first. Nonsense (0, negative, not a number) counts as 30 s rather than asking without pause.
 */
export function nextCheckDelay(previousMs: number, intervalSeconds: number): number {
  const first = (intervalSeconds > 0 ? intervalSeconds : 30) * 1000;
  return previousMs > 0 ? Math.min(previousMs * 2, first * 16) : first;
}
