/**
 * The one write path for case events: validate, append to the log, update the projections
 * and persist the clock, all in ONE transaction. UI events go out only after the commit.
 */
import type { Kysely } from 'kysely';
import { CaseEvent, type EventBody } from '../../../shared/domain/events';
import type { ActingKind } from '../../../shared/domain/enums';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';
import { appendEvents } from '../projection/event-store';
import { sealWithSessions } from '../keys/seal';
import { markCommitted } from '../integrity/high-water';
import { projectEvents } from '../projection/projector';
import type { StoredCase } from '../projection/case-projection';
import type { Task } from '../../../shared/workflow/state';
import type { TaskNotice } from '../../../shared/api/contract';
import type { BackendContext } from './context';

interface Author {
  userId: string | null;
  positionId: string | null;
  acting: ActingKind | null;
}

/** Builds a complete event for this workstation, stamped with a fresh HLC. */
export function makeEvent(ctx: BackendContext, caseId: string, author: Author, body: EventBody, at?: number): CaseEvent {
  const candidate = {
    id: ctx.uuid(),
    caseId,
    hlc: ctx.clock.tick(),
    at: at ?? ctx.now(),
    authorId: author.userId,
    positionId: author.positionId,
    acting: author.acting,
    deviceId: ctx.deviceId,
    signature: null,
    ...body,
  };
  const parsed = CaseEvent.safeParse(candidate);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `Data tidak valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export async function persistClock(db: Kysely<Database>, ctx: BackendContext): Promise<void> {
  const value = ctx.clock.current();
  await db
    .insertInto('local_meta')
    .values({ key: 'hlc', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * Runs `build` inside one transaction: it reads current state and returns the events to
 * append (or throws an AppError, which rolls everything back). Returns the updated cases.
 */
export async function commitEvents(
  ctx: BackendContext,
  build: (trx: Kysely<Database>) => Promise<CaseEvent[]>,
): Promise<{ events: CaseEvent[]; cases: StoredCase[] }> {
  const proj = await ctx.projection();
  const result = await ctx.db.transaction().execute(async (trx) => {
    // Each event is sealed by its writer's session key (keys/seal.ts) after it is complete.
    const events = sealWithSessions(ctx.sessions.values(), await build(trx));
    const added = await appendEvents(trx, events, true);
    const cases = await projectEvents(trx, proj, ctx.writer, added);
    await persistClock(trx, ctx);
    return { events: added, cases };
  });
  // Committed and synced to disk: now the mark outside the WAL that open checks (integrity/high-water.ts).
  const last = result.events[result.events.length - 1];
  if (last) markCommitted(ctx.options.dataDir, last.id, ctx.now());
  if (result.cases.length) ctx.emit({ type: 'cases.changed', caseIds: result.cases.map((c) => c.s.id) });
  // Tell every UI which tasks these events opened; each UI shows the ones that are its user's.
  const opened = new Set(result.events.map((e) => e.id));
  for (const c of result.cases) {
    const preset = proj.preset(c.s.presetId, c.s.presetVersion);
    for (const t of c.s.tasks) {
      if (t.state !== 'open' || !opened.has(t.openedByEvent)) continue;
      ctx.emit({ type: 'task.opened', task: taskNotice(c, t, preset.steps.find((x) => x.id === t.stepId)?.name ?? t.stepId) });
    }
  }
  return result;
}

function taskNotice(c: StoredCase, t: Task, stepName: string): TaskNotice {
  return { caseId: c.s.id, ref: c.s.ref, title: c.s.title, stepName, unitId: t.unitId, roleId: t.roleId, positionId: t.positionId, dueAt: t.dueAt };
}

/** A new id for a reference record. */
export function newId(ctx: BackendContext): string {
  return ctx.uuid();
}
