/**
 * Deadlines as people type them: "11/12/2026", "11-12-2026 14.00", "2026-12-11"... A date alone
 * means the end of that office day (the weekday's closing time in the office calendar), never
 * midnight; text that is not a date gives null, so the field can say so.
 */
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import type { OfficeHours } from '../../shared/calendar/working-time';

dayjs.extend(customParseFormat);

const DATE_TIME_FORMATS = [
  'DD/MM/YYYY HH.mm',
  'D/M/YYYY HH.mm',
  'DD/MM/YYYY HH:mm',
  'D/M/YYYY HH:mm',
  'DD-MM-YYYY HH.mm',
  'DD-MM-YYYY HH:mm',
  'YYYY-MM-DD HH:mm',
];
const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'DD.MM.YYYY', 'YYYY-MM-DD'];

/** The closing time ("HH:MM") of the weekday of `day`, or the latest closing time of the week when that day is closed. */
export function closingTime(hours: OfficeHours | undefined, day: Dayjs): string {
  if (!hours) return '16:00';
  const iso = String(((day.day() + 6) % 7) + 1) as keyof OfficeHours;
  const today = hours[iso];
  const last = today[today.length - 1];
  if (last) return last.end;
  const ends = Object.values(hours).flatMap((d) => d.map((iv) => iv.end));
  return ends.sort().at(-1) ?? '16:00';
}

/** `day` at the office's closing time of that day. */
export function atClosing(hours: OfficeHours | undefined, day: Dayjs): Dayjs {
  const [h = '16', m = '0'] = closingTime(hours, day).split(':');
  // 24:00 is the end of the day: the last minute of it.
  return Number(h) >= 24 ? day.hour(23).minute(59).second(0).millisecond(0) : day.hour(Number(h)).minute(Number(m)).second(0).millisecond(0);
}

/** Parses typed text: a date and time, or a date alone (then at closing time); null when not a date. */
export function parseTypedDeadline(text: string, hours: OfficeHours | undefined): Dayjs | null {
  const s = text.trim().replace(/\s+/g, ' ');
  for (const f of DATE_TIME_FORMATS) {
    const d = dayjs(s, f, true);
    if (d.isValid()) return d;
  }
  for (const f of DATE_FORMATS) {
    const d = dayjs(s, f, true);
    if (d.isValid()) return atClosing(hours, d);
  }
  return null;
}
