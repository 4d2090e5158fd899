/** Params checked against the official spec (ajv) before anything is signed. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { MatchedOperation, OperationId } from './operations.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives one level down.
const addFormats = formatsPlugin.default;

// Browsers send text; coercion lets "3766" satisfy `integer` while the original text is what gets signed.
const ajv = new Ajv({ allErrors: false, coerceTypes: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
// Internationalised addresses (RFC 6531) too: "jürgen@example.de" is an address people have, and
// Zadarma's own signature examples use one. ajv-formats' `email` is ASCII-only.
ajv.addFormat('email', /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u);

const cache = new Map<string, { params: ValidateFunction; path: ValidateFunction }>();

function validatorsFor(id: OperationId, op: MatchedOperation['spec']) {
  let v = cache.get(id);
  if (!v) {
    v = {
      params: ajv.compile(op.params),
      path: ajv.compile({ type: 'object', properties: op.pathParams, required: Object.keys(op.pathParams) }),
    };
    cache.set(id, v);
  }
  return v;
}

function describe(errors: ErrorObject[] | null | undefined): { field: string; message: string } {
  const error = errors?.[0];
  if (!error) return { field: '', message: 'params are not valid' };
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : undefined;
  const extra =
    error.keyword === 'additionalProperties' ? String(error.params.additionalProperty) : undefined;
  const field = missing ?? extra ?? error.instancePath.replace(/^\//, '').split('/')[0] ?? '';
  if (missing) return { field, message: `${field}: is required` };
  if (extra) return { field, message: `${field}: is not a param of this operation` };
  if (error.keyword === 'enum') {
    return {
      field,
      message: `${field}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`,
    };
  }
  return { field, message: `${field || 'params'}: ${error.message ?? 'is not valid'}` };
}

export interface ParamProblem {
  field: string;
  message: string;
}

/**
 * The first param (text, as sent) or path param that the spec does not accept, or null.
 * `files` names the multipart file fields, which stand in as placeholders.
 */
export function findParamProblem(
  op: MatchedOperation,
  params: Record<string, string>,
  extra: { files?: string[] } = {},
): ParamProblem | null {
  const v = validatorsFor(op.id, op.spec);
  if (!v.path({ ...op.pathParams })) return describe(v.path.errors);
  // A copy: coercion rewrites values.
  const data: Record<string, unknown> = { ...params };
  for (const name of extra.files ?? []) data[name] = '(file)';
  return v.params(data) ? null : describe(v.params.errors);
}
