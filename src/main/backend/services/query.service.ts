/** Read side: case lists and search, the inbox, and the case page. */
import { sql, type Kysely } from 'kysely';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { CaseList, CaseRow, InboxCounts, InboxRow } from '../../../shared/api/views';
import type { CaseStatus, CaseType, Channel, Privacy, Urgency } from '../../../shared/domain/enums';
import { addWorkingTime } from '../../../shared/calendar/working-time';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import type { Database } from '../db/schema';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { visibilityOf, type Visibility } from './visibility';
import { exactCaseIds, identityCaseIds } from './search.service';
import { stemWord, wordsOf } from '../../../shared/search/stem-id';

type Db = Kysely<Database>;

/** Office minutes before a due time under which a task counts as "due soon". */
export const DUE_SOON_MINUTES = 240;
/** The inbox shows the most pressing tasks; a desk with more works them top-down. */
export const INBOX_LIMIT = 200;

/**
 * Turns what a user typed into an FTS5 query: each word a quoted prefix term (so operators and
 * quotes in the input are plain text, never query syntax, and a word matches as it is typed),
 * or its Indonesian stem as a prefix term too ("lubang" finds "berlubang": the index holds the
 * stems, see `ftsBody`).
 */
export function ftsQuery(text: string): string | null {
  const words = wordsOf(text).slice(0, 12);
  if (!words.length) return null;
  return words
    .map((w) => {
      const stem = stemWord(w);
      return stem !== w ? `("${w}"* OR "${stem}"*)` : `"${w}"*`;
    })
    // Explicit AND: FTS5 refuses an implicit one next to a parenthesised group.
    .join(' AND ');
}

interface CaseRowDb {
  id: string;
  ref: string;
  lapor_id: string | null;
  title: string;
  channel: string;
  type: string;
  category_id: string | null;
  status: string;
  urgency: string;
  privacy: string;
  received_at: number;
  next_due_at: number | null;
  paused: number;
  conflict_count: number;
  preset_id: string;
  preset_version: number;
}

const ROW_COLUMNS = [
  'cases.id',
  'cases.ref',
  'cases.lapor_id',
  'cases.title',
  'cases.channel',
  'cases.type',
  'cases.category_id',
  'cases.status',
  'cases.urgency',
  'cases.privacy',
  'cases.received_at',
  'cases.next_due_at',
  'cases.paused',
  'cases.conflict_count',
  'cases.preset_id',
  'cases.preset_version',
] as const;

export type StepNamer = (presetId: string, presetVersion: number, stepId: string) => string;

/** Open step names and OPD units of a page of cases, in two indexed queries (no state parsing). */
async function pageDetails(db: Db, ids: readonly string[]): Promise<{ steps: Map<string, string[]>; units: Map<string, string[]> }> {
  const steps = new Map<string, string[]>();
  const units = new Map<string, string[]>();
  if (ids.length === 0) return { steps, units };
  // `+state`: without it SQLite drives this by the inbox index (state first) and reads every
  // open task of the office instead of the few tasks of these cases.
  const tasks = await db.selectFrom('case_task').select(['case_id', 'step_id']).where('case_id', 'in', [...ids]).where(sql<string>`+case_task.state`, '=', 'open').execute();
  for (const t of tasks) steps.set(t.case_id, [...(steps.get(t.case_id) ?? []), t.step_id]);
  const cu = await db.selectFrom('case_unit').select(['case_id', 'unit_id']).where('case_id', 'in', [...ids]).execute();
  for (const u of cu) units.set(u.case_id, [...(units.get(u.case_id) ?? []), u.unit_id]);
  return { steps, units };
}

