/** Registering a case and every act on it. Each call is one transaction (see commit.ts). */
import type { Kysely } from 'kysely';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { EventBody } from '../../../shared/domain/events';
import type { Actor, ActorPosition } from '../../../shared/domain/org';
import { AppError } from '../../../shared/result';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import { checkAct } from '../../../shared/workflow/engine';
import type { Database } from '../db/schema';
import { loadStoredCase, type StoredCase } from '../projection/case-projection';
import { listRefs } from '../refdata/ref-store';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { commitEvents, makeEvent } from './commit';
import { requireBlobs } from './attachment.service';
import type { OpenKey } from '../keys/key-crypto';
import { formatSignature, signedText } from '../../../shared/signing/canonical';
import { signText } from '../keys/key-crypto';
import { unlockSigningKey } from '../keys/key.service';
import { issueLetterNumber, letterSigner } from '../documents/letter-number';

type Db = Kysely<Database>;

/** The caller's post on the complaint desk, or FORBIDDEN. */
export function deskPosition(preset: WorkflowPreset, actor: Actor, hubUnitId: string): ActorPosition {
  const deskRoles = new Set(preset.roles.filter((r) => r.desk).map((r) => r.id));
  const p = actor.positions.find((x) => x.unitId === hubUnitId && deskRoles.has(x.roleId));
  if (!p) throw new AppError('FORBIDDEN', 'Hanya admin layanan aduan yang dapat melakukan ini.');
  return p;
}

async function requireCase(db: Db, caseId: string): Promise<StoredCase> {
  const st = await loadStoredCase(db, caseId);
  if (!st) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
  return st;
}

/** Checks dispose targets against the office's units and posts (the engine checks structure). */
async function checkTargets(db: Db, input: ParsedInputOf<'case.act'>): Promise<void> {
  if (input.targets.length === 0) return;
  const units = new Map((await listRefs(db, 'unit')).map((u) => [u.id, u]));
  const positions = new Map((await listRefs(db, 'position')).map((p) => [p.id, p]));
  for (const t of input.targets) {
    const u = units.get(t.unitId);
    if (!u || !u.active) throw new AppError('VALIDATION', 'Unit tujuan disposisi tidak dikenal atau tidak aktif.');
    if (t.positionId) {
      const p = positions.get(t.positionId);
      if (!p || !p.active || p.unitId !== t.unitId) throw new AppError('VALIDATION', 'Jabatan tujuan disposisi tidak dikenal di unit itu.');
    }
  }
}

export async function actOnCase(
  ctx: BackendContext,
  caller: Caller,
  input: ParsedInputOf<'case.act'>,
  at?: number,
  /** A key opened for signing beforehand (the demo holds each official's key for a run). */
  heldSigner?: OpenKey,
): Promise<{ caseId: string; eventId: string }> {
  const proj = await ctx.projection();
  requireBlobs(ctx, input.attachments);
  // Opened before the transaction (scrypt is slow): a wrong password fails here, before anything is written.
  const signer = heldSigner ?? (input.signingPassword ? await unlockSigningKey(ctx, caller.user.id, input.signingPassword) : null);
  const result = await commitEvents(ctx, async (trx) => {
    const st = await requireCase(trx, input.caseId);
    const preset = proj.preset(st.s.presetId, st.s.presetVersion);
    const actor: Actor = { ...caller.actor, positions: caller.actor.positions.filter((p) => p.positionId === input.asPositionId) };
    if (actor.positions.length === 0) throw new AppError('FORBIDDEN', 'Anda tidak memegang jabatan itu.');
    const checked = checkAct(preset, st.s, actor, input);
    if (!checked.ok) throw new AppError(checked.error.code, checked.error.message, checked.error.details);
    await checkTargets(trx, input);
    const as = checked.value.as;
    const payload = checked.value.payload;
    const action = preset.steps.find((s) => s.id === payload.stepId)?.actions.find((a) => a.id === payload.actionId);
    if (action?.signed && !signer)
      throw new AppError('VALIDATION', 'Tindakan ini wajib ditandatangani: masukkan kata sandi Anda untuk menandatangani.');
    if (action?.signed && action.kind === 'approve') {
      // The approval signs the response letter: its body and its number, issued now.
      const unit = (await listRefs(trx, 'unit')).find((u) => u.id === as.unitId);
      if (!unit) throw new AppError('NOT_FOUND', 'Unit penanda tangan tidak ditemukan.');
      payload.response = payload.response ?? st.s.response;
      payload.letter = await issueLetterNumber(
        trx,
        proj.engine.calendar,
        unit,
        at ?? ctx.now(),
        await letterSigner(trx, caller.user.id, as.positionId, as.acting),
      );
    }
    // The engine returns an act type and its payload separately; together they are one of
    // the act variants of EventBody, which makeEvent re-validates against the schema.
    const body = { type: checked.value.type, payload } as EventBody;
    const event = makeEvent(ctx, st.s.id, { userId: caller.user.id, positionId: as.positionId, acting: as.acting }, body, at);
    if (action?.signed && signer) event.signature = formatSignature(signer.id, signText(signer.key, signedText(event)));
    return [event];
  });
  const e = result.events[0];
  if (!e) throw new AppError('INTERNAL', 'Aksi tidak tersimpan.');
  return { caseId: input.caseId, eventId: e.id };
}

/**
 * Case-level acts of the complaint desk (classify, pause, resume, extend) and notes, which
 * anyone who can see the case may add.
 */
export async function caseLevelAct(
  ctx: BackendContext,
  caller: Caller,
  caseId: string,
  body: EventBody,
  who: 'desk' | 'viewer',
  canSee: (st: StoredCase) => boolean,
): Promise<{ eventId: string }> {
  const proj = await ctx.projection();
  const office = await ctx.office();
  const result = await commitEvents(ctx, async (trx) => {
    const st = await requireCase(trx, caseId);
    if (!canSee(st)) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
    const preset = proj.preset(st.s.presetId, st.s.presetVersion);
    const pos = who === 'desk' ? deskPosition(preset, caller.actor, office.hubUnitId) : (caller.actor.positions[0] ?? null);
    if (st.s.status === 'closed' && body.type !== 'case.note_added' && body.type !== 'case.reopened')
      throw new AppError('INVALID_ACTION', 'Aduan sudah selesai.');
    if (body.type === 'case.paused' && st.s.pausedSince !== null) throw new AppError('INVALID_ACTION', 'Waktu aduan ini sudah dihentikan sementara.');
    if (body.type === 'case.resumed' && st.s.pausedSince === null) throw new AppError('INVALID_ACTION', 'Waktu aduan ini tidak sedang dihentikan.');
    if (body.type === 'case.extended' && st.s.extended) throw new AppError('INVALID_ACTION', 'Batas waktu aduan ini sudah diperpanjang.');
    return [makeEvent(ctx, st.s.id, { userId: caller.user.id, positionId: pos?.positionId ?? null, acting: pos?.acting ?? null }, body)];
  });
  const e = result.events[0];
  if (!e) throw new AppError('INTERNAL', 'Aksi tidak tersimpan.');
  return { eventId: e.id };
}
