import { operations, type OperationId } from './generated/operations.js';
import type { OperationSpec } from './operation-spec.js';

export { operations, type OperationId };

export interface MatchedOperation {
  id: OperationId;
  spec: OperationSpec;
  /** Path params by name, decoded. */
  pathParams: Record<string, string>;
  /** The canonical path that is signed and sent upstream (always with its trailing slash). */
  path: string;
}

// A path param is one plain segment: letters, digits, `_` and `-` (e.g. `13755`, `ru495`, `100`).
const SEGMENT = '([A-Za-z0-9_-]+)';

interface CompiledOperation {
  id: OperationId;
  spec: OperationSpec;
  pattern: RegExp;
  names: string[];
}

function compile(id: OperationId, spec: OperationSpec): CompiledOperation {
  const names: string[] = [];
  const source = spec.path
    .replace(/\/$/, '')
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return SEGMENT;
    })
    .join('/');
  // The trailing slash is optional: Zadarma's docs spell paths both ways.
  return { id, spec, pattern: new RegExp(`^${source}/?$`), names };
}

/** Finds operations by method and path. Build one per allowlist; it only knows the operations given. */
export class OperationMatcher {
  readonly #compiled: CompiledOperation[];

  constructor(ids: readonly OperationId[] = Object.keys(operations) as OperationId[]) {
    this.#compiled = ids.map((id) => compile(id, operations[id]));
  }

  /**
   * `path` is the already URL-parsed pathname. Anything not spelled canonically (empty, `.` or `..`
   * segments, encoded characters) matches nothing, so it cannot sneak past an allowlist.
   */
  match(method: string, path: string): MatchedOperation | undefined {
    for (const op of this.#compiled) {
      if (op.spec.method !== method) continue;
      const m = op.pattern.exec(path);
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      op.names.forEach((name, i) => (pathParams[name] = m[i + 1] ?? ''));
      const canonical = op.spec.path.replace(/\{(\w+)\}/g, (_, name: string) => pathParams[name] ?? '');
      return { id: op.id, spec: op.spec, pathParams, path: canonical };
    }
    return undefined;
  }

  /** Whether some operation lives at this path under another method (for a helpful error). */
  hasPath(path: string): boolean {
    return this.#compiled.some((op) => op.pattern.test(path));
  }
}
