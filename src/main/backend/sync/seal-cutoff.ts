/**
 * Events a server held before it was upgraded to sealing (server migration 4) carry no seal:
 * they were written by versions that had none. The migration records the last of them as
 * `seal_from_seq` in `alur.meta` (which no unit login can write); a pulled event at or below it
 * without a seal is judged as before (the login check), every later one must be sealed. The
 * value is kept locally too, so a re-delivery or a quarantine retry judges the same way.
 */
import type pg from 'pg';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

const KEY = 'seal_from_seq';

/** Reads the server's cut-off and keeps it locally; returns it (0: nothing came before). */
export async function syncSealCutoff(db: Kysely<Database>, client: pg.ClientBase): Promise<number> {
  const row = (await client.query<{ value: string }>('SELECT value FROM alur.meta WHERE key = $1', [KEY])).rows[0];
  const seq = row && /^\d+$/.test(row.value) ? Number(row.value) : 0;
  await db
    .insertInto('local_meta')
    .values({ key: KEY, value: String(seq) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(seq) }))
    .execute();
  return seq;
}

/** The cut-off last read from the server (0 before the first pull). */
export async function loadSealCutoff(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('local_meta').select('value').where('key', '=', KEY).executeTakeFirst();
  return row && /^\d+$/.test(row.value) ? Number(row.value) : 0;
}

/** True for an unsealed event the server held before sealing began. */
export function beforeSealing(seal: string | null | undefined, serverSeq: number, cutoff: number): boolean {
  return !seal && serverSeq > 0 && serverSeq <= cutoff;
}
