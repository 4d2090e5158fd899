/**
 * PLACEHOLDER of the w/ui branch so the element compiles before the engine lands: the engine branch
 * (w/engine) owns this file and replaces it at the merge. It only refuses to start.
 */
import { ZdApiError } from '../client/errors.js';
import type { PhoneEngine, PhoneEngineOptions } from './types.js';

export function createPhoneEngine(options: PhoneEngineOptions): PhoneEngine {
  void options;
  const engine = Object.assign(new EventTarget(), {
    registration: 'off' as const,
    calls: [],
    start: () =>
      Promise.reject(new ZdApiError({ kind: 'config', message: 'the phone engine is not built in' })),
    stop: () => Promise.resolve(),
    call: () =>
      Promise.reject(new ZdApiError({ kind: 'config', message: 'the phone engine is not built in' })),
  });
  return engine;
}
