/**
 * Damage in the projections is not served. A bit flipped in `cases` or `case_unit` turned
 * "perhubungan" into "pevhubungan" or made an OPD vanish from a case, and the list and the
 * case page showed it: the projections are derived data with no checksum of their own. The
 * log is checked (each event's hash), so a case is re-derived from it and compared with what
 * is stored before the case is served; the background sweep does the same for every case in
 * turn (what the lists read). A difference is repaired from the log and recorded.
 *
 * The comparison reuses the one projection writer: inside a transaction the case is written
 * again from its events and the rows before and after are compared; equal rolls back (nothing
 * is written), different commits the repair. So the check cannot disagree with the writer.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { BackendContext } from '../services/context';
import { loadCaseEvents } from '../projection/event-store';
import { foldCase } from '../projection/case-projection';

/** Thrown inside the transaction to roll it back when nothing differed. */
class Unchanged extends Error {}

function caseRows(sqlite: SqliteDatabase.Database, caseId: string): Record<string, unknown> {
  const one = (sql: string) => sqlite.prepare(sql).get(caseId) ?? null;
  const all = (sql: string) => sqlite.prepare(sql).all(caseId);
  return {
    cases: one('SELECT * FROM cases WHERE id = ?'),
    case_task: all('SELECT * FROM case_task WHERE case_id = ? ORDER BY id'),
    case_unit: all('SELECT * FROM case_unit WHERE case_id = ? ORDER BY unit_id'),
    // By rowid: the full-text table is only indexed by it (the writer keeps the case's rowid).
    case_fts: one('SELECT case_id, ref, title, body FROM case_fts WHERE rowid = (SELECT rowid FROM cases WHERE id = ?)'),
    identity: one('SELECT * FROM identity WHERE case_id = ?'),
  };
}

/** The projection tables whose rows differ between two snapshots of one case. */
function differing(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/**
 * Re-derives one case from its (hash-checked) events and compares it with its projection rows.
 * Returns the tables that were wrong and have been repaired ([] when all agreed). An event
 * whose hash fails throws DAMAGED (from the event store): then the log itself is damaged.
 */
export async function verifyCaseProjection(ctx: BackendContext, caseId: string): Promise<string[]> {
  const proj = await ctx.projection();
  const sqlite = ctx.opened.sqlite;
  let repaired: string[] = [];
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const events = await loadCaseEvents(trx, caseId);
      const st = foldCase(proj, events);
      // No registration in the log: nothing to derive the case from (it waits for sync).
      if (!st) throw new Unchanged();
      const before = caseRows(sqlite, caseId);
      ctx.writer.write([st]);
      for (const e of events) ctx.writer.writeIdentity(e);
      const diff = differing(before, caseRows(sqlite, caseId));
      if (diff.length === 0) throw new Unchanged();
      repaired = diff;
    });
  } catch (e) {
    if (e instanceof Unchanged) return [];
    throw e;
  }
  ctx.log.warn('projection.repaired', { caseId, tables: repaired.join(',') });
  ctx.emit({ type: 'cases.changed', caseIds: [caseId] });
  return repaired;
}

const sweepCursor = new WeakMap<BackendContext, string>();

/**
 * One step of the background check: the next `batch` cases after the last one checked (in id
 * order, wrapping around), each verified and repaired. Returns how many were repaired.
 */
export async function sweepProjections(ctx: BackendContext, batch = 100): Promise<{ checked: number; repaired: number }> {
  const after = sweepCursor.get(ctx) ?? '';
  if (after === '') await dropOrphans(ctx);
  const ids = ctx.opened.sqlite
    .prepare('SELECT DISTINCT case_id FROM event WHERE case_id > ? ORDER BY case_id LIMIT ?')
    .pluck()
    .all(after, batch) as string[];
  let repaired = 0;
  for (const id of ids) if ((await verifyCaseProjection(ctx, id)).length) repaired++;
  sweepCursor.set(ctx, ids.length < batch ? '' : (ids[ids.length - 1] ?? ''));
  return { checked: ids.length, repaired };
}

/**
 * A case row whose id is in no event (its id was flipped, so the repair wrote the real one
 * again beside it) is damage: the projection is derived from the log and nothing else.
 */
async function dropOrphans(ctx: BackendContext): Promise<void> {
  const sqlite = ctx.opened.sqlite;
  const orphans = sqlite.prepare('SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM event)').pluck().all() as string[];
  if (orphans.length === 0) return;
  await ctx.db.transaction().execute(async () => {
    for (const id of orphans) {
      sqlite.prepare('DELETE FROM case_fts WHERE rowid = (SELECT rowid FROM cases WHERE id = ?)').run(id);
      for (const table of ['case_task', 'case_unit', 'identity'] as const) sqlite.prepare(`DELETE FROM ${table} WHERE case_id = ?`).run(id);
      sqlite.prepare('DELETE FROM cases WHERE id = ?').run(id);
    }
  });
  ctx.log.warn('projection.orphans_dropped', { count: orphans.length });
}
