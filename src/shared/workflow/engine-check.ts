/**
 * The write path of an act: checking what a person asks to do against the case's current
 * state and their posts, and building the event payload. The replay applies the same
 * checks (`resolveAct`), so an act this accepts is accepted when the log is replayed.
 */
import { ACT_EVENT_TYPES, type ActPayload, type AttachmentRef } from '../domain/events';
import type { Urgency } from '../domain/enums';
import type { Actor, ActorPosition } from '../domain/org';
import { err, ok, type Result } from '../result';
import type { ActKind, WorkflowPreset } from './preset';
import type { CaseState } from './state';
import { resolveAct } from './engine-acts';
import { indexPreset, positionFor } from './engine-tasks';

/** What the caller asks to do (the parsed `case.act` input, or a subset of it). */
export interface ActCheckInput {
  caseId?: string;
  taskId: string;
  actionId: string;
  /** The post the actor acts as; when absent, the first post that fits the task. */
  asPositionId?: string;
  targets?: ReadonlyArray<{ unitId: string; positionId?: string | null }>;
  instructions?: readonly string[];
  note?: string | null;
  urgency?: Urgency | null;
  dueAt?: number | null;
  response?: string | null;
  attachments?: readonly AttachmentRef[];
  paper?: ActPayload['paper'];
}

/** An accepted act: the event type and payload to append, and the post it is done as. */
export interface CheckedAct {
  type: (typeof ACT_EVENT_TYPES)[ActKind];
  payload: ActPayload;
  as: ActorPosition;
}

function text(s: string | null | undefined): string | null {
  const t = s?.trim() ?? '';
  return t.length ? t : null;
}

/**
 * Checks an act and builds its event. Refuses with `FORBIDDEN` when the actor holds no post
 * that may act on the task, and with `INVALID_ACTION` (and a message for the user) when the
 * case is answered or closed, the task is unknown or no longer open, the action is not one
 * of the step's, a disposition has no targets or targets of the wrong kind, a return lacks
 * its required reason, or a draft or answer has no text. Whether target units and posts
 * exist is the caller's check (the engine knows only the case).
 */
export function checkAct(preset: WorkflowPreset, state: CaseState, actor: Actor, input: ActCheckInput): Result<CheckedAct> {
  const targets = (input.targets ?? []).map((t) => ({ unitId: t.unitId, positionId: t.positionId ?? null }));
  const note = text(input.note);
  const response = text(input.response);
  const task = state.tasks.find((t) => t.id === input.taskId);
  if (task && task.state === 'open' && state.status !== 'closed' && state.status !== 'answered') {
    const as = positionFor(task, actor.positions, input.asPositionId);
    if (!as) {
      const role = indexPreset(preset).roleName.get(task.roleId) ?? task.roleId;
      const who = task.positionId === null ? role : `pejabat ${role} yang dituju disposisi`;
      return err('FORBIDDEN', `Tugas ini hanya dapat dikerjakan oleh ${who} pada unit yang bersangkutan.`);
    }
    const check = resolveAct(preset, state, null, { taskId: input.taskId, actionId: input.actionId, targets, note, response });
    if (!check.ok) return err('INVALID_ACTION', check.message);
    const payload: ActPayload = {
      taskId: task.id,
      stepId: task.stepId,
      actionId: check.action.id,
      targets,
      instructions: [...(input.instructions ?? [])],
      note,
      urgency: input.urgency ?? null,
      dueAt: input.dueAt ?? null,
      response,
      attachments: [...(input.attachments ?? [])],
      paper: input.paper ?? null,
      letter: null,
    };
    return ok({ type: ACT_EVENT_TYPES[check.action.kind], payload, as });
  }
  // Not actionable: let the shared check word the reason (closed case, unknown or done task).
  const check = resolveAct(preset, state, null, { taskId: input.taskId, actionId: input.actionId, targets, note, response });
  return err('INVALID_ACTION', check.ok ? 'Tugas ini tidak dapat dikerjakan saat ini.' : check.message);
}
