/**
 * SP4N-LAPOR! import: preview (reads and checks every row, writes nothing) and commit (every
 * accepted row registered in ONE transaction through the desk's own registration path, or
 * nothing at all).
 *
 * The preview is stateless: the commit receives the same file again with the mapping and the
 * preview's SHA-256, parses it again and refuses it if the bytes changed. Holding parsed rows
 * on the server between the two calls would need a cache with its own expiry, memory for
 * 100k rows and a story for a backend restart or a second window; re-reading a 20 MB file
 * costs a second or two, and the hash makes "what you previewed is what gets imported" exact.
 */
import crypto from 'node:crypto';
import type { LaporMapping } from '../../../shared/api/methods/imports';
import type { ImportWarning, LaporCommitResult, LaporPreview, LaporSampleRow, RefusedRow } from '../../../shared/api/views-imports';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';
import type { Kysely } from 'kysely';
import type { Caller } from '../services/auth.service';
import type { BackendContext } from '../services/context';
import { commitEvents } from '../services/commit';
import { buildRegistration, registrationContext, type RegistrationInput } from '../services/register.service';
import { findHeaderRow, resolveMapping, savedMapping } from './lapor-mapping';
import { validateRow } from './lapor-rows';
import { lossyReason } from './number-cells';
import { readTable } from './read-table';

const SAMPLE_ROWS = 50;
/** SQLite's default limit on bound parameters is far above this; chunks keep each query small. */
const ID_CHUNK = 500;

interface Accepted {
  row: number;
  input: RegistrationInput;
  sample: LaporSampleRow;
}

interface Analysis {
  preview: Omit<LaporPreview, 'accepted' | 'duplicates' | 'duplicateRows' | 'sample'>;
  accepted: Accepted[];
}

function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Reads the file and checks every row against the mapping; touches no case. */
async function analyse(ctx: BackendContext, fileName: string, bytes: Buffer, given: LaporMapping | null): Promise<Analysis> {
  const sha256 = sha256Hex(bytes);
  const table = await readTable(bytes);
  const saved = await savedMapping(ctx);
  const office = await ctx.office();
  const proj = await ctx.projection();
  const preset = proj.preset(office.presetId, office.presetVersion);
  const h = findHeaderRow(table.rows, { ...saved, ...(given ?? {}) });
  const header = table.rows[h];
  if (!header) throw new AppError('VALIDATION', 'Berkas tidak berisi baris data.');
  const columns = header.cells;
  const res = resolveMapping(columns, given, saved);
  const refused: RefusedRow[] = [];
  const warnings: ImportWarning[] = [];
  const accepted: Accepted[] = [];
  const dataRows = table.rows.slice(h + 1);
  const base = {
    fileName,
    sha256,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headerRow: header.n,
    columns,
    mapping: res.mapping,
    fileErrors: res.fileErrors,
    rows: dataRows.length,
  };
  if (res.fileErrors.length) return { preview: { ...base, refused, warnings }, accepted };

  const rc = { preset, timeZone: proj.engine.calendar.timeZone, now: ctx.now(), index: res.index };
  const seen = new Map<string, number>();
  for (const r of dataRows) {
    const lossy = lossyReason(r.cells, r.lossy ?? [], res.index, header?.cells ?? []);
    const out = lossy ? { ok: false as const, laporId: null, title: null, reasons: [lossy] } : validateRow(r.cells, r.n, rc);
    if (!out.ok) {
      refused.push({ row: r.n, laporId: out.laporId, title: out.title, reason: out.reasons.join('; ') });
      continue;
    }
    const first = seen.get(out.input.laporId ?? '');
    if (first !== undefined) {
      refused.push({ row: r.n, laporId: out.input.laporId, title: out.input.title, reason: `Tracking ID sama dengan baris ${first}` });
      continue;
    }
    seen.set(out.input.laporId ?? '', r.n);
    for (const w of out.warnings) warnings.push({ row: r.n, message: w });
    accepted.push({ row: r.n, input: out.input, sample: out.sample });
  }
  return { preview: { ...base, refused, warnings }, accepted };
}

/** The tracking numbers (`ref`) of the LAPOR! ids already registered, by LAPOR! id. */
async function existing(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const chunk = ids.slice(i, i + ID_CHUNK);
    const rows = await db.selectFrom('cases').select(['lapor_id', 'ref']).where('lapor_id', 'in', chunk).execute();
    for (const r of rows) if (r.lapor_id) out.set(r.lapor_id, r.ref);
  }
  return out;
}

function split(accepted: readonly Accepted[], known: Map<string, string>): { fresh: Accepted[]; duplicateRows: LaporPreview['duplicateRows'] } {
  const fresh: Accepted[] = [];
  const duplicateRows: LaporPreview['duplicateRows'] = [];
  for (const a of accepted) {
    const id = a.input.laporId ?? '';
    const ref = known.get(id);
    if (ref === undefined) fresh.push(a);
    else duplicateRows.push({ row: a.row, laporId: id, ref });
  }
  return { fresh, duplicateRows };
}

/** Checks a LAPOR! export without writing anything. */
export async function previewLapor(ctx: BackendContext, fileName: string, bytes: Buffer, mapping: LaporMapping | null): Promise<LaporPreview> {
  const a = await analyse(ctx, fileName, bytes, mapping);
  const known = await existing(
    ctx.db,
    a.accepted.map((x) => x.input.laporId ?? ''),
  );
  const { fresh, duplicateRows } = split(a.accepted, known);
  return {
    ...a.preview,
    accepted: fresh.length,
    duplicates: duplicateRows.length,
    duplicateRows,
    sample: fresh.slice(0, SAMPLE_ROWS).map((x) => x.sample),
  };
}

/**
 * Imports every accepted row of the previewed file in one transaction. A row whose LAPOR! id
 * was registered in the meantime (another desk, a sync) is counted as a duplicate, checked
 * again inside the transaction; any other failure rolls the whole import back.
 */
export async function commitLapor(
  ctx: BackendContext,
  caller: Caller,
  input: { fileName: string; bytes: Buffer; mapping: LaporMapping; sha256: string },
): Promise<LaporCommitResult> {
  if (sha256Hex(input.bytes) !== input.sha256) {
    throw new AppError('CONFLICT', 'Berkas berubah sejak pratinjau; buka pratinjau lagi sebelum mengimpor.');
  }
  const a = await analyse(ctx, input.fileName, input.bytes, input.mapping);
  if (a.preview.fileErrors.length) throw new AppError('VALIDATION', a.preview.fileErrors.join(' '));
  const rc = await registrationContext(ctx, caller);
  const when = ctx.now();
  let duplicates = 0;
  const refs: string[] = [];
  if (a.accepted.length) {
    await commitEvents(ctx, async (trx) => {
      const known = await existing(
        trx,
        a.accepted.map((x) => x.input.laporId ?? ''),
      );
      const { fresh, duplicateRows } = split(a.accepted, known);
      duplicates = duplicateRows.length;
      const events = [];
      for (const row of fresh) {
        try {
          const r = await buildRegistration(trx, ctx, rc, row.input, when);
          refs.push(r.ref);
          events.push(...r.events);
        } catch (e) {
          // Nothing is written: say which row stopped the import.
          if (e instanceof AppError) throw new AppError(e.code, `Baris ${row.row}: ${e.message} Tidak ada yang diimpor.`, e.details);
          throw e;
        }
      }
      return events;
    });
  }
  return { imported: refs.length, duplicates, refused: a.preview.refused, firstRef: refs[0] ?? null, lastRef: refs.at(-1) ?? null };
}
