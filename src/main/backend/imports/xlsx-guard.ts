/**
 * A guard against XLSX bombs, run before exceljs reads anything: a 1 MB workbook can unpack to
 * hundreds of megabytes (ZIP entries compress about 1000:1) and millions of rows, which would
 * run the import out of memory. The archive is inflated here in small steps, counting the real
 * unpacked bytes (never trusting the sizes the ZIP declares) and the rows of the worksheets,
 * and stops at the first limit crossed.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { AppError } from '../../../shared/result';

/** Everything in the workbook, unpacked. A 100k-row LAPOR! export is well under half of this. */
export const MAX_UNPACKED_MB = 256;
/** Rows of all worksheets together. */
export const MAX_ROWS = 200_000;
/** Compressed bytes pushed at a time: at most ~1000x this is unpacked in one step. */
const STEP = 16 * 1024;

const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
const SHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/** Throws a VALIDATION error when the workbook unpacks past the size or row limit. */
export function checkXlsxBomb(bytes: Uint8Array): void {
  const maxBytes = MAX_UNPACKED_MB * 1024 * 1024;
  let total = 0;
  let rows = 0;
  let failure: AppError | null = null;
  const unzip = new Unzip((file) => {
    const isSheet = SHEET.test(file.name);
    // The tail of the previous chunk, so a tag split across two chunks is still counted once.
    let carry = '';
    file.ondata = (e, chunk, final) => {
      if (failure) return;
      if (e) {
        failure = new AppError('VALIDATION', `Berkas bukan lembar kerja XLSX atau CSV: isi XLSX rusak (${e.message.slice(0, 80)}).`);
        return;
      }
      total += chunk.length;
      if (total > maxBytes) {
        failure = new AppError(
          'VALIDATION',
          `Isi XLSX terlalu besar setelah dibuka (lebih dari ${MAX_UNPACKED_MB} MB). Pecah ekspor LAPOR! per periode.`,
        );
        file.terminate();
        return;
      }
      if (isSheet) {
        const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
        // Tags starting before `cut` are complete in `text`; later ones are counted with the next chunk.
        const cut = final ? text.length : Math.max(0, text.length - 64);
        for (const m of text.matchAll(ROW_TAG)) if (m.index < cut) rows++;
        carry = text.slice(cut);
        if (rows > MAX_ROWS) {
          failure = new AppError(
            'VALIDATION',
            `Lembar kerja berisi lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris. Pecah ekspor LAPOR! per periode.`,
          );
          file.terminate();
        }
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let i = 0; i < bytes.length && !failure; i += STEP) unzip.push(bytes.subarray(i, i + STEP), i + STEP >= bytes.length);
  } catch (e) {
    failure ??= new AppError('VALIDATION', `Berkas bukan lembar kerja XLSX atau CSV: isi XLSX rusak (${(e as Error).message.slice(0, 80)}).`);
  }
  if (failure) throw failure;
}
