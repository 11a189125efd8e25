/**
 * Report workbooks, written with exceljs's streaming WorkbookWriter: every row is committed
 * as soon as it is built, so a year of 100k cases never sits in memory as cells. Each sheet
 * has the title, office and period rows, a frozen header with a filter, real dates shown as
 * dd/mm/yyyy, formatted numbers and, for tables, a totals row.
 *
 * The case list ("Daftar Aduan", always the last sheet) is written first, page by page while
 * the figures are folded from the same cases, and the figure sheets once those are known:
 * every sheet is reserved up front, so the workbook keeps its sheet order whatever order the
 * sheets are filled in.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { TimeZoneCode } from '../../../shared/calendar/working-time';
import type { CountRow, Measures, ReportCaseLine, ReportData, ReportHeader, ReportKind } from '../../../shared/api/views-reports';
import { assertNever } from '../../../shared/result';
import { ATTENTION_LABEL, CHANNEL_LABEL, longDate, longDateTime, sheetDate, STATUS_LABEL, TYPE_LABEL, URGENCY_LABEL } from './labels';
import { categoryName, UNCATEGORISED, type CaseTimes, type FigureEnv } from './figures';
import type { CaseFact } from './source';

type Kind = 'text' | 'int' | 'dec' | 'pct' | 'date';
interface Col {
  header: string;
  width: number;
  kind: Kind;
}
type Cell = string | number | Date | null;

const NUM_FMT: Record<Kind, string | undefined> = { text: undefined, int: '#,##0', dec: '#,##0.0', pct: '0.0%', date: 'dd/mm/yyyy' };
/** Title, office, period, scope, blank; the header is the next row. */
const HEADER_ROW = 6;

/**
 * A text that a spreadsheet could take for a formula when someone edits the cell (=, +, -, @,
 * or a leading tab / CR). Such cells are written as strings with the Text number format ("@"),
 * so they stay text even after editing; exceljs never writes a plain string as a formula.
 */
export function isFormulaLike(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s);
}

function colLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

interface SheetWriter {
  /** `kinds` overrides the column's number format cell by cell (a label/value sheet mixes counts and rates). */
  row(values: readonly Cell[], bold?: boolean, kinds?: ReadonlyArray<Kind | undefined>): void;
  done(): void;
}

const LIST = 'Daftar Aduan';

/** The sheets of each kind, in workbook order (the case list, when there is one, last). */
const SHEETS: Record<ReportKind, readonly string[]> = {
  harian: ['Ringkasan', 'Aduan Masuk', 'Perlu Perhatian', 'Per Kategori', 'Per OPD'],
  'isu-strategis': ['Aduan Strategis', 'Klaster'],
  bulanan: ['Ringkasan', 'Per Status', 'Per Kanal', 'Per Jenis', 'Per Kategori', 'Per OPD', LIST],
  semester: ['Ringkasan', 'Per OPD', 'Waktu per Langkah', LIST],
  tahunan: ['Per Bulan', 'Per Status', 'Per Kanal', 'Per Jenis', 'Per Kategori', 'Per OPD', LIST],
};

type Book = ReadonlyMap<string, ExcelJS.Worksheet>;

function addSheet(book: Book, name: string, meta: readonly string[], cols: readonly Col[]): SheetWriter {
  const ws = book.get(name);
  if (!ws) throw new Error(`sheet ${name} not reserved`);
  ws.columns = cols.map((c) => ({ width: c.width, style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {} }));
  meta.forEach((m, i) => {
    const r = ws.getRow(i + 1);
    r.getCell(1).value = m;
    r.getCell(1).numFmt = '@';
    r.getCell(1).font = i === 0 ? { bold: true, size: 14 } : { size: 11 };
    r.commit();
  });
  const head = ws.getRow(HEADER_ROW);
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.numFmt = '@';
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
  });
  head.commit();
  ws.autoFilter = `A${HEADER_ROW}:${colLetter(cols.length)}${HEADER_ROW}`;
  let n = HEADER_ROW;
  return {
    row(values, bold = false, kinds) {
      const r = ws.getRow(++n);
      values.forEach((v, i) => {
        if (v === null) return;
        const cell = r.getCell(i + 1);
        cell.value = v;
        const own = kinds?.[i];
        const fmt = own ? NUM_FMT[own] : undefined;
        if (fmt) cell.numFmt = fmt;
        if (typeof v === 'string' && isFormulaLike(v)) cell.numFmt = '@';
        if (bold) cell.font = { bold: true };
      });
      r.commit();
    },
    done() {
      ws.commit();
    },
  };
}

