/**
 * Proleptic Gregorian date arithmetic on plain integers.
 *
 * The working-time code walks day by day, so it counts days as integers ("day numbers",
 * days since 1970-01-01 in the office's local time) instead of building `Date` objects:
 * that keeps the hot loop allocation-free and independent of the host's time zone.
 */

/** Milliseconds in one civil day; Indonesian zones have no DST, so every local day is this long. */
export const MS_PER_DAY = 86_400_000;
/** Milliseconds in one minute. */
export const MS_PER_MINUTE = 60_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/** True for a leap year of the Gregorian calendar. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1..12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Day number (days since 1970-01-01) of a civil date.
 * Howard Hinnant's `days_from_civil`, exact for every Gregorian date.
 */
function dayNumberFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of {@link dayNumberFromCivil} (Hinnant's `civil_from_days`). */
function civilFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a day number; day 0 (1970-01-01) was a Thursday. */
export function isoWeekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * Parses `'YYYY-MM-DD'` into a day number, or returns `null` when the text is not a real
 * calendar date (wrong shape, month 13, 31 April, 29 February of a common year…).
 */
export function tryParseDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberFromCivil(year, month, day);
}

/** Like {@link tryParseDate} but throws a `RangeError` naming the bad value. */
export function parseDate(text: string): number {
  const n = tryParseDate(text);
  if (n === null) throw new RangeError(`tanggal tidak valid: '${text}' (format YYYY-MM-DD)`);
  return n;
}

/** Formats a day number as `'YYYY-MM-DD'`. */
export function formatDate(dayNumber: number): string {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Parses `'HH:MM'` into minutes after local midnight, or `null` if invalid.
 * `'24:00'` is accepted (1440) only when `allowEndOfDay` is set, so an interval may run to midnight.
 */
export function tryParseTimeOfDay(text: string, allowEndOfDay = false): number | null {
  const m = TIME_RE.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (allowEndOfDay && h === 24 && min === 0) return 1440;
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}
