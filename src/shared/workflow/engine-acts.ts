/**
 * Acts on tasks (forward, dispose, return, draft, approve, answer): checking that an act is
 * still valid against the current state, and applying it. The same check serves the write
 * path (`checkAct`, refusing with a message) and the replay (`applyEvent`, recording a
 * conflict), so an act accepted when written is accepted when replayed in the same order.
 */
import type { WorkCalendar } from '../calendar/working-time';
import { ACT_EVENT_TYPES, type ActPayload, type CaseEvent } from '../domain/events';
import { ACT_KINDS, type ActKind, type PresetAction, type PresetStep, type WorkflowPreset } from './preset';
import type { CaseState, Task } from './state';
import { caseDue, closeTask, handlingStatus, indexPreset, isLive, recomputeDues, settleJoins, taskDue, type PresetIndex } from './engine-tasks';

/** An act event of the log (one of the six act types). */
export type ActEvent = CaseEvent & { type: (typeof ACT_EVENT_TYPES)[ActKind] };

/** The fields of an act that decide whether it is valid. */
interface ActFields {
  taskId: string;
  actionId: string;
  targets: ReadonlyArray<{ unitId: string; positionId: string | null }>;
  note: string | null;
  response: string | null;
}

/** The outcome of {@link resolveAct}: the task, step and action an act applies to, or why not. */
type ActCheck = { ok: true; task: Task; step: PresetStep; action: PresetAction } | { ok: false; message: string };

/** The act kind of an event type, or null for a case-level event. */
export function actKindOf(type: string): ActKind | null {
  for (const k of ACT_KINDS) if (ACT_EVENT_TYPES[k] === type) return k;
  return null;
}

function blank(s: string | null): boolean {
  return s === null || s.trim().length === 0;
}

const CASE_TYPE_LABEL: Record<string, string> = { aspirasi: 'aspirasi', pengaduan: 'pengaduan', informasi: 'permintaan informasi' };

/**
 * Whether `fields` is a valid act on `state` now. `kind` is the kind the event claims
 * (null on the write path, where it is derived from the action). Messages are Indonesian
 * and shown to the user as they are.
 */
export function resolveAct(preset: WorkflowPreset, state: CaseState, kind: ActKind | null, fields: ActFields): ActCheck {
  if (state.status === 'closed') return { ok: false, message: 'Aduan sudah ditutup; aksi ini tidak dapat diterapkan lagi.' };
  if (state.status === 'answered') return { ok: false, message: 'Aduan sudah dijawab kepada pengadu; aksi ini tidak dapat diterapkan lagi.' };
  const task = state.tasks.find((t) => t.id === fields.taskId);
  if (!task) return { ok: false, message: 'Tugas tidak ditemukan pada aduan ini.' };
  if (task.state === 'waiting') return { ok: false, message: 'Tugas ini masih menunggu tanggapan dari OPD lain.' };
  if (task.state !== 'open') return { ok: false, message: 'Tugas ini sudah ditindaklanjuti oleh aksi lain sebelumnya.' };
  const step = indexPreset(preset).steps.get(task.stepId);
  if (!step) return { ok: false, message: `Langkah "${task.stepId}" tidak dikenal pada preset ${preset.id} versi ${preset.version}.` };
  const action = step.actions.find((a) => a.id === fields.actionId);
  if (!action) return { ok: false, message: `Aksi "${fields.actionId}" tidak tersedia pada langkah "${step.name}".` };
  if (kind !== null && action.kind !== kind) return { ok: false, message: `Jenis aksi tidak sesuai dengan aksi "${action.label}" pada langkah ini.` };
  if (action.onlyForTypes && !action.onlyForTypes.includes(state.type)) {
    const types = action.onlyForTypes.map((t) => CASE_TYPE_LABEL[t] ?? t).join(', ');
    return { ok: false, message: `Aksi "${action.label}" hanya untuk aduan berjenis ${types}.` };
  }
  const problem = payloadProblem(state, task, action, fields);
  return problem ? { ok: false, message: problem } : { ok: true, task, step, action };
}

