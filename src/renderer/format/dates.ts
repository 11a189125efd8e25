/**
 * Dates shown in the office's own time zone (WIB/WITA/WIT), whatever the workstation's clock
 * zone is, because deadlines are counted in office time. Indonesian style:
 * "24 November 2026 14.05 WITA".
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/id';
import type { TFunction } from 'i18next';
import type { TimeZoneCode } from '../../shared/calendar/working-time';

dayjs.extend(utc);

const OFFSET_MINUTES: Record<TimeZoneCode, number> = { WIB: 420, WITA: 480, WIT: 540 };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Minutes east of UTC of an Indonesian time zone. */
function offsetOf(tz: TimeZoneCode): number {
  return OFFSET_MINUTES[tz];
}

/** `ms` as a dayjs in the office zone, in the UI language. */
export function officeDayjs(ms: number, tz: TimeZoneCode, lang: string): Dayjs {
  return dayjs(ms)
    .utcOffset(offsetOf(tz))
    .locale(lang === 'en' ? 'en' : 'id');
}

/** "24 November 2026 14.05 WITA" (format string from the locale file). */
export function formatDateTime(ms: number, tz: TimeZoneCode, t: TFunction, lang: string): string {
  return `${officeDayjs(ms, tz, lang).format(t('format.dateTime'))} ${tz}`;
}

/** "24 Nov 2026 14.05" (tables: the zone and full month are in the tooltip). */
export function formatShortDateTime(ms: number, tz: TimeZoneCode, t: TFunction, lang: string): string {
  return officeDayjs(ms, tz, lang).format(t('ui.format.shortDateTime'));
}

/** "24 November 2026". */
export function formatDate(ms: number, tz: TimeZoneCode, t: TFunction, lang: string): string {
  return officeDayjs(ms, tz, lang).format(t('format.date'));
}

/** A 'YYYY-MM-DD' civil date in the UI's date style. */
export function formatCivilDate(date: string, t: TFunction, lang: string): string {
  return dayjs(date)
    .locale(lang === 'en' ? 'en' : 'id')
    .format(t('format.date'));
}

/** "3 hari", "2 jam", "15 menit": the largest whole unit of a span. */
export function formatSpan(ms: number, t: TFunction): string {
  const abs = Math.abs(ms);
  if (abs >= 2 * DAY) return t('span.days', { count: Math.floor(abs / DAY) });
  if (abs >= HOUR) return t('span.hours', { count: Math.floor(abs / HOUR) });
  return t('span.minutes', { count: Math.max(1, Math.floor(abs / MINUTE)) });
}

/** "2 jam lagi" / "terlambat 3 hari", relative to `now`. */
export function formatDue(dueAt: number, now: number, t: TFunction): string {
  const diff = dueAt - now;
  return diff >= 0 ? t('due.in', { span: formatSpan(diff, t) }) : t('due.late', { span: formatSpan(diff, t) });
}

/** Working minutes as "2 jam 5 menit" (office minutes; days would depend on the weekday's hours). */
export function formatWorkMinutes(minutes: number, t: TFunction): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('span.minutes', { count: m });
  return m === 0 ? t('span.hours', { count: h }) : `${t('span.hours', { count: h })} ${t('span.minutes', { count: m })}`;
}

/**
 * A picker shows wall-clock fields in the browser's zone; the office means them in its own
 * zone. These two convert between an instant and "the same wall clock" in the browser zone.
 */
export function wallClockToInstant(value: Dayjs, tz: TimeZoneCode): number {
  const asUtc = Date.UTC(value.year(), value.month(), value.date(), value.hour(), value.minute(), 0, 0);
  return asUtc - offsetOf(tz) * MINUTE;
}

/** The browser-zone dayjs whose wall clock equals `ms` in the office zone (for picker defaults). */
export function instantToWallClock(ms: number, tz: TimeZoneCode): Dayjs {
  const o = dayjs(ms).utcOffset(offsetOf(tz));
  return dayjs(new Date(o.year(), o.month(), o.date(), o.hour(), o.minute()));
}

/** The office-zone start of the picked day (for "received from" filters). */
export function dayStartInstant(value: Dayjs, tz: TimeZoneCode): number {
  return Date.UTC(value.year(), value.month(), value.date()) - offsetOf(tz) * MINUTE;
}

/** The office-zone end of the picked day, inclusive. */
export function dayEndInstant(value: Dayjs, tz: TimeZoneCode): number {
  return dayStartInstant(value, tz) + DAY - 1;
}
