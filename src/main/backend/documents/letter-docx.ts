/**
 * The response letter as DOCX (docx), with the same content as the PDF, for offices that
 * file or edit letters in a word processor. Liberation Serif is named as the font; Word
 * substitutes Times New Roman, which has the same metrics.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { qrPng } from './qr';
import type { LetterContent } from './letter-content';
import { documentKeywords } from './letter-pdf';

const FONT = 'Liberation Serif';
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const p = (children: ParagraphChild[] | string, o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; indent?: number } = {}) =>
  new Paragraph({
    children: typeof children === 'string' ? [new TextRun(children)] : children,
    alignment: o.align,
    spacing: { after: o.after ?? 0 },
    indent: o.indent ? { firstLine: o.indent } : undefined,
  });

function cell(children: Array<Paragraph | Table>, widthPct: number): TableCell {
  return new TableCell({ children, width: { size: widthPct, type: WidthType.PERCENTAGE }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } });
}

function kop(l: LetterContent): Array<Paragraph | Table> {
  const k = l.kop;
  const text = [
    ...(k.government ? [p([new TextRun({ text: k.government.toUpperCase(), bold: true, size: 28 })], { align: AlignmentType.CENTER })] : []),
    p([new TextRun({ text: k.agency.toUpperCase(), bold: true, size: 30 })], { align: AlignmentType.CENTER }),
    ...(k.address ? [p([new TextRun({ text: k.address, size: 20 })], { align: AlignmentType.CENTER })] : []),
    ...(k.contacts ? [p([new TextRun({ text: k.contacts, size: 20 })], { align: AlignmentType.CENTER })] : []),
  ];
  const rule = new Paragraph({ children: [], border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: '000000', space: 1 } }, spacing: { after: 200 } });
  if (!k.logo) return [...text, rule];
  const logo = new ImageRun({ type: k.logo.mime === 'image/png' ? 'png' : 'jpg', data: k.logo.data, transformation: { width: 80, height: 80 } });
  return [
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: [new TableRow({ children: [cell([p([logo])], 15), cell(text, 70), cell([p('')], 15)] })] }),
    rule,
  ];
}

export async function letterDocx(l: LetterContent): Promise<Buffer> {
  const s = l.signer;
  const field = (k: string, v: string) => new TableRow({ children: [cell([p(k)], 18), cell([p(':')], 3), cell([p(v)], 79)] });
  const mark: Paragraph[] =
    l.signature.status === 'missing' || l.signature.status === 'paper'
      ? [p(''), p(''), p(''), p('')]
      : [
          p([new ImageRun({ type: 'png', data: qrPng(l.qrText, 4), transformation: { width: 90, height: 90 } })]),
          p([new TextRun({ text: 'Ditandatangani secara elektronik', size: 16 })]),
          p([new TextRun({ text: `Kode verifikasi ${l.verifyCode}`, size: 16, bold: true })]),
        ];
  const signature = [
    ...(s.onBehalfOf ? [p(s.onBehalfOf)] : []),
    p([new TextRun({ text: `${s.position},`, bold: true })]),
    ...mark,
    p([new TextRun({ text: s.name, bold: true, underline: {} })]),
    ...(s.rank ? [p(s.rank)] : []),
    ...(s.nip ? [p(`NIP. ${s.nip}`)] : []),
  ];
  const doc = new Document({
    creator: 'Alur',
    title: `Surat Tanggapan ${l.letter.number}`,
    subject: l.hal,
    keywords: documentKeywords('letter', l.caseId, l.eventId),
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 800, bottom: 1200, left: 1134, right: 1134 } } },
        footers: {
          default: new Footer({ children: [p([new TextRun({ text: `Verifikasi: kode ${l.verifyCode} di aplikasi Alur (menu Verifikasi) atau pindai kode QR.`, size: 14, color: '555555' })])] }),
        },
        children: [
          ...kop(l),
          p(`${l.place ? `${l.place}, ` : ''}${l.dateText}`, { align: AlignmentType.RIGHT, after: 200 }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            rows: [
              new TableRow({
                children: [
                  cell([new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: [field('Nomor', l.letter.number), field('Sifat', l.sifat), field('Lampiran', l.lampiran), field('Hal', l.hal)] })], 60),
                  cell(l.addressee.map((a) => p(a)), 40),
                ],
              }),
            ],
          }),
          p('', { after: 200 }),
          p(l.opening, { align: AlignmentType.JUSTIFIED, after: 160, indent: 567 }),
          ...l.body.map((b) => p(b, { align: AlignmentType.JUSTIFIED, after: 160, indent: 567 })),
          p(l.closing, { align: AlignmentType.JUSTIFIED, after: 360, indent: 567 }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows: [new TableRow({ children: [cell([p('')], 52), cell(signature, 48)] })] }),
          ...(l.tembusan.length ? [p('', { after: 200 }), p('Tembusan:'), ...l.tembusan.map((t, i) => p(`${i + 1}. Yth. ${t}`))] : []),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
