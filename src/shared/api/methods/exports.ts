/**
 * Contract methods of the desk's exports (issue 15): any case list or search result as XLSX,
 * and a period's answers for pasting into LAPOR! (one row per LAPOR! tracking id).
 */
import { z } from 'zod';
import { CaseListInput } from '../filters';
import { method } from '../method';
import type { ReportFile } from '../views-reports';

export const exportMethods = {
  /** The cases the list shows with these filters (every page, up to 10,000 rows), as XLSX. */
  'case.exportList': method<ReportFile>()(CaseListInput.omit({ limit: true, offset: true }), 'user'),
  /** Answers given from `from` to `to` (office-local dates, inclusive) on cases with a LAPOR! id, as XLSX. */
  'answers.exportLapor': method<ReportFile>()(
    z
      .object({ from: z.iso.date(), to: z.iso.date() })
      .strict()
      .refine((r) => r.from <= r.to, 'tanggal akhir sebelum tanggal awal'),
    'user',
  ),
} as const;
