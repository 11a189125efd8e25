/**
 * Counters never behind what was already issued. After an old `alur.db` was copied back, the
 * next registration re-issued ADU-2026-BC00028, already issued and synced. The tracking
 * number counter (local_meta `seq:YYYY`) is now raised to the highest number of this
 * workstation found in the log at start and after a restore (and after the restore's pull
 * from the server), and every number is checked against the log before it is issued.
 * Letter numbers already take the maximum of the counter and the log (documents/letter-number.ts);
 * the agenda number of the lembar disposisi is the tracking number.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

interface RefParts {
  yyyy: string;
  mm: string;
  station: string;
  unitCode: string;
}

export function formatRef(format: string, p: RefParts, seq: number): string {
  return format
    .replace(/\{YYYY\}/g, p.yyyy)
    .replace(/\{YY\}/g, p.yyyy.slice(2))
    .replace(/\{MM\}/g, p.mm)
    .replace(/\{DEV\}/g, p.station)
    .replace(/\{UNIT\}/g, p.unitCode)
    .replace(/\{SEQ(?::(\d+))?\}/g, (_m, w: string | undefined) => String(seq).padStart(Number(w ?? '1'), '0'));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern matching this workstation's numbers of year `yyyy` in `format`, SEQ captured. */
function refPattern(format: string, p: Omit<RefParts, 'mm'>): RegExp | null {
  if (!/\{SEQ(?::\d+)?\}/.test(format)) return null;
  let re = '';
  let seqSeen = false;
  for (const part of format.split(/(\{[A-Z]+(?::\d+)?\})/)) {
    if (part === '{YYYY}') re += escapeRe(p.yyyy);
    else if (part === '{YY}') re += escapeRe(p.yyyy.slice(2));
    else if (part === '{MM}') re += '\\d{2}';
    else if (part === '{DEV}') re += escapeRe(p.station);
    else if (part === '{UNIT}') re += escapeRe(p.unitCode);
    else if (/^\{SEQ(?::\d+)?\}$/.test(part)) {
      re += seqSeen ? '\\d+' : '(\\d+)';
      seqSeen = true;
    } else re += escapeRe(part);
  }
  return new RegExp(`^${re}$`);
}

/** The highest sequence number of this workstation's tracking numbers of `yyyy` in the log. */
export async function highestIssuedSeq(db: Db, format: string, p: Omit<RefParts, 'mm'>): Promise<number> {
  const re = refPattern(format, p);
  if (!re) return 0;
  let max = 0;
  // Only registrations carry the number; the cases table has one row per registration.
  const rows = await db.selectFrom('cases').select('ref').execute();
  for (const r of rows) {
    const m = re.exec(r.ref);
    if (m?.[1]) max = Math.max(max, Number(m[1]));
  }
  return max;
}

export async function refIssued(db: Db, ref: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select(sql<number>`1`.as('x'))
    .where('ref', '=', ref)
    .executeTakeFirst();
  return row !== undefined;
}

/** Raises the counter of `yyyy` to at least `floor`; returns the counter after. */
export async function raiseRefCounter(db: Db, yyyy: string, floor: number): Promise<number> {
  const key = `seq:${yyyy}`;
  const local = Number((await db.selectFrom('local_meta').select('value').where('key', '=', key).executeTakeFirst())?.value ?? '0');
  if (floor <= local) return local;
  await db
    .insertInto('local_meta')
    .values({ key, value: String(floor) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(floor) }))
    .execute();
  return floor;
}
