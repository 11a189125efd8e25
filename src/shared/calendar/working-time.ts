/**
 * Working-time calendar: deadlines of the complaint SOP counted in office time.
 *
 * Conventions
 * - An instant is epoch milliseconds (`number`); a date is `'YYYY-MM-DD'` in the office's local
 *   time; a time of day is `'HH:MM'` local. Local time is the calendar's fixed UTC offset
 *   (WIB +7, WITA +8, WIT +9; Indonesia has no DST).
 * - Office time is the union of the weekday's intervals on days that are not holidays. Every
 *   holiday kind (libur nasional, cuti bersama, libur daerah) closes the office.
 * - Intervals are read as closed at the end when deciding whether an instant is "in the
 *   office" (16:00 on a day closing at 16:00 is still that day), and half-open `[start, end)`
 *   when counting minutes.
 * - A calendar object is validated and compiled on first use and cached by identity: build it
 *   once (see `buildCalendar`) and do not mutate it.
 */
import { type Pause, type TimeZoneCode, type WorkCalendar, type WorkDuration } from './calendar-schema';
import { MS_PER_MINUTE, formatDate, parseDate } from './civil-date';
import { compileCalendar, localDayNumber, nextWorkDay, offsetMinutesOf, spansOfDay } from './compiled-calendar';
import { advance, blockedOfficeMs, officeMsBetween, snapForward, toBlocked } from './office-clock';

export {
  CalendarDate,
  DayHours,
  HOLIDAY_KINDS,
  Holiday,
  HolidayKind,
  HolidayList,
  ISO_WEEKDAY_KEYS,
  type IsoWeekdayKey,
  OfficeHours,
  OfficeInterval,
  Pause,
  TIME_ZONE_CODES,
  TimeZoneCode,
  WorkCalendar,
  WorkDuration,
} from './calendar-schema';

