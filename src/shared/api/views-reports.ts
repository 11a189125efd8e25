/**
 * What the report and dashboard methods return: the figures of the SOPs' five recaps
 * (harian, isu strategis, bulanan, semester per OPD, tahunan) and the Beranda dashboard.
 * Plain, serialisable data; never a complainant's identity.
 */
import type { CaseStatus, CaseType, Channel, Urgency } from '../domain/enums';

/** The five reports the SOPs ask for ("Pencatatan dan pendataan" / "Output"). */
export const REPORT_KINDS = ['harian', 'isu-strategis', 'bulanan', 'semester', 'tahunan'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A report period in the office's time zone. */
export interface ReportPeriodView {
  /** What was asked: `2026-11-24`, `2026-11`, `2026-S2` or `2026`. */
  text: string;
  /** Indonesian, e.g. "24 November 2026", "November 2026", "Semester II 2026", "Tahun 2026". */
  label: string;
  /** First and last day, inclusive (`YYYY-MM-DD`, office-local). */
  firstDay: string;
  lastDay: string;
  /** Instants: `[fromMs, toMs)`. */
  fromMs: number;
  toMs: number;
}

export interface ReportHeader {
  kind: ReportKind;
  /** Indonesian title, e.g. "Laporan Rekapitulasi Aduan Bulanan". */
  title: string;
  officeName: string;
  period: ReportPeriodView;
  generatedAt: number;
  /** The instant the "still open / overdue" figures are taken at: min(now, end of period). */
  asOf: number;
  timeZone: string;
  /** False for an OPD user: only the cases disposed to `unitNames`. */
  allUnits: boolean;
  unitNames: string[];
}

/** One line of a breakdown. `key` is the stable id (channel, status, category or unit id). */
export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/** The measures every recap reports for a set of cases received in its period. */
export interface Measures {
  received: number;
  /** Left the desk or answered (status other than `registered`). */
  followedUp: number;
  /** Answered to the complainant, or closed. */
  finished: number;
  /** 0..1, null when nothing was received. */
  followedUpRate: number | null;
  finishedRate: number | null;
  /** Finished within the preset's whole-process standard (working time, pauses excluded). */
  onTime: number;
  /** Finished late, or still open past the whole-process standard. */
  late: number;
  /** onTime / finished; null when nothing finished or the preset states no total standard. */
  onTimeRate: number | null;
  /** Working days from registration to the answer, over finished cases; null when none. */
  avgHandlingDays: number | null;
  worstHandlingDays: number | null;
  /** Ref of the case with the worst handling time. */
  worstRef: string | null;
  /** Not finished at `asOf`. */
  open: number;
  /** Not finished, with an open step past its due time at `asOf`. */
  overdue: number;
  /**
   * Closed as a duplicate of another case (issue 15): counted here only, neither finished nor
   * open, so a duplicate never counts as answered nor in handling times.
   */
  closedDuplicate: number;
  /** Closed by hand by the desk (satisfied complainant, forwarded elsewhere, not the office's). */
  closedByHand: number;
  /** Reopened at least once on the complainant's reaction. */
  reopened: number;
  /** Answered, but no delivery to the complainant recorded. */
  answeredNotDelivered: number;
}

export type AttentionFlag = 'overdue' | 'due_soon' | 'returned' | 'paused';

/** A case in a report list: what it is about, where it is, and what needs attention. */
export interface ReportCaseLine {
  id: string;
  ref: string;
  laporId: string | null;
  receivedAt: number;
  title: string;
  channel: Channel;
  type: CaseType;
  categoryId: string | null;
  categoryName: string | null;
  subcategoryName: string | null;
  location: string | null;
  urgency: Urgency;
  strategic: boolean;
  status: CaseStatus;
  opdNames: string[];
  /** Names of the steps open at `asOf`. */
  currentSteps: string[];
  /** Earliest due time of a step open at `asOf`. */
  dueAt: number | null;
  attention: AttentionFlag[];
}

export interface DailyReport extends ReportHeader {
  kind: 'harian';
  /** Cases received on the day. */
  received: ReportCaseLine[];
  /** Cases open at `asOf` that are overdue, due soon, returned or paused (most pressing first). */
  attention: ReportCaseLine[];
  measures: Measures;
  byCategory: CountRow[];
  byOpd: CountRow[];
  attentionCounts: Record<AttentionFlag, number>;
}

export interface StrategicCluster {
  /** `lokasi`: same category, subcategory and location; `judul`: titles sharing most words. */
  basis: 'lokasi' | 'judul';
  label: string;
  count: number;
  refs: string[];
  titles: string[];
}

export interface StrategicReport extends ReportHeader {
  kind: 'isu-strategis';
  /** Flagged strategic or urgent (segera, sangat segera): received on the day or still open. */
  cases: ReportCaseLine[];
  /** Groups of similar cases in the seven days up to the report day (at least one new that day). */
  clusters: StrategicCluster[];
}

export interface MonthlyReport extends ReportHeader {
  kind: 'bulanan';
  measures: Measures;
  byStatus: CountRow[];
  byChannel: CountRow[];
  byType: CountRow[];
  byCategory: CountRow[];
  byOpd: CountRow[];
}

/** One OPD's semester: the cases disposed to it that were received in the semester. */
export interface OpdSemesterRow {
  unitId: string;
  unitName: string;
  received: number;
  /** Its steps all done, none over its standard. */
  answeredOnTime: number;
  /** At least one of its steps over the standard (done late, or open past its due time). */
  late: number;
  /** Working days over the standard, summed over its steps. */
  daysLate: number;
  /** Still with a live step at `asOf`. */
  open: number;
  /** Average working days the OPD's part took (its done steps, summed per case). */
  avgDays: number | null;
}

/** Working time of one step (of one unit), against the preset's standard. */
export interface StepTimeRow {
  unitId: string;
  unitName: string;
  stepId: string;
  stepName: string;
  /** Steps finished by an act. */
  count: number;
  avgDays: number;
  worstDays: number;
  /** The step's standard in working days (the extended one counts for extended cases: shown is the normal). */
  standardDays: number;
  /** avgDays / standardDays. */
  ratio: number;
  lateCount: number;
}

export interface SemesterReport extends ReportHeader {
  kind: 'semester';
  measures: Measures;
  opds: OpdSemesterRow[];
  steps: StepTimeRow[];
}

export interface MonthMeasures {
  /** 1..12 */
  month: number;
  label: string;
  measures: Measures;
}

export interface AnnualReport extends ReportHeader {
  kind: 'tahunan';
  months: MonthMeasures[];
  measures: Measures;
  byStatus: CountRow[];
  byChannel: CountRow[];
  byType: CountRow[];
  byCategory: CountRow[];
  byOpd: CountRow[];
}

export type ReportData = DailyReport | StrategicReport | MonthlyReport | SemesterReport | AnnualReport;

/** An exported report file. */
export interface ReportFile {
  fileName: string;
  mime: string;
  dataBase64: string;
}

export interface TrendPoint {
  /** First day of the bucket (`YYYY-MM-DD`). */
  start: string;
  label: string;
  received: number;
  finished: number;
}

/** The Beranda dashboard for cases received in `[from, to]`. */
export interface DashboardStats {
  from: string;
  to: string;
  allUnits: boolean;
  measures: Measures;
  byStatus: CountRow[];
  byChannel: CountRow[];
  byCategory: CountRow[];
  byOpd: CountRow[];
  /** Weekly buckets (Monday first) up to 92 days, monthly beyond. */
  trend: { bucket: 'week' | 'month'; points: TrendPoint[] };
  /** Open steps past their due time now, over every visible case (not only the range). */
  overdueNow: number;
  /** The steps that take longest against their standard (highest ratio first, at most 10). */
  slowestSteps: StepTimeRow[];
}
