/**
 * The lazily loaded parts of a script-tag bundle (`chunks/…` beside it: libphonenumber-js, later JsSIP).
 * A chunk that cannot be loaded is a deployment problem the partner must see: the failure names the
 * chunk and the fix, once in the console, and comes back as a `config` error the element can show and
 * report (`zd-error`) — never a silent wait.
 */
import { ZdApiError } from '../client/errors.js';

/** Loads a chunk (`load` is the `import()` of it); rejects with a `ZdApiError` that says what to fix. */
export function loadChunk<T>(name: string, load: () => Promise<T>): Promise<T> {
  return load().catch((cause: unknown) => {
    const error = new ZdApiError({
      kind: 'config',
      message:
        `could not load the "${name}" chunk (${cause instanceof Error ? cause.message : String(cause)}): ` +
        'deploy the chunks/ folder beside the bundle and serve both with CORS (Access-Control-Allow-Origin)',
    });
    console.error(`Zadarma Elements: ${error.message}`);
    throw error;
  });
}
