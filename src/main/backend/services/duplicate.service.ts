/**
 * Duplicates (issue 15): a case closed as a duplicate points to its original
 * (`case.closed` with reason `duplicate` and `duplicateOf`), both pages link each other, and
 * each shows the other's complainant as the caller may see it. Also where the answer's
 * delivery is recorded (`case.answer_delivered`). The desk acts; each call is one transaction.
 */
import type { Kysely } from 'kysely';
import type { DeliveryChannel } from '../../../shared/domain/enums';
import type { EventBody } from '../../../shared/domain/events';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import { AppError } from '../../../shared/result';
import { closeProblem, deliveryProblem } from '../../../shared/workflow/engine';
import type { CaseLinks, LinkedCase } from '../../../shared/api/views-desk-work';
import type { Database } from '../db/schema';
import { loadStoredCase, type StoredCase } from '../projection/case-projection';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { commitEvents, makeEvent } from './commit';
import { deskPosition } from './case.service';
import { appendAudit } from './audit';
import { buildRegistration, registrationContext, type RegistrationInput } from './register.service';
import { canSeeCase, visibilityOf, type Visibility } from './visibility';

type Db = Kysely<Database>;

async function visible(db: Db, v: Visibility, caseId: string): Promise<StoredCase> {
  const st = await loadStoredCase(db, caseId);
  if (!st || !canSeeCase(v, st)) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
  return st;
}

/**
 * The `case.closed` body linking `dup` to `original` (or to the original's own original, so
 * chains stay one level deep). The note names the original's number, which is what an older
 * workstation (whose schema drops `duplicateOf`) shows.
 */
async function duplicateClose(db: Db, v: Visibility, dupId: string, originalId: string, note: string | null) {
  let original = await visible(db, v, originalId);
  const root = original.s.duplicateOf;
  if (root) original = await visible(db, v, root);
  if (original.s.id === dupId) throw new AppError('VALIDATION', 'Aduan tidak dapat menjadi duplikat dirinya sendiri.');
  const text = `Duplikat dari ${original.s.ref}${note ? `: ${note}` : ''}`;
  return { type: 'case.closed' as const, payload: { reason: 'duplicate' as const, note: text, duplicateOf: original.s.id } };
}

/**
 * One act of the desk on a visible case, in one transaction: `build` checks the case (read
 * inside the transaction) and returns the event body.
 */
async function deskAct(
  ctx: BackendContext,
  caller: Caller,
  caseId: string,
  build: (trx: Db, st: StoredCase, preset: WorkflowPreset, v: Visibility) => Promise<EventBody>,
  at?: number,
): Promise<{ eventId: string }> {
  const proj = await ctx.projection();
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  const result = await commitEvents(ctx, async (trx) => {
    const st = await visible(trx, v, caseId);
    const preset = proj.preset(st.s.presetId, st.s.presetVersion);
    const pos = deskPosition(preset, caller.actor, office.hubUnitId);
    const body = await build(trx, st, preset, v);
    return [makeEvent(ctx, st.s.id, { userId: caller.user.id, positionId: pos.positionId, acting: pos.acting }, body, at)];
  });
  const e = result.events[0];
  if (!e) throw new AppError('INTERNAL', 'Aksi tidak tersimpan.');
  return { eventId: e.id };
}

/** Closes `caseId` as a duplicate of `originalId`; refused when the case cannot be closed now. */
export function linkDuplicate(
  ctx: BackendContext,
  caller: Caller,
  caseId: string,
  originalId: string,
  note: string | null,
): Promise<{ eventId: string }> {
  return deskAct(ctx, caller, caseId, async (trx, st, preset, v) => {
    const problem = closeProblem(preset, st.s, 'duplicate');
    if (problem) throw new AppError('INVALID_ACTION', problem);
    return duplicateClose(trx, v, st.s.id, originalId, note);
  });
}