function assertInstant(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} bukan instan yang valid: ${String(value)}`);
}

function durationParts(duration: WorkDuration): { days: number; minutes: number } {
  const days = duration.days ?? 0;
  const minutes = duration.minutes ?? 0;
  for (const [k, v] of [
    ['days', days],
    ['minutes', minutes],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`durasi kerja tidak valid: ${k} = ${String(v)} (harus bilangan bulat ≥ 0)`);
  }
  return { days, minutes };
}

function assertPauses(pauses: readonly Pause[]): void {
  for (const p of pauses) {
    assertInstant(p.from, 'awal jeda');
    if (p.to !== null) {
      assertInstant(p.to, 'akhir jeda');
      if (p.to < p.from) throw new RangeError(`jeda tidak valid: akhir ${p.to} sebelum awal ${p.from}`);
    }
  }
}

/** Minutes east of UTC: WIB 420, WITA 480, WIT 540. */
export function utcOffsetMinutes(tz: TimeZoneCode): number {
  return offsetMinutesOf(tz);
}

/** The local calendar date (`'YYYY-MM-DD'`) of `instant` in the calendar's time zone. */
export function localDate(cal: WorkCalendar, instant: number): string {
  assertInstant(instant, 'instan');
  return formatDate(localDayNumber(compileCalendar(cal), instant));
}

/** True when `date` has office hours on its weekday and is not a holiday. Throws on a malformed date. */
export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  return spansOfDay(compileCalendar(cal), parseDate(date)).length > 0;
}

/** The first working day strictly after `date` (whether or not `date` itself is one). */
export function nextWorkingDay(cal: WorkCalendar, date: string): string {
  return formatDate(nextWorkDay(compileCalendar(cal), parseDate(date)));
}

/**
 * `instant` if it lies in office time (an interval's end included), otherwise the start of
 * the next office interval: the moment from which the clock of a new case starts running.
 */
export function nextOfficeInstant(cal: WorkCalendar, instant: number): number {
  assertInstant(instant, 'instan');
  return snapForward(compileCalendar(cal), instant);
}

/**
 * The office's standard working day in minutes: the most common total office length among
 * the weekdays that have office hours (ties: the longer). With the default hours every day
 * is 450 minutes (7.5 h). A "hari kerja" in an SOP's time standard is this much office time.
 */
export function standardDayMinutes(cal: WorkCalendar): number {
  const c = compileCalendar(cal);
  const counts = new Map<number, number>();
  for (let d = 1; d <= 7; d++) {
    const total = (c.week[d] ?? []).reduce((sum, sp) => sum + (sp.e - sp.s), 0);
    if (total > 0) counts.set(total, (counts.get(total) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [len, n] of counts) if (n > bestCount || (n === bestCount && len > best)) [best, bestCount] = [len, n];
  return best / MS_PER_MINUTE;
}

/**
 * Adds working time: `days` standard working days ({@link standardDayMinutes} each) plus
 * `minutes`, consumed as office time, skipping breaks, nights, weekends and holidays.
 *
 * Why days are office time and not "the same clock time N working days later": SOP step
 * standards are summed ("7 hari 8 jam 30 menit" for the Balangan chain), and only office time
 * adds up exactly whatever the start, whatever Friday's different hours or break. With
 * equal-length days a day still lands on the same clock time N working days later, except
 * around breaks that differ between weekdays.
 *
 * When the budget runs out exactly at an interval's end, that end is returned (not the next
 * opening). Zero duration returns {@link nextOfficeInstant}(`from`), so a deadline is never
 * outside office time (Saturday 10:00 + 0 → Monday's opening; Monday 10:00 + 0 → itself).
 */
export function addWorkingTime(cal: WorkCalendar, from: number, duration: WorkDuration): number {
  assertInstant(from, 'awal');
  const { days, minutes } = durationParts(duration);
  const c = compileCalendar(cal);
  const total = (days * standardDayMinutes(cal) + minutes) * MS_PER_MINUTE;
  if (total === 0) return nextOfficeInstant(cal, from);
  // No blocked spans, so advance() cannot return null.
  return advance(c, from, total) ?? from;
}

/**
 * Office minutes in `[a, b)`; 0 when `b <= a`. Exact: fractional when the instants are not
 * on whole minutes. Inverse of {@link addWorkingTime} for minutes: for any `t` and `m > 0`,
 * `workingMinutesBetween(cal, t, addWorkingTime(cal, t, { minutes: m })) === m`.
 */
export function workingMinutesBetween(cal: WorkCalendar, a: number, b: number): number {
  assertInstant(a, 'awal');
  assertInstant(b, 'akhir');
  return officeMsBetween(compileCalendar(cal), a, b) / MS_PER_MINUTE;
}

/**
 * The due instant of a step started at `start` with time standard `duration`, when the clock
 * stood still during `pauses` (waiting for the complainant).
 *
 * Rule: let `D0 = addWorkingTime(cal, start, duration)` and `P` the office minutes inside
 * pauses between `start` and `D0` (pauses are clipped to `start`; overlapping pauses count
 * once). The due instant is `D0` pushed later by `P` office minutes, where office minutes
 * that are themselves inside a pause do not count. Equivalently: the moment the unpaused
 * office time since `start` reaches what `duration` is worth.
 *
 * An open pause (`to: null`) that begins before that moment means the clock is stopped and
 * the deadline is not known yet: returns `null`. An open pause that begins at or after the
 * due instant does not matter: the deadline had already been reached, and it is returned
 * (so an overdue step stays overdue when the case is later put on hold).
 */
export function dueAt(cal: WorkCalendar, start: number, duration: WorkDuration, pauses: readonly Pause[]): number | null {
  assertPauses(pauses);
  const base = addWorkingTime(cal, start, duration);
  const c = compileCalendar(cal);
  const blocked = toBlocked(pauses, start, Infinity);
  const paused = blockedOfficeMs(c, blocked, base);
  if (paused === 0) return base;
  return advance(c, base, paused, blocked);
}

/**
 * Office minutes from `start` to `end` (`[start, end)`) that the clock actually ran: minus
 * those inside `pauses`; an open pause runs up to `end`. 0 when `end <= start`.
 */
export function elapsedWorkingMinutes(cal: WorkCalendar, start: number, end: number, pauses: readonly Pause[]): number {
  assertInstant(start, 'awal');
  assertInstant(end, 'akhir');
  assertPauses(pauses);
  if (!(end > start)) return 0;
  const c = compileCalendar(cal);
  const blocked = toBlocked(pauses, start, end);
  const paused = blockedOfficeMs(c, blocked, end);
  return (officeMsBetween(c, start, end) - paused) / MS_PER_MINUTE;
}
