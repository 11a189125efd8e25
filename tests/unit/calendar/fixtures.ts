/**
 * Shared helpers for the calendar tests: the shipped data files as a calendar, and instants
 * written as local wall-clock text so expectations read like the SOP ("Senin 09:00 WIB").
 */
import { readFileSync } from 'node:fs';
import { buildCalendar, parseHolidayFile, parseOfficeHoursFile } from '../../../src/shared/calendar/default-calendar';
import { utcOffsetMinutes, type TimeZoneCode, type WorkCalendar } from '../../../src/shared/calendar/working-time';

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../resources/calendar/${name}`, import.meta.url), 'utf8'));
}

export const holidayFile = parseHolidayFile(readJson('holidays-id.json'));
export const officeHoursFile = parseOfficeHoursFile(readJson('office-hours-default.json'));

/** The default pemda calendar with the shipped holidays, in the given zone. */
export function defaultCalendar(tz: TimeZoneCode = 'WIB'): WorkCalendar {
  return buildCalendar(tz, officeHoursFile.officeHours, holidayFile.holidays);
}

export const WIB = defaultCalendar('WIB');

/** `'2025-10-06 09:00'` read as local time in `tz` → epoch ms. */
export function at(text: string, tz: TimeZoneCode = 'WIB'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`bad test time ${text}`);
  const [, y, mo, d, h, mi] = m.map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0) - utcOffsetMinutes(tz) * 60_000;
}

/** Epoch ms → `'YYYY-MM-DD HH:MM'` local time in `tz` (seconds dropped; tests use whole minutes). */
export function show(instant: number | null, tz: TimeZoneCode = 'WIB'): string | null {
  if (instant === null) return null;
  const d = new Date(instant + utcOffsetMinutes(tz) * 60_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
