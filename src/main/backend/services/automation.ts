/**
 * Acts of the system itself: closing an answered case when the complainant's reaction period
 * has run out, and escalating to the Ombudsman a case unfinished past the preset's limit.
 * Idempotent: two workstations doing it for the same case add events the engine ignores.
 */
import { automaticEvents } from '../../../shared/workflow/engine';
import type { StoredCase } from '../projection/case-projection';
import type { BackendContext } from './context';
import { commitEvents, makeEvent } from './commit';

/** Appends every automatic event due now; returns how many were added. */
/** Minutes before a due time at which the post's users are warned. */
const DUE_WARNING_MINUTES = 60;

/** Warns (once per task) about open tasks due within the next hour. */
export async function warnDueSoon(ctx: BackendContext): Promise<number> {
  const now = ctx.now();
  const rows = await ctx.db
    .selectFrom('case_task')
    .innerJoin('cases', 'cases.id', 'case_task.case_id')
    .select([
      'case_task.id',
      'case_task.step_id',
      'case_task.unit_id',
      'case_task.role_id',
      'case_task.position_id',
      'case_task.due_at',
      'cases.id as case_id',
      'cases.ref',
      'cases.title',
      'cases.preset_id',
      'cases.preset_version',
    ])
    .where('case_task.state', '=', 'open')
    .where('case_task.due_at', '>', now)
    .where('case_task.due_at', '<=', now + DUE_WARNING_MINUTES * 60_000)
    .execute();
  const proj = await ctx.projection();
  let n = 0;
  for (const r of rows) {
    if (ctx.warned.has(r.id)) continue;
    ctx.warned.add(r.id);
    const stepName = proj.preset(r.preset_id, r.preset_version).steps.find((s) => s.id === r.step_id)?.name ?? r.step_id;
    ctx.emit({
      type: 'task.due_soon',
      task: {
        caseId: r.case_id,
        ref: r.ref,
        title: r.title,
        stepName,
        unitId: r.unit_id,
        roleId: r.role_id,
        positionId: r.position_id,
        dueAt: r.due_at,
      },
    });
    n++;
  }
  return n;
}

export async function runAutomation(ctx: BackendContext): Promise<number> {
  const office = await ctx.office().catch(() => null);
  if (!office) return 0;
  const proj = await ctx.projection();
  const now = ctx.now();
  const preset0 = proj.preset(office.presetId, office.presetVersion);
  const days = preset0.rules.ombudsmanAfterDays;
  // Only candidates are read: answered cases (reaction period), and unfinished ones at least
  // N calendar days old (N working days are never fewer calendar days).
  const rows = await ctx.db
    .selectFrom('cases')
    .select('state')
    .where((eb) =>
      eb.or([
        eb('status', '=', 'answered'),
        ...(days ? [eb.and([eb('status', '!=', 'closed'), eb('escalated_at', 'is', null), eb('registered_at', '<', now - days * 86_400_000)])] : []),
      ]),
    )
    .execute();
  let added = 0;
  for (const r of rows) {
    const st = JSON.parse(r.state) as StoredCase;
    const preset = proj.preset(st.s.presetId, st.s.presetVersion);
    const bodies = automaticEvents(preset, st.s, now, proj.engine);
    if (bodies.length === 0) continue;
    const res = await commitEvents(ctx, async () =>
      bodies.map((b) => makeEvent(ctx, st.s.id, { userId: null, positionId: null, acting: null }, b, now)),
    );
    added += res.events.length;
  }
  return added;
}
