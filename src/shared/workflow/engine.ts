/**
 * The workflow engine: a pure reducer from the event log to a case's state, plus the
 * questions the UI and the services ask of it (what may this person do now, is this act
 * valid, what must the system append by itself). Presets are data; this file interprets
 * the closed set of action kinds they compose.
 *
 * Replay never throws and never drops an event: an event that no longer applies (two
 * officials acted on the same step offline; the log is applied in HLC order) leaves the
 * state unchanged except for a `conflicts` entry and the event counters.
 */
import type { WorkCalendar } from '../calendar/working-time';
import type { CaseEvent } from '../domain/events';
import type { Actor } from '../domain/org';
import { assertNever } from '../result';
import type { PresetStep, WorkflowPreset } from './preset';
import type { AllowedAction, CaseState, Task } from './state';
import { actKindOf, applyAct, endPause, resolveAct, type ActEvent } from './engine-acts';
import { caseDue, closeTask, indexPreset, isLive, positionFor, recomputeDues, taskDue } from './engine-tasks';
import { closeProblem, deliveryProblem, reopenProblem } from './engine-reaction';

export { checkAct, type ActCheckInput, type CheckedAct } from './engine-check';
export { automaticEvents, caseIsOverdue, stepDurations, type StepDuration } from './engine-auto';
export {
  closeProblem,
  closeReasonsNow,
  deliveryProblem,
  outsideOffice,
  reactionDeadline,
  reopenProblem,
  type ManualCloseReason,
} from './engine-reaction';

/** What the engine needs besides the preset: the office's working calendar. */
export interface EngineContext {
  calendar: WorkCalendar;
}

/** The step `stepId` of `preset`, or undefined when the preset has no such step. */
function stepOf(preset: WorkflowPreset, stepId: string): PresetStep | undefined {
  return indexPreset(preset).steps.get(stepId);
}

/**
 * The state of a case right after its registration: status `registered`, one open task at
 * the preset's start step for the desk unit, due by that step's standard from the event's
 * time, and the whole-case due time from the preset's total standard when it has one.
 */
export function startCase(preset: WorkflowPreset, event: CaseEvent & { type: 'case.registered' }, ctx: EngineContext): CaseState {
  const index = indexPreset(preset);
  const p = event.payload;
  const step = index.steps.get(preset.startStep);
  const timing = { extended: false, pauses: [] };
  const tasks: Task[] = step
    ? [
        {
          id: `${event.id}:0`,
          stepId: step.id,
          roleId: step.role,
          unitId: p.hubUnitId,
          positionId: null,
          branchId: null,
          state: 'open',
          openedAt: event.at,
          openedByEvent: event.id,
          dueAt: taskDue(ctx.calendar, step, event.at, timing),
          closedAt: null,
          closedByEvent: null,
          instructions: [],
          note: null,
          urgency: null,
          returned: false,
        },
      ]
    : [];
  return {
    id: event.caseId,
    ref: p.ref,
    presetId: p.presetId,
    presetVersion: p.presetVersion,
    hubUnitId: p.hubUnitId,
    channel: p.channel,
    laporId: p.laporId,
    receivedAt: p.receivedAt,
    registeredAt: event.at,
    type: p.type,
    categoryId: p.categoryId,
    subcategoryId: p.subcategoryId,
    title: p.title,
    description: p.description,
    location: p.location,
    privacy: p.privacy,
    urgency: p.urgency,
    strategic: false,
    hasIdentity: false,
    status: 'registered',
    extended: false,
    escalatedAt: null,
    pausedSince: null,
    pauses: [],
    tasks,
    opdUnitIds: [],
    response: null,
    answer: null,
    answeredAt: null,
    closedAt: null,
    dueAt: caseDue(ctx.calendar, index, { ...timing, registeredAt: event.at }),
    conflicts: [],
    eventCount: 1,
    lastEventAt: event.at,
  };
}

function counted(state: CaseState, e: CaseEvent): CaseState {
  return { ...state, eventCount: state.eventCount + 1, lastEventAt: Math.max(state.lastEventAt, e.at) };
}

