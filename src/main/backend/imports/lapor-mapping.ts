/**
 * Which column of a LAPOR! export feeds which field: the default header names, the header row
 * (an export may start with a title block), and the office's saved mapping, kept as reference
 * data (`import_mapping`, id `lapor`) so it syncs and merges per field like other settings.
 */
import { LAPOR_FIELDS, type LaporField, type LaporMapping } from '../../../shared/api/methods/imports';
import type { LaporMappingView, ResolvedMapping } from '../../../shared/api/views-imports';
import { getRef, putRef } from '../refdata/ref-store';
import type { BackendContext } from '../services/context';
import type { TableRow } from './read-table';

/** Header names (compared after {@link normalizeHeader}) an SP4N-LAPOR! export uses. */
const DEFAULT_HEADERS: Record<LaporField, string[]> = {
  laporId: ['tracking id', 'id laporan', 'no tracking', 'nomor tracking', 'id tracking', 'kode tracking', 'no laporan', 'nomor laporan'],
  receivedAt: ['tanggal laporan', 'tanggal', 'tanggal masuk', 'waktu laporan', 'tanggal dibuat'],
  title: ['judul laporan', 'judul'],
  description: ['isi laporan', 'isi', 'uraian', 'isi pengaduan'],
  type: ['jenis laporan', 'jenis', 'klasifikasi'],
  category: ['kategori', 'kategori laporan'],
  location: ['lokasi', 'lokasi kejadian'],
  name: ['nama pelapor', 'nama'],
  email: ['email', 'e-mail', 'email pelapor'],
  phone: ['no telepon', 'telepon', 'no hp', 'nomor telepon', 'no telp', 'telp'],
  anonymous: ['anonim'],
  confidential: ['rahasia'],
  agency: ['instansi tujuan', 'instansi', 'instansi terdisposisi'],
  status: ['status', 'status laporan'],
};

/** The tracking id, the date, and a title or a content (one of the two) must be mapped. */
const REQUIRED_FIELDS: LaporField[] = ['laporId', 'receivedAt'];

/** Indonesian names of the fields, for messages. */
export const FIELD_LABELS: Record<LaporField, string> = {
  laporId: 'Tracking ID',
  receivedAt: 'Tanggal Laporan',
  title: 'Judul Laporan',
  description: 'Isi Laporan',
  type: 'Jenis Laporan',
  category: 'Kategori',
  location: 'Lokasi',
  name: 'Nama Pelapor',
  email: 'Email',
  phone: 'No. Telepon',
  anonymous: 'Anonim',
  confidential: 'Rahasia',
  agency: 'Instansi Tujuan',
  status: 'Status',
};

const MAPPING_ID = 'lapor';
const HEADER_SCAN_ROWS = 20;

function normalizeHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/[._:#*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const KNOWN = new Set(Object.values(DEFAULT_HEADERS).flat());

/**
 * The header row: among the first rows, the first with at least two known header names (or
 * two of the headers the mapping names); else the first row.
 */
export function findHeaderRow(rows: readonly TableRow[], mapping: LaporMapping): number {
  const named = new Set(
    Object.values(mapping)
      .filter((h): h is string => typeof h === 'string')
      .map(normalizeHeader),
  );
  for (let i = 0; i < Math.min(rows.length, HEADER_SCAN_ROWS); i++) {
    const hits = (rows[i]?.cells ?? []).filter((c) => {
      const n = normalizeHeader(c);
      return KNOWN.has(n) || named.has(n);
    }).length;
    if (hits >= 2) return i;
  }
  return 0;
}

interface Resolution {
  mapping: ResolvedMapping;
  /** Column index of each mapped field. */
  index: Partial<Record<LaporField, number>>;
  fileErrors: string[];
}

/**
 * Resolves each field to a column: the caller's mapping first (a header it names must exist;
 * null ignores the field), then the saved mapping, then the default header names. A saved
 * header absent from this file, or a saved null, falls back to the defaults: a saved mapping
 * only adds names (a reference record cannot drop a field, so null is how one is reset).
 */
export function resolveMapping(columns: readonly string[], given: LaporMapping | null, saved: LaporMapping): Resolution {
  const byName = new Map<string, number>();
  columns.forEach((c, i) => {
    const n = normalizeHeader(c);
    if (n && !byName.has(n)) byName.set(n, i);
  });
  const mapping = {} as ResolvedMapping;
  const index: Partial<Record<LaporField, number>> = {};
  const fileErrors: string[] = [];
  for (const f of LAPOR_FIELDS) {
    let col: number | undefined;
    let decided = false;
    if (given && given[f] !== undefined) {
      decided = true;
      const h = given[f];
      if (h !== null && h !== undefined) {
        col = byName.get(normalizeHeader(h));
        if (col === undefined) fileErrors.push(`Kolom "${h}" untuk ${FIELD_LABELS[f]} tidak ada di berkas.`);
      }
    } else if (typeof saved[f] === 'string') {
      col = byName.get(normalizeHeader(saved[f]));
      decided = col !== undefined;
    }
    if (!decided) col = DEFAULT_HEADERS[f].map((h) => byName.get(h)).find((i) => i !== undefined);
    mapping[f] = col === undefined ? null : (columns[col] ?? null);
    if (col !== undefined) index[f] = col;
  }
  for (const f of REQUIRED_FIELDS) {
    if (index[f] === undefined && !fileErrors.some((e) => e.includes(FIELD_LABELS[f])))
      fileErrors.push(`Kolom wajib ${FIELD_LABELS[f]} tidak ditemukan; petakan kolomnya.`);
  }
  if (index.title === undefined && index.description === undefined)
    fileErrors.push('Kolom Judul Laporan atau Isi Laporan (salah satu wajib) tidak ditemukan; petakan kolomnya.');
  return { mapping, index, fileErrors };
}

export async function savedMapping(ctx: BackendContext): Promise<LaporMapping> {
  const rec = await getRef(ctx.db, 'import_mapping', MAPPING_ID);
  const out: LaporMapping = {};
  if (!rec) return out;
  for (const f of LAPOR_FIELDS) if (rec[f] !== undefined) out[f] = rec[f];
  return out;
}

export function mappingView(saved: LaporMapping): LaporMappingView {
  return { saved, defaults: DEFAULT_HEADERS, required: [...REQUIRED_FIELDS] };
}

/** Saves the fields given (each its own LWW field, so two admins' edits of different fields merge). */
export async function saveMapping(ctx: BackendContext, mapping: LaporMapping): Promise<LaporMappingView> {
  await ctx.db.transaction().execute((trx) => putRef(trx, 'import_mapping', MAPPING_ID, mapping, ctx.clock.tick()));
  return mappingView(await savedMapping(ctx));
}
