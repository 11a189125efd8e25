/** What the LAPOR! import methods answer (see methods/imports.ts), and the refused-rows CSV. */
import type { CaseType, Privacy } from '../domain/enums';
import type { LaporField, LaporMapping } from './methods/imports';

/** A row that will not be imported, by its row number in the spreadsheet (1 = first row). */
export interface RefusedRow {
  row: number;
  laporId: string | null;
  title: string | null;
  /** Indonesian, ready to show; several problems are joined with "; ". */
  reason: string;
}

/** Imported, but something was dropped or guessed (a category not found, an invalid email...). */
export interface ImportWarning {
  row: number;
  message: string;
}

/** An accepted row as it will be registered. */
export interface LaporSampleRow {
  row: number;
  laporId: string;
  receivedAt: number;
  title: string;
  /** The first 200 characters. */
  description: string;
  type: CaseType;
  categoryId: string | null;
  subcategoryId: string | null;
  location: string | null;
  privacy: Privacy;
  /** Only for a *biasa* case: a preview never echoes a confidential identity. */
  complainantName: string | null;
  /** Read for the admin's information; Alur starts every imported case at its own first step. */
  laporStatus: string | null;
  agency: string | null;
}

/** Which column each field resolved to, by header text (null: not imported). */
export type ResolvedMapping = Record<LaporField, string | null>;

export interface LaporPreview {
  fileName: string;
  /** SHA-256 of the bytes: pass it back to `import.lapor.commit`. */
  sha256: string;
  format: 'xlsx' | 'csv';
  /** CSV only: the encoding and delimiter detected. */
  encoding: string | null;
  delimiter: string | null;
  /** Row number of the header row. */
  headerRow: number;
  /** The header texts of the file, in order. */
  columns: string[];
  mapping: ResolvedMapping;
  /**
   * Problems with the file as a whole (a required column missing): when any, no row was
   * checked and the commit refuses. Fix the mapping and preview again.
   */
  fileErrors: string[];
  /** Data rows (after the header, blank rows not counted). rows = accepted + duplicates + refused. */
  rows: number;
  accepted: number;
  /** Rows whose LAPOR! tracking id is already registered here: skipped, not refused. */
  duplicates: number;
  duplicateRows: Array<{ row: number; laporId: string; ref: string }>;
  refused: RefusedRow[];
  warnings: ImportWarning[];
  /** The first 50 accepted rows, parsed. */
  sample: LaporSampleRow[];
}

export interface LaporCommitResult {
  imported: number;
  duplicates: number;
  refused: RefusedRow[];
  /** Tracking numbers given to the first and last imported case (null when none). */
  firstRef: string | null;
  lastRef: string | null;
}

export interface LaporMappingView {
  /** What the office saved (fields left out are found by their default header names). */
  saved: LaporMapping;
  /** The default header names of each field, lower-case. */
  defaults: Record<LaporField, string[]>;
  required: LaporField[];
}

/** A formula-looking or long-number cell is prefixed so a spreadsheet opening the CSV shows it as text. */
function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  // A long digit string (a tracking id, NIK or phone number) too: a spreadsheet would turn it
  // into a number and drop digits or the leading zero.
  if (/^[=+\-@\t\r]/.test(s) || /^(\d{12,}|0\d{7,})$/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The refused rows as CSV (UTF-8 with BOM, comma-separated), for the admin to fix and retry. */
export function refusedRowsCsv(rows: readonly RefusedRow[]): string {
  const lines = ['Baris,Tracking ID,Judul,Alasan', ...rows.map((r) => [r.row, r.laporId, r.title, r.reason].map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
