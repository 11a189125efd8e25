/**
 * Reference data store: one row per record, fields merged last-writer-wins per field by HLC,
 * deletion as a `_deleted` field with its own clock (a tombstone), so that two workstations
 * editing different fields of the same user both keep their change.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';
import { REF_KINDS, type RefKind, type RefOf } from './kinds';

type Db = Kysely<Database>;
type Fields = Record<string, unknown>;
type Clocks = Record<string, string>;

interface RefRecord {
  kind: string;
  id: string;
  fields: Fields;
  clocks: Clocks;
}

function parseObject(json: string): Record<string, unknown> {
  const v: unknown = JSON.parse(json);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('reference record is not an object');
  return { ...v };
}

function clocksOf(json: string): Clocks {
  const out: Clocks = {};
  for (const [k, v] of Object.entries(parseObject(json))) if (typeof v === 'string') out[k] = v;
  return out;
}

function maxHlc(clocks: Clocks): string {
  let m = '';
  for (const v of Object.values(clocks)) if (v > m) m = v;
  return m;
}

async function readRecord(db: Db, kind: string, id: string): Promise<RefRecord | null> {
  const row = await db.selectFrom('ref_record').selectAll().where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
  return row ? { kind, id, fields: parseObject(row.fields), clocks: clocksOf(row.clocks) } : null;
}

async function writeRecord(db: Db, rec: RefRecord): Promise<void> {
  const values = {
    kind: rec.kind,
    id: rec.id,
    fields: JSON.stringify(rec.fields),
    clocks: JSON.stringify(rec.clocks),
    updated_hlc: maxHlc(rec.clocks),
  };
  await db
    .insertInto('ref_record')
    .values(values)
    .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet({ fields: values.fields, clocks: values.clocks, updated_hlc: values.updated_hlc }))
    .execute();
}

/**
 * Merges field values with their clocks into a record: a field takes the incoming value only
 * if its clock is newer. Used for local writes (always newest) and for records from sync.
 */
export async function mergeRef(db: Db, kind: string, id: string, fields: Fields, clocks: Clocks): Promise<void> {
  const cur = (await readRecord(db, kind, id)) ?? { kind, id, fields: {}, clocks: {} };
  let changed = false;
  for (const [k, v] of Object.entries(fields)) {
    const c = clocks[k];
    if (c === undefined) continue;
    const have = cur.clocks[k];
    if (have === undefined || c > have) {
      cur.fields[k] = v;
      cur.clocks[k] = c;
      changed = true;
    }
  }
  if (changed) await writeRecord(db, cur);
}

/** A local write of some fields of a record, validated against the kind's schema first. */
export async function putRef<K extends RefKind>(db: Db, kind: K, id: string, fields: Partial<RefOf<K>>, hlc: string): Promise<void> {
  const cur = await readRecord(db, kind, id);
  const next = { ...(cur?.fields ?? {}), ...fields };
  const parsed = REF_KINDS[kind].safeParse(next);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `Data ${kind} tidak valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const clocks: Clocks = {};
  const values: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    values[k] = v;
    clocks[k] = hlc;
  }
  await mergeRef(db, kind, id, values, clocks);
}

/** Marks a record deleted (a tombstone that syncs like any field). */
export async function deleteRef(db: Db, kind: RefKind, id: string, hlc: string): Promise<void> {
  await mergeRef(db, kind, id, { _deleted: true }, { _deleted: hlc });
}

function toRecord<K extends RefKind>(kind: K, id: string, fields: Fields): RefOf<K> | null {
  if (fields['_deleted'] === true) return null;
  const parsed = REF_KINDS[kind].safeParse(fields);
  // A record that no longer parses (written by a newer version, or half-merged) is left out
  // rather than crashing every screen; it stays in the table for a newer app to read.
  return parsed.success ? (parsed.data as RefOf<K>) : null;
}

export async function getRef<K extends RefKind>(db: Db, kind: K, id: string): Promise<RefOf<K> | null> {
  const rec = await readRecord(db, kind, id);
  return rec ? toRecord(kind, id, rec.fields) : null;
}

export async function listRefs<K extends RefKind>(db: Db, kind: K): Promise<Array<RefOf<K>>> {
  const rows = await db.selectFrom('ref_record').select(['id', 'fields']).where('kind', '=', kind).orderBy('id').execute();
  const out: Array<RefOf<K>> = [];
  for (const r of rows) {
    const rec = toRecord(kind, r.id, parseObject(r.fields));
    if (rec) out.push(rec);
  }
  return out;
}

/** Every record changed after `sinceHlc`, raw, for sync. */
export async function refsSince(db: Db, sinceHlc: string): Promise<RefRecord[]> {
  const rows = await db.selectFrom('ref_record').selectAll().where('updated_hlc', '>', sinceHlc).orderBy('updated_hlc').execute();
  return rows.map((r) => ({ kind: r.kind, id: r.id, fields: parseObject(r.fields), clocks: clocksOf(r.clocks) }));
}