function payloadProblem(state: CaseState, task: Task, action: PresetAction, f: ActFields): string | null {
  if (action.kind === 'dispose') {
    if (f.targets.length === 0) return 'Disposisi harus memiliki sedikitnya satu tujuan.';
    if (action.targets === 'opd_units') {
      const seen = new Set<string>();
      for (const t of f.targets) {
        if (t.unitId === state.hubUnitId || t.unitId === task.unitId) return 'Tujuan disposisi ini harus unit OPD/instansi, bukan unit sendiri.';
        if (seen.has(t.unitId)) return 'Tujuan disposisi ganda: setiap OPD cukup disebut sekali.';
        seen.add(t.unitId);
      }
    } else {
      for (const t of f.targets) {
        if (t.unitId !== task.unitId) return 'Disposisi di dalam unit hanya boleh ke jabatan pada unit yang sama.';
        if (t.positionId === null) return 'Pilih jabatan tujuan disposisi.';
      }
    }
  } else if (f.targets.length > 0) {
    return `Aksi "${action.label}" tidak memakai tujuan disposisi.`;
  }
  if (action.requiresNote && blank(f.note)) {
    return action.kind === 'return' ? 'Alasan pengembalian wajib diisi.' : `Catatan wajib diisi untuk aksi "${action.label}".`;
  }
  if (action.kind === 'draft' && blank(f.response)) return 'Isi konsep tanggapan wajib diisi.';
  if (action.kind === 'answer' && blank(f.response)) return 'Isi jawaban kepada pengadu wajib diisi.';
  return null;
}

interface Placement {
  unitId: string;
  branchId: string | null;
  positionId: string | null;
}

/** The latest task at `stepId` matching `where`, searching from the end (most recent first). */
function latestAt(tasks: readonly Task[], stepId: string, where: (t: Task) => boolean): Task | undefined {
  for (let i = tasks.length - 1; i >= 0; i--) {
    const t = tasks[i];
    if (t && t.stepId === stepId && where(t)) return t;
  }
  return undefined;
}

/**
 * Where a non-dispose act leads: a hub step is at the desk unit outside any branch (so an
 * act from an OPD branch to a hub step ends that branch); an OPD step stays in the acting
 * branch. A return goes back to the post that held the step before (the drafter gets the
 * revision back), a forward to any holder of the step's role.
 */
function placeSingle(index: PresetIndex, state: CaseState, from: Task, to: PresetStep, kind: ActKind): Placement | null {
  const scope = index.roleScope.get(to.role);
  let unitId: string;
  let branchId: string | null;
  if (scope === 'hub') {
    unitId = state.hubUnitId;
    branchId = null;
  } else if (from.branchId !== null) {
    unitId = from.unitId;
    branchId = from.branchId;
  } else {
    // From the desk back into an OPD without a disposition: only where an OPD held that step.
    const prev = latestAt(state.tasks, to.id, (t) => t.branchId !== null);
    if (!prev) return null;
    unitId = prev.unitId;
    branchId = prev.branchId;
  }
  const prev = kind === 'return' ? latestAt(state.tasks, to.id, (t) => t.unitId === unitId && t.branchId === branchId) : undefined;
  return { unitId, branchId, positionId: prev?.positionId ?? null };
}

function openTask(e: ActEvent, i: number, step: PresetStep, at: Placement, p: ActPayload, returned: boolean): Task {
  return {
    id: `${e.id}:${i}`,
    stepId: step.id,
    roleId: step.role,
    unitId: at.unitId,
    positionId: at.positionId,
    branchId: at.branchId,
    state: 'open',
    openedAt: e.at,
    openedByEvent: e.id,
    dueAt: null,
    closedAt: null,
    closedByEvent: null,
    instructions: p.instructions,
    note: p.note,
    urgency: p.urgency,
    returned,
  };
}

