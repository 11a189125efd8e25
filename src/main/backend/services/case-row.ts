/**
 * A `cases` row as lists show it (case list, search, inbox): the columns read, the open step
 * names and OPD units of a page in two indexed queries, and the mapping to the view's CaseRow.
 */
import { sql, type Kysely } from 'kysely';
import type { CaseRow } from '../../../shared/api/views';
import type { CaseStatus, CaseType, Channel, Privacy, Urgency } from '../../../shared/domain/enums';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import type { Database } from '../db/schema';
import type { BackendContext } from './context';

type Db = Kysely<Database>;

interface CaseRowDb {
  id: string;
  ref: string;
  lapor_id: string | null;
  title: string;
  channel: Channel;
  type: CaseType;
  category_id: string | null;
  status: CaseStatus;
  urgency: Urgency;
  privacy: Privacy;
  received_at: number;
  next_due_at: number | null;
  paused: number;
  conflict_count: number;
  preset_id: string;
  preset_version: number;
}

export const ROW_COLUMNS = [
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

type StepNamer = (presetId: string, presetVersion: number, stepId: string) => string;

/** Open step names and OPD units of a page of cases, in two indexed queries (no state parsing). */
async function pageDetails(db: Db, ids: readonly string[]): Promise<{ steps: Map<string, string[]>; units: Map<string, string[]> }> {
  const steps = new Map<string, string[]>();
  const units = new Map<string, string[]>();
  if (ids.length === 0) return { steps, units };
  // `+state`: without it SQLite drives this by the inbox index (state first) and reads every
  // open task of the office instead of the few tasks of these cases.
  const tasks = await db
    .selectFrom('case_task')
    .select(['case_id', 'step_id'])
    .where('case_id', 'in', [...ids])
    .where(sql<string>`+case_task.state`, '=', 'open')
    .execute();
  for (const t of tasks) steps.set(t.case_id, [...(steps.get(t.case_id) ?? []), t.step_id]);
  const cu = await db
    .selectFrom('case_unit')
    .select(['case_id', 'unit_id'])
    .where('case_id', 'in', [...ids])
    .execute();
  for (const u of cu) units.set(u.case_id, [...(units.get(u.case_id) ?? []), u.unit_id]);
  return { steps, units };
}

/** A row read with ROW_COLUMNS as the lists show it (the enum columns are typed in db/schema.ts). */
function toCaseRow(r: CaseRowDb, now: number, name: StepNamer, steps: readonly string[], units: readonly string[]): CaseRow {
  return {
    id: r.id,
    ref: r.ref,
    laporId: r.lapor_id,
    title: r.title,
    channel: r.channel,
    type: r.type,
    categoryId: r.category_id,
    status: r.status,
    urgency: r.urgency,
    privacy: r.privacy,
    receivedAt: r.received_at,
    dueAt: r.next_due_at,
    overdue: r.next_due_at !== null && r.next_due_at < now,
    paused: r.paused === 1,
    currentSteps: [...new Set(steps.map((s) => name(r.preset_id, r.preset_version, s)))],
    opdUnitIds: [...units],
    conflictCount: r.conflict_count,
  };
}

export async function toRows(ctx: BackendContext, rows: readonly CaseRowDb[], now: number): Promise<CaseRow[]> {
  const name = await stepNamer(ctx);
  const d = await pageDetails(
    ctx.db,
    rows.map((r) => r.id),
  );
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
