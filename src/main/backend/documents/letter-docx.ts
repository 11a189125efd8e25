/**
 * The response letter as DOCX (docx), the same letter as the PDF for offices that file or edit
 * letters in a word processor. It names the face the letterhead prescribes (Arial, Bookman Old
 * Style, Times New Roman) at the PDF's size, on the same paper and margins. Plain paragraphs with
 * tab stops, not nested tables, hold the "Nomor : ..." column, so LibreOffice keeps it; the
 * logo keeps its proportions; page numbers come from a PAGE field in a header the first page
 * does not show; keep-with-next holds the last paragraph, signature and tembusan together.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  NoBreakHyphen,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { qrPng } from './qr';
import type { LetterContent } from './letter-content';
import { documentKeywords, letterMetrics } from './letter-pdf';
import { docxFont, fitLogo, mmToTwip, paperMm } from './page-setup';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const twip = (pt: number) => Math.round(pt * 20);
/** docx sizes images in pixels at 96 per inch. */
const px = (pt: number) => Math.round((pt * 96) / 72);

type Para = Omit<IParagraphOptions, 'children'>;

function p(children: ParagraphChild[] | string, o: Para = {}): Paragraph {
  return new Paragraph({ ...o, children: typeof children === 'string' ? [new TextRun(children)] : children, spacing: { after: 0, ...o.spacing } });
}

/** A text whose hyphens do not break the line (the case number in "Hal"). */
function unbroken(text: string): ParagraphChild[] {
  const parts = text.split('-');
  return [new TextRun({ children: parts.flatMap((part, i) => (i === 0 ? [part] : [new NoBreakHyphen(), part])) })];
}

function kop(l: LetterContent, contentTw: number): Array<Paragraph | Table> {
  const k = l.kop;
  const text = [
    ...(k.government ? [p([new TextRun({ text: k.government.toUpperCase(), bold: true, size: 28 })], { alignment: AlignmentType.CENTER })] : []),
    p([new TextRun({ text: k.agency.toUpperCase(), bold: true, size: 30 })], { alignment: AlignmentType.CENTER }),
    ...(k.address ? [p([new TextRun({ text: k.address, size: 20 })], { alignment: AlignmentType.CENTER })] : []),
    ...(k.contacts ? [p([new TextRun({ text: k.contacts, size: 20 })], { alignment: AlignmentType.CENTER })] : []),
  ];
  const rule = new Paragraph({
    children: [],
    border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: '000000', space: 1 } },
    spacing: { after: 200 },
  });
  if (!k.logo) return [...text, rule];
  const size = fitLogo(k.logo.data, px(64), px(64));
  const logo = new ImageRun({ type: k.logo.mime === 'image/png' ? 'png' : 'jpg', data: k.logo.data, transformation: size });
  const side = twip(70);
  const cell = (children: Paragraph[], w: number) =>
    new TableCell({ children, width: { size: w, type: WidthType.DXA }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } });
  return [
    new Table({
      width: { size: contentTw, type: WidthType.DXA },
      columnWidths: [side, contentTw - 2 * side, side],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [new TableRow({ children: [cell([p([logo])], side), cell(text, contentTw - 2 * side), cell([p('')], side)] })],
    }),
    rule,
  ];
}

