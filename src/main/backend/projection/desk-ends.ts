/**
 * Once, after migration 0009: the cases whose log holds a close or a reopen are replayed, so
 * the new projection columns (close reason, duplicate link, reopen count) and the states they
 * come from say what the log says. Only those cases: replaying a whole office at start would
 * take as long as `alur rebuild`, which gives the same rows. Cases answered before 0009 have no
 * delivery event, so nothing else can differ.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadCaseEvents } from './event-store';
import { foldCase, type CaseWriter, type ProjectionContext, type StoredCase } from './case-projection';

/** `projection` is asked only when there is a case to replay (a new data folder has no office yet). */
export async function reprojectEndsIfPending(
  db: Kysely<Database>,
  projection: () => Promise<ProjectionContext>,
  writer: CaseWriter,
): Promise<number> {
  const flag = await db.selectFrom('local_meta').select('value').where('key', '=', 'desk_ends').executeTakeFirst();
  if (flag?.value !== 'pending') return 0;
  return db.transaction().execute(async (trx) => {
    const ids = (await trx.selectFrom('event').select('case_id').distinct().where('type', 'in', ['case.closed', 'case.reopened']).execute()).map(
      (r) => r.case_id,
    );
    const out: StoredCase[] = [];
    const proj = ids.length > 0 ? await projection() : null;
    for (const id of ids) {
      const st = proj && foldCase(proj, await loadCaseEvents(trx, id));
      if (st) out.push(st);
    }
    writer.write(out);
    await trx.updateTable('local_meta').set({ value: 'done' }).where('key', '=', 'desk_ends').execute();
    return out.length;
  });
}
