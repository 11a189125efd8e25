/** Indonesian wording and dates for printed documents. */
import { localDate, type WorkCalendar } from '../../../shared/calendar/working-time';
import { offsetMinutesOf } from '../../../shared/calendar/compiled-calendar';

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** '24 November 2026', in the office's time zone. */
export function indonesianDate(cal: WorkCalendar, at: number): string {
  const [y, m, d] = localDate(cal, at).split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** '24 November 2026 14.05 WITA' (Indonesian time uses a dot). */
export function indonesianDateTime(cal: WorkCalendar, at: number): string {
  const local = new Date(at + offsetMinutesOf(cal.timeZone) * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${indonesianDate(cal, at)} ${hh}.${mm} ${cal.timeZone}`;
}

export const URGENCY_LABEL: Record<string, string> = { biasa: 'Biasa', segera: 'Segera', sangat_segera: 'Sangat Segera' };