function conflict(state: CaseState, e: CaseEvent, message: string): CaseState {
  return { ...counted(state, e), conflicts: [...state.conflicts, { eventId: e.id, message }] };
}

const ENDED = 'Aduan sudah selesai; peristiwa ini tidak dapat diterapkan.';

/**
 * Applies one event of the log to a case's state and returns the new state (the input is
 * never mutated; unchanged tasks are shared). See the module comment for invalid events.
 *
 * Rules where the SOPs leave room:
 * - acting on a paused case is allowed and does not resume it: new tasks get no due time
 *   until the desk resumes; the answer ends the pause (the clock stops at the answer);
 * - `case.reopened` (the complainant's reaction: answered, within the preset's reaction
 *   period) reopens the case `in_process` with a task at the desk step that disposes to
 *   the OPDs: the office decides again where it goes;
 * - `case.closed` by a person is refused on a closed case, and `transferred`/`not_competent`
 *   only where an open step offers it (`closeReasons`);
 * - repeated automatic events (authorless close/escalation already applied) change nothing
 *   and are not conflicts: two workstations may both have appended them.
 */
export function applyEvent(preset: WorkflowPreset, state: CaseState, event: CaseEvent, ctx: EngineContext): CaseState {
  const cal = ctx.calendar;
  const e = event;
  const ended = state.status === 'closed';
  const handled = ended || state.status === 'answered';
  switch (e.type) {
    case 'case.registered':
      return conflict(state, e, 'Aduan ini sudah terdaftar; registrasi ganda diabaikan.');
    case 'case.identity_recorded':
      return { ...counted(state, e), hasIdentity: true };
    case 'case.note_added':
    case 'case.attachment_added':
    case 'case.document_issued':
      return counted(state, e);
    case 'case.classified': {
      if (ended) return conflict(state, e, ENDED);
      const c = e.payload;
      return {
        ...counted(state, e),
        type: c.type,
        categoryId: c.categoryId,
        subcategoryId: c.subcategoryId,
        urgency: c.urgency,
        strategic: c.strategic,
      };
    }
    case 'case.paused': {
      if (handled) return conflict(state, e, ENDED);
      if (state.pausedSince !== null) return conflict(state, e, 'Waktu aduan ini sudah dihentikan sementara.');
      const tasks = state.tasks.map((t) => (t.state === 'open' && t.dueAt !== null ? { ...t, dueAt: null } : t));
      return { ...counted(state, e), pausedSince: e.at, pauses: [...state.pauses, { from: e.at, to: null }], tasks, dueAt: null };
    }
    case 'case.resumed': {
      if (state.pausedSince === null) return conflict(state, e, 'Waktu aduan ini tidak sedang dihentikan.');
      const next = { ...counted(state, e), pausedSince: null, pauses: endPause(state.pauses, e.at) };
      const index = indexPreset(preset);
      return { ...next, tasks: recomputeDues(cal, index, state.tasks, next, null), dueAt: caseDue(cal, index, next) };
    }
    case 'case.extended': {
      if (handled) return conflict(state, e, ENDED);
      if (state.extended) return conflict(state, e, 'Batas waktu aduan ini sudah diperpanjang.');
      const index = indexPreset(preset);
      const next = { ...counted(state, e), extended: true };
      return { ...next, tasks: recomputeDues(cal, index, state.tasks, next, state), dueAt: caseDue(cal, index, next) };
    }
    case 'case.escalated':
      if (state.escalatedAt !== null || handled)
        return e.authorId === null
          ? counted(state, e)
          : conflict(state, e, state.escalatedAt !== null ? 'Aduan ini sudah diteruskan ke Ombudsman.' : ENDED);
      return { ...counted(state, e), escalatedAt: e.at };
    case 'case.closed': {
      if (ended) return e.authorId === null ? counted(state, e) : conflict(state, e, 'Aduan ini sudah ditutup.');
      const problem = closeProblem(preset, state, e.payload.reason);
      if (problem) return conflict(state, e, problem);
      const tasks = state.tasks.map((t) => (isLive(t) ? closeTask(t, e, 'cancelled') : t));
      const duplicateOf = e.payload.reason === 'duplicate' ? (e.payload.duplicateOf ?? null) : null;
      return {
        ...counted(state, e),
        status: 'closed',
        closedAt: e.at,
        tasks,
        pausedSince: null,
        pauses: endPause(state.pauses, e.at),
        closeReason: e.payload.reason,
        duplicateOf,
      };
    }
    case 'case.reopened': {
      const problem = reopenProblem(preset, state, e.at, cal);
      // The delivery recorded belonged to the answer the complainant just rejected.
      return problem ? conflict(state, e, problem) : { ...reopen(preset, state, e, ctx), reopens: (state.reopens ?? 0) + 1, delivery: null };
    }
    case 'case.answer_delivered': {
      const problem = deliveryProblem(state, e.payload.deliveredAt, e.at);
      return problem ? conflict(state, e, problem) : { ...counted(state, e), delivery: { channel: e.payload.channel, at: e.payload.deliveredAt } };
    }
    case 'case.forwarded':
    case 'case.disposed':
    case 'case.returned':
    case 'case.drafted':
    case 'case.approved':
    case 'case.answered':
      return act(preset, state, e, cal);
    default:
      return assertNever(e, 'event');
  }
}

