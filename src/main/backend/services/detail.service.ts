/** The case page: fields, tasks, the timeline of every event, what the caller may do, identity. */
import { checkSignature, loadTrust, signatureRequired } from '../keys/verify';
import type { SignatureCheck } from '../../../shared/signing/canonical';
import type { AllowedActionView, CaseDetail, TimelineEntry } from '../../../shared/api/views';
import type { SummaryFile, TimelineSummary } from '../../../shared/api/timeline-summary';
import type { AttachmentRef, CaseEvent, Complainant } from '../../../shared/domain/events';
import { attachmentsOf } from './attachment.service';
import { addWorkingTime, elapsedWorkingMinutes, workingMinutesBetween } from '../../../shared/calendar/working-time';
import { AppError } from '../../../shared/result';
import { allowedActions } from '../../../shared/workflow/engine';
import type { StepStandard, WorkflowPreset } from '../../../shared/workflow/preset';
import type { CaseState } from '../../../shared/workflow/state';
import { loadCaseEvents } from '../projection/event-store';
import { verifyCaseProjection } from '../integrity/projection-check';
import { loadStoredCase } from '../projection/case-projection';
import { listRefs } from '../refdata/ref-store';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { appendAudit } from './audit';
import { canSeeCase, visibilityOf } from './visibility';

function isAct(
  e: CaseEvent,
): e is CaseEvent & { type: 'case.forwarded' | 'case.disposed' | 'case.returned' | 'case.drafted' | 'case.approved' | 'case.answered' } {
  return ['case.forwarded', 'case.disposed', 'case.returned', 'case.drafted', 'case.approved', 'case.answered'].includes(e.type);
}

interface Names {
  unit: (id: string) => string;
  position: (id: string) => string | null;
  user: (id: string) => string | null;
}

/** Files of an event, with what the case page needs to offer them for download. */
function file(a: AttachmentRef): SummaryFile {
  return { name: a.name, sha256: a.sha256, mime: a.mime, size: a.size };
}
const files = (list: readonly AttachmentRef[]): SummaryFile[] => list.map(file);

function summarize(e: CaseEvent, names: Names): TimelineSummary {
  switch (e.type) {
    case 'case.identity_recorded':
      // The identity itself is never in the timeline; it is read through the guarded path.
      return { kind: 'hidden' };
    case 'case.registered': {
      const { ref, channel, laporId, receivedAt, type, title, privacy, urgency } = e.payload;
      return { kind: 'registered', ref, channel, laporId, receivedAt, type, title, privacy, urgency, files: files(e.payload.attachments) };
    }
    case 'case.forwarded':
    case 'case.disposed':
    case 'case.returned':
    case 'case.drafted':
    case 'case.approved':
    case 'case.answered': {
      const p = e.payload;
      return {
        kind: 'act',
        // A disposition to a post names the post; to a unit, the unit.
        targets: p.targets.map((t) => ({
          unitId: t.unitId,
          positionId: t.positionId,
          name: (t.positionId ? names.position(t.positionId) : null) ?? names.unit(t.unitId),
        })),
        instructions: p.instructions,
        note: p.note,
        urgency: p.urgency,
        dueAt: p.dueAt,
        response: p.response,
        attachments: p.attachments.map((a) => a.name),
        files: files(p.attachments),
        letterNumber: p.letter?.number ?? null,
        // A step done on paper: the date on the sheet, who entered it, and the scan.
        paper: p.paper ? { writtenOn: p.paper.writtenOn, recordedBy: names.user(p.paper.recordedBy), scan: file(p.paper.scan) } : null,
      };
    }
    case 'case.attachment_added':
      return { kind: 'attachment', attachments: [e.payload.attachment.name], files: files([e.payload.attachment]) };
    case 'case.document_issued':
      return { kind: 'document', document: e.payload.kind, format: e.payload.format };
    // Shown as recorded; a new type must be checked for ids to name and private fields first.
    case 'case.classified':
      return { kind: 'classified', ...e.payload };
    case 'case.paused':
    case 'case.extended':
    case 'case.escalated':
    case 'case.reopened':
      return { kind: 'reason', reason: e.payload.reason };
    case 'case.resumed':
      return { kind: 'resumed', note: e.payload.note };
    case 'case.note_added':
      return { kind: 'note', text: e.payload.text };
    case 'case.closed':
      return {
        kind: 'closed',
        reason: e.payload.reason,
        note: e.payload.note,
        ...(e.payload.duplicateOf ? { duplicateOf: e.payload.duplicateOf } : {}),
      };
    case 'case.answer_delivered':
      return { kind: 'delivered', channel: e.payload.channel, deliveredAt: e.payload.deliveredAt, note: e.payload.note };
  }
}

