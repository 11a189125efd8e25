/**
 * Turning the shipped (or admin-edited) JSON data into a {@link WorkCalendar}. Pure: the
 * caller reads the files (main process, tests) and hands the parsed JSON over.
 */
import { z } from 'zod';
import { HolidayFile, OfficeHoursFile, WorkCalendar, type Holiday, type OfficeHours, type TimeZoneCode } from './calendar-schema';

export { HolidayFile, HolidayFileEntry, OfficeHoursFile } from './calendar-schema';

/**
 * Validates the content of `holidays-id.json` (`{ version: 1, notes, holidays: [{ date,
 * name, kind, source }] }`). Throws an `Error` listing every problem with its path.
 */
export function parseHolidayFile(json: unknown): HolidayFile {
  const r = HolidayFile.safeParse(json);
  if (!r.success) throw new Error(`berkas hari libur tidak valid:\n${z.prettifyError(r.error)}`);
  return r.data;
}

/**
 * Validates the content of `office-hours-default.json` (`{ version: 1, source, notes,
 * officeHours: { '1': [{ start, end }], … '7': [] } }`). Throws an `Error` listing every problem.
 */
export function parseOfficeHoursFile(json: unknown): OfficeHoursFile {
  const r = OfficeHoursFile.safeParse(json);
  if (!r.success) throw new Error(`berkas jam kerja tidak valid:\n${z.prettifyError(r.error)}`);
  return r.data;
}

/**
 * Assembles and validates a calendar. Extra fields on the holidays (such as `source`) are
 * dropped. The result is deeply frozen because calendars are cached by identity.
 * Throws an `Error` listing every problem (duplicate holiday date, overlapping intervals…).
 */
export function buildCalendar(timeZone: TimeZoneCode, officeHours: OfficeHours, holidays: readonly Holiday[]): WorkCalendar {
  const r = WorkCalendar.safeParse({ timeZone, officeHours, holidays });
  if (!r.success) throw new Error(`kalender kerja tidak valid:\n${z.prettifyError(r.error)}`);
  return deepFreeze(r.data);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
