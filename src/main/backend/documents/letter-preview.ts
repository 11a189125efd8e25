/**
 * The letter as signing would issue it, before anyone signs: the drafter previews their text,
 * the approver sees the rendered page they are about to sign. Built from an approval that is not
 * made (no number yet, no signature), marked KONSEP, carrying no verification claim, and never
 * recorded as an issued copy.
 */
import { localDate } from '../../../shared/calendar/working-time';
import type { EventOf } from '../../../shared/domain/events';
import type { DocumentFile } from '../../../shared/api/views-documents';
import { AppError } from '../../../shared/result';
import { loadStoredCase } from '../projection/case-projection';
import { loadCaseEvents } from '../projection/event-store';
import { listRefs } from '../refdata/ref-store';
import type { Caller } from '../services/auth.service';
import type { BackendContext } from '../services/context';
import { makeEvent } from '../services/commit';
import { canSeeCase, visibilityOf } from '../services/visibility';
import { contentOfAct } from './letter-content';
import { letterSigner } from './letter-number';
import { letterPdf } from './letter-pdf';
import { holderOn } from './sheet-parts';

const PREVIEW_NUMBER = '(nomor terbit saat ditandatangani)';

export async function letterPreview(ctx: BackendContext, caller: Caller, caseId: string, response: string | null): Promise<DocumentFile> {
  const office = await ctx.office();
  const st = await loadStoredCase(ctx.db, caseId);
  if (!st || !canSeeCase(visibilityOf(caller.actor, office.hubUnitId), st)) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
  const proj = await ctx.projection();
  const preset = proj.preset(st.s.presetId, st.s.presetVersion);
  const approve = preset.steps.find((s) => s.actions.some((a) => a.kind === 'approve'));
  if (!approve) throw new AppError('INVALID_ACTION', 'Alur kerja aduan ini tidak memiliki langkah persetujuan surat.');
  // The unit whose letter it is: the open drafting or approval task's (the caller's own when several OPDs answer).
  const stepIds = new Set(preset.steps.filter((s) => s.actions.some((a) => a.kind === 'draft' || a.kind === 'approve')).map((s) => s.id));
  const open = st.s.tasks.filter((t) => t.state === 'open' && stepIds.has(t.stepId));
  const mine = new Set(caller.actor.positions.map((p) => p.unitId));
  const task = open.find((t) => mine.has(t.unitId)) ?? open[0];
  if (!task) throw new AppError('INVALID_ACTION', 'Belum ada konsep tanggapan yang sedang disusun atau menunggu persetujuan.');
  const text = (response ?? st.s.response ?? '').trim();
  if (!text) throw new AppError('VALIDATION', 'Isi konsep tanggapan dulu untuk melihat pratinjau surat.');
  // The approver's post in that unit and who holds it today.
  const post = (await listRefs(ctx.db, 'position')).find((p) => p.unitId === task.unitId && p.roleId === approve.role && p.active);
  if (!post) throw new AppError('NOT_FOUND', 'Unit ini belum memiliki jabatan penyetuju surat.');
  const today = localDate(proj.engine.calendar, ctx.now());
  const users = new Map((await listRefs(ctx.db, 'user')).map((u) => [u.id, u]));
  const holder = (await listRefs(ctx.db, 'assignment')).filter(
    (a) => a.positionId === post.id && (a.from === null || a.from <= today) && (a.until === null || a.until >= today),
  );
  const assignment = holder.find((a) => a.acting === null) ?? holder[0];
  if (!holderOn(assignment ? [assignment] : [], users, post.id, today))
    throw new AppError('NOT_FOUND', `Jabatan ${post.title} belum diisi; surat tidak dapat dipratinjau.`);
  const signer = await letterSigner(ctx.db, assignment?.userId ?? null, post.id, assignment?.acting ?? null);
  const act = makeEvent(
    ctx,
    caseId,
    { userId: assignment?.userId ?? null, positionId: post.id, acting: assignment?.acting ?? null },
    {
      type: 'case.approved',
      payload: {
        taskId: task.id,
        stepId: approve.id,
        actionId: approve.actions.find((a) => a.kind === 'approve')?.id ?? 'setujui',
        targets: [],
        instructions: [],
        note: null,
        urgency: null,
        dueAt: null,
        response: text,
        attachments: [],
        paper: null,
        letter: { number: PREVIEW_NUMBER, unitId: task.unitId, year: Number(today.slice(0, 4)), seq: 1, date: today, signer },
      },
    },
  ) as EventOf<'case.approved'>;
  const content = await contentOfAct(ctx, st, await loadCaseEvents(ctx.db, caseId), act);
  const unsigned = { ...content.signature, status: 'missing' as const, message: 'Pratinjau: belum ditandatangani.' };
  const bytes = await letterPdf(ctx.options.resourcesDir, { ...content, signature: unsigned, draft: true });
  return {
    fileName: `pratinjau-surat-${st.s.ref.replace(/[^A-Za-z0-9._-]+/g, '-')}.pdf`,
    mime: 'application/pdf',
    dataBase64: bytes.toString('base64'),
    sha256: '',
    letterNumber: null,
    verifyCode: null,
  };
}