function act(preset: WorkflowPreset, state: CaseState, e: ActEvent, cal: WorkCalendar): CaseState {
  const kind = actKindOf(e.type);
  const p = e.payload;
  const check = resolveAct(preset, state, kind, { taskId: p.taskId, actionId: p.actionId, targets: p.targets, note: p.note, response: p.response });
  if (!check.ok) return conflict(state, e, check.message);
  if (check.task.stepId !== p.stepId) return conflict(state, e, 'Langkah pada aksi tidak sesuai dengan tugasnya.');
  const next = applyAct(preset, state, e, check, cal);
  return typeof next === 'string' ? conflict(state, e, next) : counted(next, e);
}

function reopen(preset: WorkflowPreset, state: CaseState, e: CaseEvent & { type: 'case.reopened' }, ctx: EngineContext): CaseState {
  const index = indexPreset(preset);
  const step = index.steps.get(index.reopenStepId);
  const base: CaseState = { ...counted(state, e), status: 'in_process', closedAt: null };
  if (!step) return base;
  const task: Task = {
    id: `${e.id}:0`,
    stepId: step.id,
    roleId: step.role,
    unitId: state.hubUnitId,
    positionId: null,
    branchId: null,
    state: 'open',
    openedAt: e.at,
    openedByEvent: e.id,
    dueAt: taskDue(ctx.calendar, step, e.at, state),
    closedAt: null,
    closedByEvent: null,
    instructions: [],
    note: e.payload.reason,
    urgency: null,
    returned: false,
  };
  return { ...base, tasks: [...state.tasks, task] };
}

/**
 * What `actor` may do on the case now: for every open task whose unit and role match one of
 * the actor's posts (and, when the task names a post, that exact post), every action of the
 * task's step the case qualifies for (`onlyForTypes`). Nothing on an answered or closed
 * case. A paused case still offers its actions: work may go on while the clock stands still.
 */
export function allowedActions(preset: WorkflowPreset, state: CaseState, actor: Actor): AllowedAction[] {
  if (state.status === 'closed' || state.status === 'answered') return [];
  const out: AllowedAction[] = [];
  for (const task of state.tasks) {
    if (task.state !== 'open') continue;
    const as = positionFor(task, actor.positions);
    if (!as) continue;
    const step = stepOf(preset, task.stepId);
    if (!step) continue;
    for (const action of step.actions) {
      if (action.onlyForTypes && !action.onlyForTypes.includes(state.type)) continue;
      out.push({ taskId: task.id, stepId: step.id, action, as });
    }
  }
  return out;
}
