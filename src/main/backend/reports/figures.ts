/**
 * The figures of the recaps, computed from case and task facts: pure functions of the facts,
 * the office calendar, the presets and the instant the report is taken at. Times are working
 * time (office hours, holidays and the complainant's pauses excluded); a working day is the
 * calendar's standard day, so SOP standards in days and minutes add up exactly.
 */
import { addWorkingTime, dueAt, elapsedWorkingMinutes, type WorkCalendar, type WorkDuration } from '../../../shared/calendar/working-time';
import { CASE_STATUSES, CASE_TYPES, CHANNELS } from '../../../shared/domain/enums';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import { indexPreset, standardOf } from '../../../shared/workflow/engine-tasks';
import type { AttentionFlag, CountRow, Measures, OpdSemesterRow, ReportCaseLine, StepTimeRow } from '../../../shared/api/views-reports';
import { CHANNEL_LABEL, STATUS_LABEL, TYPE_LABEL } from './labels';
import type { CaseFact, TaskFact } from './source';

export interface FigureEnv {
  cal: WorkCalendar;
  /** Minutes of a standard working day (`standardDayMinutes`). */
  dayMinutes: number;
  /** The instant open / overdue / finished are judged at. */
  asOf: number;
  preset(id: string, version: number): WorkflowPreset;
  unitName(id: string): string;
  /** Office minutes before a due time under which a step is "due soon". */
  dueSoonMinutes: number;
}

export const UNCATEGORISED = '(belum dikategorikan)';

function minutesOf(env: FigureEnv, d: WorkDuration): number {
  return (d.days ?? 0) * env.dayMinutes + (d.minutes ?? 0);
}

/** When the case was answered or closed, if by `asOf`. */
export function finishedAt(env: FigureEnv, c: CaseFact): number | null {
  const end = c.answeredAt ?? c.closedAt;
  return end !== null && end <= env.asOf ? end : null;
}

/** Working minutes from registration to the answer (pauses excluded); null while open. */
function handlingMinutes(env: FigureEnv, c: CaseFact): number | null {
  const end = finishedAt(env, c);
  return end === null ? null : elapsedWorkingMinutes(env.cal, c.registeredAt, end, c.pauses);
}

/** The preset's whole-process standard for this case in working minutes (extended when it is). */
function totalStandardMinutes(env: FigureEnv, c: CaseFact): number | null {
  const index = indexPreset(env.preset(c.presetId, c.presetVersion));
  const total = c.extended ? index.totalExtended : index.total;
  return total ? minutesOf(env, total) : null;
}

/** A step's standard in working minutes for this case. */
function stepStandardMinutes(env: FigureEnv, c: CaseFact, stepId: string): number | null {
  const step = indexPreset(env.preset(c.presetId, c.presetVersion)).steps.get(stepId);
  return step ? minutesOf(env, standardOf(step, c.extended)) : null;
}

/** Disposed to an OPD, or answered: the case was acted upon. */
function followedUp(c: CaseFact, t: CaseTimes): boolean {
  return c.opdUnitIds.length > 0 || t.end !== null;
}

/** Open now with a step past its due time (the projection's next due time). */
export function overdueNow(env: FigureEnv, c: CaseFact): boolean {
  return finishedAt(env, c) === null && c.nextDueAt !== null && c.nextDueAt < env.asOf;
}

/** A case's times, computed once and shared by every figure and the case list. */
export interface CaseTimes {
  /** When it was answered or closed, if by `asOf`. */
  end: number | null;
  /** Working minutes from registration to the answer; null while open. */
  took: number | null;
  /** The whole-process standard in working minutes. */
  std: number | null;
}

export function caseTimes(env: FigureEnv, c: CaseFact): CaseTimes {
  return { end: finishedAt(env, c), took: handlingMinutes(env, c), std: totalStandardMinutes(env, c) };
}

/**
 * Folds cases into the recap measures. Cases must come in the same order every time (oldest
 * received first): the worst case is the first with the longest time.
 */
export class MeasureFolder {
  private n = 0;
  private fu = 0;
  private fin = 0;
  private finWithStd = 0;
  private onTime = 0;
  private late = 0;
  private sum = 0;
  private worst: number | null = null;
  private worstRef: string | null = null;
  private open = 0;
  private od = 0;
  private dup = 0;
  private byHand = 0;
  private reopened = 0;
  private undelivered = 0;
  constructor(private readonly env: FigureEnv) {}

