/**
 * Indonesian words of the report files (XLSX and PDF are written by the backend, so their
 * labels live here, matching `src/renderer/i18n/id.json`; the UI labels the JSON itself).
 */
import type { CaseStatus, CaseType, Channel, Urgency } from '../../../shared/domain/enums';
import type { AttentionFlag, ReportKind } from '../../../shared/api/views-reports';
import { utcOffsetMinutes, type TimeZoneCode } from '../../../shared/calendar/working-time';

export const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

export const CHANNEL_LABEL: Record<Channel, string> = {
  lapor: 'SP4N-LAPOR!',
  web: 'Situs web',
  sms1708: 'SMS 1708',
  whatsapp: 'WhatsApp',
  phone: 'Telepon',
  email: 'Surel',
  social: 'Media sosial',
  letter: 'Surat',
  walkin: 'Datang langsung',
};

export const STATUS_LABEL: Record<CaseStatus, string> = {
  registered: 'Terdaftar',
  in_process: 'Diproses OPD',
  responded: 'Ditanggapi',
  answered: 'Dijawab',
  closed: 'Selesai',
};

export const TYPE_LABEL: Record<CaseType, string> = { aspirasi: 'Aspirasi', pengaduan: 'Pengaduan', informasi: 'Permintaan informasi' };

export const URGENCY_LABEL: Record<Urgency, string> = { biasa: 'Biasa', segera: 'Segera', sangat_segera: 'Sangat segera' };

export const ATTENTION_LABEL: Record<AttentionFlag, string> = {
  overdue: 'Terlambat',
  due_soon: 'Segera jatuh tempo',
  returned: 'Dikembalikan',
  paused: 'Dijeda',
};

export const REPORT_TITLE: Record<ReportKind, string> = {
  harian: 'Laporan Identifikasi Permasalahan Aduan Harian',
  'isu-strategis': 'Laporan Harian Isu Strategis Pengaduan',
  bulanan: 'Laporan Rekapitulasi Aduan Bulanan',
  semester: 'Laporan Rekapitulasi Aduan Perangkat Daerah per Semester',
  tahunan: 'Laporan Pengelolaan Pengaduan Tahunan',
};

/** Local civil fields of an instant in the office's time zone. */
function local(ms: number, tz: TimeZoneCode): Date {
  return new Date(ms + utcOffsetMinutes(tz) * 60_000);
}

/** "24 November 2026" */
export function longDate(ms: number, tz: TimeZoneCode): string {
  const d = local(ms, tz);
  return `${d.getUTCDate()} ${MONTHS_ID[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "24 November 2026 14.05 WITA" */
export function longDateTime(ms: number, tz: TimeZoneCode): string {
  const d = local(ms, tz);
  return `${longDate(ms, tz)} ${String(d.getUTCHours()).padStart(2, '0')}.${String(d.getUTCMinutes()).padStart(2, '0')} ${tz}`;
}

/** "24/11/2026" */
export function shortDate(ms: number, tz: TimeZoneCode): string {
  const d = local(ms, tz);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/**
 * A Date whose UTC fields are the office-local wall time: spreadsheet dates have no time
 * zone, and exceljs writes a Date's UTC fields, so this is what the reader should see.
 */
export function sheetDate(ms: number, tz: TimeZoneCode): Date {
  return local(ms, tz);
}

/** "12,5" (one decimal, Indonesian comma) or "–". */
export function num1(v: number | null): string {
  return v === null ? '–' : v.toFixed(1).replace('.', ',');
}

/** "87,5%" or "–". */
export function pct(v: number | null): string {
  return v === null ? '–' : `${(v * 100).toFixed(1).replace('.', ',')}%`;
}
