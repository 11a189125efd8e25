/**
 * What the reports read from the projections: light case facts (never the identity table,
 * never the description) and task facts, restricted to what the caller may see. Pauses and the
 * extension flag live only in `cases.state`, a few kilobytes of JSON per case; it is read only
 * for the cases the log says were ever paused or extended, so a year of 100k cases stays cheap.
 */
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { CaseStatus, CaseType, Channel, Urgency } from '../../../shared/domain/enums';
import type { Pause } from '../../../shared/calendar/working-time';
import type { Database } from '../db/schema';
import type { BackendContext } from '../services/context';
import type { Visibility } from '../services/visibility';

export interface CaseFact {
  id: string;
  ref: string;
  laporId: string | null;
  title: string;
  channel: Channel;
  type: CaseType;
  categoryId: string | null;
  subcategoryId: string | null;
  location: string | null;
  urgency: Urgency;
  strategic: boolean;
  status: CaseStatus;
  receivedAt: number;
  registeredAt: number;
  answeredAt: number | null;
  closedAt: number | null;
  /** Issue 15 (migration 0009): why it closed, how often it was reopened, when the answer reached the complainant. */
  closeReason: string | null;
  reopens: number;
  deliveredAt: number | null;
  /** Earliest due time of a step open now (null when none, or paused). */
  nextDueAt: number | null;
  pausedNow: boolean;
  presetId: string;
  presetVersion: number;
  extended: boolean;
  pauses: Pause[];
  opdUnitIds: string[];
}

export interface TaskFact {
  caseId: string;
  stepId: string;
  unitId: string;
  state: string;
  openedAt: number;
  dueAt: number | null;
  closedAt: number | null;
  returned: boolean;
}

type CaseWhere = (eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>;

/** Cases received in `[from, to)`. */
export function receivedIn(from: number, to: number): CaseWhere {
  return (eb) => eb.and([eb('cases.received_at', '>=', from), eb('cases.received_at', '<', to)]);
}

function visibleWhere(v: Visibility): CaseWhere | null {
  if (v.all) return null;
  const units = v.unitIds;
  if (units.length === 0) return () => sql<SqlBool>`0`;
  return (eb) => eb('cases.id', 'in', eb.selectFrom('case_unit').select('case_unit.case_id').where('case_unit.unit_id', 'in', units));
}

function parsePauses(json: string | null): Pause[] {
  if (!json) return [];
  const v: unknown = JSON.parse(json);
  if (!Array.isArray(v)) return [];
  const out: Pause[] = [];
  for (const p of v) {
    if (typeof p === 'object' && p !== null && typeof p.from === 'number') out.push({ from: p.from, to: typeof p.to === 'number' ? p.to : null });
  }
  return out;
}

/**
 * Event types after which a case's pauses or extension may differ from "none". The engine
 * also extends a case disposed to several OPDs: those are found through `case_unit`.
 */
const TIMING_EVENTS = ['case.paused', 'case.extended'];
const CHUNK = 500;

/**
 * The cases with a pause or extension event in the log: only those (and cases with several
 * OPDs) can have pauses or the extension flag, so only their `state` JSON is worth parsing.
 * The log's `type` column is read without payloads, in table order and deduplicated here:
 * SQLite's DISTINCT would walk the whole log through the (case, hlc) index instead.
 */
function timedCaseIds(ctx: BackendContext): Set<string> {
  const rows = ctx.opened.sqlite
    .prepare(`SELECT case_id FROM event WHERE type IN (${TIMING_EVENTS.map(() => '?').join(', ')})`)
    .pluck()
    .all(...TIMING_EVENTS) as string[];
  return new Set(rows);
}

/**
 * Pauses and the extension flag of the given cases, read from their `state` (the truth: the
 * engine may have refused a pause or extension event as a conflict).
 */
async function timingOf(ctx: BackendContext, wanted: readonly string[]): Promise<Map<string, { pauses: Pause[]; extended: boolean }>> {
  const out = new Map<string, { pauses: Pause[]; extended: boolean }>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const rows = await ctx.db
      .selectFrom('cases')
      .select([
        'id',
        sql<string | null>`json_extract(state, '$.s.pauses')`.as('pauses'),
        sql<number | null>`json_extract(state, '$.s.extended')`.as('extended'),
      ])
      .where('id', 'in', wanted.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.id, { pauses: parsePauses(r.pauses), extended: Number(r.extended) === 1 });
  }
  return out;
}

/**
 * The light columns of a case and its OPDs (every OPD it went to, ordered by unit id, as a
 * JSON array: one index lookup per case instead of a second pass over the big case rows).
 */
