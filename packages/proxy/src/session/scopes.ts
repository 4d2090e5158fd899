/** What a browser session may do. Each allowlisted operation needs one of these. */
export const SCOPES = [
  'numbers:read',
  'numbers:order',
  'documents',
  'softphone',
  'phone:verify',
  'pbx:manage',
  'events',
] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}
