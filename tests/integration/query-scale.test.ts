/**
 * The case list, search and inbox on an office big enough for their fast paths (a capped
 * total, set filters that drive or only check, one inbox query per post), each checked against
 * the plain SQL of what the user must see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../src/main/backend/services/context';
import { rebuildProjections } from '../../src/main/backend/projection/projector';
import { listRefs } from '../../src/main/backend/refdata/ref-store';
import { actorFor, type Caller } from '../../src/main/backend/services/auth.service';
import { inbox, INBOX_LIMIT } from '../../src/main/backend/services/inbox.service';
import { ftsQuery, listCases, TOTAL_STEP } from '../../src/main/backend/services/query.service';
import type { ActorPosition } from '../../src/shared/domain/org';
import { writeSyntheticCases } from '../../bench/synthetic';
import { main, type CliIo } from '../../src/main/cli/main';
import { fakeClock, newOffice } from '../helpers/temp';

const END = Date.UTC(2026, 10, 20, 3, 0);
const CASES = 1_300;

let ctx: BackendContext;
let dataDir: string;
let desk: Caller;
let opdUnitId: string;
let opdPositions: ActorPosition[];

beforeAll(async () => {
  ({ ctx, dataDir } = await newOffice('balangan', fakeClock(END)));
  const office = await ctx.office();
  const proj = await ctx.projection();
  const units = await listRefs(ctx.db, 'unit');
  const positions = await listRefs(ctx.db, 'position');
  writeSyntheticCases(ctx.opened.sqlite, proj.preset(office.presetId, office.presetVersion), proj.engine.calendar, units, positions, {
    count: CASES,
    seed: 7,
    end: END,
    hubUnitId: office.hubUnitId,
  });
  await rebuildProjections(ctx.db, proj, ctx.writer);
  const admin = (await listRefs(ctx.db, 'user')).find((u) => u.isAdmin);
  if (!admin) throw new Error('no admin');
  desk = { token: 'test', user: admin, actor: await actorFor(ctx, admin) };
  const busiest = ctx.opened.sqlite.prepare('SELECT unit_id FROM case_unit GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1').get() as {
    unit_id: string;
  };
  opdUnitId = busiest.unit_id;
  opdPositions = positions
    .filter((p) => p.unitId === opdUnitId)
    .map((p) => ({ positionId: p.id, unitId: p.unitId, roleId: p.roleId, title: p.title, acting: null }));
}, 120_000);
afterAll(() => ctx.opened.close());

function ids(sqlText: string, ...params: unknown[]): string[] {
  return (ctx.opened.sqlite.prepare(sqlText).all(...params) as Array<{ id: string }>).map((r) => r.id);
}

const ORDER = 'ORDER BY received_at DESC, id';

describe('case list total', () => {
  it('counts up to the step past the page and says when more match', async () => {
    const first = await listCases(ctx, desk, { limit: 50, offset: 0 });
    expect(first).toMatchObject({ total: TOTAL_STEP, totalIsLowerBound: true });
    expect(first.rows.map((r) => r.id)).toEqual(ids(`SELECT id FROM cases ${ORDER} LIMIT 50`));
    // Past the first step the count goes on, here to the end.
    const last = await listCases(ctx, desk, { limit: 50, offset: 1_250 });
    expect(last).toMatchObject({ total: CASES });
    expect(last.totalIsLowerBound).toBeUndefined();
    expect(last.rows.map((r) => r.id)).toEqual(ids(`SELECT id FROM cases ${ORDER} LIMIT 50 OFFSET 1250`));
  });

  it('reads "lebih dari" on the command line', async () => {
    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => out.push(l), askSecret: async () => null };
    expect(await main(['cases', '--data', dataDir, '--limit', '5'], io)).toBe(0);
    expect(out[0]).toBe(`lebih dari ${TOTAL_STEP} aduan (menampilkan 5)`);
  });

  it('is exact under the cap', async () => {
    const exact = ids("SELECT id FROM cases WHERE status = 'in_process'");
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.length).toBeLessThan(TOTAL_STEP);
    const l = await listCases(ctx, desk, { status: 'in_process', limit: 500, offset: 0 });
    expect(l.total).toBe(exact.length);
    expect(l.totalIsLowerBound).toBeUndefined();
    expect(l.rows.map((r) => r.id)).toEqual(ids(`SELECT id FROM cases WHERE status = 'in_process' ${ORDER} LIMIT 500`));
  });
});

describe('search and visibility give the rows of the plain query', () => {
  // "aduan" is in every title (a set too big to drive the query), the others in a few.
  const terms = ['aduan', 'air', 'jalan rusak', 'puskesmas paringin', 'zzz-tidak-ada'];

  it.each(terms)('search %s, as the desk', async (term) => {
    const match = ftsQuery(term) ?? '';
    const where = 'rowid IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)';
    for (const offset of [0, 100]) {
      const l = await listCases(ctx, desk, { search: term, limit: 50, offset });
      expect(l.rows.map((r) => r.id)).toEqual(ids(`SELECT id FROM cases WHERE ${where} ${ORDER} LIMIT 50 OFFSET ${offset}`, match));
      const n = ids(`SELECT id FROM cases WHERE ${where}`, match).length;
      expect(l.total).toBe(Math.min(n, TOTAL_STEP));
      expect(l.totalIsLowerBound).toBe(n > TOTAL_STEP ? true : undefined);
    }
    const inProcess = await listCases(ctx, desk, { search: term, status: 'in_process', limit: 50, offset: 0 });
    expect(inProcess.rows.map((r) => r.id)).toEqual(ids(`SELECT id FROM cases WHERE ${where} AND status = 'in_process' ${ORDER} LIMIT 50`, match));
  });

  it.each(['', 'aduan', 'air'])('an OPD user sees only the cases of the unit (search "%s")', async (term) => {
    const opd: Caller = { ...desk, actor: { userId: desk.user.id, isAdmin: false, positions: opdPositions } };
    const match = ftsQuery(term);
    const where = `id IN (SELECT case_id FROM case_unit WHERE unit_id = ?)${match ? ' AND rowid IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?)' : ''}`;
    const params = match ? [opdUnitId, match] : [opdUnitId];
    const l = await listCases(ctx, opd, { search: term || undefined, limit: 50, offset: 0 });
    expect(l.rows.length).toBeGreaterThan(0);
    expect(l.rows.map((r) => r.id)).toEqual(ids(`SELECT id FROM cases WHERE ${where} ${ORDER} LIMIT 50`, ...params));
    expect(l.total).toBe(ids(`SELECT id FROM cases WHERE ${where}`, ...params).length);
  });
});

describe('inbox', () => {
  it('merges the posts of a user in one order, no task twice, tasks without a due time last', async () => {
    const sqlite = ctx.opened.sqlite;
    const deskPost = desk.actor.positions[0];
    if (!deskPost) throw new Error('admin staffs no post');
    // Some tasks without a due time (a paused clock) at every urgency, in both posts.
    sqlite.prepare("UPDATE case_task SET due_at = NULL WHERE state = 'open' AND rowid % 3 = 0").run();
    const positions = [deskPost, ...opdPositions];
    const caller: Caller = { ...desk, actor: { ...desk.actor, positions } };
    const rows = await inbox(ctx, caller);
    const expected = sqlite
      .prepare(
        `SELECT id FROM case_task WHERE state = 'open' AND (${positions.map(() => '(unit_id = ? AND role_id = ? AND (position_id IS NULL OR position_id = ?))').join(' OR ')})
         ORDER BY urgency_rank DESC, due_at IS NULL, due_at, id LIMIT ${INBOX_LIMIT}`,
      )
      .all(...positions.flatMap((p) => [p.unitId, p.roleId, p.positionId])) as Array<{ id: string }>;
    expect(expected.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.taskId)).toEqual(expected.map((r) => r.id));
    expect(new Set(rows.map((r) => r.taskId)).size).toBe(rows.length);
    // Within one urgency, the tasks without a due time come after every task with one.
    const rankOf = new Map(
      (sqlite.prepare("SELECT id, urgency_rank FROM case_task WHERE state = 'open'").all() as Array<{ id: string; urgency_rank: number }>).map(
        (r) => [r.id, r.urgency_rank],
      ),
    );
    expect(rows.some((r) => r.taskDueAt === null)).toBe(true);
    rows.slice(1).forEach((r, i) => {
      const prev = rows[i];
      if (prev && prev.taskDueAt === null && rankOf.get(prev.taskId) === rankOf.get(r.taskId)) expect(r.taskDueAt).toBeNull();
    });
    expect(rows.every((r) => positions.some((p) => p.positionId === r.asPositionId))).toBe(true);
  });
});