function caseRows(ctx: BackendContext, match: CaseWhere) {
  return ctx.db
    .selectFrom('cases')
    .select([
      'id',
      'ref',
      'lapor_id',
      'title',
      'channel',
      'type',
      'category_id',
      'subcategory_id',
      'location',
      'urgency',
      'strategic',
      'status',
      'received_at',
      'registered_at',
      'answered_at',
      'closed_at',
      'close_reason',
      'reopen_count',
      'delivered_at',
      'next_due_at',
      'paused',
      'preset_id',
      'preset_version',
      sql<string>`(SELECT json_group_array(unit_id) FROM (SELECT unit_id FROM case_unit WHERE case_unit.case_id = cases.id ORDER BY unit_id))`.as(
        'units',
      ),
    ])
    .where(match);
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseRows>['execute']>>[number];

/** Case facts of rows read by `caseRows`, with the pauses of those the log names. */
async function factsOf(ctx: BackendContext, rows: readonly CaseRow[], timed: ReadonlySet<string>): Promise<CaseFact[]> {
  const units = rows.map((r) => JSON.parse(r.units) as string[]);
  const wanted = rows.filter((r, i) => timed.has(r.id) || (units[i]?.length ?? 0) > 1).map((r) => r.id);
  const timing = wanted.length > 0 ? await timingOf(ctx, wanted) : null;
  return rows.map((r, i) => ({
    id: r.id,
    ref: r.ref,
    laporId: r.lapor_id,
    title: r.title,
    channel: r.channel,
    type: r.type,
    categoryId: r.category_id,
    subcategoryId: r.subcategory_id,
    location: r.location,
    urgency: r.urgency,
    strategic: r.strategic === 1,
    status: r.status,
    receivedAt: r.received_at,
    registeredAt: r.registered_at,
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    reopens: r.reopen_count,
    deliveredAt: r.delivered_at,
    nextDueAt: r.next_due_at,
    pausedNow: r.paused === 1,
    presetId: r.preset_id,
    presetVersion: r.preset_version,
    extended: timing?.get(r.id)?.extended ?? false,
    pauses: timing?.get(r.id)?.pauses ?? [],
    opdUnitIds: units[i] ?? [],
  }));
}

function withVisibility(v: Visibility, where: CaseWhere): CaseWhere {
  const vis = visibleWhere(v);
  return (eb) => (vis ? eb.and([where(eb), vis(eb)]) : where(eb));
}

/** The visible cases matching `where`, oldest received first, with their OPDs. */
export async function loadCases(ctx: BackendContext, v: Visibility, where: CaseWhere): Promise<CaseFact[]> {
  const rows = await caseRows(ctx, withVisibility(v, where)).orderBy('received_at').orderBy('id').execute();
  return rows.length > 0 ? factsOf(ctx, rows, timedCaseIds(ctx)) : [];
}

/** Cases read per page by `forEachCaseReceived`. */
const PAGE = 2000;

/**
 * The visible cases received in `[from, to)`, oldest first, handed to `fn` a page at a time:
 * a year of 100k cases is never held at once. Each page is one complete select (no cursor
 * stays open while `fn` awaits, so other requests can use the connection meanwhile), keyed
 * on (received_at, id): every case is read exactly once even if others are written between
 * pages.
 */
export async function forEachCaseReceived(
  ctx: BackendContext,
  v: Visibility,
  from: number,
  to: number,
  fn: (page: CaseFact[]) => void | Promise<void>,
  pageSize = PAGE,
): Promise<void> {
  const timed = timedCaseIds(ctx);
  let after: { at: number; id: string } | null = null;
  for (;;) {
    const last = after;
    // The lower bound is one range on the received_at index, so a page never rescans the year.
    const range: CaseWhere = last
      ? (eb) =>
          eb.and([
            eb('cases.received_at', '>=', last.at),
            eb('cases.received_at', '<', to),
            eb.or([eb('cases.received_at', '>', last.at), eb('cases.id', '>', last.id)]),
          ])
      : receivedIn(from, to);
    const rows = await caseRows(ctx, withVisibility(v, range)).orderBy('received_at').orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    await fn(await factsOf(ctx, rows, timed));
    const end = rows[rows.length - 1];
    if (!end || rows.length < pageSize) return;
    after = { at: end.received_at, id: end.id };
  }
}

/**
 * Streams the tasks of the visible cases matching `where` (a semester has hundreds of
 * thousands: they are folded into sums as they come, never held).
 */
export async function forEachTask(ctx: BackendContext, v: Visibility, where: CaseWhere, fn: (t: TaskFact) => void): Promise<void> {
  const q = ctx.db
    .selectFrom('case_task')
    .innerJoin('cases', 'cases.id', 'case_task.case_id')
    .select([
      'case_task.case_id',
      'case_task.step_id',
      'case_task.unit_id',
      'case_task.state',
      'case_task.opened_at',
      'case_task.due_at',
      'case_task.closed_at',
      'case_task.returned',
    ])
    .where(withVisibility(v, where));
  for await (const r of q.stream(1000)) {
    fn({
      caseId: r.case_id,
      stepId: r.step_id,
      unitId: r.unit_id,
      state: r.state,
      openedAt: r.opened_at,
      dueAt: r.due_at,
      closedAt: r.closed_at,
      returned: r.returned === 1,
    });
  }
}

/** Cases that had a step open at `at` (opened by then, not closed by then). */
export function openStepAt(at: number): CaseWhere {
  return (eb) =>
    eb(
      'cases.id',
      'in',
      eb
        .selectFrom('case_task')
        .select('case_task.case_id')
        .where('case_task.state', '!=', 'waiting')
        .where('case_task.opened_at', '<=', at)
        .where((w) => w.or([w('case_task.closed_at', 'is', null), w('case_task.closed_at', '>', at)])),
    );
}
