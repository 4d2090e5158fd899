/**
 * `ApiTask`: Lit's `Task` for calls to the proxy. On top of Task (which already aborts a superseded run
 * and drops its answer), it aborts the run in flight when the element leaves the page, and runs again
 * when the element comes back — except for tasks that must finish once started (an order).
 */
import { Task, TaskStatus, type TaskConfig } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { isAbortError } from '../client/errors.js';

export interface ApiTaskOptions {
  /** Abort the run in flight when the element leaves the page (default true). */
  abortOnDisconnect?: boolean;
}

export class ApiTask<const T extends ReadonlyArray<unknown>, const R> extends Task<T, R> {
  // Not #private: a task made while its host is on the page is told `hostConnected()` from Task's
  // constructor, before fields of this class exist (reading a #field then throws).
  private readonly abortOnDisconnect: boolean;
  private abortedByDisconnect?: boolean;

  constructor(host: ReactiveControllerHost, config: TaskConfig<T, R>, options: ApiTaskOptions = {}) {
    super(host, config);
    this.abortOnDisconnect = options.abortOnDisconnect ?? true;
  }

  hostConnected(): void {
    if (this.abortedByDisconnect) {
      this.abortedByDisconnect = false;
      void this.run().catch(() => undefined);
    }
  }

  hostDisconnected(): void {
    if (this.abortOnDisconnect && this.status === TaskStatus.PENDING) {
      this.abortedByDisconnect = true;
      this.abort(new DOMException('The element left the page', 'AbortError'));
    }
  }

  /** The error, unless it is only the abort of a superseded or abandoned run. */
  get failure(): unknown {
    return this.status === TaskStatus.ERROR && !isAbortError(this.error) ? this.error : undefined;
  }
}
