/**
 * The disposition sheet (lembar disposisi) as offices know the paper form: one sheet per unit's
 * part of the chain, each on its own page with the unit's letterhead and agenda number, Sifat as
 * tick boxes, and a row per level: who disposed, to which post and official, the instructions
 * ticked, the note, and the paraf and date. A unit still holding the case gets a blank level for
 * ink; a closed part gets none. The QR code identifies the case when the sheet is scanned back.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Position, Unit } from '../../../shared/domain/org';
import { AppError } from '../../../shared/result';
import { loadCaseEvents } from '../projection/event-store';
import { loadStoredCase } from '../projection/case-projection';
import { listRefs } from '../refdata/ref-store';
import type { BackendContext } from '../services/context';
import { checkSignature, loadTrust } from '../keys/verify';
import { localDate } from '../../../shared/calendar/working-time';
import { indonesianDate } from './format';
import { kopOf } from './letter-content';
import { documentKeywords, kopContent } from './letter-pdf';
import { letterheadOf } from './letter-number';
import { renderPdf } from './pdf-render';
import { qrCanvas } from './qr';
import { agendaNumber, holderOn, sheetParts, targetLabel, type Disposition, type SheetPart } from './sheet-parts';

const CHANNEL_LABEL: Record<string, string> = {
  lapor: 'SP4N-LAPOR!',
  web: 'Situs web',
  sms1708: 'SMS 1708',
  whatsapp: 'WhatsApp',
  phone: 'Telepon',
  email: 'Surat elektronik',
  social: 'Media sosial',
  letter: 'Surat',
  walkin: 'Datang langsung',
};
const MARGIN = 42;
const WIDTH = 595.28 - 2 * MARGIN;
const BLANK = '..............................';

function sheetQrText(caseId: string, ref: string): string {
  return `ALUR:S:${caseId}:${ref}`;
}

function box(ticked: boolean): Content {
  const lines = ticked
    ? [
        { type: 'line' as const, x1: 1.5, y1: 1.5, x2: 6.5, y2: 6.5, lineWidth: 1 },
        { type: 'line' as const, x1: 6.5, y1: 1.5, x2: 1.5, y2: 6.5, lineWidth: 1 },
      ]
    : [];
  return { canvas: [{ type: 'rect', x: 0, y: 0, w: 8, h: 8, lineWidth: 0.6 }, ...lines], width: 11, margin: [0, 1, 0, 0] } as Content;
}

function ticks(items: readonly string[], ticked: (i: string) => boolean, columns: number): Content {
  const per = Math.ceil(items.length / columns);
  const col = (list: readonly string[]): Content => ({ stack: list.map((i) => ({ columns: [box(ticked(i)), { text: i }], margin: [0, 0, 0, 1] })) });
  return { columns: Array.from({ length: columns }, (_v, c) => col(items.slice(c * per, (c + 1) * per))), columnGap: 6 };
}

interface Lookups {
  users: ReadonlyMap<string, { fullName: string }>;
  /** The tasks each event opened: where a forward without named targets went. */
  openedBy: ReadonlyMap<string, Array<{ unitId: string; positionId: string | null; roleId: string }>>;
  units: ReadonlyMap<string, Unit>;
  positions: ReadonlyMap<string, Position>;
  holder: (positionId: string, at: number) => string | null;
  day: (at: number) => string;
}