/** Registers a case and closes it as a duplicate of `originalId` in the same transaction. */
export async function registerDuplicate(
  ctx: BackendContext,
  caller: Caller,
  input: RegistrationInput,
  originalId: string,
  note: string | null,
): Promise<{ caseId: string; ref: string }> {
  const rc = await registrationContext(ctx, caller);
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  let out = { caseId: '', ref: '' };
  await commitEvents(ctx, async (trx) => {
    const when = ctx.now();
    const r = await buildRegistration(trx, ctx, rc, input, when);
    out = { caseId: r.caseId, ref: r.ref };
    const body = await duplicateClose(trx, v, r.caseId, originalId, note);
    const author = { userId: rc.userId, positionId: rc.desk.positionId, acting: rc.desk.acting };
    return [...r.events, makeEvent(ctx, r.caseId, author, body, when)];
  });
  return out;
}

/** Records how and when the answer reached the complainant. */
export function recordDelivery(
  ctx: BackendContext,
  caller: Caller,
  caseId: string,
  channel: DeliveryChannel,
  deliveredAt: number,
  note: string | null,
): Promise<{ eventId: string }> {
  const now = ctx.now();
  return deskAct(
    ctx,
    caller,
    caseId,
    async (_trx, st) => {
      const problem = deliveryProblem(st.s, deliveredAt, now);
      if (problem) throw new AppError('INVALID_ACTION', problem);
      return { type: 'case.answer_delivered', payload: { channel, deliveredAt, note } };
    },
    now,
  );
}

/** A linked case as the caller may see it: a rahasia complainant only for the desk (audited), never an anonymous one. */
async function linked(ctx: BackendContext, caller: Caller, v: Visibility, st: StoredCase): Promise<LinkedCase> {
  const s = st.s;
  let complainant: string | null = null;
  const hidden = s.hasIdentity && s.privacy === 'rahasia' && !v.confidential;
  if (s.hasIdentity && !hidden) {
    const row = await ctx.db.selectFrom('identity').select('name').where('case_id', '=', s.id).executeTakeFirst();
    complainant = row?.name ?? null;
    if (row && s.privacy === 'rahasia')
      await appendAudit(ctx, ctx.db, ctx.now(), {
        userId: caller.user.id,
        action: 'identity.read',
        target: s.id,
        detail: { ref: s.ref, via: 'duplicate-link' },
      });
  }
  return { id: s.id, ref: s.ref, title: s.title, status: s.status, receivedAt: s.receivedAt, complainant, complainantHidden: hidden };
}

/** The duplicate links of a case (both ways, only cases the caller may see) and its delivery. */
export async function caseLinks(ctx: BackendContext, caller: Caller, caseId: string): Promise<CaseLinks> {
  const office = await ctx.office();
  const proj = await ctx.projection();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  const st = await visible(ctx.db, v, caseId);
  const original = st.s.duplicateOf ? await loadStoredCase(ctx.db, st.s.duplicateOf) : null;
  const dupIds = (await ctx.db.selectFrom('cases').select('id').where('duplicate_of', '=', caseId).orderBy('received_at').limit(200).execute()).map(
    (r) => r.id,
  );
  const duplicates: LinkedCase[] = [];
  for (const id of dupIds) {
    const d = await loadStoredCase(ctx.db, id);
    if (d && canSeeCase(v, d)) duplicates.push(await linked(ctx, caller, v, d));
  }
  const preset = proj.preset(st.s.presetId, st.s.presetVersion);
  const onDesk = preset.roles.some((r) => r.desk && caller.actor.positions.some((p) => p.unitId === office.hubUnitId && p.roleId === r.id));
  return {
    duplicateOf: original && canSeeCase(v, original) ? await linked(ctx, caller, v, original) : null,
    duplicates,
    delivery: st.s.delivery ?? null,
    canRecordDelivery: onDesk && st.s.answeredAt !== null && (st.s.status === 'answered' || st.s.status === 'closed'),
    canLinkDuplicate: onDesk && closeProblem(preset, st.s, 'duplicate') === null,
  };
}