  /**
   * `overdue` is asked only of open cases; `openLate` (running past the standard at `asOf`)
   * is computed at most once per case when several folders share it.
   */
  add(c: CaseFact, t: CaseTimes, overdue: () => boolean, openLate: () => boolean): void {
    this.n++;
    if (c.reopens > 0) this.reopened++;
    const closedBy = c.closedAt !== null && c.closedAt <= this.env.asOf ? c.closeReason : null;
    if (closedBy === 'duplicate') {
      this.dup++;
      return;
    }
    if (closedBy === 'manual' || closedBy === 'transferred' || closedBy === 'not_competent') this.byHand++;
    if (c.answeredAt !== null && c.answeredAt <= this.env.asOf && (c.deliveredAt === null || c.deliveredAt > this.env.asOf)) this.undelivered++;
    if (followedUp(c, t)) this.fu++;
    const { took, std } = t;
    if (took !== null) {
      this.fin++;
      this.sum += took;
      if (this.worst === null || took > this.worst) [this.worst, this.worstRef] = [took, c.ref];
      if (std !== null) {
        this.finWithStd++;
        if (took <= std) this.onTime++;
        else this.late++;
      }
    } else {
      this.open++;
      if (overdue()) this.od++;
      if (openLate()) this.late++;
    }
  }

  result(): Measures {
    const { n, fu, fin, finWithStd, onTime, late, sum, worst, worstRef, open, od, dup, byHand, reopened, undelivered } = this;
    const day = this.env.dayMinutes;
    return {
      received: n,
      followedUp: fu,
      finished: fin,
      followedUpRate: n ? fu / n : null,
      finishedRate: n ? fin / n : null,
      onTime,
      late,
      onTimeRate: finWithStd ? onTime / finWithStd : null,
      avgHandlingDays: fin ? sum / fin / day : null,
      worstHandlingDays: worst === null ? null : worst / day,
      worstRef,
      open,
      overdue: od,
      closedDuplicate: dup,
      closedByHand: byHand,
      reopened,
      answeredNotDelivered: undelivered,
    };
  }
}

/** Open at `asOf` and already past its whole-process standard. */
export function openLate(env: FigureEnv, c: CaseFact, t: CaseTimes): boolean {
  return t.took === null && t.std !== null && elapsedWorkingMinutes(env.cal, c.registeredAt, env.asOf, c.pauses) > t.std;
}

export function measures(env: FigureEnv, cases: readonly CaseFact[], overdue: (c: CaseFact) => boolean = (c) => overdueNow(env, c)): Measures {
  const m = new MeasureFolder(env);
  for (const c of cases) {
    const t = caseTimes(env, c);
    m.add(
      c,
      t,
      () => overdue(c),
      () => openLate(env, c, t),
    );
  }
  return m.result();
}

function tally(rows: Map<string, CountRow>, key: string, label: string): void {
  const r = rows.get(key);
  if (r) r.count++;
  else rows.set(key, { key, label, count: 1 });
}

function sorted(rows: Map<string, CountRow>): CountRow[] {
  return [...rows.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'id'));
}

interface Breakdowns {
  byStatus: CountRow[];
  byChannel: CountRow[];
  byType: CountRow[];
  byCategory: CountRow[];
  byOpd: CountRow[];
}

/** Folds cases into counts: every status, channel and type in the vocabulary's order (zeros included); categories and OPDs by count. */
export class BreakdownFolder {
  private readonly byStatus = new Map(CASE_STATUSES.map((s) => [s as string, { key: s, label: STATUS_LABEL[s], count: 0 }]));
  private readonly byChannel = new Map(CHANNELS.map((s) => [s as string, { key: s, label: CHANNEL_LABEL[s], count: 0 }]));
  private readonly byType = new Map(CASE_TYPES.map((s) => [s as string, { key: s, label: TYPE_LABEL[s], count: 0 }]));
  private readonly byCategory = new Map<string, CountRow>();
  private readonly byOpd = new Map<string, CountRow>();
  constructor(private readonly env: FigureEnv) {}

  add(c: CaseFact): void {
    tally(this.byStatus, c.status, STATUS_LABEL[c.status]);
    tally(this.byChannel, c.channel, CHANNEL_LABEL[c.channel]);
    tally(this.byType, c.type, TYPE_LABEL[c.type]);
    const cat = c.categoryId ?? '';
    // The label is looked up only for a category seen for the first time.
    const seen = this.byCategory.get(cat);
    if (seen) seen.count++;
    else tally(this.byCategory, cat, categoryName(this.env, c) ?? UNCATEGORISED);
    for (const u of c.opdUnitIds) tally(this.byOpd, u, this.env.unitName(u));
  }

