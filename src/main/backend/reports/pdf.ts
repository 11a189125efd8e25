/**
 * Report PDFs: A4 landscape, the office and period on top, tables with repeated headers and
 * totals, page numbers and Indonesian dates, rendered by the shared pdfmake helper (shipped
 * fonts, no file or URL access). Long case lists are cut at MAX_LINES rows with a note: the
 * XLSX carries every case.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { TimeZoneCode } from '../../../shared/calendar/working-time';
import type { CountRow, Measures, ReportCaseLine, ReportData } from '../../../shared/api/views-reports';
import { assertNever } from '../../../shared/result';
import { renderPdf } from '../documents/pdf-render';
import { ATTENTION_LABEL, CHANNEL_LABEL, longDate, longDateTime, num1, pct, shortDate, STATUS_LABEL, URGENCY_LABEL } from './labels';
import { UNCATEGORISED } from './figures';

const MAX_LINES = 300;

/** "0,13": step standards are often an hour or two. */
function num2(v: number): string {
  return v.toFixed(2).replace('.', ',');
}

/** 12.345 (Indonesian thousands separator). */
function int(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function th(text: string): TableCell {
  return { text, bold: true, fillColor: '#dde6f0' };
}

type Plain = string | { text: string; alignment: 'right' };

function table(headers: readonly string[], rows: readonly TableCell[][], widths: Array<number | string>, totals?: Plain[]): Content {
  const body: TableCell[][] = [headers.map(th), ...rows];
  if (totals) body.push(totals.map((c) => (typeof c === 'string' ? { text: c, bold: true } : { ...c, bold: true })));
  return { table: { headerRows: 1, widths, body }, layout: 'lightHorizontalLines', margin: [0, 4, 0, 12] };
}

function heading(text: string): Content {
  return { text, bold: true, fontSize: 11, margin: [0, 6, 0, 2] };
}

function right(text: string): { text: string; alignment: 'right' } {
  return { text, alignment: 'right' };
}

function countTable(title: string, what: string, rows: readonly CountRow[]): Content[] {
  const total = rows.reduce((s, r) => s + r.count, 0);
  return [
    heading(title),
    table(
      ['No', what, 'Jumlah', '%'],
      rows.map((r, i) => [String(i + 1), r.label, right(int(r.count)), right(pct(total ? r.count / total : null))]),
      [24, '*', 60, 60],
      ['', 'Jumlah', right(int(total)), right(pct(total ? 1 : null))],
    ),
  ];
}

function measureTable(m: Measures): Content {
  const cells: Array<[string, string]> = [
    ['Aduan diterima', int(m.received)],
    ['Ditindaklanjuti', `${int(m.followedUp)} (${pct(m.followedUpRate)})`],
    ['Selesai', `${int(m.finished)} (${pct(m.finishedRate)})`],
    ['Tepat waktu / terlambat', `${int(m.onTime)} / ${int(m.late)}`],
    ['Persentase tepat waktu', pct(m.onTimeRate)],
    ['Rata-rata penanganan', `${num1(m.avgHandlingDays)} hari kerja`],
    ['Penanganan terlama', `${num1(m.worstHandlingDays)} hari kerja${m.worstRef ? ` (${m.worstRef})` : ''}`],
    ['Belum selesai / melewati batas waktu', `${int(m.open)} / ${int(m.overdue)}`],
    ['Ditutup sebagai duplikat / ditutup manual', `${int(m.closedDuplicate)} / ${int(m.closedByHand)}`],
    ['Dibuka kembali / dijawab belum disampaikan', `${int(m.reopened)} / ${int(m.answeredNotDelivered)}`],
  ];
  const rows: TableCell[][] = [];
  for (let i = 0; i < cells.length; i += 2) {
    const a = cells[i] ?? ['', ''];
    const b = cells[i + 1] ?? ['', ''];
    rows.push([{ text: a[0], bold: true }, a[1], { text: b[0], bold: true }, b[1]]);
  }
  return { table: { widths: [150, '*', 190, '*'], body: rows }, layout: 'noBorders', margin: [0, 2, 0, 10] };
}

function lineTable(title: string, lines: readonly ReportCaseLine[], tz: TimeZoneCode): Content[] {
  const shown = lines.slice(0, MAX_LINES);
  const out: Content[] = [
    heading(`${title} (${int(lines.length)})`),
    table(
      ['No', 'Nomor', 'Diterima', 'Kanal', 'Kategori', 'Judul', 'OPD', 'Status / Posisi', 'Batas', 'Perhatian'],
      shown.map((l, i) => [
        String(i + 1),
        l.ref,
        shortDate(l.receivedAt, tz),
        CHANNEL_LABEL[l.channel],
        l.categoryName ?? UNCATEGORISED,
        `${l.title}${l.urgency !== 'biasa' || l.strategic ? ` [${URGENCY_LABEL[l.urgency]}${l.strategic ? ', strategis' : ''}]` : ''}`,
        l.opdNames.join(', '),
        [STATUS_LABEL[l.status], ...l.currentSteps].join(' — '),
        l.dueAt === null ? '' : shortDate(l.dueAt, tz),
        l.attention.map((f) => ATTENTION_LABEL[f]).join(', '),
      ]),
      [18, 72, 46, 52, 70, '*', 80, 110, 46, 60],
      ['', `Jumlah: ${int(lines.length)} aduan`, '', '', '', '', '', '', '', ''],
    ),
  ];
  if (lines.length > shown.length)
    out.push({ text: `… dan ${int(lines.length - shown.length)} aduan lainnya (lihat berkas XLSX).`, italics: true, margin: [0, 0, 0, 8] });
  return out;
}

function body(d: ReportData): Content[] {
  const tz = d.timeZone as TimeZoneCode;
  switch (d.kind) {
    case 'harian':
      return [
        measureTable(d.measures),
        {
          text: `Perlu perhatian: ${int(d.attentionCounts.overdue)} terlambat, ${int(d.attentionCounts.due_soon)} segera jatuh tempo, ${int(d.attentionCounts.returned)} dikembalikan, ${int(d.attentionCounts.paused)} dijeda.`,
          margin: [0, 0, 0, 6],
        },
        ...lineTable('Aduan masuk', d.received, tz),
        ...lineTable('Aduan yang perlu perhatian', d.attention, tz),
        ...countTable('Per kategori', 'Kategori', d.byCategory),
        ...countTable('Per perangkat daerah', 'Perangkat Daerah', d.byOpd),
      ];
    case 'isu-strategis':
      return [
        ...lineTable('Aduan strategis dan mendesak', d.cases, tz),
        heading(`Klaster aduan serupa (${d.clusters.length})`),
        table(
          ['No', 'Dasar', 'Klaster', 'Jumlah', 'Nomor', 'Judul'],
          d.clusters.map((c, i) => [
            String(i + 1),
            c.basis === 'lokasi' ? 'Lokasi' : 'Judul',
            c.label,
            right(int(c.count)),
            c.refs.join(', '),
            c.titles.join(' | '),
          ]),
          [18, 40, 150, 40, 160, '*'],
          ['', '', 'Jumlah', right(int(d.clusters.reduce((n, c) => n + c.count, 0))), '', ''],
        ),
      ];
    case 'bulanan':
    case 'tahunan': {
      const head: Content[] = [measureTable(d.measures)];
      if (d.kind === 'tahunan') {
        const row = (label: string, m: Measures): Plain[] => [
          label,
          right(int(m.received)),
          right(pct(m.followedUpRate)),
          right(int(m.finished)),
          right(pct(m.finishedRate)),
          right(pct(m.onTimeRate)),
          right(num1(m.avgHandlingDays)),
          right(num1(m.worstHandlingDays)),
          right(int(m.open)),
        ];
        head.push(
          heading('Per bulan'),
          table(
            [
              'Bulan',
              'Diterima',
              '% Ditindaklanjuti',
              'Selesai',
              '% Selesai',
              '% Tepat Waktu',
              'Rata-rata (hari kerja)',
              'Terlama (hari kerja)',
              'Belum Selesai',
            ],
            d.months.map((m) => row(m.label, m.measures)),
            ['*', 60, 70, 60, 60, 70, 80, 80, 70],
            row('Jumlah', d.measures),
          ),
        );
      }
      return [
        ...head,
        ...countTable('Per status', 'Status', d.byStatus),
        ...countTable('Per kanal', 'Kanal', d.byChannel),
        ...countTable('Per jenis', 'Jenis', d.byType),
        ...countTable('Per kategori', 'Kategori', d.byCategory),
        ...countTable('Per perangkat daerah', 'Perangkat Daerah', d.byOpd),
      ];
    }
    case 'semester': {
      const opds = d.opds;
      const sum = (f: (r: (typeof opds)[number]) => number) => opds.reduce((n, r) => n + f(r), 0);
      return [
        measureTable(d.measures),
        heading('Per perangkat daerah'),
        table(
          ['No', 'Perangkat Daerah', 'Diterima', 'Tepat Waktu', 'Terlambat', 'Hari Terlambat', 'Rata-rata (hari kerja)', 'Belum Selesai'],
          d.opds.map((r, i) => [
            String(i + 1),
            r.unitName,
            right(int(r.received)),
            right(int(r.answeredOnTime)),
            right(int(r.late)),
            right(num1(r.daysLate)),
            right(num1(r.avgDays)),
            right(int(r.open)),
          ]),
          [18, '*', 55, 60, 55, 65, 80, 60],
          [
            '',
            'Jumlah',
            right(int(sum((r) => r.received))),
            right(int(sum((r) => r.answeredOnTime))),
            right(int(sum((r) => r.late))),
            right(num1(sum((r) => r.daysLate))),
            '',
            right(int(sum((r) => r.open))),
          ],
        ),
        heading('Waktu per langkah terhadap standar SOP'),
        table(
          ['No', 'Unit', 'Langkah', 'Selesai', 'Rata-rata', 'Standar', 'Rasio', 'Terlama', 'Melebihi'],
          d.steps.map((r, i) => [
            String(i + 1),
            r.unitName,
            r.stepName,
            right(int(r.count)),
            right(num2(r.avgDays)),
            right(num2(r.standardDays)),
            right(pct(r.ratio)),
            right(num2(r.worstDays)),
            right(int(r.lateCount)),
          ]),
          [18, 120, '*', 45, 50, 50, 45, 50, 50],
          [
            '',
            'Jumlah',
            '',
            right(int(d.steps.reduce((n, r) => n + r.count, 0))),
            '',
            '',
            '',
            '',
            right(int(d.steps.reduce((n, r) => n + r.lateCount, 0))),
          ],
        ),
        { text: 'Waktu dalam hari kerja kalender kantor (jam kerja, hari libur dan masa jeda tidak dihitung).', italics: true, fontSize: 7 },
      ];
    }
    default:
      return assertNever(d);
  }
}

/** The pdfmake definition of a report (exported for tests of the layout). */
function reportDocument(d: ReportData): TDocumentDefinitions {
  const tz = d.timeZone as TimeZoneCode;
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 36, 28, 36],
    info: { title: `${d.title} ${d.period.label}`, author: d.officeName, creator: 'Alur' },
    defaultStyle: { font: 'Sans', fontSize: 8 },
    header: { text: d.officeName, fontSize: 7, color: '#555555', margin: [28, 16, 28, 0] },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: `${d.title} — ${d.period.label}`, fontSize: 7, color: '#555555' },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right', fontSize: 7, color: '#555555' },
      ],
      margin: [28, 8, 28, 0],
    }),
    content: [
      { text: d.title.toUpperCase(), bold: true, fontSize: 13, alignment: 'center' },
      { text: d.officeName, fontSize: 10, alignment: 'center', margin: [0, 2, 0, 0] },
      {
        text: `Periode: ${d.period.label} (${longDate(d.period.fromMs, tz)} s.d. ${longDate(d.period.toMs - 1, tz)})`,
        alignment: 'center',
        margin: [0, 2, 0, 0],
      },
      {
        text: `${d.allUnits ? 'Seluruh perangkat daerah' : `Unit: ${d.unitNames.join(', ')}`} · keadaan per ${longDateTime(d.asOf, tz)} · dibuat ${longDateTime(d.generatedAt, tz)}`,
        alignment: 'center',
        fontSize: 7,
        color: '#555555',
        margin: [0, 2, 0, 10],
      },
      ...body(d),
    ],
  };
}

export async function renderReportPdf(resourcesDir: string, d: ReportData): Promise<Buffer> {
  return renderPdf(resourcesDir, reportDocument(d));
}
