/**
 * The end of a case besides the answer: the complainant's reaction (a reopen within the
 * preset's reaction window), a close by hand with a reason, and the SOP's ways out of a step
 * without an answer (Magetan: forwarded by the Super Admin to another agency, or not the
 * kabupaten's). The write path (services) and the replay (`applyEvent`) ask the same
 * questions here, so an act accepted when written is accepted when replayed.
 */
import { addWorkingTime, type WorkCalendar } from '../calendar/working-time';
import type { CloseReason } from '../domain/events';
import type { WorkflowPreset } from './preset';
import type { CaseState } from './state';
import { indexPreset } from './engine-tasks';

/** Close reasons a person may choose (`no_reaction` is the system's). */
export type ManualCloseReason = Exclude<CloseReason, 'no_reaction'>;

/**
 * The reasons the desk may close the case with now: none once closed; `manual` and
 * `duplicate` otherwise; plus the `closeReasons` of the steps of its open tasks.
 */
export function closeReasonsNow(preset: WorkflowPreset, state: CaseState): ManualCloseReason[] {
  if (state.status === 'closed') return [];
  const out: ManualCloseReason[] = ['manual', 'duplicate'];
  const steps = indexPreset(preset).steps;
  for (const t of state.tasks) {
    if (t.state !== 'open') continue;
    for (const r of steps.get(t.stepId)?.closeReasons ?? []) if (!out.includes(r)) out.push(r);
  }
  return out;
}

/** Why a close with `reason` cannot apply to `state` (Indonesian), or null when it can. */
export function closeProblem(preset: WorkflowPreset, state: CaseState, reason: CloseReason): string | null {
  if (reason === 'no_reaction') {
    return state.status === 'answered' ? null : 'Penutupan otomatis tidak berlaku: aduan tidak sedang menunggu reaksi pengadu.';
  }
  if (state.status === 'closed') return 'Aduan ini sudah ditutup.';
  if (!closeReasonsNow(preset, state).includes(reason)) return 'Alasan penutupan ini tidak berlaku pada langkah aduan sekarang.';
  return null;
}

/**
 * Until when the complainant may react to the answer (the case reopens), or null when it
 * cannot be reopened: not answered, or the preset gives no reaction period (the answer
 * closes the case at once).
 */
export function reactionDeadline(preset: WorkflowPreset, state: CaseState, cal: WorkCalendar): number | null {
  const days = preset.rules.complainantResponseDays;
  if (state.status !== 'answered' || state.answeredAt === null || days === null) return null;
  return addWorkingTime(cal, state.answeredAt, { days });
}

/** Why the case cannot be reopened at `at` (Indonesian), or null when it can. */
export function reopenProblem(preset: WorkflowPreset, state: CaseState, at: number, cal: WorkCalendar): string | null {
  if (state.status !== 'answered') return 'Hanya aduan yang sudah dijawab dan masih dalam masa tanggapan pengadu yang dapat dibuka kembali.';
  const until = reactionDeadline(preset, state, cal);
  if (until === null || at >= until) return 'Masa tanggapan pengadu atas jawaban ini sudah lewat.';
  return null;
}

/**
 * True when every live task of the case is at a step done outside the office
 * (`performedBy`): the case is out of the office's hands (Magetan: returned to the Super
 * Admin), so its time is not the office's to be escalated for.
 */
export function outsideOffice(preset: WorkflowPreset, state: CaseState): boolean {
  const steps = indexPreset(preset).steps;
  let any = false;
  for (const t of state.tasks) {
    if (t.state !== 'open' && t.state !== 'waiting') continue;
    any = true;
    if (steps.get(t.stepId)?.performedBy === undefined) return false;
  }
  return any;
}

/**
 * Why the delivery of the answer at `deliveredAt`, recorded at `at`, cannot apply (Indonesian),
 * or null when it can: the case must carry an answer (answered, or closed after it), and the
 * delivery cannot precede the answer nor be later than its recording.
 */
export function deliveryProblem(state: CaseState, deliveredAt: number, at: number): string | null {
  if (state.answeredAt === null || (state.status !== 'answered' && state.status !== 'closed'))
    return 'Aduan ini belum dijawab; penyampaian jawaban belum dapat dicatat.';
  if (deliveredAt < state.answeredAt) return 'Waktu penyampaian tidak boleh sebelum jawaban diberikan.';
  if (deliveredAt > at) return 'Waktu penyampaian tidak boleh di masa depan.';
  return null;
}