  result(): Breakdowns {
    return {
      byStatus: [...this.byStatus.values()],
      byChannel: [...this.byChannel.values()],
      byType: [...this.byType.values()],
      byCategory: sorted(this.byCategory),
      byOpd: sorted(this.byOpd),
    };
  }
}

export function breakdowns(env: FigureEnv, cases: readonly CaseFact[]): Breakdowns {
  const b = new BreakdownFolder(env);
  for (const c of cases) b.add(c);
  return b.result();
}

export function categoryName(env: FigureEnv, c: CaseFact): string | null {
  if (!c.categoryId) return null;
  return env.preset(c.presetId, c.presetVersion).categories.find((k) => k.id === c.categoryId)?.name ?? c.categoryId;
}

function subcategoryName(env: FigureEnv, c: CaseFact): string | null {
  if (!c.categoryId || !c.subcategoryId) return null;
  const cat = env.preset(c.presetId, c.presetVersion).categories.find((k) => k.id === c.categoryId);
  return cat?.subcategories.find((s) => s.id === c.subcategoryId)?.name ?? c.subcategoryId;
}

/** A step counts as open at `asOf` if it was opened by then and not yet closed. */
function openAt(t: TaskFact, at: number): boolean {
  return t.state !== 'waiting' && t.openedAt <= at && (t.closedAt === null || t.closedAt > at);
}

/**
 * The due time a step had at `asOf`. A step still open uses the engine's due time (null while
 * paused); a step closed since is recomputed from its standard and the case's pauses (a due
 * date written in the disposition itself is not kept after the step closes).
 */
function dueAtAsOf(env: FigureEnv, c: CaseFact, t: TaskFact): number | null {
  if (t.closedAt === null) return t.dueAt;
  const step = indexPreset(env.preset(c.presetId, c.presetVersion)).steps.get(t.stepId);
  return step ? dueAt(env.cal, t.openedAt, standardOf(step, c.extended), c.pauses) : null;
}

function pausedAt(c: CaseFact, at: number): boolean {
  return c.pauses.some((p) => p.from <= at && (p.to === null || p.to > at));
}

/** A report line for a case at `asOf`: its open steps, earliest due time and attention flags. */
export function caseLine(env: FigureEnv, c: CaseFact, tasks: readonly TaskFact[]): ReportCaseLine {
  const preset = env.preset(c.presetId, c.presetVersion);
  const index = indexPreset(preset);
  const soon = addWorkingTime(env.cal, env.asOf, { minutes: env.dueSoonMinutes });
  const steps = new Set<string>();
  let due: number | null = null;
  let returned = false;
  for (const t of tasks) {
    if (!openAt(t, env.asOf)) continue;
    steps.add(index.steps.get(t.stepId)?.name ?? t.stepId);
    if (t.returned) returned = true;
    const d = dueAtAsOf(env, c, t);
    if (d !== null && (due === null || d < due)) due = d;
  }
  const attention: AttentionFlag[] = [];
  if (due !== null && due < env.asOf) attention.push('overdue');
  else if (due !== null && due <= soon) attention.push('due_soon');
  if (returned) attention.push('returned');
  if (pausedAt(c, env.asOf)) attention.push('paused');
  return {
    id: c.id,
    ref: c.ref,
    laporId: c.laporId,
    receivedAt: c.receivedAt,
    title: c.title,
    channel: c.channel,
    type: c.type,
    categoryId: c.categoryId,
    categoryName: categoryName(env, c),
    subcategoryName: subcategoryName(env, c),
    location: c.location,
    urgency: c.urgency,
    strategic: c.strategic,
    status: c.status,
    opdNames: c.opdUnitIds.map((u) => env.unitName(u)),
    currentSteps: [...steps],
    dueAt: due,
    attention,
  };
}

