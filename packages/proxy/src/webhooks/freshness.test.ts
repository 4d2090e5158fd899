import { describe, expect, it } from 'vitest';
import { parseZonedDateTime, signedTime } from './freshness.js';

describe('the time a notification vouches for', () => {
  it('reads call_start on the wall clock of the PBX’s time zone, summer and winter', () => {
    expect(parseZonedDateTime('2026-12-02 14:00:00', 'UTC')).toBe(Date.UTC(2026, 11, 2, 14));
    expect(parseZonedDateTime('2026-12-02 15:00:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 11, 2, 14));
    expect(parseZonedDateTime('2026-07-01 16:00:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 14));
    expect(parseZonedDateTime('2026-12-02 17:00:00', 'Europe/Moscow')).toBe(Date.UTC(2026, 11, 2, 14));
    // Just after the change to summer time in Berlin (02:00 → 03:00 on 29 March 2026).
    expect(parseZonedDateTime('2026-03-29 03:30:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('refuses what is not a date and time', () => {
    for (const text of [
      '',
      '2026-12-02',
      '2026-12-02T14:00:00',
      '2026-02-30 10:00:00',
      '2026-12-02 24:00:00',
      '1e9',
    ])
      expect(parseZonedDateTime(text, 'UTC'), text).toBeUndefined();
  });

  it('dates a notification only by a field its signature covers', () => {
    expect(signedTime({ event: 'NOTIFY_START', call_start: '2026-12-02 14:00:00' }, 'UTC')).toBe(
      Date.UTC(2026, 11, 2, 14),
    );
    // NOTIFY_RECORD signs call_id_with_rec, whose first part is the call's Unix time; its call_start is not signed.
    expect(
      signedTime(
        { event: 'NOTIFY_RECORD', call_id_with_rec: '1796220000.123', call_start: '2030-01-01 00:00:00' },
        'UTC',
      ),
    ).toBe(1796220000 * 1000);
    expect(signedTime({ event: 'NOTIFY_RECORD', call_start: '2026-12-02 14:00:00' }, 'UTC')).toBeUndefined();
    expect(signedTime({ event: 'constructor', call_start: '2026-12-02 14:00:00' }, 'UTC')).toBeUndefined();
  });
});
