/**
 * Dates as LAPOR! exports and Indonesian spreadsheets write them, read as wall-clock time in
 * the office's time zone (or the zone the cell names: "14:05 WIB"). Day before month always:
 * "04/11/2026" is 4 November, as everywhere in Indonesia.
 */
import type { TimeZoneCode } from '../../../shared/calendar/working-time';
import { utcOffsetMinutes } from '../../../shared/calendar/working-time';
import { daysInMonth } from '../../../shared/calendar/civil-date';

const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  february: 2,
  feb: 2,
  pebruari: 2,
  maret: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  agustus: 8,
  august: 8,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  nopember: 11,
  nop: 11,
  desember: 12,
  december: 12,
  des: 12,
  dec: 12,
};

const ZONES: Record<string, TimeZoneCode> = { wib: 'WIB', wita: 'WITA', wit: 'WIT' };

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included); 25569 is 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

interface Civil {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function time(rest: string | undefined): { h: number; mi: number; s: number } | null {
  if (!rest) return { h: 0, mi: 0, s: 0 };
  const m = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?$/.exec(rest);
  if (!m) return null;
  const t = { h: Number(m[1]), mi: Number(m[2]), s: Number(m[3] ?? '0') };
  return t.h < 24 && t.mi < 60 && t.s < 60 ? t : null;
}

function civil(y: number, mo: number, d: number, rest: string | undefined): Civil | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const t = time(rest?.trim() || undefined);
  return t ? { y, mo, d, ...t } : null;
}

function parseCivil(text: string): Civil | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](.+))?$/.exec(text);
  if (m) return civil(Number(m[1]), Number(m[2]), Number(m[3]), m[4]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+(.+))?$/.exec(text);
  if (m) return civil(Number(m[3]), Number(m[2]), Number(m[1]), m[4]);
  // "24 November 2026", "Selasa, 24 Nov 2026 14.05", "24-Nov-2026"
  m = /^(?:[a-z]+,?\s+)?(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})(?:,?\s+(?:pukul\s+)?(.+))?$/.exec(text);
  if (m) {
    const mo = MONTHS[m[2] ?? ''];
    return mo ? civil(Number(m[3]), mo, Number(m[1]), m[4]) : null;
  }
  return null;
}

/** Wall-clock fields of an Excel serial date (days since 1899-12-30, fraction = time of day). */
function fromSerial(serial: number): Civil {
  const ms = Math.round(((serial - EXCEL_EPOCH_DAYS) * 86_400_000) / 1000) * 1000;
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

/**
 * The instant a cell's date names, or null when it is not a date this reader knows. A plain
 * number between 1 and 2958465 is an Excel serial date (a spreadsheet cell without a date format).
 */
export function parseLaporDate(raw: string, officeZone: TimeZoneCode): number | null {
  let text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return null;
  let zone = officeZone;
  const z = /\s*\b(wib|wita|wit)$/.exec(text);
  if (z) {
    zone = ZONES[z[1] ?? ''] ?? officeZone;
    text = text.slice(0, z.index).trim();
  }
  let c: Civil | null;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    c = serial >= 1 && serial < 2958466 ? fromSerial(serial) : null;
  } else {
    c = parseCivil(text);
  }
  if (!c) return null;
  return Date.UTC(c.y, c.mo - 1, c.d, c.h, c.mi, c.s) - utcOffsetMinutes(zone) * 60_000;
}
