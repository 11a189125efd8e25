/**
 * The engine's time-driven side: events the system appends by itself (automatic close after
 * the complainant's reaction period, Ombudsman escalation), overdue checks and per-step
 * durations for the reports. Pure functions of a case's state, a preset and `now`.
 */
import { addWorkingTime, dueAt, elapsedWorkingMinutes, workingMinutesBetween, type WorkCalendar } from '../calendar/working-time';
import type { EventBody } from '../domain/events';
import type { WorkflowPreset } from './preset';
import type { CaseState } from './state';
import { indexPreset, standardOf } from './engine-tasks';
import { outsideOffice } from './engine-reaction';

/** The calendar the time rules count in (structurally the engine's context). */
interface TimeContext {
  calendar: WorkCalendar;
}

/**
 * Events the system itself must append now (authorless), in order:
 * - `case.closed` (`no_reaction`) when the case is answered and the complainant's reaction
 *   period (`rules.complainantResponseDays` working days from the answer) has run out;
 * - `case.escalated` when `rules.ombudsmanAfterDays` working days have passed since
 *   registration (time paused excluded; nothing while paused), the case is neither
 *   answered nor closed, not waiting only outside the office (Magetan: returned to the
 *   Super Admin, see `performedBy`), and it was not escalated before.
 * Idempotent: once applied, the same state yields nothing.
 */
export function automaticEvents(preset: WorkflowPreset, state: CaseState, now: number, ctx: TimeContext): EventBody[] {
  const rules = preset.rules;
  const out: EventBody[] = [];
  if (state.status === 'answered' && rules.complainantResponseDays !== null && state.answeredAt !== null) {
    const days = rules.complainantResponseDays;
    if (now >= addWorkingTime(ctx.calendar, state.answeredAt, { days })) {
      out.push({
        type: 'case.closed',
        payload: { reason: 'no_reaction', note: `Tidak ada tanggapan dari pengadu dalam ${days} hari kerja setelah jawaban; aduan selesai.` },
      });
    }
  }
  if (
    rules.ombudsmanAfterDays !== null &&
    state.escalatedAt === null &&
    state.status !== 'answered' &&
    state.status !== 'closed' &&
    !outsideOffice(preset, state)
  ) {
    const days = rules.ombudsmanAfterDays;
    const limit = dueAt(ctx.calendar, state.registeredAt, { days }, state.pauses);
    if (limit !== null && now >= limit) {
      out.push({
        type: 'case.escalated',
        payload: { reason: `Aduan belum dijawab dalam ${days} hari kerja sejak registrasi; diteruskan ke Ombudsman RI.` },
      });
    }
  }
  return out;
}

/** True when any open task of the case is past its due time at `now`. */
export function caseIsOverdue(state: CaseState, now: number): boolean {
  for (const t of state.tasks) if (t.state === 'open' && t.dueAt !== null && t.dueAt < now) return true;
  return false;
}

/** How long one finished task took, against its step's standard, in working minutes. */
export interface StepDuration {
  taskId: string;
  stepId: string;
  unitId: string;
  openedAt: number;
  closedAt: number;
  /** Office minutes the task took, time paused excluded. */
  tookMinutes: number;
  /** Office minutes the step's standard (extended when the case is) is worth from its opening. */
  standardMinutes: number;
  late: boolean;
}

/**
 * For every task finished by an act (`done`), the working time it took against the step
 * standard: the per-step figures of the SOP reports (average, worst, on time or late).
 */
export function stepDurations(preset: WorkflowPreset, state: CaseState, ctx: TimeContext): StepDuration[] {
  const out: StepDuration[] = [];
  for (const t of state.tasks) {
    if (t.state !== 'done' || t.closedAt === null) continue;
    const step = indexPreset(preset).steps.get(t.stepId);
    if (!step) continue;
    const std = standardOf(step, state.extended);
    const standardMinutes = workingMinutesBetween(ctx.calendar, t.openedAt, addWorkingTime(ctx.calendar, t.openedAt, std));
    const tookMinutes = elapsedWorkingMinutes(ctx.calendar, t.openedAt, t.closedAt, state.pauses);
    out.push({
      taskId: t.id,
      stepId: t.stepId,
      unitId: t.unitId,
      openedAt: t.openedAt,
      closedAt: t.closedAt,
      tookMinutes,
      standardMinutes,
      late: tookMinutes > standardMinutes,
    });
  }
  return out;
}
