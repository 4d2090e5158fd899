import { findParamProblem, type MatchedOperation } from '@zadarma-elements/api';
import { ProxyError } from '../http/errors.js';
import type { FlatParams } from './params.js';

/** Throws `invalid_param` naming the first offending field. `user_id` is never part of `params` here. */
export function validateParams(
  op: MatchedOperation,
  params: FlatParams,
  extra: { files?: string[] } = {},
): void {
  const problem = findParamProblem(op, params, extra);
  if (problem) throw new ProxyError('invalid_param', problem.message, { field: problem.field });
}
