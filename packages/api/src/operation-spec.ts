/** A JSON schema as ajv takes it (generated from the OpenAPI description). */
export type JsonSchema = { [key: string]: unknown };

/** One operation of the Zadarma API, as generated from the official OpenAPI description. */
export interface OperationSpec {
  method: string;
  /** Zadarma's path template with its trailing slash, e.g. `/v1/direct_numbers/available/{direction_id}/`. */
  path: string;
  pathParams: Record<string, JsonSchema>;
  /** Body encoding of the spec; `null` for operations that take query params only. */
  contentType: string | null;
  /** Schema of the signed params (query and body together; path params excluded). */
  params: JsonSchema;
  /** Statistics operations have their own, much smaller rate limit. */
  statistics: boolean;
}
