/** The inbox: the open tasks the caller's posts must act on, and its counts. */
import { sql } from 'kysely';
import type { InboxCounts, InboxRow, CaseRow } from '../../../shared/api/views';
import { addWorkingTime } from '../../../shared/calendar/working-time';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { ROW_COLUMNS, stepNamer, toRows } from './case-row';

/** Office minutes before a due time under which a task counts as "due soon". */
export const DUE_SOON_MINUTES = 240;
/** The inbox shows the most pressing tasks; a desk with more works them top-down. */
export const INBOX_LIMIT = 200;

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
        .select([
          'id as task_id',
          'case_id',
          'step_id',
          'due_at as task_due',
          'opened_at',
          'position_id',
          'unit_id as task_unit',
          'role_id',
          'returned',
          'urgency_rank as task_rank',
        ])
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
  const cases = new Map(
    (caseIds.length
      ? await ctx.db
          .selectFrom('cases')
          .select([...ROW_COLUMNS])
          .where('cases.id', 'in', caseIds)
          .execute()
      : []
    ).map((c) => [c.id, c]),
  );
  const picked = tasks.flatMap((t) => {
    const c = cases.get(t.case_id);
    return c ? [{ c, t }] : [];
  });
  const name = await stepNamer(ctx);
  const base = await toRows(
    ctx,
    picked.map((p) => p.c),
    now,
  );
  // One working-time computation for the whole inbox, not one per row.
  const soonLimit = addWorkingTime(proj.engine.calendar, now, { minutes: DUE_SOON_MINUTES });
  // Object.assign, not a spread: V8 copies a spread of a row this wide property by property
  // on a slow path, a few milliseconds for a full inbox.
  return picked.map(({ c, t }, i) => {
    const as = positions.find(
      (p) => p.unitId === t.task_unit && p.roleId === t.role_id && (t.position_id === null || t.position_id === p.positionId),
    );
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
