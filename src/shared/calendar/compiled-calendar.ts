/**
 * The fast, internal form of a {@link WorkCalendar}: office intervals as millisecond offsets
 * per weekday and holidays as a `Set` of day numbers. Compiled once per calendar object and
 * cached in a `WeakMap`, so repeated deadline computations cost a few `Set` lookups per day.
 */
import { z } from 'zod';
import { WorkCalendar, type OfficeInterval, type TimeZoneCode } from './calendar-schema';
import { MS_PER_DAY, MS_PER_MINUTE, isoWeekdayOfDayNumber, tryParseDate, tryParseTimeOfDay } from './civil-date';

/** One office interval as milliseconds after local midnight; `e` may equal a full day (24:00). */
export interface Span {
  readonly s: number;
  readonly e: number;
}

/** A compiled calendar. Not exported from the package surface; only the engine reads it. */
export interface CompiledCalendar {
  readonly offsetMs: number;
  /** Index 1..7 (ISO weekday); index 0 is unused and empty. */
  readonly week: readonly (readonly Span[])[];
  /** Closed days as day numbers in local time. */
  readonly holidays: ReadonlySet<number>;
}

const OFFSET_MINUTES = { WIB: 7 * 60, WITA: 8 * 60, WIT: 9 * 60 } as const satisfies Record<TimeZoneCode, number>;

/** Minutes east of UTC of an Indonesian time zone. */
export function offsetMinutesOf(tz: TimeZoneCode): number {
  return OFFSET_MINUTES[tz];
}

const NO_SPANS: readonly Span[] = [];

/**
 * A year of the calendar with no working day at all means the data is broken (say, every
 * date of a decade entered as a holiday); we refuse instead of looping forever.
 */
const MAX_CLOSED_DAYS = 3_700;

const cache = new WeakMap<WorkCalendar, CompiledCalendar>();

function toSpans(list: readonly OfficeInterval[]): Span[] {
  // Safe: the schema has already verified every time string.
  return list.map((iv) => ({
    s: (tryParseTimeOfDay(iv.start) ?? 0) * MS_PER_MINUTE,
    e: (tryParseTimeOfDay(iv.end, true) ?? 0) * MS_PER_MINUTE,
  }));
}

/**
 * Validates `cal` (once per object) and returns its compiled form. Throws an `Error` with
 * a readable list of problems when the calendar is invalid. The calendar object must not be
 * mutated afterwards: the cache is keyed by identity.
 */
export function compileCalendar(cal: WorkCalendar): CompiledCalendar {
  const hit = cache.get(cal);
  if (hit) return hit;
  const parsed = WorkCalendar.safeParse(cal);
  if (!parsed.success) throw new Error(`kalender kerja tidak valid:\n${z.prettifyError(parsed.error)}`);
  const v = parsed.data;
  const week: (readonly Span[])[] = [
    NO_SPANS,
    toSpans(v.officeHours['1']),
    toSpans(v.officeHours['2']),
    toSpans(v.officeHours['3']),
    toSpans(v.officeHours['4']),
    toSpans(v.officeHours['5']),
    toSpans(v.officeHours['6']),
    toSpans(v.officeHours['7']),
  ];
  const holidays = new Set<number>();
  for (const h of v.holidays) {
    const n = tryParseDate(h.date);
    if (n !== null) holidays.add(n);
  }
  const compiled: CompiledCalendar = { offsetMs: offsetMinutesOf(v.timeZone) * MS_PER_MINUTE, week, holidays };
  cache.set(cal, compiled);
  return compiled;
}

/** The local day number an instant falls on. */
export function localDayNumber(c: CompiledCalendar, instant: number): number {
  return Math.floor((instant + c.offsetMs) / MS_PER_DAY);
}

/** The instant of local midnight starting `day`. */
export function dayStartInstant(c: CompiledCalendar, day: number): number {
  return day * MS_PER_DAY - c.offsetMs;
}

/** Office spans of a day: empty on holidays and on weekdays without office hours. */
export function spansOfDay(c: CompiledCalendar, day: number): readonly Span[] {
  if (c.holidays.has(day)) return NO_SPANS;
  return c.week[isoWeekdayOfDayNumber(day)] ?? NO_SPANS;
}

/** The first working day strictly after `day`. */
export function nextWorkDay(c: CompiledCalendar, day: number): number {
  for (let d = day + 1, n = 0; n < MAX_CLOSED_DAYS; d++, n++) {
    if (spansOfDay(c, d).length > 0) return d;
  }
  throw new RangeError(`tidak ada hari kerja dalam ${MAX_CLOSED_DAYS} hari setelah hari ke-${day}; periksa jam kerja dan daftar libur`);
}

/** `day` itself if it is a working day, else the next one. */
export function workDayAtOrAfter(c: CompiledCalendar, day: number): number {
  return spansOfDay(c, day).length > 0 ? day : nextWorkDay(c, day);
}
