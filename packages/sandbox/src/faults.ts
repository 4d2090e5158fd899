/**
 * Fault injection for failure tests of the proxy and the elements: added latency, a share of
 * errors, forced statuses (429, 5xx), malformed JSON and connection resets. Rules can be limited
 * to N requests, a path prefix and a method, and act before the request is carried out or after
 * (an order that happened, whose answer is lost — the case that must not lead to a second order).
 */

export type FaultPhase = 'before' | 'after';

export interface FaultRuleInput {
  /** Added to every matching request. */
  latencyMs?: number;
  /** Share (0–1) of matching requests that fail with `status` (500 unless given). */
  errorRate?: number;
  /** Answer with this HTTP status (400–599) and Zadarma's error body. */
  status?: number;
  /** Answer 200 with a body that is not JSON. */
  malformedJson?: boolean;
  /** Close the connection without an answer. */
  connectionReset?: boolean;
  /** Default: `before` for statuses and resets, `after` for malformed JSON. */
  phase?: FaultPhase;
  /** Only the next N matching requests. */
  count?: number;
  /** Only paths starting with this, e.g. `/v1/direct_numbers/order`. */
  pathPrefix?: string;
  /** Only this HTTP method. */
  method?: string;
}

export interface FaultRule extends FaultRuleInput {
  id: number;
  /** Requests it has acted on. */
  hits: number;
}

export type FaultAction = { kind: 'status'; status: number } | { kind: 'malformed' } | { kind: 'reset' };

export interface FaultPlan {
  latencyMs: number;
  before: FaultAction | undefined;
  after: FaultAction | undefined;
}

export class FaultInputError extends Error {
  override name = 'FaultInputError';
}

/** Checks a rule that arrived as JSON (sandbox endpoint, env) and returns it typed. */
export function parseFaultRule(input: unknown): FaultRuleInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultInputError('a fault rule is a JSON object');
  }
  const raw = input as Record<string, unknown>;
  const known = [
    'latencyMs',
    'errorRate',
    'status',
    'malformedJson',
    'connectionReset',
    'phase',
    'count',
    'pathPrefix',
    'method',
  ];
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length) throw new FaultInputError(`unknown fault setting(s): ${unknown.join(', ')}`);
  const rule: FaultRuleInput = {};
  const num = (name: string, min: number, max: number): number | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new FaultInputError(`${name} must be a number from ${min} to ${max}`);
    }
    return v;
  };
  const flag = (name: string): boolean | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') throw new FaultInputError(`${name} must be true or false`);
    return v;
  };
  const text = (name: string): string | undefined => {
    const v = raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !v) throw new FaultInputError(`${name} must be a non-empty string`);
    return v;
  };
  rule.latencyMs = num('latencyMs', 0, 120_000);
  rule.errorRate = num('errorRate', 0, 1);
  rule.status = num('status', 400, 599);
  if (rule.status !== undefined && !Number.isInteger(rule.status))
    throw new FaultInputError('status must be an integer');
  rule.malformedJson = flag('malformedJson');
  rule.connectionReset = flag('connectionReset');
  rule.count = num('count', 1, 1_000_000);
  rule.pathPrefix = text('pathPrefix');
  rule.method = text('method')?.toUpperCase();
  const phase = raw.phase;
  if (phase !== undefined && phase !== 'before' && phase !== 'after')
    throw new FaultInputError('phase must be "before" or "after"');
  rule.phase = phase;
  const effects = [
    rule.latencyMs,
    rule.errorRate,
    rule.status,
    rule.malformedJson || undefined,
    rule.connectionReset || undefined,
  ];
  if (effects.every((e) => e === undefined)) {
    throw new FaultInputError(
      'a fault rule needs an effect: latencyMs, errorRate, status, malformedJson or connectionReset',
    );
  }
  return Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined)) as FaultRuleInput;
}

export class Faults {
  #rules: FaultRule[] = [];
  #nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: this.#nextId++, hits: 0 };
    this.#rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  remove(id: number): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length < before;
  }

  clear(): void {
    this.#rules = [];
  }

  /** What happens to this request; counts it against the rules that act on it. */
  plan(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, before: undefined, after: undefined };
    for (const rule of this.#rules) {
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.count !== undefined && rule.hits >= rule.count) continue;
      const action = actionOf(rule);
      let acted = rule.latencyMs !== undefined;
      if (rule.latencyMs) plan.latencyMs += rule.latencyMs;
      if (action) {
        const phase = rule.phase ?? (action.kind === 'malformed' ? 'after' : 'before');
        if (!plan[phase]) {
          plan[phase] = action;
          acted = true;
        }
      }
      if (acted) rule.hits++;
    }
    this.#rules = this.#rules.filter((r) => r.count === undefined || r.hits < r.count);
    return plan;
  }
}

function actionOf(rule: FaultRule): FaultAction | undefined {
  if (rule.connectionReset) return { kind: 'reset' };
  if (rule.malformedJson) return { kind: 'malformed' };
  if (rule.errorRate !== undefined) {
    return Math.random() < rule.errorRate ? { kind: 'status', status: rule.status ?? 500 } : undefined;
  }
  if (rule.status !== undefined) return { kind: 'status', status: rule.status };
  return undefined;
}

/** The body of a "malformed JSON" answer: the start of a real one, cut off. */
export const MALFORMED_BODY = '{"status":"success","info":[{"number":"4930';
