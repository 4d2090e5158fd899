/** How a call ended, from JsSIP's cause (its names for SIP outcomes; docs: JsSIP_C.causes). */
import type { Disposition } from './types.js';

export function dispositionFor(cause: string | undefined, answered: boolean): Disposition {
  if (answered) return 'answered';
  switch (cause) {
    case 'Busy':
      return 'busy';
    case 'Rejected':
      return 'declined';
    case 'Canceled':
      return 'cancelled';
    case 'No Answer':
    case 'Expires':
      return 'no answer';
    default:
      return 'failed';
  }
}

/** The number a person recognises: `5001-101` (a login) is extension 101. */
export function displayNumber(user: string | undefined | null): string {
  const value = user ?? '';
  const login = /^\d+-(\d+)$/.exec(value);
  return login?.[1] ?? value;
}
