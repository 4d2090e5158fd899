/**
 * Faults of the SIP gateway for the softphone tests (issue 11): drop every WebSocket, refuse
 * registrations for a while, delay or lose a share of incoming SIP messages, restart. Set over
 * `POST /sandbox/sip/faults` or on RunningGateway.faults; `DELETE /sandbox/sip/faults` clears them.
 */
export interface SipFaultInput {
  dropConnections?: boolean;
  refuseRegistrations?: { forMs: number; status?: number };
  delayMs?: number;
  lossRate?: number;
  /** How long delayMs / lossRate last; for ever when absent. */
  forMs?: number;
  restart?: boolean;
}

export interface SipFaultState {
  refuseRegistrationsUntil?: number;
  refuseStatus?: number;
  delayMs?: number;
  lossRate?: number;
  impairUntil?: number;
}

export class SipFaultInputError extends Error {
  override name = 'SipFaultInputError';
}

const KEYS = ['dropConnections', 'refuseRegistrations', 'delayMs', 'lossRate', 'forMs', 'restart'];

function nonNegative(value: unknown, name: string, max = 3_600_000): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max)
    throw new SipFaultInputError(`${name} must be a number from 0 to ${max}`);
  return value;
}

/** Checks a fault request's body (a JSON object). */
export function parseSipFault(body: Record<string, unknown>): SipFaultInput {
  const unknown = Object.keys(body).filter((k) => !KEYS.includes(k));
  if (unknown.length)
    throw new SipFaultInputError(
      `unknown field(s): ${unknown.join(', ')}; the fields are ${KEYS.join(', ')}`,
    );
  const fault: SipFaultInput = {};
  if (body.dropConnections !== undefined) fault.dropConnections = body.dropConnections === true;
  if (body.restart !== undefined) fault.restart = body.restart === true;
  if (body.refuseRegistrations !== undefined) {
    const r = body.refuseRegistrations as Record<string, unknown> | null;
    if (typeof r !== 'object' || r === null)
      throw new SipFaultInputError('refuseRegistrations must be {forMs, status?}');
    const status =
      r.status === undefined ? undefined : nonNegative(r.status, 'refuseRegistrations.status', 699);
    if (status !== undefined && (status < 400 || !Number.isInteger(status)))
      throw new SipFaultInputError('refuseRegistrations.status must be a SIP status 400–699');
    fault.refuseRegistrations = { forMs: nonNegative(r.forMs, 'refuseRegistrations.forMs'), status };
  }
  if (body.delayMs !== undefined) fault.delayMs = nonNegative(body.delayMs, 'delayMs', 60_000);
  if (body.lossRate !== undefined) fault.lossRate = nonNegative(body.lossRate, 'lossRate', 1);
  if (body.forMs !== undefined) fault.forMs = nonNegative(body.forMs, 'forMs');
  if (Object.keys(fault).length === 0)
    throw new SipFaultInputError(`give at least one of ${KEYS.join(', ')}`);
  return fault;
}

/** What a gateway does with faults; RunningGateway.faults and the sandbox endpoint share it. */
export interface SipFaultControl {
  apply(fault: SipFaultInput): Promise<SipFaultState>;
  clear(): SipFaultState;
  state(): SipFaultState;
}