/**
 * Applies a valid act (see {@link resolveAct}) and returns the next state, or a conflict
 * message when the act cannot be placed. `state.eventCount`/`lastEventAt` are left to the caller.
 */
export function applyAct(
  preset: WorkflowPreset,
  state: CaseState,
  e: ActEvent,
  ok: Extract<ActCheck, { ok: true }>,
  cal: WorkCalendar,
): CaseState | string {
  const index = indexPreset(preset);
  const p = e.payload;
  const { task, action } = ok;
  let tasks = state.tasks.map((t) => (t === task ? closeTask(t, e, 'done') : t));

  if (action.kind === 'answer') {
    tasks = tasks.map((t) => (isLive(t) ? closeTask(t, e, 'cancelled') : t));
    const pauses = endPause(state.pauses, e.at);
    const final = preset.rules.complainantResponseDays === null;
    return {
      ...state,
      tasks,
      pauses,
      pausedSince: null,
      status: final ? 'closed' : 'answered',
      answer: p.response,
      answeredAt: e.at,
      closedAt: final ? e.at : state.closedAt,
    };
  }

  const to = action.to === null ? undefined : index.steps.get(action.to);
  if (!to) return `Langkah tujuan aksi "${action.label}" tidak dikenal pada preset.`;
  const places: Placement[] = [];
  if (action.kind === 'dispose') {
    for (const t of p.targets) {
      places.push(
        action.targets === 'opd_units'
          ? { unitId: t.unitId, branchId: t.unitId, positionId: t.positionId }
          : { unitId: task.unitId, branchId: task.branchId, positionId: t.positionId },
      );
    }
  } else {
    const at = placeSingle(index, state, task, to, action.kind);
    if (!at) return `Unit tujuan langkah "${to.name}" tidak dapat ditentukan.`;
    places.push(at);
  }

  let opdUnitIds = state.opdUnitIds;
  let extended = state.extended;
  if (action.kind === 'dispose' && action.targets === 'opd_units') {
    const added = places.map((x) => x.unitId).filter((u) => !opdUnitIds.includes(u));
    if (added.length) opdUnitIds = [...opdUnitIds, ...added];
    // Several OPDs on one case: the SOP's 14-day standard applies to the drafting step.
    const branches = new Set<string>();
    for (const t of tasks) if (t.branchId !== null && isLive(t)) branches.add(t.branchId);
    for (const x of places) if (x.branchId !== null) branches.add(x.branchId);
    if (branches.size > 1) extended = true;
  }
  if (extended !== state.extended) tasks = recomputeDues(cal, index, tasks, { extended, pauses: state.pauses }, state);

  const timing = { extended, pauses: state.pauses };
  const branchLive = (exceptBranch: string | null) => tasks.some((t) => t.branchId !== null && t.branchId !== exceptBranch && isLive(t));
  places.forEach((at, i) => {
    const opened = openTask(e, i, to, at, p, action.kind === 'return');
    const waits = index.joinSteps.has(to.id) && at.branchId === null && branchLive(null);
    opened.state = waits ? 'waiting' : 'open';
    opened.dueAt = waits ? null : (p.dueAt ?? taskDue(cal, to, e.at, timing));
    if (p.dueAt !== null && !waits) opened.dueOverride = p.dueAt;
    tasks.push(opened);
  });
  tasks = settleJoins(cal, index, tasks, e, timing);

  const response = (action.kind === 'draft' || action.kind === 'approve') && p.response !== null ? p.response : state.response;
  const next: CaseState = { ...state, tasks, opdUnitIds, extended, response, status: handlingStatus(tasks, response) };
  return extended !== state.extended ? { ...next, dueAt: caseDue(cal, index, next) } : next;
}

/** Closes the open pause, if any, at `at`. */
export function endPause(pauses: CaseState['pauses'], at: number): CaseState['pauses'] {
  const last = pauses[pauses.length - 1];
  if (!last || last.to !== null) return pauses;
  return [...pauses.slice(0, -1), { from: last.from, to: Math.max(at, last.from) }];
}
