/** What every operation handler gets, and small readers for its (already spec-validated) params. */
import type { MatchedOperation, OperationId, Params } from '@zadarma-elements/api';
import { refused } from '../errors.js';
import type { UploadedFile } from '../multipart.js';
import type { ResolvedOptions } from '../options.js';
import type { Account, SandboxState } from '../state/types.js';

export interface OperationContext {
  op: MatchedOperation;
  /** The text params (query or body), without `format`; `user_id` only where the operation names it. */
  params: Record<string, string>;
  /** Everything sent, structure kept (JSON bodies). */
  raw: Params;
  file: UploadedFile | undefined;
  /** Whose key signed the request. */
  caller: Account;
  /** Whom the request acts for: the caller, or the sub-user named by `user_id`. */
  account: Account;
  state: SandboxState;
  options: ResolvedOptions;
  now: number;
}

export type Answer = { status: 'success' } & Record<string, unknown>;
export type Handler = (ctx: OperationContext) => Answer | Promise<Answer>;
export type HandlerTable = Partial<Record<OperationId, Handler>>;

export const text = (ctx: OperationContext, name: string): string => ctx.params[name] ?? '';
export const optionalText = (ctx: OperationContext, name: string): string | undefined => ctx.params[name];

export function integer(ctx: OperationContext, name: string): number {
  const value = optionalInteger(ctx, name);
  if (value === undefined) throw refused(`${name}: is required`);
  return value;
}

export function optionalInteger(ctx: OperationContext, name: string): number | undefined {
  const value = ctx.params[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw refused(`${name}: must be integer`);
  return n;
}

export function amount(ctx: OperationContext, name: string): number {
  const n = Number(ctx.params[name]);
  if (!Number.isFinite(n) || n <= 0) throw refused(`${name}: must be a positive number`);
  return n;
}

/** Zadarma's boolean text: "true"/"false" in answers. */
export const flag = (value: boolean): 'true' | 'false' => (value ? 'true' : 'false');

/** Operations only a reseller's own key may call (the sub-user is then named by `user_id`). */
export function requireReseller(ctx: OperationContext): void {
  if (ctx.caller.resellerId !== null) throw refused('This method is available to resellers only');
}

/** A reseller operation about a sub-user: `user_id` must name one of the caller's sub-users. */
export function targetUser(ctx: OperationContext): Account {
  requireReseller(ctx);
  if (ctx.account === ctx.caller) throw refused('user_id: is required');
  return ctx.account;
}
