/**
 * The outgoing letter register (buku agenda surat keluar) of a unit for a year: every letter it
 * issued, in number order, with its date, addressee, case, signer and how many copies were
 * issued, as an XLSX workbook. Read from the log (index event_letter_seq finds the unit's
 * letters), so every workstation that has the cases prints the same register.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { EventOf } from '../../../shared/domain/events';
import { AppError } from '../../../shared/result';
import { rowToEvent } from '../projection/event-store';
import { getRef, listRefs } from '../refdata/ref-store';
import type { Caller } from '../services/auth.service';
import type { BackendContext } from '../services/context';
import { isFormulaLike } from '../reports/xlsx';
import { indonesianDate } from './format';

interface RegisterRow {
  seq: number;
  number: string;
  date: string;
  addressee: string;
  caseRef: string;
  hal: string;
  signer: string;
  copies: number;
}

const HEAD_ROLES = new Set(['kadis', 'kepala_opd', 'kepala']);

/** The unit's letters of `year`; an official sees their own unit's register, an administrator any. */
export async function letterRegister(
  ctx: BackendContext,
  caller: Caller,
  unitId: string,
  year: number,
): Promise<{ unitName: string; rows: RegisterRow[] }> {
  const unit = await getRef(ctx.db, 'unit', unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'Unit tidak ditemukan.');
  if (!caller.actor.isAdmin && !caller.actor.positions.some((p) => p.unitId === unitId))
    throw new AppError('FORBIDDEN', 'Buku agenda surat keluar hanya untuk unit Anda sendiri.');
  const office = await ctx.office();
  const proj = await ctx.projection();
  const rows = await ctx.db
    .selectFrom('event')
    .selectAll()
    // Literal type and the indexed expressions, so SQLite uses event_letter_seq.
    .where(sql<boolean>`type = 'case.approved'`)
    .where(sql<string>`json_extract(payload, '$.letter.unitId')`, '=', unitId)
    .where(sql<number>`json_extract(payload, '$.letter.year')`, '=', year)
    .orderBy(sql`json_extract(payload, '$.letter.seq')`)
    .execute();
  const acts = rows.map((r) => rowToEvent(r) as EventOf<'case.approved'>);
  const caseIds = [...new Set(acts.map((e) => e.caseId))];
  const cases = caseIds.length ? await ctx.db.selectFrom('cases').select(['id', 'ref', 'title']).where('id', 'in', caseIds).execute() : [];
  const byId = new Map(cases.map((c) => [c.id, c]));
  const issued = caseIds.length
    ? await ctx.db
        .selectFrom('event')
        .select([sql<string>`json_extract(payload, '$.sourceEventId')`.as('src'), sql<number>`count(*)`.as('n')])
        .where('type', '=', 'case.document_issued')
        .where('case_id', 'in', caseIds)
        .groupBy(sql`json_extract(payload, '$.sourceEventId')`)
        .execute()
    : [];
  const copies = new Map(issued.map((r) => [r.src, Number(r.n)]));
  const hubHead = (await listRefs(ctx.db, 'position')).find((p) => p.unitId === office.hubUnitId && p.active && HEAD_ROLES.has(p.roleId));
  const hub = await getRef(ctx.db, 'unit', office.hubUnitId);
  const addressee = hubHead?.title ?? `Kepala ${hub?.name ?? ''}`.trim();
  return {
    unitName: unit.name,
    rows: acts.flatMap((e) => {
      const l = e.payload.letter;
      if (!l) return [];
      const c = byId.get(e.caseId);
      return [
        {
          seq: l.seq,
          number: l.number,
          date: indonesianDate(proj.engine.calendar, Date.parse(`${l.date}T12:00:00Z`)),
          addressee,
          caseRef: c?.ref ?? '-',
          hal: c?.title ?? '-',
          signer: l.signer ? `${l.signer.name}, ${l.signer.position}` : '-',
          copies: copies.get(e.id) ?? 0,
        },
      ];
    }),
  };
}

/** The register as a workbook: a title block, then one row per letter. */
export async function letterRegisterXlsx(unitName: string, year: number, rows: readonly RegisterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Alur';
  const ws = wb.addWorksheet('Surat Keluar');
  ws.addRow(['BUKU AGENDA SURAT KELUAR']).font = { bold: true, size: 13 };
  ws.addRow([unitName]);
  ws.addRow([`Tahun ${year}`]);
  ws.addRow([]);
  const header = ws.addRow(['No.', 'Nomor surat', 'Tanggal', 'Kepada', 'Nomor aduan', 'Hal', 'Penanda tangan', 'Salinan diterbitkan']);
  header.font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow([r.seq, r.number, r.date, r.addressee, r.caseRef, r.hal, r.signer, r.copies]);
    // Citizen text (the case title) stays text even when someone edits the cell.
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && isFormulaLike(cell.value)) cell.numFmt = '@';
    });
  }
  ws.columns.forEach((col, i) => {
    col.width = [6, 28, 18, 40, 20, 50, 40, 12][i] ?? 16;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