/** The projection wrote these columns from the closed enums; they are trusted on the way out. */
export function toCaseRow(r: CaseRowDb, now: number, name: StepNamer, steps: readonly string[], units: readonly string[]): CaseRow {
  return {
    id: r.id,
    ref: r.ref,
    laporId: r.lapor_id,
    title: r.title,
    channel: r.channel as Channel,
    type: r.type as CaseType,
    categoryId: r.category_id,
    status: r.status as CaseStatus,
    urgency: r.urgency as Urgency,
    privacy: r.privacy as Privacy,
    receivedAt: r.received_at,
    dueAt: r.next_due_at,
    overdue: r.next_due_at !== null && r.next_due_at < now,
    paused: r.paused === 1,
    currentSteps: [...new Set(steps.map((s) => name(r.preset_id, r.preset_version, s)))],
    opdUnitIds: [...units],
    conflictCount: r.conflict_count,
  };
}

async function toRows(ctx: BackendContext, rows: readonly CaseRowDb[], now: number): Promise<CaseRow[]> {
  const name = await stepNamer(ctx);
  const d = await pageDetails(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => toCaseRow(r, now, name, d.steps.get(r.id) ?? [], d.units.get(r.id) ?? []));
}

export async function stepNamer(ctx: BackendContext): Promise<StepNamer> {
  const proj = await ctx.projection();
  const cache = new Map<string, WorkflowPreset>();
  return (presetId, presetVersion, stepId) => {
    const key = `${presetId}@${presetVersion}`;
    let p = cache.get(key);
    if (!p) {
      p = proj.preset(presetId, presetVersion);
      cache.set(key, p);
    }
    return p.steps.find((s) => s.id === stepId)?.name ?? stepId;
  };
}

type CaseQuery = ReturnType<typeof baseQuery>;

function baseQuery(db: Db) {
  return db.selectFrom('cases');
}

/**
 * A list counts its matches up to the first multiple of this past the page it shows; beyond
 * that the total is a lower bound ("lebih dari 1000"). Counting every match of a broad search
 * cost more than the rest of the query (DESIGN.md section 10).
 */
export const TOTAL_STEP = 1000;

/**
 * A set filter (full-text matches, the cases of some units) of at most this many rows drives
 * the query: SQLite reads those rows and sorts them. A bigger one is only checked, by rowid,
 * while SQLite reads cases newest first from an index, so a page reads about a page of rows
 * instead of every match. Same rows and order either way; only the plan differs.
 */
const DRIVING_SET_MAX = 1000;

/** The unary plus keeps SQLite from using the column's index to drive the query. */
function setColumn(column: 'cases.id' | 'cases.rowid', drive: boolean) {
  return drive ? sql.ref(column) : sql`+${sql.ref(column)}`;
}

/** A filter that is a set of cases, with its size: the query plan depends on it. */
interface SetFilter {
  size: number;
  apply(q: CaseQuery, drive: boolean): CaseQuery;
}

function inUnits(db: Db, unitIds: readonly string[], size: number): SetFilter {
  const units = db.selectFrom('case_unit').select('case_id').where('unit_id', 'in', [...unitIds]);
  return { size, apply: (q, drive) => q.where(setColumn('cases.id', drive), 'in', units) };
}

function matching(match: string, size: number): SetFilter {
  return { size, apply: (q, drive) => q.where(sql<boolean>`${setColumn('cases.rowid', drive)} IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ${match})`) };
}

function byIds(ids: readonly string[]): SetFilter {
  return { size: ids.length, apply: (q, drive) => q.where(setColumn('cases.id', drive), 'in', [...ids]) };
}

/** Full-text matches or cases whose complainant matched (the identity search, already filtered for the caller). */
function matchingOrIds(match: string, size: number, ids: readonly string[]): SetFilter {
  return {
    size: size + ids.length,
    apply: (q, drive) =>
      q.where(sql<boolean>`(${setColumn('cases.rowid', drive)} IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ${match}) OR ${setColumn('cases.id', drive)} IN (${sql.join([...ids])}))`),
  };
}

/**
 * What a search finds, as a set filter, or null when nothing can match: a tracking number or
 * LAPOR! id typed exactly finds that case alone; otherwise the full text (stemmed, prefix as
 * typed) and, for users who may read identities, the complainant's name, NIK or phone.
 */
