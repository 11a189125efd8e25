/** The response letter as PDF (pdfmake), A4, following the usual layout of a *surat dinas*. */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { LetterContent } from './letter-content';
import { renderPdf } from './pdf-render';
import { qrCanvas } from './qr';

/** Keywords the verifier reads back to know which letter a file claims to be. */
export function documentKeywords(kind: 'letter' | 'sheet', caseId: string, eventId: string | null): string {
  return `alur:${kind}:${caseId}:${eventId ?? '-'}`;
}

export function kopContent(kop: LetterContent['kop']): Content[] {
  const lines: Content[] = [
    ...(kop.government ? [{ text: kop.government.toUpperCase(), fontSize: 14, bold: true }] : []),
    { text: kop.agency.toUpperCase(), fontSize: 15, bold: true },
    ...(kop.address ? [{ text: kop.address, fontSize: 10 }] : []),
    ...(kop.contacts ? [{ text: kop.contacts, fontSize: 10 }] : []),
  ];
  const text: Content = { stack: lines, alignment: 'center' };
  return [
    kop.logo
      ? { columns: [{ image: `data:${kop.logo.mime};base64,${kop.logo.data.toString('base64')}`, fit: [64, 64], width: 70 }, { ...text, width: '*' }, { text: '', width: 70 }] }
      : text,
    { canvas: [{ type: 'line', x1: 0, y1: 4, x2: 481, y2: 4, lineWidth: 2.5 }, { type: 'line', x1: 0, y1: 7.5, x2: 481, y2: 7.5, lineWidth: 0.8 }], margin: [0, 2, 0, 10] },
  ];
}

function signatureMark(l: LetterContent): Content {
  if (l.signature.status === 'missing' || l.signature.status === 'paper') return { text: '\n\n\n\n', margin: [0, 4, 0, 4] };
  return {
    columns: [
      { ...(qrCanvas(l.qrText, 72) as object), width: 74 } as Content,
      { text: ['Ditandatangani secara elektronik\n', { text: `Kode verifikasi ${l.verifyCode}`, bold: true }], fontSize: 8, width: '*', margin: [4, 10, 0, 0] },
    ],
    margin: [0, 4, 0, 4],
  };
}

export function letterDefinition(l: LetterContent): TDocumentDefinitions {
  const row = (k: string, v: string) => [{ text: k }, { text: ':' }, { text: v }];
  const s = l.signer;
  return {
    pageSize: 'A4',
    pageMargins: [57, 40, 57, 60],
    info: { title: `Surat Tanggapan ${l.letter.number}`, author: l.signer.name, subject: l.hal, keywords: documentKeywords('letter', l.caseId, l.eventId), creationDate: new Date(l.signedAt) },
    footer: (page, pages) => ({
      columns: [
        { text: `Verifikasi: kode ${l.verifyCode} di aplikasi Alur (menu Verifikasi) atau pindai kode QR.`, fontSize: 7, color: '#555' },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right', fontSize: 8, width: 90 },
      ],
      margin: [57, 20, 57, 0],
    }),
    content: [
      ...kopContent(l.kop),
      { text: `${l.place ? `${l.place}, ` : ''}${l.dateText}`, alignment: 'right', margin: [0, 0, 0, 10] },
      {
        columns: [
          { width: '*', table: { widths: [55, 6, '*'], body: [row('Nomor', l.letter.number), row('Sifat', l.sifat), row('Lampiran', l.lampiran), row('Hal', l.hal)] }, layout: 'noBorders' },
          { width: 190, stack: l.addressee.map((a) => ({ text: a, preserveLeadingSpaces: true })), margin: [20, 0, 0, 0] },
        ],
        margin: [0, 0, 0, 16],
      },
      { text: l.opening, alignment: 'justify', leadingIndent: 28, margin: [0, 0, 0, 8] },
      ...l.body.map((p): Content => ({ text: p, alignment: 'justify', leadingIndent: 28, margin: [0, 0, 0, 8] })),
      { text: l.closing, alignment: 'justify', leadingIndent: 28, margin: [0, 0, 0, 18] },
      {
        columns: [
          { width: '*', text: '' },
          {
            width: 230,
            unbreakable: true,
            stack: [
              ...(s.onBehalfOf ? [{ text: s.onBehalfOf }] : []),
              { text: `${s.position},`, bold: true },
              signatureMark(l),
              { text: s.name, bold: true, decoration: 'underline' },
              ...(s.rank ? [{ text: s.rank }] : []),
              ...(s.nip ? [{ text: `NIP. ${s.nip}` }] : []),
            ],
          },
        ],
      },
      ...(l.tembusan.length
        ? [{ text: 'Tembusan:', margin: [0, 18, 0, 2] } as Content, { ol: l.tembusan.map((t) => `Yth. ${t}`), fontSize: 10 } as Content]
        : []),
    ],
  };
}

export function letterPdf(resourcesDir: string, l: LetterContent): Promise<Buffer> {
  return renderPdf(resourcesDir, letterDefinition(l));
}
