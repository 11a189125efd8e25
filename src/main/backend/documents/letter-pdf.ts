/**
 * The response letter as PDF (pdfmake), laid out as a *surat dinas*: the letterhead's paper,
 * margins, face and size; page numbers from page 2 on; the last paragraph, signature block and
 * tembusan kept on one page, so a signature never stands alone. letter-docx.ts lays out the same
 * letter; a test converts the DOCX with LibreOffice and compares the two.
 */
import type { Content, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { LetterContent } from './letter-content';
import { mmToPt, paperMm, pdfFont, type PageSetup } from './page-setup';
import { renderPdf } from './pdf-render';
import { qrCanvas } from './qr';

/** Keywords the verifier reads back to know which letter a file claims to be. */
export function documentKeywords(kind: 'letter' | 'sheet', caseId: string, eventId: string | null): string {
  return `alur:${kind}:${caseId}:${eventId ?? '-'}`;
}

/** Measures shared with the DOCX, in points. */
export function letterMetrics(page: PageSetup) {
  const paper = paperMm(page.paper);
  const width = mmToPt(paper.width);
  const content = width - mmToPt(page.margins.left) - mmToPt(page.margins.right);
  return {
    width,
    height: mmToPt(paper.height),
    content,
    /** "Lampiran" plus a little, at the letter's size. */
    label: Math.round(page.fontSize * 5.5),
    colon: Math.round(page.fontSize * 0.9),
    indent: mmToPt(12.5),
    /** The signature block's column: the right half. */
    signatureLeft: Math.round(content / 2),
    logo: 64,
    qr: 62,
  };
}

export function kopContent(kop: LetterContent['kop'], width = 481): Content[] {
  const lines: Content[] = [
    ...(kop.government ? [{ text: kop.government.toUpperCase(), fontSize: 14, bold: true }] : []),
    { text: kop.agency.toUpperCase(), fontSize: 15, bold: true },
    ...(kop.address ? [{ text: kop.address, fontSize: 10 }] : []),
    ...(kop.contacts ? [{ text: kop.contacts, fontSize: 10 }] : []),
  ];
  const text: Content = { stack: lines, alignment: 'center' };
  return [
    kop.logo
      ? {
          columns: [
            { image: `data:${kop.logo.mime};base64,${kop.logo.data.toString('base64')}`, fit: [64, 64], width: 70 },
            { ...text, width: '*' },
            { text: '', width: 70 },
          ],
        }
      : text,
    {
      canvas: [
        { type: 'line', x1: 0, y1: 4, x2: width, y2: 4, lineWidth: 2.5 },
        { type: 'line', x1: 0, y1: 7.5, x2: width, y2: 7.5, lineWidth: 0.8 },
      ],
      margin: [0, 2, 0, 10],
    },
  ];
}

/** "Hal" with the case number kept whole: a number broken across lines is misread. */
function halInlines(hal: string, caseRef: string): ContentText['text'] {
  const at = hal.indexOf(caseRef);
  if (at < 0) return hal;
  return [hal.slice(0, at), { text: caseRef, noWrap: true }, hal.slice(at + caseRef.length)].filter((x) => x !== '');
}

/** The visible PAdES signature box: a fixed size, so the signature widget can be laid exactly over it. */
export const SIGNATURE_BOX = { width: 200, height: 46, id: 'alur-pades-box' } as const;
const CLOSING_BLOCK = 'alur-closing-block';
const BOX_TEXT_INSET = 5;

function signatureMark(l: LetterContent, qr: number, box: string[] | null): Content[] {
  if (l.signature.status === 'missing' || l.signature.status === 'paper') return [{ text: '\n\n\n', margin: [0, 4, 0, 4] }];
  return [
    { ...(qrCanvas(l.qrText, qr) as object), margin: [0, 4, 0, 0] } as Content,
    ...(box
      ? [
          {
            id: SIGNATURE_BOX.id,
            stack: [
              {
                table: {
                  widths: [SIGNATURE_BOX.width - 10],
                  heights: [SIGNATURE_BOX.height - 6],
                  body: [[{ stack: box.map((t, i) => ({ text: t, fontSize: 8, bold: i === 0 })) }]],
                },
                layout: {
                  hLineColor: () => '#1d39c4',
                  vLineColor: () => '#1d39c4',
                  paddingLeft: () => 4,
                  paddingRight: () => 4,
                  paddingTop: () => 3,
                  paddingBottom: () => 0,
                },
                margin: [0, 2, 0, 0],
              },
            ],
          } as Content,
        ]
      : [{ text: 'Ditandatangani secara elektronik', fontSize: 8 }]),
    { text: `Kode verifikasi ${l.verifyCode}`, fontSize: 8, bold: true, margin: [0, 0, 0, 4] },
  ];
}

function letterDefinition(l: LetterContent, box: string[] | null = null): TDocumentDefinitions {
  const m = letterMetrics(l.page);
  const row = (k: string, v: ContentText['text']) => [{ text: k }, { text: ':' }, { text: v }];
  const s = l.signer;
  const mg = l.page.margins;
  const para = (t: string, after: number): ContentText => ({ text: t, alignment: 'justify', leadingIndent: m.indent, margin: [0, 0, 0, after] });
  const paragraphs = [...(l.opening ? [l.opening] : []), ...l.body, ...(l.closing ? [l.closing] : [])];
  const last = paragraphs.pop();
  const signature: Content = {
    margin: [m.signatureLeft, 0, 0, 0],
    stack: [
      ...(s.onBehalfOf ? [{ text: s.onBehalfOf }] : []),
      { text: `${s.position},` },
      ...signatureMark(l, m.qr, box),
      { text: s.name, bold: true, decoration: 'underline' },
      ...(s.rank ? [{ text: s.rank }] : []),
      ...(s.nip ? [{ text: `NIP. ${s.nip}` }] : []),
    ],
  };
  const tembusan: Content[] = l.tembusan.length
    ? [
        { text: 'Tembusan:', margin: [0, 14, 0, 0] },
        l.tembusan.length === 1 ? { text: `${l.tembusan[0]}.` } : { ol: l.tembusan.map((t, i) => `${t}${i === l.tembusan.length - 1 ? '.' : ';'}`) },
      ]
    : [];
  return {
    pageSize: { width: m.width, height: m.height },
    pageMargins: [mmToPt(mg.left), mmToPt(mg.top), mmToPt(mg.right), mmToPt(mg.bottom)],
    defaultStyle: { font: pdfFont(l.page.font), fontSize: l.page.fontSize },
    // A preview claims to be no issued letter, so the verifier never takes it for one.
    info: {
      title: `Surat Tanggapan ${l.letter.number}`,
      author: l.signer.name,
      subject: l.hal,
      ...(l.draft ? {} : { keywords: documentKeywords('letter', l.caseId, l.eventId) }),
      creationDate: new Date(l.signedAt),
    },
    ...(l.draft ? { watermark: { text: 'KONSEP', opacity: 0.12, bold: true } } : {}),
    // Page numbers as the rule has them: none on the first page, "- 2 -" centred on top after.
    header: (page) =>
      page > 1 ? { text: `- ${page} -`, alignment: 'center', fontSize: l.page.fontSize, margin: [0, mmToPt(mg.top) / 2, 0, 0] } : null,
    footer: () => ({
      text: l.draft
        ? 'Pratinjau konsep: belum bernomor dan belum ditandatangani.'
        : `Verifikasi: kode ${l.verifyCode} di aplikasi Alur (menu Verifikasi) atau pindai kode QR.`,
      fontSize: 7,
      color: '#555',
      margin: [mmToPt(mg.left), Math.max(4, mmToPt(mg.bottom) / 2 - 4), mmToPt(mg.right), 0],
    }),
    content: [
      ...kopContent(l.kop, m.content),
      { text: `${l.place ? `${l.place}, ` : ''}${l.dateText}`, alignment: 'right', margin: [0, 0, 0, 10] },
      {
        table: {
          widths: [m.label, m.colon, '*'],
          body: [row('Nomor', l.letter.number), row('Sifat', l.sifat), row('Lampiran', l.lampiran), row('Hal', halInlines(l.hal, l.caseRef))],
        },
        layout: { defaultBorder: false, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 },
        margin: [0, 0, 0, 14],
      },
      {
        stack: [
          { text: l.addressee[0] ?? '' },
          ...l.addressee.slice(1, -1).map((a) => ({ text: a })),
          { text: l.addressee[l.addressee.length - 1] ?? '', margin: [m.indent, 0, 0, 0] },
        ],
        margin: [0, 0, 0, 14],
      },
      ...paragraphs.map((t) => para(t, 8)),
      // The last paragraph, the signature block and the tembusan go to a page together.
      { id: CLOSING_BLOCK, unbreakable: true, stack: [...(last ? [para(last, 14)] : []), signature, ...tembusan] } as Content,
    ],
  };
}

export function letterPdf(resourcesDir: string, l: LetterContent): Promise<Buffer> {
  return renderPdf(resourcesDir, letterDefinition(l));
}

/** Where the visible signature box landed: page index (0-based) and [x1, y1, x2, y2] in PDF points. */
export interface SignatureBoxPlace {
  page: number;
  rect: [number, number, number, number];
}

/** Where pdfmake laid out the nodes with these ids (pageBreakBefore sees every node; the last report is the final layout). */
async function placesOf(
  resourcesDir: string,
  def: TDocumentDefinitions,
  ids: readonly string[],
): Promise<{ pdf: Buffer; at: Map<string, { page: number; left: number; top: number }> }> {
  const at = new Map<string, { page: number; left: number; top: number }>();
  def.pageBreakBefore = (node) => {
    if (node.id && ids.includes(node.id))
      at.set(node.id, { page: node.startPosition.pageNumber - 1, left: node.startPosition.left, top: node.startPosition.top });
    return false;
  };
  return { pdf: await renderPdf(resourcesDir, def), at };
}

/**
 * The letter with a visible signature box (`lines`: "Ditandatangani secara elektronik", the
 * signer, the date) on its signature block, and where the box is, for the PAdES widget.
 * Nodes inside an unbreakable block all report the block's own position, so the box's place
 * inside the block is measured on a second page holding only that block (same page, margins
 * and width, laid out freely) and added to where the block landed in the letter.
 */
export async function letterPdfWithBox(resourcesDir: string, l: LetterContent, lines: string[]): Promise<{ pdf: Buffer; box: SignatureBoxPlace }> {
  const letter = await placesOf(resourcesDir, letterDefinition(l, lines), [CLOSING_BLOCK]);
  const alone = letterDefinition(l, lines);
  const closing =
    alone.content instanceof Array
      ? alone.content.find((c) => typeof c === 'object' && c !== null && 'id' in c && c.id === CLOSING_BLOCK)
      : undefined;
  if (!closing || typeof closing !== 'object') throw new Error('the letter has no closing block');
  const measured = await placesOf(resourcesDir, { ...alone, header: undefined, content: [{ ...closing, unbreakable: false } as Content] }, [
    CLOSING_BLOCK,
    SIGNATURE_BOX.id,
  ]);
  const block = letter.at.get(CLOSING_BLOCK);
  const blockAlone = measured.at.get(CLOSING_BLOCK);
  const boxAlone = measured.at.get(SIGNATURE_BOX.id);
  if (!block || !blockAlone || !boxAlone || boxAlone.page !== 0) throw new Error('the signature box was not laid out');
  const height = Number((alone.pageSize as { height: number }).height);
  const left = boxAlone.left - BOX_TEXT_INSET;
  // pdfmake reports a node where its first line is written: the box's border is above it by
  // the table's top margin (2) and padding (3), and left of it by the padding (4) and the line (1).
  const top = block.top + (boxAlone.top - blockAlone.top) - BOX_TEXT_INSET;
  return { pdf: letter.pdf, box: { page: block.page, rect: [left, height - top - SIGNATURE_BOX.height, left + SIGNATURE_BOX.width, height - top] } };
}
