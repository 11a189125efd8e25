/**
 * Reads a spreadsheet export into rows of text. The kind is decided by the bytes, never by the
 * file name: an XLSX (a ZIP with a workbook) or text that parses as CSV; anything else (an
 * image renamed `.xlsx`, a PDF, an old binary `.xls`) is refused with a clear message.
 *
 * Cells are text. A formula cell gives its cached result as the spreadsheet last computed it;
 * nothing is ever evaluated. A CSV cell starting with "=" is text like any other.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import chardet from 'chardet';
import { fileTypeFromBuffer } from 'file-type';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from '../../../shared/api/methods/imports';
import { AppError } from '../../../shared/result';
import { isLossyNumber } from './number-cells';
import { checkXlsxBomb, MAX_ROWS } from './xlsx-guard';

export interface TableRow {
  /** 1-based row number as a spreadsheet shows it. */
  n: number;
  cells: string[];
  /** Columns holding a number too long to be exact (see number-cells.ts); XLSX only. */
  lossy?: number[];
}

interface Table {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  delimiter: string | null;
  /** Non-blank rows only. */
  rows: TableRow[];
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOT_A_SHEET = 'Berkas bukan lembar kerja XLSX atau CSV';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A cell value from exceljs as text. Dates keep their wall-clock fields (exceljs stores them as UTC). */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
  }
  if (typeof v === 'object') {
    // A formula (plain or shared): its cached result only; without one, the cell is empty.
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? cellText(v.result) : '';
    if ('richText' in v && Array.isArray(v.richText))
      return v.richText.map((r: unknown) => (typeof r === 'object' && r !== null && 'text' in r ? String(r.text) : '')).join('');
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return String(v.error);
  }
  return '';
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** The first worksheet, streamed: the workbook is never held as a whole object model. */
async function readXlsx(bytes: Buffer): Promise<Table> {
  const rows: TableRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // 'cache' makes date-formatted numbers come out as dates; plain numbers stay serials.
      styles: 'cache',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from(values, (v) => cellText(v).trim());
        const lossy = values.flatMap((v: unknown, i: number) => (isLossyNumber(v) ? [i] : []));
        if (!isBlank(cells)) rows.push(lossy.length ? { n: row.number, cells, lossy } : { n: row.number, cells });
      }
      break;
    }
  } catch (e) {
    throw new AppError('VALIDATION', `${NOT_A_SHEET}: isi XLSX tidak dapat dibaca (${(e as Error).message.slice(0, 120)}).`);
  }
  return { format: 'xlsx', encoding: null, delimiter: null, rows };
}

/** iconv-lite names for what chardet reports; Latin-1 is read as its superset windows-1252. */
function iconvName(detected: string | null): string {
  const d = (detected ?? '').toLowerCase();
  if (d.startsWith('utf-16le')) return 'utf-16le';
  if (d.startsWith('utf-16be')) return 'utf-16be';
  if (d === 'iso-8859-1' || d === 'windows-1252' || d === 'ascii' || d === '') return 'windows-1252';
  return iconv.encodingExists(d) ? d : 'windows-1252';
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasTextBom(b: Buffer): boolean {
  return (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
}

/** Decodes CSV bytes: a BOM wins, then UTF-16 as chardet sees it, then valid UTF-8, then chardet's guess. */
function decode(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const sample = bytes.subarray(0, 64 * 1024);
  const guess = chardet.detect(sample);
  if (guess && /^utf-16/i.test(guess)) {
    const enc = iconvName(guess);
    return { text: iconv.decode(bytes, enc), encoding: enc };
  }
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf-8' };
  const enc = iconvName(guess);
  return { text: iconv.decode(bytes, enc), encoding: enc };
}

/** The delimiter of the header line: the candidate that occurs most outside quotes. */
function guessDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i] ?? '';
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

function readCsv(bytes: Buffer): Table {
  const { text, encoding } = decode(bytes);
  // Control characters other than tab and line breaks mean this is not text at all.
  const sample = text.slice(0, 64 * 1024);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) || c === 0xfffd) control++;
  }
  if (sample.trim() === '' || control > sample.length / 100) throw new AppError('VALIDATION', `${NOT_A_SHEET}.`);
  const delimiter = guessDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, dynamicTyping: false, preview: MAX_ROWS + 1 });
  if (parsed.data.length > MAX_ROWS)
    throw new AppError('VALIDATION', `Berkas berisi lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris. Pecah ekspor LAPOR! per periode.`);
  const rows: TableRow[] = [];
  parsed.data.forEach((cells, i) => {
    const trimmed = cells.map((c) => c.trim());
    if (!isBlank(trimmed)) rows.push({ n: i + 1, cells: trimmed });
  });
  return { format: 'csv', encoding, delimiter, rows };
}

/** Refuses a file over the size cap before anything reads it. */
export function checkImportSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    throw new AppError(
      'VALIDATION',
      `Berkas terlalu besar (${(bytes / 1048576).toFixed(1)} MB; batas ${MAX_IMPORT_MB} MB). Pecah ekspor LAPOR! per periode.`,
    );
  }
}

/** Reads an XLSX or CSV export (sniffed from its content) into non-blank rows of text. */
export async function readTable(bytes: Buffer): Promise<Table> {
  checkImportSize(bytes.length);
  if (bytes.length === 0) throw new AppError('VALIDATION', 'Berkas kosong.');
  // A text BOM first: "FF FE" also looks like an MPEG frame to a magic-number sniffer.
  if (hasTextBom(bytes)) return readCsv(bytes);
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime === XLSX_MIME || type?.mime === 'application/zip') {
    checkXlsxBomb(bytes);
    return readXlsx(bytes);
  }
  if (type?.mime === 'application/x-cfb')
    throw new AppError('VALIDATION', `${NOT_A_SHEET}: format .xls lama tidak didukung; simpan sebagai .xlsx atau CSV.`);
  if (type) throw new AppError('VALIDATION', `${NOT_A_SHEET}: isinya ${type.mime} (.${type.ext}).`);
  return readCsv(bytes);
}
