/**
 * Canned texts (issue 15): the office's standard notes and answers, edited by an
 * administrator in Pengaturan, for the whole office or one unit, offered in the act dialogs.
 * Reference data (kind `canned_text`), so they reach every workstation by sync; an older
 * workstation keeps the unknown kind without using it.
 */
import { AppError } from '../../../shared/result';
import type { CannedKind, CannedText } from '../../../shared/api/views-desk-work';
import { deleteRef, getRef, listRefs, putRef } from '../refdata/ref-store';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { newId } from './commit';

function sorted(list: CannedText[]): CannedText[] {
  return list.sort((a, b) => a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title, 'id'));
}

/** The texts offered to the caller: the office's and those of their units; `all` (administrators) lists every one. */
export async function listCanned(ctx: BackendContext, caller: Caller, all: boolean): Promise<CannedText[]> {
  const units = new Set(caller.actor.positions.map((p) => p.unitId));
  const every = await listRefs(ctx.db, 'canned_text');
  const mine = all && caller.user.isAdmin ? every : every.filter((c) => c.unitId === null || units.has(c.unitId));
  return sorted(mine.map(({ id, kind, unitId, title, text }) => ({ id, kind, unitId, title, text })));
}

export async function saveCanned(
  ctx: BackendContext,
  input: { id: string | null; kind: CannedKind; unitId: string | null; title: string; text: string },
): Promise<CannedText> {
  if (input.id && !(await getRef(ctx.db, 'canned_text', input.id))) throw new AppError('NOT_FOUND', 'Teks baku tidak ditemukan.');
  if (input.unitId && !(await getRef(ctx.db, 'unit', input.unitId))) throw new AppError('VALIDATION', 'Unit tidak dikenal.');
  const id = input.id ?? newId(ctx);
  const rec = { id, kind: input.kind, unitId: input.unitId, title: input.title, text: input.text };
  await ctx.db.transaction().execute((trx) => putRef(trx, 'canned_text', id, rec, ctx.clock.tick()));
  return rec;
}

export async function deleteCanned(ctx: BackendContext, id: string): Promise<null> {
  if (!(await getRef(ctx.db, 'canned_text', id))) throw new AppError('NOT_FOUND', 'Teks baku tidak ditemukan.');
  await ctx.db.transaction().execute((trx) => deleteRef(trx, 'canned_text', id, ctx.clock.tick()));
  return null;
}
