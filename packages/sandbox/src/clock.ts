/** Zadarma's date format, `YYYY-MM-DD HH:MM:SS` (UTC in the sandbox). */
export function zadarmaDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Adds calendar months in UTC, as a subscription period does. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}
