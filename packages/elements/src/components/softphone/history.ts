/** The calls of this session, newest first, as the history view lists them. */
import type { EndedDetail } from '../../phone/types.js';
import type { HistoryEntry } from './views/view.js';

const HISTORY_LIMIT = 50;

export function withEndedCall(history: readonly HistoryEntry[], ended: EndedDetail): HistoryEntry[] {
  const { call, disposition, durationMs, timings } = ended;
  const entry: HistoryEntry = {
    id: call.id,
    direction: call.direction,
    number: call.remote.number,
    name: call.remote.name,
    disposition,
    durationMs,
    timings,
    endedAt: Date.now(),
  };
  return [entry, ...history].slice(0, HISTORY_LIMIT);
}