async function searchFilter(ctx: BackendContext, caller: Caller, v: Visibility, search: string): Promise<SetFilter | null> {
  const exact = await exactCaseIds(ctx.db, search);
  if (exact.length) return byIds(exact);
  const match = ftsQuery(search);
  const people = await identityCaseIds(ctx, caller, v, search);
  if (!match) return people.length ? byIds(people) : null;
  const n = await ftsCount(ctx.db, match);
  if (people.length) return matchingOrIds(match, n, people);
  return n === 0 ? null : matching(match, n);
}

async function unitCaseCount(db: Db, unitIds: readonly string[]): Promise<number> {
  const r = await db.selectFrom('case_unit').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', 'in', [...unitIds]).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function ftsCount(db: Db, match: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM case_fts WHERE case_fts MATCH ${match}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Counts the rows of `q` up to `cap + 1`: enough to tell "exactly n" from "more than cap". */
async function cappedCount(db: Db, q: CaseQuery, cap: number): Promise<Pick<CaseList, 'total' | 'totalIsLowerBound'>> {
  const r = await db
    .selectFrom(q.select(sql<number>`1`.as('one')).limit(cap + 1).as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  return n > cap ? { total: cap, totalIsLowerBound: true } : { total: n };
}

export async function listCases(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'case.list'>): Promise<CaseList> {
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  const now = ctx.now();
  const none: CaseList = { rows: [], total: 0 };
  if (!v.all && v.unitIds.length === 0) return none;
  const sets: SetFilter[] = [];
  if (!v.all) sets.push(inUnits(ctx.db, v.unitIds, await unitCaseCount(ctx.db, v.unitIds)));
  if (input.unitId) sets.push(inUnits(ctx.db, [input.unitId], await unitCaseCount(ctx.db, [input.unitId])));
  if (input.search) {
    const found = await searchFilter(ctx, caller, v, input.search);
    if (!found) return none;
    sets.push(found);
  }
  let q = baseQuery(ctx.db);
  if (input.status) q = q.where('cases.status', '=', input.status);
  if (input.channel) q = q.where('cases.channel', '=', input.channel);
  if (input.type) q = q.where('cases.type', '=', input.type);
  if (input.categoryId) q = q.where('cases.category_id', '=', input.categoryId);
  if (input.overdue) q = q.where('cases.next_due_at', '<', now);
  if (input.conflicts) q = q.where('cases.conflict_count', '>', 0);
  if (input.receivedFrom !== undefined) q = q.where('cases.received_at', '>=', input.receivedFrom);
  if (input.receivedTo !== undefined) q = q.where('cases.received_at', '<=', input.receivedTo);
  // The count has no order to keep: the smallest set drives it. The page drives by a set only
  // when it is small, else it reads newest first and checks the sets.
  const smallest = sets.reduce<SetFilter | null>((a, b) => (a && a.size <= b.size ? a : b), null);
  const counted = sets.reduce((acc, f) => f.apply(acc, f === smallest), q);
  const paged = sets.reduce((acc, f) => f.apply(acc, f.size <= DRIVING_SET_MAX), q);
  const cap = TOTAL_STEP * Math.ceil((input.offset + input.limit + 1) / TOTAL_STEP);
  const count = await cappedCount(ctx.db, counted, cap);
  const rows = await paged.select([...ROW_COLUMNS]).orderBy('cases.received_at', 'desc').orderBy('cases.id').limit(input.limit).offset(input.offset).execute();
  return { rows: await toRows(ctx, rows, now), ...count };
}

interface InboxSortKey {
  task_rank: number;
  task_due: number | null;
  task_id: string;
}

/** The SQL order of the inbox: most urgent first, then by due time (none last), then task id. */
function inboxOrder(a: InboxSortKey, b: InboxSortKey): number {
  if (a.task_rank !== b.task_rank) return b.task_rank - a.task_rank;
  if (a.task_due !== b.task_due) {
    if (a.task_due === null) return 1;
    if (b.task_due === null) return -1;
    return a.task_due - b.task_due;
  }
  return a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : 0;
}

/** The open tasks the caller's posts must act on, most urgent first, then by due time. */
export async function inbox(ctx: BackendContext, caller: Caller): Promise<InboxRow[]> {
  const positions = caller.actor.positions;
  if (positions.length === 0) return [];
  const now = ctx.now();
  const proj = await ctx.projection();
  // One query per (unit, role), each cut at the limit, then merged: an OR over the posts made
  // SQLite read and sort every open task of the office. The groups are disjoint, so no task
  // comes twice. Only the tasks that made the cut are joined to their cases.
  const groups = new Map<string, { unitId: string; roleId: string; positionIds: string[] }>();
  for (const p of positions) {
    const key = JSON.stringify([p.unitId, p.roleId]);
    const g = groups.get(key) ?? { unitId: p.unitId, roleId: p.roleId, positionIds: [] };
    g.positionIds.push(p.positionId);
    groups.set(key, g);
  }
  const perPost = await Promise.all(
    [...groups.values()].map((g) =>
      ctx.db
        .selectFrom('case_task')
        .select(['id as task_id', 'case_id', 'step_id', 'due_at as task_due', 'opened_at', 'position_id', 'unit_id as task_unit', 'role_id', 'returned', 'urgency_rank as task_rank'])
        .where('state', '=', 'open')
        .where('unit_id', '=', g.unitId)
        .where('role_id', '=', g.roleId)
        .where((eb) => eb.or([eb('position_id', 'is', null), eb('position_id', 'in', g.positionIds)]))
        .orderBy('urgency_rank', 'desc')
        .orderBy(sql`due_at IS NULL`)
        .orderBy('due_at')
        .orderBy('id')
        .limit(INBOX_LIMIT)
        .execute(),
    ),
  );
  const tasks = perPost.flat().sort(inboxOrder).slice(0, INBOX_LIMIT);
  const caseIds = [...new Set(tasks.map((t) => t.case_id))];
  const cases = new Map((caseIds.length ? await ctx.db.selectFrom('cases').select([...ROW_COLUMNS]).where('cases.id', 'in', caseIds).execute() : []).map((c) => [c.id, c]));
  const picked = tasks.flatMap((t) => {
    const c = cases.get(t.case_id);
    return c ? [{ c, t }] : [];
  });
  const name = await stepNamer(ctx);
  const base = await toRows(ctx, picked.map((p) => p.c), now);
  // One working-time computation for the whole inbox, not one per row.
  const soonLimit = addWorkingTime(proj.engine.calendar, now, { minutes: DUE_SOON_MINUTES });
  // Object.assign, not a spread: V8 copies a spread of a row this wide property by property
  // on a slow path, a few milliseconds for a full inbox.
  return picked.map(({ c, t }, i) => {
    const as = positions.find((p) => p.unitId === t.task_unit && p.roleId === t.role_id && (t.position_id === null || t.position_id === p.positionId));
    return Object.assign(base[i] as CaseRow, {
      taskId: t.task_id,
      stepId: t.step_id,
      stepName: name(c.preset_id, c.preset_version, t.step_id),
      taskDueAt: t.task_due,
      taskOpenedAt: t.opened_at,
      asPositionId: as?.positionId ?? '',
      returned: t.returned === 1,
      dueSoon: t.task_due !== null && t.task_due >= now && t.task_due <= soonLimit,
    }) satisfies InboxRow;
  });
}

export async function inboxCounts(ctx: BackendContext, caller: Caller): Promise<InboxCounts> {
  const rows = await inbox(ctx, caller);
  const now = ctx.now();
  return {
    open: rows.length,
    overdue: rows.filter((r) => r.taskDueAt !== null && r.taskDueAt < now).length,
    dueSoon: rows.filter((r) => r.dueSoon).length,
  };
}