function metaRows(d: ReportHeader, sheetTitle: string): string[] {
  const tz = d.timeZone as TimeZoneCode;
  return [
    `${d.title} — ${sheetTitle}`,
    d.officeName,
    `Periode: ${d.period.label} (${longDate(d.period.fromMs, tz)} s.d. ${longDate(d.period.toMs - 1, tz)})`,
    `${d.allUnits ? 'Seluruh OPD' : `Unit: ${d.unitNames.join(', ')}`} · Keadaan per ${longDateTime(d.asOf, tz)} · Dibuat ${longDateTime(d.generatedAt, tz)}`,
  ];
}

function countSheet(book: Book, d: ReportData, name: string, what: string, rows: readonly CountRow[]): void {
  const total = rows.reduce((s, r) => s + r.count, 0);
  const s = addSheet(book, name, metaRows(d, name), [
    { header: 'No', width: 6, kind: 'int' },
    { header: what, width: 48, kind: 'text' },
    { header: 'Jumlah Aduan', width: 14, kind: 'int' },
    { header: 'Persentase', width: 12, kind: 'pct' },
  ]);
  rows.forEach((r, i) => s.row([i + 1, r.label, r.count, total ? r.count / total : 0]));
  s.row([null, 'Jumlah', total, total ? 1 : 0], true);
  s.done();
}

const MEASURE_COLS: Col[] = [
  { header: 'Aduan Diterima', width: 12, kind: 'int' },
  { header: 'Ditindaklanjuti', width: 14, kind: 'int' },
  { header: '% Ditindaklanjuti', width: 14, kind: 'pct' },
  { header: 'Selesai', width: 10, kind: 'int' },
  { header: '% Selesai', width: 11, kind: 'pct' },
  { header: 'Tepat Waktu', width: 12, kind: 'int' },
  { header: 'Terlambat', width: 11, kind: 'int' },
  { header: '% Tepat Waktu', width: 13, kind: 'pct' },
  { header: 'Rata-rata Penanganan (hari kerja)', width: 18, kind: 'dec' },
  { header: 'Penanganan Terlama (hari kerja)', width: 18, kind: 'dec' },
  { header: 'Belum Selesai', width: 12, kind: 'int' },
  { header: 'Melewati Batas Waktu', width: 14, kind: 'int' },
  { header: 'Ditutup sebagai Duplikat', width: 14, kind: 'int' },
  { header: 'Ditutup Manual', width: 12, kind: 'int' },
  { header: 'Dibuka Kembali', width: 12, kind: 'int' },
  { header: 'Dijawab, Belum Disampaikan', width: 16, kind: 'int' },
];

function measureCells(m: Measures): Cell[] {
  return [
    m.received,
    m.followedUp,
    m.followedUpRate,
    m.finished,
    m.finishedRate,
    m.onTime,
    m.late,
    m.onTimeRate,
    m.avgHandlingDays,
    m.worstHandlingDays,
    m.open,
    m.overdue,
    m.closedDuplicate,
    m.closedByHand,
    m.reopened,
    m.answeredNotDelivered,
  ];
}

/** Label / value rows: each value in its measure's own format (counts as integers, rates as percent, days with one decimal). */
function summarySheet(book: Book, d: ReportData, m: Measures, extra: ReadonlyArray<[string, number]> = []): void {
  const s = addSheet(book, 'Ringkasan', metaRows(d, 'Ringkasan'), [
    { header: 'Ukuran', width: 44, kind: 'text' },
    { header: 'Nilai', width: 16, kind: 'text' },
  ]);
  MEASURE_COLS.forEach((c, i) => s.row([c.header, measureCells(m)[i] ?? null], false, [undefined, c.kind]));
  if (m.worstRef) s.row(['Aduan dengan penanganan terlama', m.worstRef]);
  for (const [k, v] of extra) s.row([k, v], false, [undefined, 'int']);
  s.done();
}

