/**
 * The bodies of Zadarma's call notifications, as its documentation lists their fields. One call's
 * events share `call_start`, `pbx_call_id` and the caller; the signed fields are in the api package.
 */
import type { CallRecord } from '../state/types.js';

export type Disposition = CallRecord['disposition'];

/** Q.850 cause per disposition, as Zadarma reports it in `status_code`. */
const CAUSE: Record<Disposition, string> = {
  answered: '16',
  busy: '17',
  'no answer': '19',
  cancel: '487',
  'call failed': '21',
};

export interface IncomingCallFacts {
  callStart: string;
  pbxCallId: string;
  callerId: string;
  calledDid: string;
}

export const incomingEvents = {
  start: (c: IncomingCallFacts) => ({
    event: 'NOTIFY_START',
    call_start: c.callStart,
    pbx_call_id: c.pbxCallId,
    caller_id: c.callerId,
    called_did: c.calledDid,
  }),
  internal: (c: IncomingCallFacts, internal: string) => ({
    event: 'NOTIFY_INTERNAL',
    call_start: c.callStart,
    pbx_call_id: c.pbxCallId,
    caller_id: c.callerId,
    called_did: c.calledDid,
    internal,
  }),
  answer: (c: IncomingCallFacts, internal: string) => ({
    event: 'NOTIFY_ANSWER',
    call_start: c.callStart,
    pbx_call_id: c.pbxCallId,
    caller_id: c.callerId,
    destination: internal,
    internal,
  }),
  end: (c: IncomingCallFacts, internal: string, seconds: number, disposition: Disposition) => ({
    event: 'NOTIFY_END',
    call_start: c.callStart,
    pbx_call_id: c.pbxCallId,
    caller_id: c.callerId,
    called_did: c.calledDid,
    internal,
    duration: String(seconds),
    disposition,
    status_code: CAUSE[disposition],
    is_recorded: '0',
    call_id_with_rec: '',
  }),
};

export interface OutgoingCallFacts {
  callStart: string;
  pbxCallId: string;
  /** The extension that dials. */
  internal: string;
  /** The number it dials. */
  destination: string;
  /** The number shown to the called party (the extension's CallerID, else the extension). */
  callerId: string;
}

export const outgoingEvents = {
  start: (c: OutgoingCallFacts) => ({
    event: 'NOTIFY_OUT_START',
    call_start: c.callStart,
    pbx_call_id: c.pbxCallId,
    destination: c.destination,
    caller_id: c.callerId,
    internal: c.internal,
  }),
  end: (c: OutgoingCallFacts, seconds: number, disposition: Disposition) => ({
    event: 'NOTIFY_OUT_END',
    call_start: c.callStart,
    pbx_call_id: c.pbxCallId,
    caller_id: c.callerId,
    destination: c.destination,
    internal: c.internal,
    duration: String(seconds),
    disposition,
    status_code: CAUSE[disposition],
    is_recorded: '0',
    call_id_with_rec: '',
  }),
};
