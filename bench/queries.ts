/**
 * The three query rows of the bench (inbox, case list page, full-text search), each beside a
 * raw better-sqlite3 baseline. `run.ts` calls it after writing the synthetic office; on a
 * folder kept with `--keep` it runs alone: `node bin/bench.mjs --queries DIR`.
 */
import type { BackendContext } from '../src/main/backend/services/context';
import { inbox } from '../src/main/backend/services/inbox.service';
import { listCases, ftsQuery } from '../src/main/backend/services/query.service';
import { actorFor, type Caller } from '../src/main/backend/services/auth.service';
import { listRefs } from '../src/main/backend/refdata/ref-store';
import { sample, type Row } from './stats';

/** Measures the query rows on an office written by `writeSyntheticCases`. */
export async function benchQueries(ctx: BackendContext, cases: number): Promise<Row[]> {
  const rows: Row[] = [];
  const office = await ctx.office();
  const proj = await ctx.projection();
  const preset = proj.preset(office.presetId, office.presetVersion);
  const positions = await listRefs(ctx.db, 'position');
  const raw = ctx.opened.sqlite;
  const desk = positions.find((p) => p.unitId === office.hubUnitId && preset.roles.find((r) => r.id === p.roleId)?.desk);
  const admin = (await listRefs(ctx.db, 'user')).find((u) => u.isAdmin);
  if (!desk || !admin) throw new Error('bench office incomplete');
  const deskCaller: Caller = { token: 'bench', user: admin, actor: await actorFor(ctx, admin) };
  const opdPositions = positions.filter((p) => p.unitId !== office.hubUnitId);
  const inboxRuns = await sample(200, 20, (i) => {
    const p = opdPositions[i % opdPositions.length];
    const caller: Caller =
      i % 2 === 0 || !p
        ? deskCaller
        : {
            ...deskCaller,
            actor: {
              userId: admin.id,
              isAdmin: false,
              positions: [{ positionId: p.id, unitId: p.unitId, roleId: p.roleId, title: p.title, acting: null }],
            },
          };
    return inbox(ctx, caller);
  });
  const inboxSql = raw.prepare(
    `SELECT c.id, c.ref, c.title, c.status, c.urgency, c.received_at, c.next_due_at, t.id AS task, t.step_id, t.due_at
     FROM case_task t JOIN cases c ON c.id = t.case_id
     WHERE t.state = 'open' AND t.unit_id = ? AND t.role_id = ? ORDER BY t.urgency_rank DESC, t.due_at IS NULL, t.due_at LIMIT 200`,
  );
  const rawInbox = await sample(200, 20, (i) => {
    const p = i % 2 === 0 ? desk : (opdPositions[i % opdPositions.length] ?? desk);
    return inboxSql.all(p.unitId, p.roleId);
  });
  rows.push({
    work: `inbox of a post (${cases} cases)`,
    measure: 'p95',
    value: inboxRuns.p95,
    baseline: rawInbox.p95,
    budget: 'p95 < 20 ms',
    pass: inboxRuns.p95 < 20,
  });

  const listRuns = await sample(200, 20, (i) =>
    listCases(ctx, deskCaller, { status: i % 2 ? 'in_process' : 'registered', limit: 50, offset: (i % 5) * 50 }),
  );
  const listSql = raw.prepare(
    'SELECT id, ref, title, status, received_at FROM cases WHERE status = ? ORDER BY received_at DESC, id LIMIT 50 OFFSET ?',
  );
  const countSql = raw.prepare('SELECT count(*) AS n FROM cases WHERE status = ?');
  const rawList = await sample(200, 20, (i) => {
    const s = i % 2 ? 'in_process' : 'registered';
    countSql.get(s);
    return listSql.all(s, (i % 5) * 50);
  });
  rows.push({
    work: `case list page, status filter (${cases} cases)`,
    measure: 'p95',
    value: listRuns.p95,
    baseline: rawList.p95,
    budget: 'p95 < 20 ms',
    pass: listRuns.p95 < 20,
  });

  const terms = ['jalan rusak', 'sampah', 'puskesmas paringin', 'air', 'jembatan juai', 'ktp', 'banjir lampihong', 'drainase', 'lampu', 'angkutan'];
  const ftsRuns = await sample(200, 20, (i) => listCases(ctx, deskCaller, { search: terms[i % terms.length], limit: 50, offset: 0 }));
  const ftsPage = raw.prepare(
    'SELECT c.id, c.ref, c.title FROM cases c WHERE c.rowid IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?) ORDER BY c.received_at DESC LIMIT 50',
  );
  const ftsCount = raw.prepare('SELECT count(*) AS n FROM case_fts WHERE case_fts MATCH ?');
  const rawFts = await sample(200, 20, (i) => {
    const q = ftsQuery(terms[i % terms.length] ?? 'air') ?? 'air';
    ftsCount.get(q);
    return ftsPage.all(q);
  });
  rows.push({
    work: `full-text search (${cases} cases)`,
    measure: 'p95',
    value: ftsRuns.p95,
    baseline: rawFts.p95,
    budget: 'p95 < 20 ms',
    pass: ftsRuns.p95 < 20,
  });
  return rows;
}