function lineSheet(book: Book, d: ReportData, name: string, lines: readonly ReportCaseLine[]): void {
  const tz = d.timeZone as TimeZoneCode;
  const s = addSheet(book, name, metaRows(d, name), [
    { header: 'No', width: 6, kind: 'int' },
    { header: 'Nomor Registrasi', width: 20, kind: 'text' },
    { header: 'Nomor LAPOR!', width: 14, kind: 'text' },
    { header: 'Tanggal Diterima', width: 13, kind: 'date' },
    { header: 'Kanal', width: 16, kind: 'text' },
    { header: 'Jenis', width: 14, kind: 'text' },
    { header: 'Kategori', width: 28, kind: 'text' },
    { header: 'Judul', width: 48, kind: 'text' },
    { header: 'Lokasi', width: 20, kind: 'text' },
    { header: 'Sifat', width: 13, kind: 'text' },
    { header: 'OPD', width: 30, kind: 'text' },
    { header: 'Status', width: 14, kind: 'text' },
    { header: 'Posisi', width: 30, kind: 'text' },
    { header: 'Batas Waktu', width: 13, kind: 'date' },
    { header: 'Perlu Perhatian', width: 24, kind: 'text' },
  ]);
  lines.forEach((l, i) =>
    s.row([
      i + 1,
      l.ref,
      l.laporId,
      sheetDate(l.receivedAt, tz),
      CHANNEL_LABEL[l.channel],
      TYPE_LABEL[l.type],
      [l.categoryName ?? UNCATEGORISED, l.subcategoryName].filter(Boolean).join(' / '),
      l.title,
      l.location,
      `${URGENCY_LABEL[l.urgency]}${l.strategic ? ', strategis' : ''}`,
      l.opdNames.join(', '),
      STATUS_LABEL[l.status],
      l.currentSteps.join(' / '),
      l.dueAt === null ? null : sheetDate(l.dueAt, tz),
      l.attention.map((f) => ATTENTION_LABEL[f]).join(', '),
    ]),
  );
  s.row([null, `Jumlah: ${lines.length} aduan`], true);
  s.done();
}

const LIST_COLS: readonly Col[] = [
  { header: 'No', width: 7, kind: 'int' },
  { header: 'Nomor Registrasi', width: 20, kind: 'text' },
  { header: 'Nomor LAPOR!', width: 14, kind: 'text' },
  { header: 'Tanggal Diterima', width: 13, kind: 'date' },
  { header: 'Kanal', width: 16, kind: 'text' },
  { header: 'Jenis', width: 14, kind: 'text' },
  { header: 'Kategori', width: 28, kind: 'text' },
  { header: 'Judul', width: 48, kind: 'text' },
  { header: 'OPD', width: 30, kind: 'text' },
  { header: 'Status', width: 14, kind: 'text' },
  { header: 'Tanggal Selesai', width: 13, kind: 'date' },
  { header: 'Lama Penanganan (hari kerja)', width: 14, kind: 'dec' },
  { header: 'Tepat Waktu', width: 11, kind: 'text' },
];

/** A case of the list with its times (computed once, for the figures too). */
export interface ListedCase {
  c: CaseFact;
  t: CaseTimes;
}

/** The "Daftar Aduan" sheet, every case of the period one row each, written as they come. */
class CaseList {
  private readonly s: SheetWriter;
  private readonly tz: TimeZoneCode;
  private n = 0;
  private finished = 0;
  private sum = 0;
  private dayMinutes = 1;
  constructor(book: Book, head: ReportHeader) {
    this.s = addSheet(book, LIST, metaRows(head, LIST), LIST_COLS);
    this.tz = head.timeZone as TimeZoneCode;
  }

