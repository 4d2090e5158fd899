/** JSON bodies of the `/sandbox/` endpoints: an object or nothing; a wrong field is a 400 saying which. */
import type { Context } from 'hono';
import { parseJsonInput } from '@zadarma-elements/api';

/** Bad input to a sandbox endpoint: answered 400 with the message. */
export class BadInput extends Error {}

export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    const body: unknown = parseJsonInput(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // refused below
  }
  throw new BadInput('the body must be a JSON object');
}

export const optionalString = (body: Record<string, unknown>, name: string): string | undefined => {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw new BadInput(`${name} must be a string`);
  return String(v);
};
