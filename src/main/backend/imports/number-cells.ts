/**
 * Numbers that lost digits. Excel keeps 15 significant digits: a NIK, phone number or tracking
 * id of 16 or more digits typed as a number is already changed in the file
 * (`9201234567890123` is stored as `9201234567890120`, shown as `9,20123E+15`), and a CSV
 * saved from such a sheet carries the scientific form. Such a cell is refused with its row,
 * never guessed at: identifiers are text.
 */
import type { LaporField } from '../../../shared/api/methods/imports';

/** A spreadsheet number too long to be exact (16+ integer digits). */
export function isLossyNumber(v: unknown): boolean {
  if (typeof v === 'object' && v !== null && 'result' in v) return isLossyNumber(v.result);
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) >= 1e15;
}

/** Text a spreadsheet wrote for such a number: `9.20123E+15`, `9,20123E+15`. */
const SCIENTIFIC = /^[+-]?\d([.,]\d+)?E\+?\d+$/i;

/** Fields whose value is an identifier that must survive digit by digit. */
const IDENTIFIERS: readonly LaporField[] = ['laporId', 'phone'];

/**
 * The reason a row is refused for a number that lost digits in one of its identifier fields,
 * or null. `lossy`: the columns exceljs read as long numbers.
 */
export function lossyReason(
  cells: readonly string[],
  lossy: readonly number[],
  index: Partial<Record<LaporField, number>>,
  header: readonly string[],
): string | null {
  for (const f of IDENTIFIERS) {
    const i = index[f];
    if (i === undefined) continue;
    if (lossy.includes(i) || SCIENTIFIC.test(cells[i] ?? '')) {
      return `kolom "${(header[i] ?? f).slice(0, 40)}" berisi angka ${cells[i] ?? ''} yang disimpan sebagai bilangan, sehingga digit terakhirnya sudah berubah; format kolom itu sebagai Teks di spreadsheet lalu ekspor ulang`;
    }
  }
  return null;
}
