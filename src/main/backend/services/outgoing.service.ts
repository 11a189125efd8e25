/**
 * "Disposisi keluar" (issue 15): the forwards and dispositions the caller made in a period and
 * where each case is now (its open tasks' steps and units, overdue or not). Read through the
 * partial index of migration 0006, so a head's month reads their acts, not the office's log.
 */
import { sql, type Kysely } from 'kysely';
import type { ParsedInputOf } from '../../../shared/api/contract';
import { OUTGOING_LIMIT, type OutgoingList, type OutgoingPlace } from '../../../shared/api/methods/signbook';
import type { ActingKind } from '../../../shared/domain/enums';
import { ActPayload } from '../../../shared/domain/events';
import type { Database } from '../db/schema';
import { listRefs } from '../refdata/ref-store';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { stepNamer } from './case-row';

/** One author's forwards and dispositions in [from, to], newest first. */
export function outgoingQuery(db: Kysely<Database>, userId: string, from: number, to: number) {
  return (
    db
      .selectFrom('event')
      .select(['id', 'case_id', 'at', 'position_id', 'acting', 'payload'])
      .where('author_id', '=', userId)
      // Literal types, not bound parameters, so SQLite may use the partial index.
      .where(sql<boolean>`type IN ('case.forwarded', 'case.disposed')`)
      .where('at', '>=', from)
      .where('at', '<=', to)
      .orderBy('at', 'desc')
      .orderBy('id')
  );
}

export async function outgoing(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'signbook.outgoing'>): Promise<OutgoingList> {
  const now = ctx.now();
  const proj = await ctx.projection();
  const acts = await outgoingQuery(ctx.db, caller.user.id, input.from, input.to)
    .limit(OUTGOING_LIMIT + 1)
    .execute();
  const truncated = acts.length > OUTGOING_LIMIT;
  const shown = acts.slice(0, OUTGOING_LIMIT);
  if (shown.length === 0) return { rows: [], truncated };
  const ids = [...new Set(shown.map((a) => a.case_id))];
  const cases = new Map(
    (await ctx.db.selectFrom('cases').select(['id', 'ref', 'title', 'status', 'preset_id', 'preset_version']).where('id', 'in', ids).execute()).map(
      (c) => [c.id, c],
    ),
  );
  // `+state`: drive by the case, not the inbox index (see query.service pageDetails).
  const tasks = await ctx.db
    .selectFrom('case_task')
    .select(['case_id', 'step_id', 'unit_id', 'due_at'])
    .where('case_id', 'in', ids)
    .where(sql<string>`+case_task.state`, '=', 'open')
    .execute();
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u.name]));
  const posts = new Map((await listRefs(ctx.db, 'position')).map((p) => [p.id, p.title]));
  const name = await stepNamer(ctx);
  const places = new Map<string, OutgoingPlace[]>();
  for (const t of tasks) {
    const c = cases.get(t.case_id);
    if (!c) continue;
    const list = places.get(t.case_id) ?? [];
    list.push({
      stepName: name(c.preset_id, c.preset_version, t.step_id),
      unitName: units.get(t.unit_id) ?? t.unit_id,
      dueAt: t.due_at,
      overdue: t.due_at !== null && t.due_at < now,
    });
    places.set(t.case_id, list);
  }
  const rows = shown.flatMap((a) => {
    const c = cases.get(a.case_id);
    // Payloads were checked when written or pulled; one that no longer parses is left out, not fatal to the list.
    const parsed = ActPayload.safeParse(JSON.parse(a.payload));
    if (!c || !parsed.success) return [];
    const p = parsed.data;
    const step = proj.preset(c.preset_id, c.preset_version).steps.find((s) => s.id === p.stepId);
    const here = places.get(a.case_id) ?? [];
    return [
      {
        eventId: a.id,
        caseId: c.id,
        ref: c.ref,
        title: c.title,
        at: a.at,
        actionLabel: step?.actions.find((x) => x.id === p.actionId)?.label ?? p.actionId,
        stepName: step?.name ?? p.stepId,
        asTitle: a.position_id ? (posts.get(a.position_id) ?? null) : null,
        // Stored from the closed ActingKind enum by the act that wrote it.
        acting: a.acting as ActingKind | null,
        targets: p.targets.map((t) => (t.positionId ? (posts.get(t.positionId) ?? t.positionId) : (units.get(t.unitId) ?? t.unitId))),
        status: c.status,
        now: here,
        overdue: here.some((x) => x.overdue),
      },
    ];
  });
  return { rows, truncated };
}