  add(env: FigureEnv, rows: readonly ListedCase[]): void {
    const tz = this.tz;
    this.dayMinutes = env.dayMinutes;
    for (const { c, t } of rows) {
      const { end, took, std } = t;
      if (took !== null) [this.finished, this.sum] = [this.finished + 1, this.sum + took];
      this.s.row([
        ++this.n,
        c.ref,
        c.laporId,
        sheetDate(c.receivedAt, tz),
        CHANNEL_LABEL[c.channel],
        TYPE_LABEL[c.type],
        categoryName(env, c) ?? UNCATEGORISED,
        c.title,
        c.opdUnitIds.map((u) => env.unitName(u)).join(', '),
        STATUS_LABEL[c.status],
        end === null ? null : sheetDate(end, tz),
        took === null ? null : took / env.dayMinutes,
        took === null || std === null ? null : took <= std ? 'Ya' : 'Tidak',
      ]);
    }
  }

  done(): void {
    const { n, finished, sum } = this;
    this.s.row(
      [
        null,
        `Jumlah: ${n} aduan`,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        `Selesai: ${finished}`,
        null,
        finished ? sum / finished / this.dayMinutes : null,
        null,
      ],
      true,
    );
    this.s.done();
  }
}

/** The figure sheets of a report (the case list is written apart, see ReportWorkbook). */
function sheetsOf(book: Book, d: ReportData): void {
  switch (d.kind) {
    case 'harian':
      summarySheet(book, d, d.measures, [
        ['Perlu perhatian: terlambat', d.attentionCounts.overdue],
        ['Perlu perhatian: segera jatuh tempo', d.attentionCounts.due_soon],
        ['Perlu perhatian: dikembalikan', d.attentionCounts.returned],
        ['Perlu perhatian: dijeda', d.attentionCounts.paused],
      ]);
      lineSheet(book, d, 'Aduan Masuk', d.received);
      lineSheet(book, d, 'Perlu Perhatian', d.attention);
      countSheet(book, d, 'Per Kategori', 'Kategori', d.byCategory);
      countSheet(book, d, 'Per OPD', 'Perangkat Daerah', d.byOpd);
      return;
    case 'isu-strategis': {
      lineSheet(book, d, 'Aduan Strategis', d.cases);
      const s = addSheet(book, 'Klaster', metaRows(d, 'Klaster aduan serupa'), [
        { header: 'No', width: 6, kind: 'int' },
        { header: 'Dasar', width: 10, kind: 'text' },
        { header: 'Klaster', width: 44, kind: 'text' },
        { header: 'Jumlah Aduan', width: 13, kind: 'int' },
        { header: 'Nomor Registrasi', width: 60, kind: 'text' },
        { header: 'Judul', width: 70, kind: 'text' },
      ]);
      d.clusters.forEach((c, i) =>
        s.row([i + 1, c.basis === 'lokasi' ? 'Lokasi' : 'Judul', c.label, c.count, c.refs.join(', '), c.titles.join(' | ')]),
      );
      s.row([null, 'Jumlah', `${d.clusters.length} klaster`, d.clusters.reduce((n, c) => n + c.count, 0)], true);
      s.done();
      return;
    }
    case 'bulanan':
    case 'tahunan':
      if (d.kind === 'tahunan') {
        const s = addSheet(book, 'Per Bulan', metaRows(d, 'Per Bulan'), [{ header: 'Bulan', width: 14, kind: 'text' }, ...MEASURE_COLS]);
        for (const m of d.months) s.row([m.label, ...measureCells(m.measures)]);
        s.row(['Jumlah', ...measureCells(d.measures)], true);
        s.done();
      } else summarySheet(book, d, d.measures);
      countSheet(book, d, 'Per Status', 'Status', d.byStatus);
      countSheet(book, d, 'Per Kanal', 'Kanal', d.byChannel);
      countSheet(book, d, 'Per Jenis', 'Jenis', d.byType);
      countSheet(book, d, 'Per Kategori', 'Kategori', d.byCategory);
      countSheet(book, d, 'Per OPD', 'Perangkat Daerah', d.byOpd);
      return;
    case 'semester': {
      summarySheet(book, d, d.measures);
      const o = addSheet(book, 'Per OPD', metaRows(d, 'Per Perangkat Daerah'), [
        { header: 'No', width: 6, kind: 'int' },
        { header: 'Perangkat Daerah', width: 44, kind: 'text' },
        { header: 'Aduan Diterima', width: 12, kind: 'int' },
        { header: 'Dijawab Tepat Waktu', width: 14, kind: 'int' },
        { header: 'Terlambat', width: 11, kind: 'int' },
        { header: 'Jumlah Hari Keterlambatan (hari kerja)', width: 18, kind: 'dec' },
        { header: 'Rata-rata Waktu OPD (hari kerja)', width: 16, kind: 'dec' },
        { header: 'Belum Selesai', width: 12, kind: 'int' },
      ]);
      const opds = d.opds;
      opds.forEach((r, i) => o.row([i + 1, r.unitName, r.received, r.answeredOnTime, r.late, r.daysLate, r.avgDays, r.open]));
      const sum = (f: (r: (typeof opds)[number]) => number) => opds.reduce((n, r) => n + f(r), 0);
      o.row(
        [null, 'Jumlah', sum((r) => r.received), sum((r) => r.answeredOnTime), sum((r) => r.late), sum((r) => r.daysLate), null, sum((r) => r.open)],
        true,
      );
      o.done();
      const st = addSheet(book, 'Waktu per Langkah', metaRows(d, 'Waktu per langkah terhadap standar SOP'), [
        { header: 'No', width: 6, kind: 'int' },
        { header: 'Unit', width: 36, kind: 'text' },
        { header: 'Langkah', width: 50, kind: 'text' },
        { header: 'Jumlah Langkah Selesai', width: 13, kind: 'int' },
        { header: 'Rata-rata (hari kerja)', width: 13, kind: 'dec' },
        { header: 'Standar SOP (hari kerja)', width: 13, kind: 'dec' },
        { header: 'Rata-rata / Standar', width: 12, kind: 'pct' },
        { header: 'Terlama (hari kerja)', width: 13, kind: 'dec' },
        { header: 'Melebihi Standar', width: 12, kind: 'int' },
      ]);
      d.steps.forEach((r, i) => st.row([i + 1, r.unitName, r.stepName, r.count, r.avgDays, r.standardDays, r.ratio, r.worstDays, r.lateCount]));
      st.row(
        [null, 'Jumlah', null, d.steps.reduce((n, r) => n + r.count, 0), null, null, null, null, d.steps.reduce((n, r) => n + r.lateCount, 0)],
        true,
      );
      st.done();
      return;
    }
    default:
      assertNever(d);
  }
}

