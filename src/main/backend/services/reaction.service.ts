/**
 * Closing a case by hand and reopening it on the complainant's reaction (issue 15). The
 * engine decides what is allowed (`engine-reaction.ts`) with the same rules the replay
 * applies, so what this writes never becomes a conflict when replayed in the same order.
 * Each call is one transaction; only the complaint desk acts.
 */
import type { CloseReason, EventBody } from '../../../shared/domain/events';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import { AppError } from '../../../shared/result';
import { closeProblem, closeReasonsNow, reactionDeadline, reopenProblem } from '../../../shared/workflow/engine';
import type { CaseEndOptions } from '../../../shared/api/methods/reaction';
import { loadStoredCase, type StoredCase } from '../projection/case-projection';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { commitEvents, makeEvent } from './commit';
import { deskPosition } from './case.service';
import { canSeeCase, visibilityOf } from './visibility';

/** The case if the caller may see it. `db` may be a transaction: nothing else is read here (a read on ctx.db would wait for it). */
async function visibleCase(db: BackendContext['db'], caller: Caller, hubUnitId: string, caseId: string): Promise<StoredCase> {
  const st = await loadStoredCase(db, caseId);
  if (!st || !canSeeCase(visibilityOf(caller.actor, hubUnitId), st)) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
  return st;
}

/** What the caller may do now to end or reopen the case (nothing unless on the desk). */
export async function caseEndOptions(ctx: BackendContext, caller: Caller, caseId: string): Promise<CaseEndOptions> {
  const proj = await ctx.projection();
  const office = await ctx.office();
  const st = await visibleCase(ctx.db, caller, office.hubUnitId, caseId);
  const preset = proj.preset(st.s.presetId, st.s.presetVersion);
  const onDesk = preset.roles.some((r) => r.desk && caller.actor.positions.some((p) => p.unitId === office.hubUnitId && p.roleId === r.id));
  if (!onDesk) return { closeReasons: [], reopenUntil: null };
  const until = reactionDeadline(preset, st.s, proj.engine.calendar);
  return { closeReasons: closeReasonsNow(preset, st.s), reopenUntil: until !== null && ctx.now() < until ? until : null };
}

/** Closes the case by hand with `reason` and a note; refused when the case's step does not allow that reason. */
export async function closeCase(
  ctx: BackendContext,
  caller: Caller,
  caseId: string,
  reason: Exclude<CloseReason, 'no_reaction'>,
  note: string,
): Promise<{ eventId: string }> {
  return endAct(ctx, caller, caseId, (st, preset) => {
    const problem = closeProblem(preset, st.s, reason);
    if (problem) throw new AppError('INVALID_ACTION', problem);
    return { type: 'case.closed', payload: { reason, note } };
  });
}

/** Reopens an answered case with the complainant's words, within the preset's reaction window. */
export async function reopenCase(ctx: BackendContext, caller: Caller, caseId: string, words: string): Promise<{ eventId: string }> {
  const proj = await ctx.projection();
  return endAct(ctx, caller, caseId, (st, preset) => {
    const problem = reopenProblem(preset, st.s, ctx.now(), proj.engine.calendar);
    if (problem) throw new AppError('INVALID_ACTION', problem);
    return { type: 'case.reopened', payload: { reason: words } };
  });
}

async function endAct(
  ctx: BackendContext,
  caller: Caller,
  caseId: string,
  build: (st: StoredCase, preset: WorkflowPreset) => EventBody,
): Promise<{ eventId: string }> {
  const proj = await ctx.projection();
  const office = await ctx.office();
  const result = await commitEvents(ctx, async (trx) => {
    const st = await visibleCase(trx, caller, office.hubUnitId, caseId);
    const preset = proj.preset(st.s.presetId, st.s.presetVersion);
    const pos = deskPosition(preset, caller.actor, office.hubUnitId);
    const body = build(st, preset);
    return [makeEvent(ctx, st.s.id, { userId: caller.user.id, positionId: pos.positionId, acting: pos.acting }, body)];
  });
  const e = result.events[0];
  if (!e) throw new AppError('INTERNAL', 'Aksi tidak tersimpan.');
  return { eventId: e.id };
}