/** Most pressing first: overdue, then due soon, then by due time, then by arrival. */
export function byPressure(a: ReportCaseLine, b: ReportCaseLine): number {
  const rank = (l: ReportCaseLine) => (l.attention.includes('overdue') ? 0 : l.attention.includes('due_soon') ? 1 : 2);
  return rank(a) - rank(b) || (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.receivedAt - b.receivedAt;
}

interface StepAcc {
  unitId: string;
  stepId: string;
  stepName: string;
  /** Row number of the step in its SOP, for ordering. */
  no: number;
  standardDays: number;
  count: number;
  sum: number;
  worst: number;
  late: number;
}

interface PairAcc {
  live: boolean;
  late: boolean;
  done: number;
  minutes: number;
  lateMinutes: number;
}

/**
 * Folds tasks (in any order) into per-step times against the standard and, for each
 * (case, OPD) pair, whether the OPD's part is done, late and by how much.
 */
export class StepFolder {
  private readonly steps = new Map<string, StepAcc>();
  private readonly pairs = new Map<string, PairAcc>();
  constructor(
    private readonly env: FigureEnv,
    private readonly cases: ReadonlyMap<string, CaseFact>,
  ) {}

  add(t: TaskFact): void {
    const c = this.cases.get(t.caseId);
    if (!c || t.state === 'cancelled') return;
    const std = stepStandardMinutes(this.env, c, t.stepId);
    if (std === null) return;
    const asOf = this.env.asOf;
    const isOpd = c.opdUnitIds.includes(t.unitId);
    const pk = `${t.caseId}|${t.unitId}`;
    const pair = isOpd ? (this.pairs.get(pk) ?? { live: false, late: false, done: 0, minutes: 0, lateMinutes: 0 }) : null;
    if (pair) this.pairs.set(pk, pair);
    const done = t.state === 'done' && t.closedAt !== null && t.closedAt <= asOf;
    if (!done) {
      if (pair) pair.live = true;
      if (pair && openAt(t, asOf)) {
        const ran = elapsedWorkingMinutes(this.env.cal, t.openedAt, asOf, c.pauses);
        if (ran > std) [pair.late, pair.lateMinutes] = [true, pair.lateMinutes + ran - std];
      }
      return;
    }
    const took = elapsedWorkingMinutes(this.env.cal, t.openedAt, t.closedAt ?? asOf, c.pauses);
    const key = `${t.unitId}|${t.stepId}`;
    let s = this.steps.get(key);
    if (!s) {
      const step = indexPreset(this.env.preset(c.presetId, c.presetVersion)).steps.get(t.stepId);
      s = {
        unitId: t.unitId,
        stepId: t.stepId,
        stepName: step?.name ?? t.stepId,
        no: step?.no ?? 0,
        standardDays: step ? minutesOf(this.env, step.standard) / this.env.dayMinutes : 0,
        count: 0,
        sum: 0,
        worst: 0,
        late: 0,
      };
      this.steps.set(key, s);
    }
    s.count++;
    s.sum += took;
    s.worst = Math.max(s.worst, took);
    if (took > std) s.late++;
    if (pair) {
      pair.done++;
      pair.minutes += took;
      if (took > std) [pair.late, pair.lateMinutes] = [true, pair.lateMinutes + took - std];
    }
  }

  /** Per-step rows, by unit name then by the step's order in its preset. */
  stepRows(): StepTimeRow[] {
    const d = this.env.dayMinutes;
    return [...this.steps.values()]
      .sort((a, b) => a.no - b.no)
      .map((s) => {
        const avgDays = s.sum / s.count / d;
        return {
          unitId: s.unitId,
          unitName: this.env.unitName(s.unitId),
          stepId: s.stepId,
          stepName: s.stepName,
          count: s.count,
          avgDays,
          worstDays: s.worst / d,
          standardDays: s.standardDays,
          ratio: s.standardDays > 0 ? avgDays / s.standardDays : 0,
          lateCount: s.late,
        };
      })
      .sort((a, b) => a.unitName.localeCompare(b.unitName, 'id'));
  }

  /** One row per OPD that received cases (pairs with no timed step still count as received). */
  opdRows(cases: readonly CaseFact[], visibleUnits: ((unitId: string) => boolean) | null): OpdSemesterRow[] {
    const rows = new Map<string, OpdSemesterRow & { sum: number; n: number }>();
    for (const c of cases) {
      for (const u of c.opdUnitIds) {
        if (visibleUnits && !visibleUnits(u)) continue;
        let r = rows.get(u);
        if (!r) {
          r = {
            unitId: u,
            unitName: this.env.unitName(u),
            received: 0,
            answeredOnTime: 0,
            late: 0,
            daysLate: 0,
            open: 0,
            avgDays: null,
            sum: 0,
            n: 0,
          };
          rows.set(u, r);
        }
        r.received++;
        const p = this.pairs.get(`${c.id}|${u}`);
        if (!p) continue;
        if (p.live) r.open++;
        if (p.late) r.late++;
        else if (!p.live && p.done > 0) r.answeredOnTime++;
        r.daysLate += p.lateMinutes / this.env.dayMinutes;
        if (p.done > 0 && !p.live) [r.sum, r.n] = [r.sum + p.minutes, r.n + 1];
      }
    }
    return [...rows.values()]
      .map(({ sum, n, ...r }) => ({ ...r, avgDays: n ? sum / n / this.env.dayMinutes : null }))
      .sort((a, b) => b.received - a.received || a.unitName.localeCompare(b.unitName, 'id'));
  }
}
