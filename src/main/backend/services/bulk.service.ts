/**
 * Bulk work on a list selection (issue 15): the same act, or a close as duplicate, on each
 * selected case. The engine decides per case, as for a single act; each case is its own
 * transaction (one refusal rolls back only that case), and every refusal is reported with
 * its reason, never skipped silently. A signed act opens the signer's key once for the batch;
 * each case still gets its own signed event.
 */
import { z } from 'zod';
import type { Actor } from '../../../shared/domain/org';
import { AppError } from '../../../shared/result';
import { allowedActions } from '../../../shared/workflow/engine';
import type { BulkOp } from '../../../shared/api/methods/desk-work';
import type { BulkOption, BulkOutcome, BulkResult } from '../../../shared/api/views-desk-work';
import type { AllowedAction } from '../../../shared/workflow/state';
import { loadStoredCase, type StoredCase } from '../projection/case-projection';
import { unlockSigningKey } from '../keys/key.service';
import type { OpenKey } from '../keys/key-crypto';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { actOnCase } from './case.service';
import { linkDuplicate } from './duplicate.service';
import { canSeeCase, visibilityOf } from './visibility';

type Op = z.output<typeof BulkOp>;

async function visibleCases(ctx: BackendContext, caller: Caller, caseIds: readonly string[]): Promise<Map<string, StoredCase | null>> {
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  const out = new Map<string, StoredCase | null>();
  for (const id of caseIds) {
    const st = await loadStoredCase(ctx.db, id);
    out.set(id, st && canSeeCase(v, st) ? st : null);
  }
  return out;
}

async function allowedOn(ctx: BackendContext, actor: Actor, st: StoredCase): Promise<AllowedAction[]> {
  const proj = await ctx.projection();
  return allowedActions(proj.preset(st.s.presetId, st.s.presetVersion), st.s, actor);
}

/** The acts the caller may do on at least one selected case, with how many allow each. */
export async function bulkOptions(ctx: BackendContext, caller: Caller, caseIds: readonly string[]): Promise<BulkOption[]> {
  const out = new Map<string, BulkOption>();
  for (const st of (await visibleCases(ctx, caller, caseIds)).values()) {
    if (!st) continue;
    const seen = new Set<string>();
    for (const a of await allowedOn(ctx, caller.actor, st)) {
      // Several posts may offer the same action on one case: it counts once.
      if (seen.has(a.action.id)) continue;
      seen.add(a.action.id);
      const cur = out.get(a.action.id);
      if (cur) cur.cases++;
      else
        out.set(a.action.id, {
          actionId: a.action.id,
          label: a.action.label,
          kind: a.action.kind,
          targets: a.action.targets ?? null,
          signed: a.action.signed,
          cases: 1,
        });
    }
  }
  return [...out.values()].sort((a, b) => b.cases - a.cases || a.label.localeCompare(b.label));
}

function failure(e: unknown): string {
  if (e instanceof AppError) return e.message;
  throw e;
}

/** Runs `op` on each selected case in turn; the summary says what was done and why the rest was not. */
export async function runBulk(ctx: BackendContext, caller: Caller, caseIds: readonly string[], op: Op): Promise<BulkResult> {
  const cases = await visibleCases(ctx, caller, [...new Set(caseIds)]);
  let signer: OpenKey | undefined;
  if (op.kind === 'act' && op.signingPassword) signer = await unlockSigningKey(ctx, caller.user.id, op.signingPassword);
  const outcomes: BulkOutcome[] = [];
  for (const [caseId, seen] of cases) {
    if (!seen) {
      outcomes.push({ caseId, ref: '', ok: false, message: 'Aduan tidak ditemukan.' });
      continue;
    }
    const ref = seen.s.ref;
    try {
      if (op.kind === 'closeDuplicate') {
        await linkDuplicate(ctx, caller, caseId, op.originalId, op.note);
      } else {
        // Read again: an earlier case of the batch, or another workstation, may have changed it.
        const st = (await loadStoredCase(ctx.db, caseId)) ?? seen;
        const a = (await allowedOn(ctx, caller.actor, st)).find((x) => x.action.id === op.actionId && x.action.kind === op.actionKind);
        if (!a) {
          outcomes.push({ caseId, ref, ok: false, message: 'Tindakan ini tidak tersedia bagi Anda pada langkah aduan ini sekarang.' });
          continue;
        }
        if (a.action.signed && !signer)
          throw new AppError('VALIDATION', 'Tindakan ini wajib ditandatangani: masukkan kata sandi Anda untuk menandatangani.');
        await actOnCase(
          ctx,
          caller,
          {
            caseId,
            taskId: a.taskId,
            actionId: a.action.id,
            asPositionId: a.as.positionId,
            targets: op.targets,
            instructions: op.instructions,
            note: op.note,
            urgency: null,
            dueAt: null,
            response: null,
            attachments: [],
            signingPassword: null,
          },
          undefined,
          signer,
        );
      }
      outcomes.push({ caseId, ref, ok: true, message: null });
    } catch (e) {
      outcomes.push({ caseId, ref, ok: false, message: failure(e) });
    }
  }
  const done = outcomes.filter((o) => o.ok).length;
  return { done, failed: outcomes.length - done, outcomes };
}