export async function dispositionSheet(ctx: BackendContext, caseId: string): Promise<{ pdf: Buffer; ref: string }> {
  const st = await loadStoredCase(ctx.db, caseId);
  if (!st) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
  const s = st.s;
  const office = await ctx.office();
  const proj = await ctx.projection();
  const cal = proj.engine.calendar;
  const preset = proj.preset(s.presetId, s.presetVersion);
  const events = await loadCaseEvents(ctx.db, caseId);
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u]));
  const positions = new Map((await listRefs(ctx.db, 'position')).map((p) => [p.id, p]));
  const users = new Map((await listRefs(ctx.db, 'user')).map((u) => [u.id, u]));
  const assignments = await listRefs(ctx.db, 'assignment');
  const trust = await loadTrust(ctx.db, cal, { users, positions });
  const day = (at: number) => indonesianDate(cal, at);
  const openedBy = new Map<string, Array<{ unitId: string; positionId: string | null; roleId: string }>>();
  for (const t of s.tasks) openedBy.set(t.openedByEvent, [...(openedBy.get(t.openedByEvent) ?? []), t]);
  const look: Lookups = { users, openedBy, units, positions, holder: (p, at) => holderOn(assignments, users, p, localDate(cal, at)), day };
  // Only a *biasa* complainant's name is printed; a rahasia or anonymous one never is.
  const identity =
    s.privacy === 'biasa' ? await ctx.db.selectFrom('identity').select('name').where('case_id', '=', caseId).executeTakeFirst() : undefined;
  const complainant = s.privacy === 'anonim' ? 'Anonim' : s.privacy === 'rahasia' ? 'Dirahasiakan' : (identity?.name ?? '-');
  const sifat = (label: string) =>
    label === 'Rahasia'
      ? s.privacy === 'rahasia'
      : label === 'Biasa'
        ? s.urgency === 'biasa'
        : label === 'Segera'
          ? s.urgency === 'segera'
          : s.urgency === 'sangat_segera';

  const parts = sheetParts(events, s.tasks, positions, office.hubUnitId);
  const sheets: Content[] = [];
  for (const [i, part] of parts.entries()) {
    const kop = kopOf(ctx, await letterheadOf(ctx.db, part.unitId), units.get(part.unitId)?.name ?? '');
    const agenda = await agendaNumber(ctx, cal, part.unitId, caseId, part.receivedAt);
    const isHub = part.unitId === office.hubUnitId;
    const fromUnit = part.arrival?.positionId ? positions.get(part.arrival.positionId)?.unitId : undefined;
    // The desk's sheet names the complainant; an OPD's names the unit that sent the case on.
    const from = isHub
      ? `${complainant} (${CHANNEL_LABEL[s.channel] ?? s.channel}${s.laporId ? `, ID LAPOR! ${s.laporId}` : ''})`
      : (units.get(fromUnit ?? office.hubUnitId)?.name ?? '-');
    const letterRows = isHub
      ? s.channel === 'letter'
        ? [
            ['Nomor surat', BLANK],
            ['Tanggal surat', BLANK],
          ]
        : [
            ['Nomor aduan', s.ref],
            ['Tanggal aduan', day(s.receivedAt)],
          ]
      : [
          ['Nomor aduan', s.ref],
          ['Tanggal', day(part.arrival?.at ?? part.receivedAt)],
        ];
    const cell = (t: string, bold = false): TableCell => ({ text: t, bold });
    sheets.push({
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
      stack: [
        ...kopContent(kop, WIDTH),
        {
          columns: [
            { text: 'LEMBAR DISPOSISI', fontSize: 14, bold: true, alignment: 'center', margin: [62, 16, 0, 0] },
            { ...(qrCanvas(sheetQrText(caseId, s.ref), 58) as object), width: 60 } as Content,
          ],
          margin: [0, -4, 0, 4],
        },
        {
          table: {
            widths: [72, '*', 78, 150],
            body: [
              [cell(isHub ? 'Aduan dari' : 'Surat dari', true), cell(from), cell('Diterima tanggal', true), cell(day(part.receivedAt))],
              [cell(letterRows[0]?.[0] ?? '', true), cell(letterRows[0]?.[1] ?? ''), cell('Nomor agenda', true), cell(agenda)],
              [
                cell(letterRows[1]?.[0] ?? '', true),
                cell(letterRows[1]?.[1] ?? ''),
                cell('Sifat', true),
                ticks(['Sangat Segera', 'Segera', 'Rahasia', 'Biasa'], sifat, 2),
              ],
              [cell('Hal', true), { text: s.title, colSpan: 3 }, {}, {}],
            ],
          },
          margin: [0, 0, 0, 8],
        },
        levels(part, preset.instructions, look, (e) => mark(e, trust, day)),
      ],
    });
  }
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [MARGIN, 32, MARGIN, 40],
    defaultStyle: { fontSize: 8.5 },
    info: {
      title: `Lembar Disposisi ${s.ref}`,
      subject: s.title,
      keywords: documentKeywords('sheet', caseId, null),
      creationDate: new Date(s.registeredAt),
    },
    footer: (page, pages) => ({
      text: `Lembar disposisi ${s.ref} — halaman ${page} dari ${pages}`,
      alignment: 'center',
      fontSize: 7,
      margin: [0, 16, 0, 0],
    }),
    content: sheets,
  };
  return { pdf: await renderPdf(ctx.options.resourcesDir, def), ref: s.ref };
}

