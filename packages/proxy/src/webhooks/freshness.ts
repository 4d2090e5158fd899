/**
 * When a notification happened, as far as its signature vouches for it. Zadarma signs `call_start`
 * (`YYYY-MM-DD HH:MM:SS` in the PBX's time zone) for call events and `call_id_with_rec` (which begins
 * with the call's Unix time) for NOTIFY_RECORD; an unsigned field never dates a notification.
 */
import { webhookSignedFields } from '@zadarma-elements/api';

const CALL_START = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const CALL_ID = /^(\d{9,11})\.\d+$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a time zone Intl does not know (checked at start-up). */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** How far the zone's wall clock is ahead of UTC at `utcMs`. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(utcMs)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** `YYYY-MM-DD HH:MM:SS` on the wall clock of `timeZone`, as epoch milliseconds; undefined if malformed. */
export function parseZonedDateTime(text: string, timeZone: string): number | undefined {
  const m = CALL_START.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return undefined;
  if (timeZone === 'UTC') return wall;
  // The offset at the guess, corrected once for a guess on the other side of a DST change.
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

/** The time a notification's signed fields give it, or undefined when they give none. */
export function signedTime(body: Record<string, string>, timeZone: string): number | undefined {
  const fields = webhookSignedFields(body.event) ?? [];
  if (fields.includes('call_start')) return parseZonedDateTime(body.call_start ?? '', timeZone);
  if (fields.includes('call_id_with_rec')) {
    const m = CALL_ID.exec(body.call_id_with_rec ?? '');
    return m ? Number(m[1]) * 1000 : undefined;
  }
  return undefined;
}
