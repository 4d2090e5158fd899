/**
 * What the tabs of a shared phone (shared-engine.ts) tell each other over their BroadcastChannel: the
 * leader's snapshots (structured-cloneable: no calls, no errors as objects) and the followers' commands.
 */
import { ZdApiError, type ZdErrorInit } from '../client/errors.js';
import type {
  CallQuality,
  CallStatus,
  CallTimings,
  Disposition,
  DtmfTransport,
  EndedDetail,
  PhoneCall,
  QualitySummary,
  QualityWarning,
  RegistrationState,
} from './types.js';

/** What a follower knows of a call. */
export interface CallSnapshot {
  id: string;
  direction: 'outgoing' | 'incoming';
  remote: { number: string; name?: string };
  status: CallStatus;
  muted: boolean;
  startedAt: number;
  answeredAt: number | undefined;
  /** The leader measures (each second of a talking call); a follower shows. */
  quality: CallQuality | undefined;
  warnings: QualityWarning[];
}

export interface EndedSnapshot {
  call: CallSnapshot;
  disposition: Disposition;
  durationMs: number;
  timings: CallTimings;
  cause?: string;
  quality?: QualitySummary;
}

export type ErrorSnapshot = ZdErrorInit;

export interface ReplySnapshot {
  request: string;
  callId?: string;
  error?: ErrorSnapshot;
}

export interface SharedSnapshot {
  /** The leading tab (a random id per engine): a new one means the old leader's calls are gone. */
  leader: string;
  registration: RegistrationState;
  error?: ErrorSnapshot;
  calls: CallSnapshot[];
  /** The last ended calls (most recent last), for the followers' history. */
  ended: EndedSnapshot[];
  /** The last answers to commands. */
  replies: ReplySnapshot[];
}

export type SharedCommand = { request: string } & (
  | { op: 'call'; number: string }
  | { op: 'answer' | 'decline' | 'hangup' | 'hold' | 'resume'; callId: string }
  | { op: 'mute'; callId: string; on: boolean }
  | { op: 'dtmf'; callId: string; digits: string; transport?: DtmfTransport }
  | { op: 'transfer'; callId: string; target: string; attended?: string }
);

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function snapshotOf(call: PhoneCall): CallSnapshot {
  return {
    id: call.id,
    direction: call.direction,
    remote: { ...call.remote },
    status: call.status,
    muted: call.muted,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    quality: call.quality,
    warnings: [...call.warnings],
  };
}

/** What an ended event carries across (structured-cloneable: the call as a snapshot). */
export function endedSnapshot(detail: EndedDetail): EndedSnapshot {
  const { call, disposition, durationMs, timings, cause, quality } = detail;
  return {
    call: snapshotOf(call),
    disposition,
    durationMs,
    timings,
    ...(cause ? { cause } : {}),
    ...(quality ? { quality } : {}),
  };
}

export function errorSnapshot(cause: unknown): ErrorSnapshot {
  if (cause instanceof ZdApiError) {
    const init: ErrorSnapshot = { kind: cause.kind, status: cause.status, message: cause.message };
    if (cause.code !== undefined) init.code = cause.code;
    if (cause.field !== undefined) init.field = cause.field;
    if (cause.retryAfter !== undefined) init.retryAfter = cause.retryAfter;
    return init;
  }
  return { kind: 'config', message: cause instanceof Error ? cause.message : String(cause) };
}
