/**
 * The signature book (issue 15): the open tasks of the caller's posts whose step has an act
 * the SOP signs, and batch signing. A batch checks the password and opens the key once, then
 * runs each act through the same path as `case.act` (its own transaction, own signature, own
 * event), so one failing act is reported and never undoes or blocks the others.
 */
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { ActorRef, BatchItemResult, SignBookItem } from '../../../shared/api/methods/signbook';
import type { ActingKind } from '../../../shared/domain/enums';
import type { StoredCase } from '../projection/case-projection';
import { allowedActions } from '../../../shared/workflow/engine';
import { AppError } from '../../../shared/result';
import { listRefs } from '../refdata/ref-store';
import { unlockSigningKey } from '../keys/key.service';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { actOnCase } from './case.service';
import { storageError } from '../db/storage-errors';
import { inbox } from './inbox.service';

/** Names the authors of events by id: "who sent it" in the book, "as whom" elsewhere. */
async function actorNamer(
  ctx: BackendContext,
): Promise<(userId: string | null, positionId: string | null, acting: string | null) => ActorRef | null> {
  const users = new Map((await listRefs(ctx.db, 'user')).map((u) => [u.id, u.fullName]));
  const posts = new Map((await listRefs(ctx.db, 'position')).map((p) => [p.id, p.title]));
  return (userId, positionId, acting) =>
    userId === null
      ? null
      : {
          name: users.get(userId) ?? userId,
          positionTitle: positionId ? (posts.get(positionId) ?? null) : null,
          // Stored from the closed ActingKind enum by the act that wrote it.
          acting: acting as ActingKind | null,
        };
}

/** Everything awaiting the caller's signature or signed approval, most urgent first (the inbox's order). */
export async function signBook(ctx: BackendContext, caller: Caller): Promise<SignBookItem[]> {
  const proj = await ctx.projection();
  const rows = await inbox(ctx, caller);
  if (rows.length === 0) return [];
  const now = ctx.now();
  const ids = [...new Set(rows.map((r) => r.id))];
  const states = new Map(
    (await ctx.db.selectFrom('cases').select(['id', 'state']).where('id', 'in', ids).execute()).map((r) => [
      r.id,
      (JSON.parse(r.state) as StoredCase).s,
    ]),
  );
  const picked: Array<Omit<SignBookItem, 'sentBy' | 'sentAt'> & { openedBy: string; openedAt: number }> = [];
  for (const r of rows) {
    const s = states.get(r.id);
    if (!s) continue;
    const preset = proj.preset(s.presetId, s.presetVersion);
    // The engine says what this actor may do on this task: the same offer as the case page.
    const offered = allowedActions(preset, s, caller.actor).filter((a) => a.taskId === r.taskId);
    const signed = offered.find((a) => a.action.signed);
    const task = s.tasks.find((t) => t.id === r.taskId);
    if (!signed || !task) continue;
    picked.push({
      caseId: r.id,
      ref: r.ref,
      title: r.title,
      urgency: r.urgency,
      taskId: r.taskId,
      stepName: r.stepName,
      asPositionId: signed.as.positionId,
      asTitle: signed.as.title,
      acting: signed.as.acting,
      action: signed.action,
      returnAction: offered.find((a) => a.action.kind === 'return')?.action ?? null,
      dueAt: r.taskDueAt,
      overdue: r.taskDueAt !== null && r.taskDueAt < now,
      batchable: signed.action.kind === 'approve',
      openedBy: task.openedByEvent,
      openedAt: task.openedAt,
    });
  }
  const openers = picked.length
    ? await ctx.db
        .selectFrom('event')
        .select(['id', 'author_id', 'position_id', 'acting'])
        .where('id', 'in', [...new Set(picked.map((p) => p.openedBy))])
        .execute()
    : [];
  const byId = new Map(openers.map((e) => [e.id, e]));
  const name = await actorNamer(ctx);
  return picked.map(({ openedBy, openedAt, ...item }) => {
    const e = byId.get(openedBy);
    return { ...item, sentBy: e ? name(e.author_id, e.position_id, e.acting) : null, sentAt: openedAt };
  });
}

/**
 * Signs each item with one password entry. A wrong password fails the whole call before
 * anything is written (VALIDATION, like `case.act`); after that each act stands alone.
 */
export async function signBatch(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'signbook.signBatch'>): Promise<BatchItemResult[]> {
  const seen = new Set<string>();
  for (const it of input.items) {
    if (seen.has(it.taskId)) throw new AppError('VALIDATION', 'Satu tugas hanya boleh muncul sekali dalam satu tanda tangan sekaligus.');
    seen.add(it.taskId);
  }
  const signer = await unlockSigningKey(ctx, caller.user.id, input.signingPassword);
  const proj = await ctx.projection();
  const out: BatchItemResult[] = [];
  for (const it of input.items) {
    try {
      // Only signed acts: the batch exists to save password entries, not to bypass the act dialog.
      const st = await ctx.db.selectFrom('cases').select('state').where('id', '=', it.caseId).executeTakeFirst();
      if (st) {
        const s = (JSON.parse(st.state) as StoredCase).s;
        const step = proj.preset(s.presetId, s.presetVersion).steps.find((x) => s.tasks.some((t) => t.id === it.taskId && t.stepId === x.id));
        const action = step?.actions.find((a) => a.id === it.actionId);
        if (action && !action.signed) throw new AppError('INVALID_ACTION', `"${action.label}" bukan tindakan yang ditandatangani.`);
      }
      const done = await actOnCase(ctx, caller, { ...it, response: null, attachments: [], signingPassword: null }, undefined, signer);
      out.push({ caseId: it.caseId, taskId: it.taskId, ok: true, eventId: done.eventId });
    } catch (e) {
      // Earlier acts are committed: whatever this one hit is reported beside them, never thrown.
      const error =
        e instanceof AppError ? e : (storageError(e) ?? new AppError('INTERNAL', `Kesalahan internal: ${(e as Error).message ?? String(e)}`));
      out.push({ caseId: it.caseId, taskId: it.taskId, ok: false, error: error.toApiError() });
    }
  }
  return out;
}
