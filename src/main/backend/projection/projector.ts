/**
 * Keeps the projections in step with the log: incrementally for events that extend a case's
 * history, by replaying the case when an event arrives out of order (sync), and all at once
 * for a rebuild. Callers run it inside the transaction that appended the events.
 */
import type { Kysely } from 'kysely';
import type { CaseEvent } from '../../../shared/domain/events';
import type { Database } from '../db/schema';
import { loadCaseEvents, rowToEvent } from './event-store';
import { foldCase, foldEvent, loadStoredCase, type CaseWriter, type ProjectionContext, type StoredCase } from './case-projection';

type Db = Kysely<Database>;

function byLogOrder(a: CaseEvent, b: CaseEvent): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Projects events just appended to the log. Returns the ids of the cases that changed. */
export async function projectEvents(db: Db, ctx: ProjectionContext, writer: CaseWriter, events: readonly CaseEvent[]): Promise<StoredCase[]> {
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  const changed: StoredCase[] = [];
  for (const [caseId, list] of byCase) {
    list.sort(byLogOrder);
    let st = await loadStoredCase(db, caseId);
    const first = list[0];
    if (!st || (first && first.hlc <= st.lastHlc)) {
      // Not projected yet (its registration may have arrived after later events), or an
      // event older than what is already applied (it came late from another workstation):
      // replay the case from the log, so the result always equals a full rebuild.
      st = foldCase(ctx, await loadCaseEvents(db, caseId));
    } else {
      for (const e of list) st = foldEvent(ctx, st, e);
    }
    if (st) changed.push(st);
  }
  writer.write(changed);
  for (const e of events) if (e.type === 'case.identity_recorded' && changed.some((c) => c.s.id === e.caseId)) writer.writeIdentity(e);
  return changed;
}

/** Drops every projection and replays the whole log, in one transaction. */
export async function rebuildProjections(db: Db, ctx: ProjectionContext, writer: CaseWriter): Promise<{ cases: number; events: number }> {
  return db.transaction().execute(async (trx) => {
    writer.clear();
    const caseIds = (await trx.selectFrom('event').select('case_id').distinct().orderBy('case_id').execute()).map((r) => r.case_id);
    let events = 0;
    let cases = 0;
    const PAGE = 500;
    for (let i = 0; i < caseIds.length; i += PAGE) {
      const page = caseIds.slice(i, i + PAGE);
      const rows = await trx.selectFrom('event').selectAll().where('case_id', 'in', page).orderBy('case_id').orderBy('hlc').orderBy('id').execute();
      const out: StoredCase[] = [];
      const identities: CaseEvent[] = [];
      let cur: StoredCase | null = null;
      let curId = '';
      for (const r of rows) {
        const e = rowToEvent(r);
        if (e.caseId !== curId) {
          if (cur) out.push(cur);
          cur = null;
          curId = e.caseId;
        }
        cur = foldEvent(ctx, cur, e);
        if (e.type === 'case.identity_recorded') identities.push(e);
        events++;
      }
      if (cur) out.push(cur);
      writer.write(out, true);
      const projected = new Set(out.map((c) => c.s.id));
      for (const e of identities) if (projected.has(e.caseId)) writer.writeIdentity(e);
      cases += out.length;
    }
    return { cases, events };
  });
}