/**
 * The workbook of one report, streamed into `out`: the case list first (`addCases`, page by
 * page), then `finish` with the figures writes the other sheets and completes the file.
 */
export class ReportWorkbook {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly book: Book;
  private readonly written: Promise<void>;
  private list: CaseList | null = null;

  constructor(kind: ReportKind, generatedAt: number, out: Writable) {
    this.written = new Promise<void>((resolve, reject) => {
      out.once('finish', resolve);
      out.once('close', resolve);
      out.once('error', reject);
    });
    // Failures surface through `finish`; until then an error must not go unhandled.
    this.written.catch(() => undefined);
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    this.wb.creator = 'Alur';
    this.wb.created = new Date(generatedAt);
    this.book = new Map(
      SHEETS[kind].map((name) => [name, this.wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }] })]),
    );
  }

  /**
   * Appends cases to the case list, then lets the event loop run once so the zip can take
   * and compress what those rows made while the next page is read. (Waiting until it has
   * taken everything was measured slower and no smaller: compression then stops overlapping
   * with the rows.)
   */
  async addCases(head: ReportHeader, env: FigureEnv, rows: readonly ListedCase[]): Promise<void> {
    this.list ??= new CaseList(this.book, head);
    this.list.add(env, rows);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Writes the figure sheets, closes the case list and resolves once `out` has it all. */
  async finish(d: ReportData): Promise<void> {
    sheetsOf(this.book, d);
    if (this.book.has(LIST)) {
      this.list ??= new CaseList(this.book, d);
      this.list.done();
    }
    await this.wb.commit();
    await this.written;
  }
}