/** Paraf and date: the electronic signature's verdict, the paper record, or a box for ink. */
function mark(e: Disposition, trust: Awaited<ReturnType<typeof loadTrust>>, day: (at: number) => string): Content {
  if (e.payload.paper)
    return { stack: [{ text: 'Paraf di kertas', italics: true }, { text: day(Date.parse(`${e.payload.paper.writtenOn}T12:00:00Z`)) }] };
  if (e.signature) {
    const c = checkSignature(trust, e);
    return {
      stack: [
        c.status === 'valid'
          ? { text: 'TTE sah', bold: true, color: '#0a5c2b' }
          : { text: `TTE tidak sah: ${c.message}`, bold: true, color: '#a00000' },
        { text: day(e.at) },
      ],
    };
  }
  return { stack: [{ text: ' ' }, { text: day(e.at) }] };
}

function levels(part: SheetPart, instructions: readonly string[], look: Lookups, paraf: (e: Disposition) => Content): Content {
  const header = ['No', 'Dari', 'Diteruskan kepada', 'Instruksi', 'Catatan', 'Paraf / tanggal'].map((t) => ({
    text: t,
    bold: true,
    fillColor: '#eeeeee',
  }));
  const rows: TableCell[][] = part.dispositions.map((e, i) => {
    const pos = e.positionId ? look.positions.get(e.positionId) : undefined;
    const acting = e.acting === 'plt' ? 'Plt. ' : e.acting === 'plh' ? 'Plh. ' : '';
    // Named targets, else the posts of the tasks this act opened (the next step's role in its unit).
    const targets = e.payload.targets.length
      ? e.payload.targets
      : (look.openedBy.get(e.id) ?? []).map((t) => ({
          unitId: t.unitId,
          positionId:
            t.positionId ?? [...look.positions.values()].find((p) => p.unitId === t.unitId && p.roleId === t.roleId && p.active)?.id ?? null,
        }));
    const to = targets.map((t) => targetLabel(t, look.units, look.positions, (p) => look.holder(p, e.at)));
    const author = e.authorId ? look.users.get(e.authorId)?.fullName : undefined;
    const chosen = e.payload.instructions;
    return [
      { text: String(i + 1) },
      { text: `${acting}${pos?.title ?? '-'}${author ? ` (${author})` : ''}` },
      { text: to.length ? to.join('; ') : '-' },
      chosen.length ? { stack: chosen.map((c) => ({ columns: [box(true), { text: c }], margin: [0, 0, 0, 1] })) } : { text: '-' },
      { text: [e.payload.note ?? '-', e.payload.dueAt ? `\nBatas waktu: ${look.day(e.payload.dueAt)}` : ''] },
      paraf(e),
    ];
  });
  if (part.open)
    rows.push([
      { text: String(rows.length + 1) },
      { text: '\n\n' },
      { text: BLANK },
      ticks(instructions, () => false, 1),
      { text: '' },
      { text: '\n\n\n\nTgl. ............' },
    ]);
  return { table: { headerRows: 1, dontBreakRows: true, widths: [12, 88, 100, 112, '*', 62], body: [header, ...rows] } };
}
