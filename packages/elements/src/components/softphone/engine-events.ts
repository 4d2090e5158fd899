/** Listens to a phone engine's typed events; the function it returns undoes every listener. */
import type { PhoneEngine, PhoneEngineEventMap } from '../../phone/types.js';

export type EngineHandlers = {
  [K in keyof PhoneEngineEventMap]: (detail: PhoneEngineEventMap[K]['detail']) => void;
};

export function listenToEngine(engine: PhoneEngine, handlers: EngineHandlers): () => void {
  const offs = (Object.keys(handlers) as (keyof PhoneEngineEventMap)[]).map((name) => {
    const listener = (event: Event) =>
      (handlers[name] as (detail: unknown) => void)((event as CustomEvent<unknown>).detail);
    engine.addEventListener(name, listener);
    return () => engine.removeEventListener(name, listener);
  });
  return () => offs.forEach((off) => off());
}
