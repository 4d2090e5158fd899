/** The sandbox's calls that need the SIP gateway: set by `startSandbox` when its gateway runs. */
import type { LiveCalls } from './live-calls.js';
import type { MediaLog } from './media-log.js';

export interface Telephony {
  live: LiveCalls;
  media: MediaLog;
}
