/** Contract methods of reports, dashboard and LAPOR! import (issue 7). */
// Add methods as `'area.verb': method<Result>()(inputSchema, access)` (see ../method.ts) and
// their handlers in src/main/backend/handlers/reports.ts.
import { z } from 'zod';
import { method } from '../method';
import { REPORT_FORMATS, REPORT_KINDS, type DashboardStats, type ReportData, type ReportFile } from '../views-reports';

const ReportKind = z.enum(REPORT_KINDS);
/** `2026-11-24` (harian, isu-strategis), `2026-11` (bulanan), `2026-S2` (semester), `2026` (tahunan); checked per kind by the backend. */
const Period = z.string().trim().min(4).max(10);

export const reportMethods = {
  /** The figures of one SOP report, for the Laporan screen. OPD users get their unit's cases only. */
  'report.data': method<ReportData>()(z.object({ kind: ReportKind, period: Period }).strict(), 'user'),
  /** The same report as a file (XLSX or PDF), base64-encoded. */
  'report.export': method<ReportFile>()(z.object({ kind: ReportKind, period: Period, format: z.enum(REPORT_FORMATS) }).strict(), 'user'),
  /** The Beranda dashboard for cases received from `from` to `to` (office-local dates, inclusive). */
  'dashboard.stats': method<DashboardStats>()(
    z
      .object({ from: z.iso.date(), to: z.iso.date() })
      .strict()
      .refine((r) => r.from <= r.to, 'tanggal akhir sebelum tanggal awal'),
    'user',
  ),
} as const;
