/**
 * The projected state of one case, as the workflow engine computes it from the log.
 * Everything here is derivable: drop it and replay the events to get it back, identical.
 */
import type { CaseStatus, CaseType, Channel, DeliveryChannel, Privacy, Urgency } from '../domain/enums';
import type { CloseReason } from '../domain/events';
import type { ActorPosition } from '../domain/org';
import type { PresetAction } from './preset';

type TaskState = 'open' | 'waiting' | 'done' | 'cancelled';

/** One piece of work at one step for one unit (and, optionally, one specific post). */
export interface Task {
  /** Deterministic: `<id of the event that opened it>:<index>`. */
  id: string;
  stepId: string;
  roleId: string;
  unitId: string;
  /** A specific post chosen in a disposition, or null: any post of `roleId` in `unitId`. */
  positionId: string | null;
  /** The OPD branch this task belongs to (the OPD's unit id); null on the desk side. */
  branchId: string | null;
  /** `waiting`: a join step that waits for other branches before it opens. */
  state: TaskState;
  openedAt: number;
  openedByEvent: string;
  /** null while the case clock is paused, or for a task that is not open. */
  dueAt: number | null;
  /**
   * The due date the disposition that opened it set (instead of the step's standard). It
   * survives a pause and an extension: the official's date stands. Absent in states stored
   * before it existed, which is the same as null.
   */
  dueOverride?: number | null;
  closedAt: number | null;
  closedByEvent: string | null;
  /** What the disposition that opened it said. */
  instructions: string[];
  note: string | null;
  urgency: Urgency | null;
  /** Opened by a return (revision or bukan kewenangan): the note says why. */
  returned: boolean;
}

export interface Conflict {
  eventId: string;
  /** Indonesian, one line: why the act could not apply any more. */
  message: string;
}

export interface CaseState {
  id: string;
  ref: string;
  presetId: string;
  presetVersion: number;
  hubUnitId: string;
  channel: Channel;
  laporId: string | null;
  receivedAt: number;
  registeredAt: number;
  type: CaseType;
  categoryId: string | null;
  subcategoryId: string | null;
  title: string;
  description: string;
  location: string | null;
  privacy: Privacy;
  urgency: Urgency;
  strategic: boolean;
  hasIdentity: boolean;
  status: CaseStatus;
  /** Field visit or several OPDs: steps with an extended standard use it. */
  extended: boolean;
  escalatedAt: number | null;
  pausedSince: number | null;
  pauses: Array<{ from: number; to: number | null }>;
  tasks: Task[];
  /** Every OPD the case was ever disposed to. */
  opdUnitIds: string[];
  /** Latest drafted/approved response text, and the final answer. */
  response: string | null;
  answer: string | null;
  answeredAt: number | null;
  closedAt: number | null;
  /** Due time of the whole process (registration + the preset's total standard, with pauses). */
  dueAt: number | null;
  conflicts: Conflict[];
  /**
   * Issue 15, absent in states stored before it (read as null / 0; migration 0009 has the
   * backend re-project the cases that were closed or reopened): why the case closed, the
   * original of a duplicate, how often the complainant reopened it, and how the current
   * answer reached the complainant.
   */
  closeReason?: CloseReason | null;
  duplicateOf?: string | null;
  reopens?: number;
  delivery?: { channel: DeliveryChannel; at: number } | null;
  eventCount: number;
  lastEventAt: number;
}

/** An act the actor may do now, on which task, as which post. */
export interface AllowedAction {
  taskId: string;
  stepId: string;
  action: PresetAction;
  as: ActorPosition;
}