/**
 * An approval whose text differs from the draft it approves (the task it acts on was opened by
 * that draft): the approver corrected it before signing, so the timeline shows the draft as it
 * was. Derived from the log, so approvals recorded before approvers could edit need no new field.
 */
function approverEdit(e: CaseEvent, drafts: ReadonlyMap<string, CaseEvent>): { draftText?: string } {
  if (e.type !== 'case.approved' || e.payload.response === null) return {};
  const draft = drafts.get(e.payload.taskId.split(':')[0] ?? '');
  if (draft?.type !== 'case.drafted' || draft.payload.response === null) return {};
  return draft.payload.response.trim() === e.payload.response.trim() ? {} : { draftText: draft.payload.response };
}

/** The standard that applied to a step of this case (the extended one for extended cases). */
function stepStandard(preset: WorkflowPreset, state: CaseState, stepId: string): StepStandard | null {
  const step = preset.steps.find((s) => s.id === stepId);
  if (!step) return null;
  return state.extended && step.extendedStandard ? step.extendedStandard : step.standard;
}

export async function caseDetail(ctx: BackendContext, caller: Caller, caseId: string): Promise<CaseDetail> {
  // Re-derived from its hash-checked events and repaired first: a flipped projection is never served.
  await verifyCaseProjection(ctx, caseId);
  const office = await ctx.office();
  const proj = await ctx.projection();
  const st = await loadStoredCase(ctx.db, caseId);
  const v = visibilityOf(caller.actor, office.hubUnitId);
  if (!st || !canSeeCase(v, st)) throw new AppError('NOT_FOUND', 'Aduan tidak ditemukan.');
  const s = st.s;
  const preset = proj.preset(s.presetId, s.presetVersion);
  const cal = proj.engine.calendar;
  const events = await loadCaseEvents(ctx.db, caseId);
  const users = new Map((await listRefs(ctx.db, 'user')).map((u) => [u.id, u]));
  const positions = new Map((await listRefs(ctx.db, 'position')).map((p) => [p.id, p]));
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u]));
  const unitName = (id: string) => units.get(id)?.name ?? id;
  const conflicts = new Map(s.conflicts.map((c) => [c.eventId, c.message]));
  const tasks = new Map(s.tasks.map((t) => [t.id, t]));
  const attachments = attachmentsOf(events);
  const trust = await loadTrust(ctx.db, cal, { users, positions });

  const drafts = new Map(events.filter((e) => e.type === 'case.drafted').map((e) => [e.id, e]));
  const timeline: TimelineEntry[] = events.map((e) => {
    let stepName: string | null = null;
    let actionLabel: string | null = null;
    let took: number | null = null;
    let std: number | null = null;
    let standard: StepStandard | null = null;
    let paper = false;
    let signature: SignatureCheck | null = null;
    if (isAct(e)) {
      const step = preset.steps.find((x) => x.id === e.payload.stepId);
      stepName = step?.name ?? e.payload.stepId;
      actionLabel = step?.actions.find((a) => a.id === e.payload.actionId)?.label ?? e.payload.actionId;
      paper = e.payload.paper !== null;
      // A digital act the SOP has signed is checked on every read; a paper one shows who recorded it.
      const required = signatureRequired(preset, e);
      if (e.signature || required || paper) signature = checkSignature(trust, e, required);
      const task = tasks.get(e.payload.taskId);
      if (task && !conflicts.has(e.id)) {
        took = Math.round(elapsedWorkingMinutes(cal, task.openedAt, e.at, s.pauses));
        standard = stepStandard(preset, s, task.stepId);
        std = standard ? Math.round(workingMinutesBetween(cal, task.openedAt, addWorkingTime(cal, task.openedAt, standard))) : null;
      }
    }
    return {
      id: e.id,
      type: e.type,
      at: e.at,
      hlc: e.hlc,
      authorName: e.authorId ? (users.get(e.authorId)?.fullName ?? null) : null,
      positionTitle: e.positionId ? (positions.get(e.positionId)?.title ?? null) : null,
      acting: e.acting,
      stepName,
      actionLabel,
      tookMinutes: took,
      standardMinutes: std,
      standard,
      summary: {
        ...summarize(e, { unit: unitName, position: (id) => positions.get(id)?.title ?? null, user: (id) => users.get(id)?.fullName ?? null }),
        ...approverEdit(e, drafts),
      },
      paper,
      conflict: conflicts.get(e.id) ?? null,
      signature,
    };
  });

  const allowed: AllowedActionView[] =
    s.status === 'closed'
      ? []
      : allowedActions(preset, s, caller.actor).map((a) => ({
          taskId: a.taskId,
          stepId: a.stepId,
          stepName: preset.steps.find((x) => x.id === a.stepId)?.name ?? a.stepId,
          action: a.action,
          asPositionId: a.as.positionId,
          asTitle: a.as.title,
          acting: a.as.acting,
        }));

  let identity: Complainant | null = null;
  let identityHidden = false;
  if (s.hasIdentity) {
    if (s.privacy === 'rahasia' && !v.confidential) identityHidden = true;
    else {
      const row = await ctx.db.selectFrom('identity').selectAll().where('case_id', '=', caseId).executeTakeFirst();
      if (row) {
        identity = { name: row.name, nik: row.nik, phone: row.phone, email: row.email, address: row.address };
        if (s.privacy === 'rahasia') {
          await appendAudit(ctx, ctx.db, ctx.now(), { userId: caller.user.id, action: 'identity.read', target: caseId, detail: { ref: s.ref } });
        }
      }
    }
  }

  const nextDue = s.tasks
    .filter((t) => t.state === 'open' && t.dueAt !== null)
    .reduce<number | null>((m, t) => (m === null || (t.dueAt ?? m) < m ? t.dueAt : m), null);
  const now = ctx.now();
  return {
    case: {
      id: s.id,
      ref: s.ref,
      laporId: s.laporId,
      title: s.title,
      channel: s.channel,
      type: s.type,
      categoryId: s.categoryId,
      subcategoryId: s.subcategoryId,
      status: s.status,
      urgency: s.urgency,
      privacy: s.privacy,
      receivedAt: s.receivedAt,
      dueAt: nextDue,
      overdue: nextDue !== null && nextDue < now,
      paused: s.pausedSince !== null,
      currentSteps: [...new Set(s.tasks.filter((t) => t.state === 'open').map((t) => preset.steps.find((x) => x.id === t.stepId)?.name ?? t.stepId))],
      opdUnitIds: s.opdUnitIds,
      conflictCount: s.conflicts.length,
      description: s.description,
      location: s.location,
      strategic: s.strategic,
      extended: s.extended,
      escalatedAt: s.escalatedAt,
      answer: s.answer,
      response: s.response,
      answeredAt: s.answeredAt,
      closedAt: s.closedAt,
      presetId: s.presetId,
      attachments,
    },
    tasks: s.tasks,
    conflicts: s.conflicts,
    timeline,
    allowed,
    identity,
    identityHidden,
  };
}
