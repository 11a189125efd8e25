/**
 * The desk's exports (issue 15): a case list or search result as XLSX (the same rows the
 * caller sees in Cari, every page), and the answers of a period for pasting into LAPOR! (one
 * row per LAPOR! tracking id with the answer text). Plain workbooks of at most 10,000 rows,
 * built in memory; the big recaps stream (reports/xlsx.ts).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { ReportFile } from '../../../shared/api/views-reports';
import type { CaseRow } from '../../../shared/api/views';
import { listRefs } from '../refdata/ref-store';
import { CHANNEL_LABEL, STATUS_LABEL, TYPE_LABEL, sheetDate } from '../reports/labels';
import { parseDayRange } from '../reports/period';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { listCases } from './query.service';
import { visibilityOf } from './visibility';

const MAX_ROWS = 10_000;
const PAGE = 500;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbookFile(wb: ExcelJS.Workbook, fileName: string): Promise<ReportFile> {
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName, mime: XLSX, dataBase64: buf.toString('base64') };
}

function sheet(wb: ExcelJS.Workbook, name: string, columns: Array<{ header: string; width: number; date?: boolean }>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.date ? { numFmt: 'dd/mm/yyyy hh:mm' } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** The cases of the list with these filters, as the caller may see them, in the list's order. */
export async function exportCaseList(ctx: BackendContext, caller: Caller, filters: ParsedInputOf<'case.exportList'>): Promise<ReportFile> {
  const tz = (await ctx.projection()).engine.calendar.timeZone;
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u.name]));
  const rows: CaseRow[] = [];
  for (let offset = 0; rows.length < MAX_ROWS; offset += PAGE) {
    const page = await listCases(ctx, caller, { ...filters, limit: PAGE, offset });
    rows.push(...page.rows);
    if (page.rows.length < PAGE) break;
  }
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, 'Daftar Aduan', [
    { header: 'No. registrasi', width: 20 },
    { header: 'No. LAPOR!', width: 18 },
    { header: 'Diterima', width: 17, date: true },
    { header: 'Kanal', width: 14 },
    { header: 'Jenis', width: 18 },
    { header: 'Judul', width: 50 },
    { header: 'Status', width: 14 },
    { header: 'Langkah sekarang', width: 40 },
    { header: 'OPD', width: 40 },
    { header: 'Batas waktu', width: 17, date: true },
    { header: 'Terlambat', width: 10 },
  ]);
  for (const r of rows.slice(0, MAX_ROWS)) {
    ws.addRow([
      r.ref,
      r.laporId ?? '',
      sheetDate(r.receivedAt, tz),
      CHANNEL_LABEL[r.channel],
      TYPE_LABEL[r.type],
      r.title,
      STATUS_LABEL[r.status],
      r.currentSteps.join('; '),
      r.opdUnitIds.map((u) => units.get(u) ?? u).join('; '),
      r.dueAt === null ? '' : sheetDate(r.dueAt, tz),
      r.overdue ? 'Ya' : '',
    ]);
  }
  return workbookFile(wb, 'daftar-aduan.xlsx');
}

/**
 * The answers given in the period on cases with a LAPOR! tracking id, oldest first: what the
 * operator pastes into LAPOR!. Only cases the caller may see.
 */
export async function exportLaporAnswers(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'answers.exportLapor'>): Promise<ReportFile> {
  const office = await ctx.office();
  const tz = (await ctx.projection()).engine.calendar.timeZone;
  const period = parseDayRange(input.from, input.to, tz);
  const v = visibilityOf(caller.actor, office.hubUnitId);
  let q = ctx.db
    .selectFrom('cases')
    .select([
      'cases.ref',
      'cases.lapor_id',
      'cases.answered_at',
      'cases.title',
      sql<string | null>`json_extract(cases.state, '$.s.answer')`.as('answer'),
    ])
    .where('cases.lapor_id', 'is not', null)
    .where('cases.answered_at', '>=', period.fromMs)
    .where('cases.answered_at', '<', period.toMs);
  if (!v.all)
    q = q.where(
      'cases.id',
      'in',
      ctx.db
        .selectFrom('case_unit')
        .select('case_id')
        .where('unit_id', 'in', v.unitIds.length ? v.unitIds : ['']),
    );
  const rows = await q.orderBy('cases.answered_at').limit(MAX_ROWS).execute();
  const wb = new ExcelJS.Workbook();
  const ws = sheet(wb, 'Jawaban LAPOR!', [
    { header: 'Tracking ID LAPOR!', width: 20 },
    { header: 'Jawaban', width: 90 },
    { header: 'Dijawab', width: 17, date: true },
    { header: 'No. registrasi', width: 20 },
    { header: 'Judul', width: 50 },
  ]);
  for (const r of rows) {
    const row = ws.addRow([r.lapor_id ?? '', r.answer ?? '', r.answered_at === null ? '' : sheetDate(r.answered_at, tz), r.ref, r.title]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  return workbookFile(wb, `jawaban-lapor-${input.from}-${input.to}.xlsx`);
}
