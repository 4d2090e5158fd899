/**
 * `ApiTask`: Lit's `Task` for calls to the proxy. On top of Task (which already aborts a superseded run
 * and drops its answer), it aborts the run in flight when the element leaves the page, and runs again
 * when the element comes back.
 */
import { Task, TaskStatus } from '@lit/task';
import { isAbortError } from '../client/errors.js';

export class ApiTask<const T extends ReadonlyArray<unknown>, const R> extends Task<T, R> {
  #abortedByDisconnect = false;

  hostConnected(): void {
    if (this.#abortedByDisconnect) {
      this.#abortedByDisconnect = false;
      void this.run().catch(() => undefined);
    }
  }

  hostDisconnected(): void {
    if (this.status === TaskStatus.PENDING) {
      this.#abortedByDisconnect = true;
      this.abort(new DOMException('The element left the page', 'AbortError'));
    }
  }

  /** The error, unless it is only the abort of a superseded or abandoned run. */
  get failure(): unknown {
    return this.status === TaskStatus.ERROR && !isAbortError(this.error) ? this.error : undefined;
  }
}
