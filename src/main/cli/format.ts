/** Indonesian date formatting for the command line (the UI has its own, through i18n). */
import { utcOffsetMinutes, type TimeZoneCode } from '../../shared/calendar/working-time';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** e.g. "24 Nov 2026 14.05 WITA" */
export function formatDateTime(ms: number, tz: string): string {
  const code = (['WIB', 'WITA', 'WIT'] as const).find((c) => c === tz) ?? 'WIB';
  const d = new Date(ms + utcOffsetMinutes(code satisfies TimeZoneCode) * 60_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hh}.${mm} ${code}`;
}
