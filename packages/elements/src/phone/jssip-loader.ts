/**
 * JsSIP, loaded on the first "enable calls" only: a dynamic import, so the script-tag bundles put it in
 * a chunk (`chunks/jssip-*.js`) that pages without a softphone never fetch. JsSIP is CommonJS; bundlers
 * hand it over either as the namespace or as its default export, so both are accepted.
 */
import { loadChunk } from '../base/chunks.js';
import type { JsSipModule } from './types.js';

function isJsSip(value: unknown): value is JsSipModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<JsSipModule>).UA === 'function' &&
    typeof (value as Partial<JsSipModule>).WebSocketInterface === 'function'
  );
}

/** The module itself, whichever way the bundler wrapped it. */
export function jsSipFrom(module: unknown): JsSipModule {
  if (isJsSip(module)) return module;
  const fallback = (module as { default?: unknown } | null)?.default;
  if (isJsSip(fallback)) return fallback;
  throw new Error('the module has no JsSIP UA');
}

let loading: Promise<JsSipModule> | undefined;

/** The default loader: one import per page, a `config` ZdApiError naming the chunk when it fails. */
export function loadJsSip(): Promise<JsSipModule> {
  loading ??= loadChunk('jssip', async () => jsSipFrom(await import('./jssip-chunk.js'))).catch(
    (error: unknown) => {
      loading = undefined; // a later "enable calls" may try again (the chunk may be deployed by then)
      throw error;
    },
  );
  return loading;
}
