/**
 * Building blocks of the workflow engine: a cached index of a preset, task due times, the
 * case status rule and the join rule. Pure; no state is kept except the per-preset index,
 * which is derived data cached by object identity (presets are never mutated).
 */
import { dueAt, type WorkCalendar, type WorkDuration } from '../calendar/working-time';
import type { CaseStatus, RoleScope } from '../domain/enums';
import type { CaseEvent } from '../domain/events';
import type { ActorPosition } from '../domain/org';
import type { PresetStep, WorkflowPreset } from './preset';
import type { CaseState, Task } from './state';

/** Lookups the engine needs on every event, built once per preset object. */
export interface PresetIndex {
  steps: ReadonlyMap<string, PresetStep>;
  roleScope: ReadonlyMap<string, RoleScope>;
  roleName: ReadonlyMap<string, string>;
  /** Ids of the steps marked `join`. */
  joinSteps: ReadonlySet<string>;
  /** Where a reopened case resumes: the hub step that disposes to the OPDs. */
  reopenStepId: string;
  /** The whole-process standard, normal and extended (null when the SOP states none). */
  total: WorkDuration | null;
  totalExtended: WorkDuration | null;
}

const indexCache = new WeakMap<WorkflowPreset, PresetIndex>();

/**
 * The cached index of `preset`. The extended total adds, for every step that has an
 * extended standard, the difference to its normal standard (Balangan: 7 days 8 h 30 min
 * becomes 16 days 8 h 30 min when the drafting step runs 14 days instead of 5).
 */
export function indexPreset(preset: WorkflowPreset): PresetIndex {
  const hit = indexCache.get(preset);
  if (hit) return hit;
  const steps = new Map(preset.steps.map((s) => [s.id, s] as const));
  const roleScope = new Map(preset.roles.map((r) => [r.id, r.scope] as const));
  const roleName = new Map(preset.roles.map((r) => [r.id, r.name] as const));
  const joinSteps = new Set(preset.steps.filter((s) => s.join).map((s) => s.id));
  const disposing = preset.steps.find(
    (s) => roleScope.get(s.role) === 'hub' && s.actions.some((a) => a.kind === 'dispose' && a.targets === 'opd_units' && !a.fastLane),
  );
  const base = preset.rules.totalStandard ?? null;
  let totalExtended: WorkDuration | null = null;
  if (base) {
    let days = base.days ?? 0;
    let minutes = base.minutes ?? 0;
    for (const s of preset.steps) {
      if (!s.extendedStandard) continue;
      days += (s.extendedStandard.days ?? 0) - (s.standard.days ?? 0);
      minutes += (s.extendedStandard.minutes ?? 0) - (s.standard.minutes ?? 0);
    }
    totalExtended = { days: Math.max(0, days), minutes: Math.max(0, minutes) };
  }
  const index: PresetIndex = {
    steps,
    roleScope,
    roleName,
    joinSteps,
    reopenStepId: disposing?.id ?? preset.startStep,
    total: base,
    totalExtended,
  };
  indexCache.set(preset, index);
  return index;
}

/** The standard a step runs on for this case: the extended one when the case is extended. */
export function standardOf(step: PresetStep, extended: boolean): WorkDuration {
  return extended && step.extendedStandard ? step.extendedStandard : step.standard;
}

/** Due time of an open task from its opening instant, the case's pauses and extension. */
export function taskDue(cal: WorkCalendar, step: PresetStep, openedAt: number, state: Pick<CaseState, 'extended' | 'pauses'>): number | null {
  return dueAt(cal, openedAt, standardOf(step, state.extended), state.pauses);
}

/** Due time of the whole case (registration + the SOP's total), or null without a total. */
export function caseDue(cal: WorkCalendar, index: PresetIndex, state: Pick<CaseState, 'extended' | 'pauses' | 'registeredAt'>): number | null {
  const total = state.extended ? index.totalExtended : index.total;
  return total ? dueAt(cal, state.registeredAt, total, state.pauses) : null;
}

/** True for a task someone still has to act on (open) or that waits for other branches. */
export function isLive(t: Task): boolean {
  return t.state === 'open' || t.state === 'waiting';
}

