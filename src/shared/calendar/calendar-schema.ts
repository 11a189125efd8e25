/**
 * Zod schemas (and their inferred types) for the working-time calendar. Messages are in
 * Indonesian because the admin who edits office hours and holidays reads them.
 */
import { z } from 'zod';
import { tryParseDate, tryParseTimeOfDay } from './civil-date';

/** The Indonesian time zones. */
export const TIME_ZONE_CODES = ['WIB', 'WITA', 'WIT'] as const;
/** WIB = UTC+7 (Sumatra, Java, West/Central Kalimantan), WITA = UTC+8, WIT = UTC+9. No DST anywhere. */
export const TimeZoneCode = z.enum(TIME_ZONE_CODES);
export type TimeZoneCode = z.infer<typeof TimeZoneCode>;

/** ISO weekday keys as they appear in JSON: Monday = '1' … Sunday = '7'. */
export const ISO_WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
/** `'1'` (Monday) … `'7'` (Sunday). */
export type IsoWeekdayKey = (typeof ISO_WEEKDAY_KEYS)[number];

/** A calendar date `'YYYY-MM-DD'` that exists (2025-02-29 is refused). */
export const CalendarDate = z
  .string()
  .refine((s) => tryParseDate(s) !== null, { message: 'tanggal tidak valid (harus YYYY-MM-DD dan benar-benar ada)' });
export type CalendarDate = z.infer<typeof CalendarDate>;

/** One span of office time on a weekday, local time, `start < end`; `end` may be `'24:00'`. */
export const OfficeInterval = z.object({ start: z.string(), end: z.string() }).superRefine((iv, ctx) => {
  const s = tryParseTimeOfDay(iv.start);
  const e = tryParseTimeOfDay(iv.end, true);
  if (s === null) ctx.addIssue({ code: 'custom', path: ['start'], message: `jam mulai tidak valid: '${iv.start}' (format HH:MM, 00:00–23:59)` });
  if (e === null) ctx.addIssue({ code: 'custom', path: ['end'], message: `jam selesai tidak valid: '${iv.end}' (format HH:MM, 00:00–24:00)` });
  if (s !== null && e !== null && s >= e) {
    ctx.addIssue({ code: 'custom', message: `jam mulai ${iv.start} harus sebelum jam selesai ${iv.end}` });
  }
});
export type OfficeInterval = z.infer<typeof OfficeInterval>;

/** The office intervals of one weekday: sorted, non-overlapping; empty = closed all day. */
export const DayHours = z.array(OfficeInterval).superRefine((list, ctx) => {
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1];
    const cur = list[i];
    if (!prev || !cur) continue;
    const prevStart = tryParseTimeOfDay(prev.start);
    const prevEnd = tryParseTimeOfDay(prev.end, true);
    const curStart = tryParseTimeOfDay(cur.start);
    // Malformed times are already reported by OfficeInterval; don't pile on.
    if (prevStart === null || prevEnd === null || curStart === null) continue;
    if (curStart < prevStart) {
      ctx.addIssue({ code: 'custom', path: [i], message: `interval belum urut: ${cur.start} datang setelah ${prev.start}` });
    } else if (curStart < prevEnd) {
      ctx.addIssue({
        code: 'custom',
        path: [i],
        message: `interval tumpang tindih: ${cur.start}–${cur.end} bertabrakan dengan ${prev.start}–${prev.end}`,
      });
    }
  }
});
export type DayHours = z.infer<typeof DayHours>;

/**
 * Office hours per ISO weekday. A lunch break is two intervals; a day with no interval is
 * not a working day. At least one weekday must be open, otherwise no deadline could ever fall.
 */
export const OfficeHours = z
  .strictObject({ '1': DayHours, '2': DayHours, '3': DayHours, '4': DayHours, '5': DayHours, '6': DayHours, '7': DayHours })
  .superRefine((hours, ctx) => {
    if (ISO_WEEKDAY_KEYS.every((k) => hours[k].length === 0)) {
      ctx.addIssue({ code: 'custom', message: 'jam kerja kosong: minimal satu hari (1=Senin … 7=Minggu) harus punya interval' });
    }
  });
export type OfficeHours = z.infer<typeof OfficeHours>;

/** Libur nasional and cuti bersama come from the SKB 3 Menteri; libur daerah is set per pemda. */
export const HOLIDAY_KINDS = ['libur_nasional', 'cuti_bersama', 'libur_daerah'] as const;
/** Why the office is closed on a holiday; every kind closes it. */
export const HolidayKind = z.enum(HOLIDAY_KINDS);
export type HolidayKind = z.infer<typeof HolidayKind>;

/** A day the office is closed although its weekday has office hours. */
export const Holiday = z.object({ date: CalendarDate, name: z.string().trim().min(1, 'nama libur wajib diisi'), kind: HolidayKind });
export type Holiday = z.infer<typeof Holiday>;

/** Reports every date that appears more than once, naming both positions. */
function refineUniqueDates(list: readonly { date: string }[], ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  list.forEach((h, i) => {
    const seen = firstIndex.get(h.date);
    if (seen === undefined) firstIndex.set(h.date, i);
    else ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `tanggal libur ganda: ${h.date} (juga di entri ke-${seen + 1})` });
  });
}

/** Holidays of a calendar: dates must be unique (one day cannot be closed twice). */
export const HolidayList = z.array(Holiday).superRefine(refineUniqueDates);

/** Everything needed to compute deadlines for one office. Treat a parsed value as immutable. */
export const WorkCalendar = z.object({ timeZone: TimeZoneCode, officeHours: OfficeHours, holidays: HolidayList });
export type WorkCalendar = z.infer<typeof WorkCalendar>;

/** A span of working time: `days` working days, then `minutes` office minutes. Both default to 0. */
export const WorkDuration = z.object({
  days: z.number().int().min(0).optional(),
  minutes: z.number().int().min(0).optional(),
});
export type WorkDuration = z.infer<typeof WorkDuration>;

/** A period during which the clock stood still (waiting for the complainant); `to: null` = still waiting. */
export const Pause = z
  .object({ from: z.number().int(), to: z.number().int().nullable() })
  .refine((p) => p.to === null || p.to >= p.from, { message: 'jeda tidak valid: "to" lebih awal dari "from"' });
export type Pause = z.infer<typeof Pause>;

/** A holiday as shipped in `resources/calendar/holidays-id.json`: with the decree it comes from. */
export const HolidayFileEntry = Holiday.extend({ source: z.string().trim().min(1, 'sumber (dasar hukum) wajib diisi') });
export type HolidayFileEntry = z.infer<typeof HolidayFileEntry>;

/** The holiday data file. */
export const HolidayFile = z.object({
  version: z.literal(1),
  notes: z.array(z.string()).default([]),
  holidays: z.array(HolidayFileEntry).superRefine(refineUniqueDates),
});
export type HolidayFile = z.infer<typeof HolidayFile>;

/** The office-hours data file (`resources/calendar/office-hours-default.json`). */
export const OfficeHoursFile = z.object({
  version: z.literal(1),
  source: z.string().trim().min(1, 'sumber jam kerja wajib diisi'),
  notes: z.array(z.string()).default([]),
  officeHours: OfficeHours,
});
export type OfficeHoursFile = z.infer<typeof OfficeHoursFile>;
