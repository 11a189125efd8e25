/**
 * One place that turns a pdfmake document definition into PDF bytes. The fonts that ship with
 * the app (Liberation, OFL; TeX Gyre Bonum, GFL) are loaded into pdfmake's virtual file system once, and every local
 * file or URL access is refused: documents carry their images as data URLs, so a definition
 * built from user data can never make the renderer read a file or reach the network.
 */
import fs from 'node:fs';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

const FACES = {
  Serif: {
    normal: 'LiberationSerif-Regular.ttf',
    bold: 'LiberationSerif-Bold.ttf',
    italics: 'LiberationSerif-Italic.ttf',
    bolditalics: 'LiberationSerif-BoldItalic.ttf',
  },
  Sans: {
    normal: 'LiberationSans-Regular.ttf',
    bold: 'LiberationSans-Bold.ttf',
    italics: 'LiberationSans-Italic.ttf',
    bolditalics: 'LiberationSans-BoldItalic.ttf',
  },
  // TeX Gyre Bonum (GUST Font License), for rules that prescribe Bookman Old Style.
  Bonum: {
    normal: 'texgyrebonum-regular.otf',
    bold: 'texgyrebonum-bold.otf',
    italics: 'texgyrebonum-italic.otf',
    bolditalics: 'texgyrebonum-bolditalic.otf',
  },
} as const;

export type FontFamily = keyof typeof FACES;

let loadedFrom: string | null = null;

function loadFonts(resourcesDir: string): void {
  if (loadedFrom === resourcesDir) return;
  const dir = path.join(resourcesDir, 'fonts');
  // The typings omit the server build's virtual file system.
  const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, data: Buffer): void } }).virtualfs;
  for (const face of Object.values(FACES)) {
    for (const file of Object.values(face)) vfs.writeFileSync(file, fs.readFileSync(path.join(dir, file)));
  }
  pdfmake.setFonts(FACES);
  pdfmake.setUrlAccessPolicy(() => false);
  (pdfmake as unknown as { setLocalAccessPolicy(cb: (p: string) => boolean): void }).setLocalAccessPolicy(() => false);
  loadedFrom = resourcesDir;
}

/** Renders a definition (default font Serif) to PDF bytes. */
export async function renderPdf(resourcesDir: string, doc: TDocumentDefinitions): Promise<Buffer> {
  loadFonts(resourcesDir);
  const def: TDocumentDefinitions = { ...doc, defaultStyle: { font: 'Serif', fontSize: 11, ...doc.defaultStyle } };
  const out = pdfmake.createPdf(def) as unknown as { getBuffer(): Promise<Buffer> };
  return Buffer.from(await out.getBuffer());
}
