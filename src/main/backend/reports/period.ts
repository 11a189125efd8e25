/**
 * Report periods: `2026-11-24` (a day), `2026-11` (a month), `2026-S1`/`2026-S2` (a semester)
 * and `2026` (a year), in the office's time zone. Each report kind takes one shape.
 */
import { AppError } from '../../../shared/result';
import { utcOffsetMinutes, type TimeZoneCode } from '../../../shared/calendar/working-time';
import type { ReportKind, ReportPeriodView } from '../../../shared/api/views-reports';
import { MONTHS_ID } from './labels';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant a local civil day starts. */
function localDayStart(tz: TimeZoneCode, year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - utcOffsetMinutes(tz) * 60_000;
}

function span(
  tz: TimeZoneCode,
  text: string,
  label: string,
  y1: number,
  m1: number,
  d1: number,
  y2: number,
  m2: number,
  d2: number,
): ReportPeriodView {
  const end = new Date(Date.UTC(y2, m2 - 1, d2 + 1));
  return {
    text,
    label,
    firstDay: `${y1}-${pad(m1)}-${pad(d1)}`,
    lastDay: `${y2}-${pad(m2)}-${pad(d2)}`,
    fromMs: localDayStart(tz, y1, m1, d1),
    toMs: localDayStart(tz, end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate()),
  };
}

const SHAPES: Record<ReportKind, { example: string; what: string }> = {
  harian: { example: '2026-11-24', what: 'tanggal TTTT-BB-HH' },
  'isu-strategis': { example: '2026-11-24', what: 'tanggal TTTT-BB-HH' },
  bulanan: { example: '2026-11', what: 'bulan TTTT-BB' },
  semester: { example: '2026-S2', what: 'semester TTTT-S1 atau TTTT-S2' },
  tahunan: { example: '2026', what: 'tahun TTTT' },
};

function bad(kind: ReportKind, text: string, why?: string): AppError {
  const s = SHAPES[kind];
  return new AppError(
    'VALIDATION',
    `Periode "${text.slice(0, 20)}" tidak valid untuk laporan ${kind}${why ? ` (${why})` : ''}: gunakan ${s.what}, misalnya ${s.example}.`,
  );
}

function year(kind: ReportKind, text: string, y: number): number {
  if (y < MIN_YEAR || y > MAX_YEAR) throw bad(kind, text, `tahun di luar ${MIN_YEAR}–${MAX_YEAR}`);
  return y;
}

/** Parses the period of a report kind; throws a VALIDATION AppError with the expected shape. */
export function parsePeriod(kind: ReportKind, text: string, tz: TimeZoneCode): ReportPeriodView {
  const t = text.trim();
  switch (kind) {
    case 'harian':
    case 'isu-strategis': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
      if (!m) throw bad(kind, t);
      const y = year(kind, t, Number(m[1]));
      const mo = Number(m[2]);
      const d = Number(m[3]);
      if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) throw bad(kind, t, 'tanggal tidak ada');
      return span(tz, t, `${d} ${MONTHS_ID[mo - 1]} ${y}`, y, mo, d, y, mo, d);
    }
    case 'bulanan': {
      const m = /^(\d{4})-(\d{2})$/.exec(t);
      if (!m) throw bad(kind, t);
      const y = year(kind, t, Number(m[1]));
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12) throw bad(kind, t, 'bulan 01 sampai 12');
      return span(tz, t, `${MONTHS_ID[mo - 1]} ${y}`, y, mo, 1, y, mo, daysIn(y, mo));
    }
    case 'semester': {
      const m = /^(\d{4})-[Ss]([12])$/.exec(t);
      if (!m) throw bad(kind, t);
      const y = year(kind, t, Number(m[1]));
      const s = Number(m[2]);
      const first = s === 1 ? 1 : 7;
      return span(tz, `${y}-S${s}`, `Semester ${s === 1 ? 'I' : 'II'} ${y}`, y, first, 1, y, first + 5, daysIn(y, first + 5));
    }
    case 'tahunan': {
      const m = /^(\d{4})$/.exec(t);
      if (!m) throw bad(kind, t);
      const y = year(kind, t, Number(m[1]));
      return span(tz, t, `Tahun ${y}`, y, 1, 1, y, 12, 31);
    }
  }
}

/** A `[first, last]` range of days (`YYYY-MM-DD`, inclusive) for the dashboard. */
export function parseDayRange(from: string, to: string, tz: TimeZoneCode): ReportPeriodView {
  const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to);
  if (!a || !b) throw new AppError('VALIDATION', 'Rentang tanggal tidak valid: gunakan TTTT-BB-HH.');
  if (from > to) throw new AppError('VALIDATION', 'Tanggal akhir sebelum tanggal awal.');
  const p = span(tz, `${from}..${to}`, `${from} s.d. ${to}`, Number(a[1]), Number(a[2]), Number(a[3]), Number(b[1]), Number(b[2]), Number(b[3]));
  if (p.toMs - p.fromMs > 3 * 366 * 86_400_000) throw new AppError('VALIDATION', 'Rentang tanggal paling panjang tiga tahun.');
  return p;
}
