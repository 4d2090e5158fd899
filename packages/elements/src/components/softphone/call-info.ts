/** What the page learns of a call (events, `state`): a snapshot without media or credentials. */
import type { ZdCallInfo } from '../../base/events.js';
import type { PhoneCall, RegistrationState } from '../../phone/types.js';

export const callInfo = (call: PhoneCall): ZdCallInfo => ({
  id: call.id,
  direction: call.direction,
  number: call.remote.number,
  ...(call.remote.name ? { name: call.remote.name } : {}),
  status: call.status,
  muted: call.muted,
});

/** What `state` tells: registration and the calls as they are now. */
export interface SoftphoneState {
  registration: RegistrationState;
  /** The call in front (talking, dialling, or on hold when it is the only one). */
  current: ZdCallInfo | undefined;
  /** A call that rings and is not answered yet. */
  incoming: ZdCallInfo | undefined;
  calls: ZdCallInfo[];
}
