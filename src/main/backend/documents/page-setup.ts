/**
 * A letterhead's page setup in the units each renderer wants: points for pdfmake, twips for
 * docx. The PDF embeds a shipped open face; the DOCX names the face the rule prescribes, so
 * Word uses it and LibreOffice substitutes the metric-compatible one (fontconfig maps Arial to
 * Liberation Sans and Bookman Old Style to TeX Gyre Bonum), and both lay out the same lines.
 */
import type { LetterFont, LetterMargins, PaperSize } from '../../../shared/domain/letter-page';
import type { FontFamily } from './pdf-render';

export interface PageSetup {
  paper: PaperSize;
  margins: LetterMargins;
  font: LetterFont;
  fontSize: number;
}

const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  // F4 as Indonesian offices buy it (folio), not the 210 x 330 some printers call F4.
  F4: { width: 215, height: 330 },
};

const FACE: Record<LetterFont, { pdf: FontFamily; docx: string }> = {
  arial: { pdf: 'Sans', docx: 'Arial' },
  bookman: { pdf: 'Bonum', docx: 'Bookman Old Style' },
  times: { pdf: 'Serif', docx: 'Times New Roman' },
};

export const mmToPt = (mm: number): number => (mm * 72) / 25.4;
export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);

export function paperMm(paper: PaperSize): { width: number; height: number } {
  return PAPER_MM[paper];
}

export function pdfFont(font: LetterFont): FontFamily {
  return FACE[font].pdf;
}

export function docxFont(font: LetterFont): string {
  return FACE[font].docx;
}

/** Width and height in pixels of a PNG or JPEG, or null when the header cannot be read. */
export function imageSize(b: Buffer): { width: number; height: number } | null {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    const len = b.readUInt16BE(i + 2);
    // Start-of-frame markers (baseline, progressive...) carry the size; C4, C8 and CC do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return null;
}

/** The box a logo fills at most, keeping its aspect ratio (a distorted lambang daerah is not sent). */
export function fitLogo(b: Buffer, maxW: number, maxH: number): { width: number; height: number } {
  const s = imageSize(b);
  if (!s || s.width <= 0 || s.height <= 0) return { width: maxH, height: maxH };
  const k = Math.min(maxW / s.width, maxH / s.height);
  return { width: Math.max(1, Math.round(s.width * k)), height: Math.max(1, Math.round(s.height * k)) };
}
