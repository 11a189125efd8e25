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

type Db = Kysely<Database>;

/** Office minutes before a due time under which a task counts as "due soon". */
export const DUE_SOON_MINUTES = 240;
/** The inbox shows the most pressing tasks; a desk with more works them top-down. */
export const INBOX_LIMIT = 200;

/**
 * Turns what a user typed into an FTS5 query: each word a quoted prefix term, so operators
 * and quotes in the input are plain text, never query syntax.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
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
  const tasks = await db.selectFrom('case_task').select(['case_id', 'step_id']).where('case_id', 'in', [...ids]).where('state', '=', 'open').execute();
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

function visible(q: ReturnType<typeof baseQuery>, v: Visibility) {
  if (v.all) return q;
  if (v.unitIds.length === 0) return q.where(sql<boolean>`0`);
  return q.where('cases.id', 'in', (eb) => eb.selectFrom('case_unit').select('case_id').where('unit_id', 'in', v.unitIds));
}

function baseQuery(db: Db) {
  return db.selectFrom('cases');
}

export async function listCases(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'case.list'>): Promise<CaseList> {
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  const now = ctx.now();
  let q = visible(baseQuery(ctx.db), v);
  if (input.status) q = q.where('cases.status', '=', input.status);
  if (input.channel) q = q.where('cases.channel', '=', input.channel);
  if (input.type) q = q.where('cases.type', '=', input.type);
  if (input.categoryId) q = q.where('cases.category_id', '=', input.categoryId);
  if (input.unitId) {
    const unitId = input.unitId;
    q = q.where('cases.id', 'in', (eb) => eb.selectFrom('case_unit').select('case_id').where('unit_id', '=', unitId));
  }
  if (input.overdue) q = q.where('cases.next_due_at', '<', now);
  if (input.conflicts) q = q.where('cases.conflict_count', '>', 0);
  if (input.receivedFrom !== undefined) q = q.where('cases.received_at', '>=', input.receivedFrom);
  if (input.receivedTo !== undefined) q = q.where('cases.received_at', '<=', input.receivedTo);
  const match = input.search ? ftsQuery(input.search) : null;
  if (input.search && !match) return { rows: [], total: 0 };
  if (match) q = q.where(sql<boolean>`cases.rowid IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ${match})`);
  const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select([...ROW_COLUMNS]).orderBy('cases.received_at', 'desc').orderBy('cases.id').limit(input.limit).offset(input.offset).execute();
  return { rows: await toRows(ctx, rows, now), total: Number(totalRow.n) };
}

/** The open tasks the caller's posts must act on, most urgent first, then by due time. */
export async function inbox(ctx: BackendContext, caller: Caller): Promise<InboxRow[]> {
  const positions = caller.actor.positions;
  if (positions.length === 0) return [];
  const now = ctx.now();
  const proj = await ctx.projection();
  const rows = await ctx.db
    .selectFrom('case_task')
    .innerJoin('cases', 'cases.id', 'case_task.case_id')
    .select([...ROW_COLUMNS, 'case_task.id as task_id', 'case_task.step_id', 'case_task.due_at as task_due', 'case_task.opened_at', 'case_task.position_id', 'case_task.unit_id as task_unit', 'case_task.role_id', 'case_task.returned'])
    .where('case_task.state', '=', 'open')
    .where((eb) =>
      eb.or(
        positions.map((p) =>
          eb.and([
            eb('case_task.unit_id', '=', p.unitId),
            eb('case_task.role_id', '=', p.roleId),
            eb.or([eb('case_task.position_id', 'is', null), eb('case_task.position_id', '=', p.positionId)]),
          ]),
        ),
      ),
    )
    .orderBy('case_task.urgency_rank', 'desc')
    .orderBy(sql`case_task.due_at IS NULL`)
    .orderBy('case_task.due_at')
    .limit(INBOX_LIMIT)
    .execute();
  const name = await stepNamer(ctx);
  const base = await toRows(ctx, rows, now);
  // One working-time computation for the whole inbox, not one per row.
  const soonLimit = addWorkingTime(proj.engine.calendar, now, { minutes: DUE_SOON_MINUTES });
  return rows.map((r, i) => {
    const as = positions.find((p) => p.unitId === r.task_unit && p.roleId === r.role_id && (r.position_id === null || r.position_id === p.positionId));
    return {
      ...(base[i] as CaseRow),
      taskId: r.task_id,
      stepId: r.step_id,
      stepName: name(r.preset_id, r.preset_version, r.step_id),
      taskDueAt: r.task_due,
      taskOpenedAt: r.opened_at,
      asPositionId: as?.positionId ?? '',
      returned: r.returned === 1,
      dueSoon: r.task_due !== null && r.task_due >= now && r.task_due <= soonLimit,
    };
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
