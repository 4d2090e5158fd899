/** Validators of what a customer types (pure, no DOM): undefined when fine, else the problem. */

export type FieldProblem = 'format' | 'too-long';

/** Caller name (CNAM): Latin letters, digits and spaces, at most 30 characters; empty clears it. */
export function validateCallerName(value: string): FieldProblem | undefined {
  if (value.length > 30) return 'too-long';
  return /^[A-Za-z0-9 ]*$/.test(value) ? undefined : 'format';
}

/**
 * Where calls go: a SIP login or PBX extension (digits, e.g. `100` or `12345`) or a SIP URI
 * (`1234567890@sip.example.com`, optionally `sip:`-prefixed, with a port). Returns the value to send.
 */
export function normalizeSipId(value: string): string | undefined {
  const v = value.trim().replace(/^sip:/i, '');
  if (/^\d{2,20}$/.test(v)) return v;
  if (/^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$/.test(v)) return v;
  return undefined;
}