/**
 * Status of a case still in handling, from its live tasks: `in_process` while any OPD
 * branch has a live task; otherwise `responded` once an OPD has produced a response text,
 * `registered` before (including a case an OPD returned as *bukan kewenangan* before
 * drafting anything: it is back at the desk without an answer).
 */
export function handlingStatus(tasks: readonly Task[], response: string | null): CaseStatus {
  for (const t of tasks) if (t.branchId !== null && isLive(t)) return 'in_process';
  return response !== null ? 'responded' : 'registered';
}

/** The task closed by an act or by the case ending. A closed task has no due time. */
export function closeTask(t: Task, e: CaseEvent, state: 'done' | 'cancelled'): Task {
  return { ...t, state, dueAt: null, closedAt: e.at, closedByEvent: e.id };
}

/**
 * Recomputes the due time of every open task from its opening instant under `next` (after a
 * resume, or when the case becomes extended). With `before` (an extension), only tasks at
 * steps with an extended standard change, and only if their due is what the standard gave
 * under `before`: a task carrying a disposition's own due date keeps it.
 */
export function recomputeDues(
  cal: WorkCalendar,
  index: PresetIndex,
  tasks: readonly Task[],
  next: Pick<CaseState, 'extended' | 'pauses'>,
  before: Pick<CaseState, 'extended' | 'pauses'> | null,
): Task[] {
  return tasks.map((t) => {
    if (t.state !== 'open') return t;
    if (t.dueOverride != null) return t.dueAt === t.dueOverride ? t : { ...t, dueAt: t.dueOverride };
    const step = index.steps.get(t.stepId);
    if (!step) return t;
    if (before) {
      if (!step.extendedStandard) return t;
      if (t.dueAt !== null && t.dueAt !== taskDue(cal, step, t.openedAt, before)) return t;
    }
    const due = taskDue(cal, step, t.openedAt, next);
    return due === t.dueAt ? t : { ...t, dueAt: due };
  });
}

/**
 * The join rule, applied after every act. A join step gathers the OPD branches at the desk:
 * while any OPD branch still has a live task, tasks at a join step wait (no due time); once
 * none has, exactly one task per join step is open (the latest arrival) and the earlier
 * arrivals are `done`, closed by the event that completed the gathering.
 */
export function settleJoins(
  cal: WorkCalendar,
  index: PresetIndex,
  tasks: Task[],
  e: CaseEvent,
  state: Pick<CaseState, 'extended' | 'pauses'>,
): Task[] {
  if (index.joinSteps.size === 0) return tasks;
  let branchOpen = false;
  let anyJoin = false;
  for (const t of tasks) {
    if (t.branchId !== null && isLive(t)) branchOpen = true;
    if (isLive(t) && index.joinSteps.has(t.stepId)) anyJoin = true;
  }
  if (!anyJoin) return tasks;
  if (branchOpen) {
    // A new disposition went out while the desk held the gathered response: wait again.
    return tasks.map((t) => (t.state === 'open' && index.joinSteps.has(t.stepId) ? { ...t, state: 'waiting', dueAt: null } : t));
  }
  const keep = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (!isLive(t) || !index.joinSteps.has(t.stepId)) return;
    const k = keep.get(t.stepId);
    const cur = k === undefined ? undefined : tasks[k];
    if (!cur || t.openedAt >= cur.openedAt) keep.set(t.stepId, i);
  });
  const kept = new Set(keep.values());
  return tasks.map((t, i) => {
    if (!isLive(t) || !index.joinSteps.has(t.stepId)) return t;
    if (!kept.has(i)) return closeTask(t, e, 'done');
    if (t.state === 'open') return t;
    const step = index.steps.get(t.stepId);
    const openedAt = Math.max(t.openedAt, e.at);
    return { ...t, state: 'open', openedAt, dueAt: step ? taskDue(cal, step, openedAt, state) : null };
  });
}

/**
 * The actor's post that may act on `task`: same unit and role, and the task's named post
 * when it has one. With `preferId`, only that post (if it fits).
 */
export function positionFor(task: Task, positions: readonly ActorPosition[], preferId?: string): ActorPosition | undefined {
  const fits = (p: ActorPosition) =>
    p.unitId === task.unitId && p.roleId === task.roleId && (task.positionId === null || task.positionId === p.positionId);
  if (preferId !== undefined) return positions.find((p) => p.positionId === preferId && fits(p));
  return positions.find(fits);
}