export async function letterDocx(l: LetterContent): Promise<Buffer> {
  const s = l.signer;
  const m = letterMetrics(l.page);
  const mg = l.page.margins;
  const paper = paperMm(l.page.paper);
  const contentTw = twip(m.content);
  const valueAt = twip(m.label + m.colon);
  const field = (k: string, v: ParagraphChild[] | string) =>
    p([new TextRun(`${k}\t:\t`), ...(typeof v === 'string' ? [new TextRun(v)] : v)], {
      tabStops: [
        { type: TabStopType.LEFT, position: twip(m.label) },
        { type: TabStopType.LEFT, position: valueAt },
      ],
      indent: { left: valueAt, hanging: valueAt },
    });
  const halAt = l.hal.indexOf(l.caseRef);
  const hal: ParagraphChild[] =
    halAt < 0
      ? [new TextRun(l.hal)]
      : [new TextRun(l.hal.slice(0, halAt)), ...unbroken(l.caseRef), new TextRun(l.hal.slice(halAt + l.caseRef.length))];
  const bodyPara = (after: number): Para => ({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { after: twip(after) },
    indent: { firstLine: twip(m.indent) },
  });
  const paragraphs = [...(l.opening ? [l.opening] : []), ...l.body, ...(l.closing ? [l.closing] : [])];
  const last = paragraphs.pop();
  // From the last paragraph on, each keeps with the next (made below): one page for all of it.
  type Spec = [ParagraphChild[] | string, Para];
  const kept = (children: ParagraphChild[] | string, o: Para = {}): Spec => [children, o];
  const sig = (children: ParagraphChild[] | string, o: Para = {}): Spec => [children, { indent: { left: twip(m.signatureLeft) }, ...o }];
  const mark =
    l.signature.status === 'missing' || l.signature.status === 'paper'
      ? [sig(''), sig(''), sig('')]
      : [
          sig([new ImageRun({ type: 'png', data: qrPng(l.qrText, 4), transformation: { width: px(m.qr), height: px(m.qr) } })], {
            spacing: { before: 80 },
          }),
          sig([new TextRun({ text: 'Ditandatangani secara elektronik', size: 16 })]),
          sig([new TextRun({ text: `Kode verifikasi ${l.verifyCode}`, size: 16, bold: true })], { spacing: { after: 80 } }),
        ];
  const signature = [
    ...(s.onBehalfOf ? [sig(s.onBehalfOf)] : []),
    sig(`${s.position},`),
    ...mark,
    sig([new TextRun({ text: s.name, bold: true, underline: {} })]),
    ...(s.rank ? [sig(s.rank)] : []),
    ...(s.nip ? [sig(`NIP. ${s.nip}`)] : []),
  ];
  const tembusan =
    l.tembusan.length === 0
      ? []
      : [
          kept('Tembusan:', { spacing: { before: twip(14) } }),
          ...(l.tembusan.length === 1
            ? [kept(`${l.tembusan[0]}.`)]
            : l.tembusan.map((t, i) =>
                kept(`${i + 1}.\t${t}${i === l.tembusan.length - 1 ? '.' : ';'}`, {
                  indent: { left: 360, hanging: 360 },
                  tabStops: [{ type: TabStopType.LEFT, position: 360 }],
                }),
              )),
        ];
  const tailSpecs: Spec[] = [...(last ? [kept(last, bodyPara(14))] : []), ...signature, ...tembusan];
  const tail = tailSpecs.map(([c, o], i) => p(c, { ...o, keepLines: true, keepNext: i < tailSpecs.length - 1 }));
  const footer = () =>
    new Footer({
      children: [
        p([
          new TextRun({
            text: `Verifikasi: kode ${l.verifyCode} di aplikasi Alur (menu Verifikasi) atau pindai kode QR.`,
            size: 14,
            color: '555555',
          }),
        ]),
      ],
    });
  const doc = new Document({
    creator: 'Alur',
    title: `Surat Tanggapan ${l.letter.number}`,
    subject: l.hal,
    keywords: documentKeywords('letter', l.caseId, l.eventId),
    styles: { default: { document: { run: { font: docxFont(l.page.font), size: l.page.fontSize * 2 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mmToTwip(paper.width), height: mmToTwip(paper.height) },
            margin: {
              top: mmToTwip(mg.top),
              bottom: mmToTwip(mg.bottom),
              left: mmToTwip(mg.left),
              right: mmToTwip(mg.right),
              header: mmToTwip(mg.top / 2),
              footer: mmToTwip(Math.max(4, mg.bottom / 2 - 3)),
            },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({ children: [p([new TextRun({ children: ['- ', PageNumber.CURRENT, ' -'] })], { alignment: AlignmentType.CENTER })] }),
        },
        footers: { first: footer(), default: footer() },
        children: [
          ...kop(l, contentTw),
          p(`${l.place ? `${l.place}, ` : ''}${l.dateText}`, { alignment: AlignmentType.RIGHT, spacing: { after: twip(10) } }),
          field('Nomor', l.letter.number),
          field('Sifat', l.sifat),
          field('Lampiran', l.lampiran),
          field('Hal', hal),
          p('', { spacing: { after: twip(2) } }),
          p(l.addressee[0] ?? ''),
          ...l.addressee.slice(1, -1).map((a) => p(a)),
          p(l.addressee[l.addressee.length - 1] ?? '', { indent: { left: twip(m.indent) }, spacing: { after: twip(14) } }),
          ...paragraphs.map((t) => p(t, bodyPara(8))),
          ...tail,
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
