/**
 * How params travel to the proxy. The spec describes a GET's params as one `params` object in the
 * query; the proxy (like Zadarma) wants them flat: `?country=DE&language=de`.
 */

export type Scalar = string | number | boolean;
export type FlatParams = Record<string, Scalar | undefined | null>;

function append(out: URLSearchParams, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'object') {
    // Nested objects (the spec's `params` wrapper) are spread into the top level.
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) append(out, k, v);
    return;
  }
  out.append(key, String(value));
}

/** Flattens `{params: {country: 'DE'}}` (and plain objects) into `country=DE`; drops empty values. */
export function flattenQuery(query: Record<string, unknown>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) append(out, key, value);
  return out.toString();
}

/** A form-urlencoded body from flat params; drops undefined/null (an empty string is kept: it clears). */
export function formBody(body: unknown): URLSearchParams {
  const out = new URLSearchParams();
  if (typeof body === 'object' && body !== null) {
    for (const [key, value] of Object.entries(body)) append(out, key, value);
  }
  return out;
}
