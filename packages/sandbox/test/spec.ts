/**
 * The official spec's response schemas, made into JSON Schema for ajv (tests only: the sandbox
 * itself never reads ../shared).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

const specPath = fileURLToPath(new URL('../../../../shared/zadarma/openapi.json', import.meta.url));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: JsonObject }> }>;
}

/**
 * OpenAPI 3.0 → JSON Schema: `nullable` becomes a `null` type; `example` goes. Two readings of the
 * spec's own words: `oneOf` is read as `anyOf` (its variants overlap — "status only" matches every
 * success — and have no discriminator), and a `format: uri` that the spec says is "empty string if
 * not set" accepts the empty string.
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'nullable') continue;
    if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
      continue;
    }
    out[key === 'oneOf' ? 'anyOf' : key] = toJsonSchema(value);
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  if (out.format === 'uri') {
    const plain = { ...out };
    delete plain.format;
    return { anyOf: [out, { ...plain, const: '' }] };
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false });
formatsPlugin.default(ajv);

/** Validators of the 200 answers of `ids` (only those: the spec has a broken pattern elsewhere). */
export function loadResponseValidators(ids: readonly string[]): Map<string, ValidateFunction> {
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const validators = new Map<string, ValidateFunction>();
  for (const methods of Object.values(spec.paths)) {
    for (const op of Object.values(methods)) {
      const schema = op.responses?.['200']?.content?.['application/json']?.schema;
      if (op.operationId && ids.includes(op.operationId) && schema) {
        validators.set(op.operationId, ajv.compile(toJsonSchema(schema) as JsonObject));
      }
    }
  }
  return validators;
}

/** Zadarma's error body. */
export const errorValidator = ajv.compile({
  type: 'object',
  required: ['status', 'message'],
  properties: { status: { const: 'error' }, message: { type: 'string', minLength: 1 } },
  additionalProperties: false,
});
