/**
 * Steps done on paper. The official writes the disposition on the printed sheet and signs it
 * in ink; the operator records what was written, with the scan. The event is the official's
 * act (author = who held the post that day, acting marked), with the paper record saying who
 * entered it: as complete as a digital act, and marked as paper. Verification never shows it
 * as the official's electronic signature (status 'paper', see keys/verify.ts): a letter from a
 * paper approval verifies only as "recorded from paper by <clerk>".
 */
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { Actor, ActorPosition } from '../../../shared/domain/org';
import type { EventBody } from '../../../shared/domain/events';
import { localDate } from '../../../shared/calendar/working-time';
import { AppError } from '../../../shared/result';
import { checkAct } from '../../../shared/workflow/engine';
import { loadStoredCase } from '../projection/case-projection';
import { getRef, listRefs } from '../refdata/ref-store';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { commitEvents, makeEvent } from './commit';
import { issueLetterNumber, letterSigner } from '../documents/letter-number';
import { requireBlobs } from './attachment.service';

const NOON_OFFSET_MS = 5 * 3_600_000; // 12:00 local is 05:00 UTC in WIB, 04:00 in WITA, 03:00 in WIT

export async function recordPaper(
  ctx: BackendContext,
  caller: Caller,
  input: ParsedInputOf<'case.recordPaper'>,
): Promise<{ caseId: string; eventId: string }> {
  const office = await ctx.office();
  const proj = await ctx.projection();
  const cal = proj.engine.calendar;
  requireBlobs(ctx, [input.scan]);
  const position = await getRef(ctx.db, 'position', input.positionId);
  if (!position) throw new AppError('NOT_FOUND', 'Jabatan tidak ditemukan.');
  const today = localDate(cal, ctx.now());
  if (input.writtenOn > today) throw new AppError('VALIDATION', 'Tanggal pada lembar disposisi tidak boleh setelah hari ini.');
  // Who may enter a paper record: the complaint desk for any step, or staff of the unit whose step it is.
  const deskRoles = new Set(
    proj
      .preset(office.presetId, office.presetVersion)
      .roles.filter((r) => r.desk)
      .map((r) => r.id),
  );
  const recorder = caller.actor.positions.find((p) => p.unitId === position.unitId || (p.unitId === office.hubUnitId && deskRoles.has(p.roleId)));
  if (!recorder) throw new AppError('FORBIDDEN', 'Hanya admin layanan aduan atau petugas unit itu yang dapat mencatat disposisi kertas.');

  // A paper act is entered by a clerk, never by the official: their own act goes through Alur
  // (signed electronically where the SOP says so), so no one can skip their signing password.
  if (caller.actor.positions.some((p) => p.positionId === position.id))
    throw new AppError('FORBIDDEN', 'Anda memegang jabatan ini: lakukan tindakan ini langsung di Alur, bukan sebagai catatan kertas.');

  // The holder of the post on the date written on the sheet (definitive or Plt./Plh.).
  const holder = (await listRefs(ctx.db, 'assignment')).find(
    (a) => a.positionId === position.id && (!a.from || a.from <= input.writtenOn) && (!a.until || a.until >= input.writtenOn),
  );
  // An ink act needs an official who held the post that day; the clerk never becomes its author.
  if (!holder) throw new AppError('VALIDATION', `Tidak ada pejabat yang memegang jabatan ${position.title} pada ${input.writtenOn}.`);
  const official: ActorPosition = {
    positionId: position.id,
    unitId: position.unitId,
    roleId: position.roleId,
    title: position.title,
    acting: holder.acting,
  };
  const actor: Actor = { userId: holder.userId, isAdmin: false, positions: [official] };

  const result = await commitEvents(ctx, async (trx) => {
    const st = await loadStoredCase(trx, input.caseId);
    if (!st) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
    const preset = proj.preset(st.s.presetId, st.s.presetVersion);
    const task = st.s.tasks.find((t) => t.id === input.taskId);
    const checked = checkAct(preset, st.s, actor, {
      ...input,
      asPositionId: position.id,
      attachments: [],
      paper: { scan: input.scan, writtenOn: input.writtenOn, recordedBy: caller.user.id },
    });
    if (!checked.ok) throw new AppError(checked.error.code, checked.error.message);
    // When it happened: midday of the date on the sheet, never before the task opened nor after now.
    const written = Date.parse(`${input.writtenOn}T00:00:00Z`) + NOON_OFFSET_MS;
    const at = Math.min(ctx.now(), Math.max(task?.openedAt ?? 0, written));
    const payload = checked.value.payload;
    if (checked.value.type === 'case.approved') {
      // An approval signed in ink still issues the letter's number (the letter is printed and signed on paper).
      const unit = (await listRefs(trx, 'unit')).find((u) => u.id === position.unitId);
      if (!unit) throw new AppError('NOT_FOUND', 'Unit penanda tangan tidak ditemukan.');
      payload.response = payload.response ?? st.s.response;
      payload.letter = await issueLetterNumber(
        trx,
        proj.engine.calendar,
        unit,
        at,
        await letterSigner(trx, holder.userId, position.id, official.acting),
      );
    }
    const body = { type: checked.value.type, payload } as EventBody;
    return [makeEvent(ctx, st.s.id, { userId: holder.userId, positionId: position.id, acting: official.acting }, body, at)];
  });
  const e = result.events[0];
  if (!e) throw new AppError('INTERNAL', 'Catatan kertas tidak tersimpan.');
  return { caseId: input.caseId, eventId: e.id };
}
