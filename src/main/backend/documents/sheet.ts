/**
 * The disposition sheet (lembar disposisi): what a head signs on paper or sees on screen.
 * Every disposition so far with its instructions ticked, and an empty block for the next one,
 * with a box for ink. The QR code identifies the case when the signed sheet is scanned back.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CaseEvent, EventOf } from '../../../shared/domain/events';
import { AppError } from '../../../shared/result';
import { loadCaseEvents } from '../projection/event-store';
import { loadStoredCase } from '../projection/case-projection';
import { listRefs } from '../refdata/ref-store';
import type { BackendContext } from '../services/context';
import { checkSignature, loadTrust } from '../keys/verify';
import { indonesianDate, indonesianDateTime, URGENCY_LABEL } from './format';
import { kopOf } from './letter-content';
import { documentKeywords, kopContent } from './letter-pdf';
import { letterheadOf } from './letter-number';
import { renderPdf } from './pdf-render';
import { qrCanvas } from './qr';

const CHANNEL_LABEL: Record<string, string> = {
  lapor: 'SP4N-LAPOR!', web: 'Situs web', sms1708: 'SMS 1708', whatsapp: 'WhatsApp', phone: 'Telepon', email: 'Surat elektronik', social: 'Media sosial', letter: 'Surat', walkin: 'Datang langsung',
};

type Disposition = EventOf<'case.forwarded' | 'case.disposed' | 'case.returned'>;

function isDisposition(e: CaseEvent): e is Disposition {
  return e.type === 'case.forwarded' || e.type === 'case.disposed' || e.type === 'case.returned';
}

export function sheetQrText(caseId: string, ref: string): string {
  return `ALUR:S:${caseId}:${ref}`;
}

function box(ticked: boolean): Content {
  const lines = ticked
    ? [{ type: 'line' as const, x1: 1.5, y1: 1.5, x2: 7.5, y2: 7.5, lineWidth: 1 }, { type: 'line' as const, x1: 7.5, y1: 1.5, x2: 1.5, y2: 7.5, lineWidth: 1 }]
    : [];
  return { canvas: [{ type: 'rect', x: 0, y: 0, w: 9, h: 9, lineWidth: 0.6 }, ...lines], width: 13, margin: [0, 1, 0, 0] } as Content;
}

function instructionGrid(all: readonly string[], ticked: readonly string[]): Content {
  const items = [...all, ...ticked.filter((t) => !all.includes(t))];
  const half = Math.ceil(items.length / 2);
  const col = (list: string[]): Content => ({ stack: list.map((i) => ({ columns: [box(ticked.includes(i)), { text: i, fontSize: 8.5 }], margin: [0, 0, 0, 1.5] })) });
  return { columns: [col(items.slice(0, half)), col(items.slice(half))], columnGap: 6 };
}

export interface SheetFile {
  pdf: Buffer;
  ref: string;
}

export async function dispositionSheet(ctx: BackendContext, caseId: string, unitId: string | null): Promise<SheetFile> {
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
  const trust = await loadTrust(ctx.db, cal, { users, positions });
  const headUnit = unitId ?? office.hubUnitId;
  const kop = kopOf(ctx, await letterheadOf(ctx.db, headUnit), units.get(headUnit)?.name ?? '');
  const registered = events.find((e): e is EventOf<'case.registered'> => e.type === 'case.registered');
  // Only a *biasa* complainant's name is printed; a rahasia or anonymous one never is.
  const identity = s.privacy === 'biasa' ? await ctx.db.selectFrom('identity').select('name').where('case_id', '=', caseId).executeTakeFirst() : undefined;
  const from = s.privacy === 'anonim' ? 'Anonim' : s.privacy === 'rahasia' ? 'Dirahasiakan' : (identity?.name ?? '-');
  const field = (k: string, v: string) => [{ text: k, bold: true }, { text: ':' }, { text: v }];

  const rows: Content[] = events.filter(isDisposition).map((e, i) => {
    const pos = e.positionId ? positions.get(e.positionId) : undefined;
    const who = e.authorId ? (users.get(e.authorId)?.fullName ?? '-') : '-';
    const acting = e.acting === 'plt' ? 'Plt. ' : e.acting === 'plh' ? 'Plh. ' : '';
    const step = preset.steps.find((x) => x.id === e.payload.stepId);
    const action = step?.actions.find((a) => a.id === e.payload.actionId);
    const to = e.payload.targets.map((t) => (t.positionId ? (positions.get(t.positionId)?.title ?? '') : (units.get(t.unitId)?.name ?? ''))).filter(Boolean);
    let mark: Content;
    if (e.payload.paper) mark = { text: `Ditandatangani di kertas (${e.payload.paper.writtenOn}); pindaian terlampir`, fontSize: 8, italics: true };
    else if (e.signature) {
      const c = checkSignature(trust, e);
      mark = { text: c.status === 'valid' ? 'Tanda tangan elektronik SAH' : `Tanda tangan elektronik TIDAK SAH: ${c.message}`, fontSize: 8, bold: true, color: c.status === 'valid' ? '#0a5c2b' : '#a00000' };
    } else mark = { text: '', fontSize: 8 };
    return {
      unbreakable: true,
      table: {
        widths: ['*', '*'],
        body: [
          [
            { text: [{ text: `${i + 1}. ${action?.label ?? e.payload.actionId}`, bold: true }, `\nDari: ${acting}${pos?.title ?? '-'} (${who})\n${indonesianDateTime(cal, e.at)}`], fontSize: 9 },
            { text: [`Kepada: ${to.length ? to.join('; ') : '-'}`, e.payload.dueAt ? `\nBatas waktu: ${indonesianDate(cal, e.payload.dueAt)}` : '', e.payload.urgency ? `\nSifat: ${URGENCY_LABEL[e.payload.urgency] ?? ''}` : ''], fontSize: 9 },
          ],
          [
            e.type === 'case.disposed'
              ? { stack: [{ text: 'Instruksi:', fontSize: 8.5, bold: true }, instructionGrid(preset.instructions, e.payload.instructions)] }
              : { text: [{ text: 'Instruksi: ', bold: true }, e.payload.instructions.join(', ') || '-'], fontSize: 8.5 }, { stack: [{ text: 'Catatan:', fontSize: 8.5, bold: true }, { text: e.payload.note ?? '-', fontSize: 9 }, { text: ' ', margin: [0, 4, 0, 0] }, mark] }],
        ],
      },
      margin: [0, 0, 0, 6],
    };
  });
  const next: Content = {
    unbreakable: true,
    table: {
      widths: ['*', '*'],
      heights: [14, 120],
      body: [
        [{ text: 'Disposisi berikutnya (diisi dengan tinta)', bold: true, fontSize: 9, colSpan: 2 }, {}],
        [{ stack: [{ text: 'Kepada: ................................................', fontSize: 9, margin: [0, 0, 0, 4] }, instructionGrid(preset.instructions, [])] }, { stack: [{ text: 'Catatan:', fontSize: 8.5, bold: true }, { text: '\n\n\n\n\nTanggal: ............................', fontSize: 9 }, { text: '\nTanda tangan:', fontSize: 9 }] }],
      ],
    },
  };
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [57, 40, 57, 50],
    info: { title: `Lembar Disposisi ${s.ref}`, subject: s.title, keywords: documentKeywords('sheet', caseId, null), creationDate: new Date(registered?.at ?? s.registeredAt) },
    footer: (page, pages) => ({ text: `Lembar disposisi ${s.ref} — halaman ${page} dari ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 20, 0, 0] }),
    content: [
      ...kopContent(kop),
      {
        columns: [
          { text: 'LEMBAR DISPOSISI', fontSize: 14, bold: true, alignment: 'center', margin: [70, 18, 0, 0] },
          { ...(qrCanvas(sheetQrText(caseId, s.ref), 72) as object), width: 74 } as Content,
        ],
        margin: [0, 0, 0, 8],
      },
      {
        table: {
          widths: [95, 6, '*'],
          body: [
            field('Nomor agenda', s.ref),
            field('Aduan dari', `${from} (${CHANNEL_LABEL[s.channel] ?? s.channel}${s.laporId ? `, ID LAPOR! ${s.laporId}` : ''})`),
            field('Tanggal aduan', indonesianDate(cal, s.receivedAt)),
            field('Diterima tanggal', indonesianDate(cal, s.registeredAt)),
            field('Sifat', URGENCY_LABEL[s.urgency] ?? s.urgency),
            field('Hal', s.title),
          ],
        },
        layout: 'noBorders',
        fontSize: 10,
        margin: [0, 0, 0, 10],
      },
      ...rows,
      next,
    ],
  };
  return { pdf: await renderPdf(ctx.options.resourcesDir, def), ref: s.ref };
}
