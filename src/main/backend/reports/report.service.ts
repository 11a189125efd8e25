/**
 * The five SOP reports and the dashboard: load the facts the caller may see, compute the
 * figures (figures.ts), and hand them to the XLSX or PDF writer. Access follows the case
 * visibility rules: administrators and the hub's (Diskominfo) staff see every OPD; an OPD
 * user sees only the cases disposed to their unit, and only their unit's rows.
 */
import { sql } from 'kysely';
import type { Writable } from 'node:stream';
import { standardDayMinutes, utcOffsetMinutes, type TimeZoneCode } from '../../../shared/calendar/working-time';
import type {
  AnnualReport,
  DailyReport,
  DashboardStats,
  MonthlyReport,
  ReportData,
  ReportFormat,
  ReportHeader,
  ReportKind,
  ReportPeriodView,
  SemesterReport,
  StrategicReport,
  TrendPoint,
} from '../../../shared/api/views-reports';
import { assertNever } from '../../../shared/result';
import type { Caller } from '../services/auth.service';
import type { BackendContext } from '../services/context';
import { DUE_SOON_MINUTES } from '../services/query.service';
import { visibilityOf, type Visibility } from '../services/visibility';
import { listRefs } from '../refdata/ref-store';
import {
  BreakdownFolder,
  breakdowns,
  byPressure,
  caseLine,
  caseTimes,
  categoryName,
  finishedAt,
  MeasureFolder,
  measures,
  openLate,
  overdueNow,
  StepFolder,
  UNCATEGORISED,
  type FigureEnv,
} from './figures';
import { findClusters } from './clusters';
import { forEachCaseReceived, forEachTask, loadCases, openStepAt, receivedIn, type CaseFact, type TaskFact } from './source';
import { parseDayRange, parsePeriod } from './period';
import { MONTHS_ID, REPORT_TITLE } from './labels';
import { ReportWorkbook, type ListedCase } from './xlsx';
import { renderReportPdf } from './pdf';

const DAY = 86_400_000;
/** The strategic-issue clusters look back this many days (the report day included). */
const CLUSTER_WINDOW_DAYS = 7;

interface Built<T extends ReportData> {
  data: T;
  /** The cases the report covers (listed in the XLSX). */
  cases: CaseFact[];
  env: FigureEnv;
}

/** Receives the cases of a recap a page at a time, with their times (the XLSX case list). */
type CaseSink = (head: ReportHeader, env: FigureEnv, page: readonly ListedCase[]) => Promise<void>;

interface Scope {
  v: Visibility;
  env: FigureEnv;
  tz: TimeZoneCode;
  officeName: string;
  /** The recap titles the office's preset gives (missing: the default titles). */
  titles: Partial<Record<ReportKind, string>>;
  unitNames: string[];
  /** Restricts per-OPD rows to the caller's units (null: every unit). */
  ownUnit: ((unitId: string) => boolean) | null;
}

async function scopeOf(ctx: BackendContext, caller: Caller, asOf: number): Promise<Scope> {
  const office = await ctx.office();
  const proj = await ctx.projection();
  const cal = proj.engine.calendar;
  const units = new Map((await listRefs(ctx.db, 'unit')).map((u) => [u.id, u.name]));
  const v = visibilityOf(caller.actor, office.hubUnitId);
  const env: FigureEnv = {
    cal,
    dayMinutes: standardDayMinutes(cal),
    asOf,
    preset: (id, version) => proj.preset(id, version),
    unitName: (id) => units.get(id) ?? id,
    dueSoonMinutes: DUE_SOON_MINUTES,
  };
  return {
    v,
    env,
    tz: cal.timeZone,
    officeName: office.name,
    titles: proj.preset(office.presetId, office.presetVersion).rules.reportTitles,
    unitNames: v.all ? [] : v.unitIds.map((u) => units.get(u) ?? u),
    ownUnit: v.all ? null : (u) => v.unitIds.includes(u),
  };
}

function header(ctx: BackendContext, s: Scope, kind: ReportKind, period: ReportPeriodView): ReportHeader {
  return {
    kind,
    title: s.titles[kind] ?? REPORT_TITLE[kind],
    officeName: s.officeName,
    period,
    generatedAt: ctx.now(),
    asOf: s.env.asOf,
    timeZone: s.tz,
    allUnits: s.v.all,
    unitNames: s.unitNames,
  };
}

function ownRows<T extends { key: string }>(s: Scope, rows: T[]): T[] {
  return s.ownUnit ? rows.filter((r) => s.ownUnit?.(r.key)) : rows;
}

async function tasksByCase(ctx: BackendContext, s: Scope, where: Parameters<typeof loadCases>[2]): Promise<Map<string, TaskFact[]>> {
  const m = new Map<string, TaskFact[]>();
  await forEachTask(ctx, s.v, where, (t) => {
    const list = m.get(t.caseId);
    if (list) list.push(t);
    else m.set(t.caseId, [t]);
  });
  return m;
}

async function daily(ctx: BackendContext, caller: Caller, period: ReportPeriodView): Promise<Built<DailyReport>> {
  const s = await scopeOf(ctx, caller, Math.min(ctx.now(), period.toMs));
  const asOf = s.env.asOf;
  const isNew = receivedIn(period.fromMs, period.toMs);
  const pending = openStepAt(asOf);
  const where: Parameters<typeof loadCases>[2] = (eb) => eb.or([isNew(eb), eb.and([eb('cases.received_at', '<', period.toMs), pending(eb)])]);
  const all = await loadCases(ctx, s.v, where);
  const tasks = await tasksByCase(ctx, s, where);
  const lines = new Map(all.map((c) => [c.id, caseLine(s.env, c, tasks.get(c.id) ?? [])]));
  const received = all.filter((c) => c.receivedAt >= period.fromMs && c.receivedAt < period.toMs);
  const attention = all
    .map((c) => lines.get(c.id))
    .filter((l): l is NonNullable<typeof l> => l !== undefined && l.attention.length > 0 && l.currentSteps.length > 0)
    .sort(byPressure);
  const b = breakdowns(s.env, received);
  const counts = { overdue: 0, due_soon: 0, returned: 0, paused: 0 };
  for (const l of attention) for (const f of l.attention) counts[f]++;
  const data: DailyReport = {
    ...header(ctx, s, 'harian', period),
    kind: 'harian',
    received: received.map((c) => lines.get(c.id)).filter((l): l is NonNullable<typeof l> => l !== undefined),
    attention,
    measures: measures(s.env, received, (c) => lines.get(c.id)?.attention.includes('overdue') ?? false),
    byCategory: b.byCategory,
    byOpd: ownRows(s, b.byOpd),
    attentionCounts: counts,
  };
  return { data, cases: received, env: s.env };
}

async function strategic(ctx: BackendContext, caller: Caller, period: ReportPeriodView): Promise<Built<StrategicReport>> {
  const s = await scopeOf(ctx, caller, Math.min(ctx.now(), period.toMs));
  const asOf = s.env.asOf;
  const windowFrom = period.fromMs - (CLUSTER_WINDOW_DAYS - 1) * DAY;
  const flagged: Parameters<typeof loadCases>[2] = (eb) =>
    eb.and([
      eb.or([eb('cases.strategic', '=', 1), eb('cases.urgency_rank', '>', 0)]),
      eb('cases.received_at', '<', period.toMs),
      eb.or([
        eb('cases.received_at', '>=', period.fromMs),
        eb.and([
          eb.or([eb('cases.answered_at', 'is', null), eb('cases.answered_at', '>', asOf)]),
          eb.or([eb('cases.closed_at', 'is', null), eb('cases.closed_at', '>', asOf)]),
        ]),
      ]),
    ]);
  const flaggedCases = await loadCases(ctx, s.v, flagged);
  const tasks = await tasksByCase(ctx, s, flagged);
  const window = await loadCases(ctx, s.v, receivedIn(windowFrom, period.toMs));
  const catLabel = (c: CaseFact) => {
    const cat = categoryName(s.env, c) ?? UNCATEGORISED;
    const sub = c.subcategoryId
      ? s.env
          .preset(c.presetId, c.presetVersion)
          .categories.find((k) => k.id === c.categoryId)
          ?.subcategories.find((x) => x.id === c.subcategoryId)?.name
      : undefined;
    return sub ? `${cat} / ${sub}` : cat;
  };
  const lines = flaggedCases.map((c) => caseLine(s.env, c, tasks.get(c.id) ?? []));
  // Most urgent first, then the strategic flag, then the most pressing.
  const rank = { sangat_segera: 0, segera: 1, biasa: 2 } as const;
  lines.sort((a, b) => rank[a.urgency] - rank[b.urgency] || Number(b.strategic) - Number(a.strategic) || byPressure(a, b));
  const data: StrategicReport = {
    ...header(ctx, s, 'isu-strategis', period),
    kind: 'isu-strategis',
    cases: lines,
    clusters: findClusters(window, (c) => c.receivedAt >= period.fromMs, catLabel),
  };
  return { data, cases: flaggedCases, env: s.env };
}

/** Local month (1..12) of an instant. */
function monthOf(ms: number, tz: TimeZoneCode): number {
  return new Date(ms + utcOffsetMinutes(tz) * 60_000).getUTCMonth() + 1;
}

/**
 * The monthly and annual recaps, folded from the cases of the period as they are read, a page
 * at a time: measures (per month too for a year) and breakdowns, each case's times computed
 * once and handed with the case to `sink` (the XLSX case list) if there is one.
 */
async function recap(
  ctx: BackendContext,
  caller: Caller,
  kind: 'bulanan' | 'tahunan',
  period: ReportPeriodView,
  sink?: CaseSink,
): Promise<MonthlyReport | AnnualReport> {
  const s = await scopeOf(ctx, caller, ctx.now());
  const head = header(ctx, s, kind, period);
  const env = s.env;
  const total = new MeasureFolder(env);
  const perMonth = kind === 'tahunan' ? Array.from({ length: 12 }, () => new MeasureFolder(env)) : null;
  const b = new BreakdownFolder(env);
  await forEachCaseReceived(ctx, s.v, period.fromMs, period.toMs, async (cases) => {
    const page: ListedCase[] = [];
    for (const c of cases) {
      const t = caseTimes(env, c);
      // Running past the standard is measured once, whether one folder or two ask.
      let late: boolean | null = null;
      const lateNow = () => (late ??= openLate(env, c, t));
      const overdue = () => overdueNow(env, c);
      total.add(c, t, overdue, lateNow);
      perMonth?.[monthOf(c.receivedAt, s.tz) - 1]?.add(c, t, overdue, lateNow);
      b.add(c);
      page.push({ c, t });
    }
    if (sink) await sink(head, env, page);
  });
  const counts = b.result();
  const common = { measures: total.result(), ...counts, byOpd: ownRows(s, counts.byOpd) };
  if (!perMonth) return { ...head, kind: 'bulanan', ...common };
  return {
    ...head,
    kind: 'tahunan',
    months: perMonth.map((m, i) => ({ month: i + 1, label: MONTHS_ID[i] ?? String(i + 1), measures: m.result() })),
    ...common,
  };
}

async function semester(ctx: BackendContext, caller: Caller, period: ReportPeriodView): Promise<Built<SemesterReport>> {
  const s = await scopeOf(ctx, caller, ctx.now());
  const where = receivedIn(period.fromMs, period.toMs);
  const cases = await loadCases(ctx, s.v, where);
  const folder = new StepFolder(s.env, new Map(cases.map((c) => [c.id, c])));
  await forEachTask(ctx, s.v, where, (t) => folder.add(t));
  const steps = folder.stepRows();
  const data: SemesterReport = {
    ...header(ctx, s, 'semester', period),
    kind: 'semester',
    measures: measures(s.env, cases),
    opds: folder.opdRows(cases, s.ownUnit),
    steps: s.ownUnit ? steps.filter((r) => s.ownUnit?.(r.unitId)) : steps,
  };
  return { data, cases, env: s.env };
}

/** The figures of one report that lists no cases, or lists them from memory (semester). */
async function buildReport(
  ctx: BackendContext,
  caller: Caller,
  kind: 'harian' | 'isu-strategis' | 'semester',
  period: ReportPeriodView,
): Promise<Built<ReportData>> {
  switch (kind) {
    case 'harian':
      return daily(ctx, caller, period);
    case 'isu-strategis':
      return strategic(ctx, caller, period);
    case 'semester':
      return semester(ctx, caller, period);
    default:
      return assertNever(kind);
  }
}

async function periodOf(ctx: BackendContext, kind: ReportKind, text: string): Promise<ReportPeriodView> {
  return parsePeriod(kind, text, (await ctx.projection()).engine.calendar.timeZone);
}

export async function reportData(ctx: BackendContext, caller: Caller, kind: ReportKind, periodText: string): Promise<ReportData> {
  const period = await periodOf(ctx, kind, periodText);
  if (kind === 'bulanan' || kind === 'tahunan') return recap(ctx, caller, kind, period);
  return (await buildReport(ctx, caller, kind, period)).data;
}

/** Cases handed to the XLSX list per call when they are already in memory. */
const LIST_PAGE = 2000;

async function writeXlsx(ctx: BackendContext, caller: Caller, kind: ReportKind, period: ReportPeriodView, out: Writable): Promise<ReportData> {
  const book = new ReportWorkbook(kind, ctx.now(), out);
  try {
    if (kind === 'bulanan' || kind === 'tahunan') {
      const d = await recap(ctx, caller, kind, period, (head, env, page) => book.addCases(head, env, page));
      await book.finish(d);
      return d;
    }
    const r = await buildReport(ctx, caller, kind, period);
    if (kind === 'semester') {
      for (let i = 0; i < r.cases.length; i += LIST_PAGE) {
        await book.addCases(
          r.data,
          r.env,
          r.cases.slice(i, i + LIST_PAGE).map((c) => ({ c, t: caseTimes(r.env, c) })),
        );
      }
    }
    await book.finish(r.data);
    return r.data;
  } catch (e) {
    // A half-written workbook is no file: close the destination (the CLI removes its file).
    out.destroy();
    throw e;
  }
}

const MIME: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** e.g. `laporan-bulanan-2026-11.xlsx` */
function reportFileName(kind: ReportKind, period: ReportPeriodView, format: ReportFormat): string {
  return `laporan-${kind}-${period.text}.${format}`;
}

/**
 * Writes one report to `out` (XLSX streamed row by row, the case list as it is read; PDF
 * rendered, then written). Returns the file name and MIME type.
 */
export async function writeReport(
  ctx: BackendContext,
  caller: Caller,
  kind: ReportKind,
  periodText: string,
  format: ReportFormat,
  out: Writable,
): Promise<{ fileName: string; mime: string }> {
  const period = await periodOf(ctx, kind, periodText);
  if (format === 'xlsx') await writeXlsx(ctx, caller, kind, period, out);
  else {
    const data =
      kind === 'bulanan' || kind === 'tahunan' ? await recap(ctx, caller, kind, period) : (await buildReport(ctx, caller, kind, period)).data;
    const bytes = await renderReportPdf(ctx.options.resourcesDir, data);
    await new Promise<void>((resolve, reject) => out.end(bytes, () => resolve()).once('error', reject));
  }
  return { fileName: reportFileName(kind, period, format), mime: MIME[format] };
}

function startOfWeek(day: number): number {
  // Day numbers count from 1970-01-01, a Thursday: Monday-based weeks start 3 days earlier.
  return day - ((day + 3) % 7);
}

function dayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The Beranda figures for cases received in `[from, to]` (office-local dates). */
export async function dashboardStats(ctx: BackendContext, caller: Caller, from: string, to: string): Promise<DashboardStats> {
  const s = await scopeOf(ctx, caller, ctx.now());
  const period = parseDayRange(from, to, s.tz);
  const where = receivedIn(period.fromMs, period.toMs);
  const cases = await loadCases(ctx, s.v, where);
  const folder = new StepFolder(s.env, new Map(cases.map((c) => [c.id, c])));
  await forEachTask(ctx, s.v, where, (t) => folder.add(t));
  const b = breakdowns(s.env, cases);

  const offset = utcOffsetMinutes(s.tz) * 60_000;
  const localDay = (ms: number) => Math.floor((ms + offset) / DAY);
  const firstDay = localDay(period.fromMs);
  const lastDay = localDay(period.toMs - 1);
  const weekly = lastDay - firstDay < 92;
  const bucketOf = (day: number) => {
    if (weekly) return dayString(startOfWeek(day));
    return `${dayString(day).slice(0, 7)}-01`;
  };
  const points = new Map<string, TrendPoint>();
  for (let d = firstDay; d <= lastDay; d++) {
    const k = bucketOf(d);
    if (!points.has(k)) {
      const [y, m, dd] = k.split('-').map(Number);
      points.set(k, {
        start: k,
        label: weekly ? `${dd} ${MONTHS_ID[(m ?? 1) - 1]?.slice(0, 3)}` : `${MONTHS_ID[(m ?? 1) - 1]?.slice(0, 3)} ${y}`,
        received: 0,
        finished: 0,
      });
    }
  }
  for (const c of cases) {
    const p = points.get(bucketOf(localDay(c.receivedAt)));
    if (p) p.received++;
    const end = finishedAt(s.env, c);
    const q = end === null ? undefined : points.get(bucketOf(localDay(end)));
    if (q) q.finished++;
  }
  const vis = s.v;
  const overdue = await ctx.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('next_due_at', '<', s.env.asOf)
    .$if(!vis.all, (q) =>
      q.where('id', 'in', (eb) =>
        vis.unitIds.length
          ? eb.selectFrom('case_unit').select('case_id').where('unit_id', 'in', vis.unitIds)
          : eb
              .selectFrom('case_unit')
              .select('case_id')
              .where(sql<boolean>`0`),
      ),
    )
    .executeTakeFirstOrThrow();
  const steps = folder.stepRows().filter((r) => r.standardDays > 0 && (!s.ownUnit || s.ownUnit(r.unitId)));
  return {
    from,
    to,
    allUnits: vis.all,
    measures: measures(s.env, cases),
    byStatus: b.byStatus,
    byChannel: b.byChannel,
    byCategory: b.byCategory,
    byOpd: ownRows(s, b.byOpd),
    trend: { bucket: weekly ? 'week' : 'month', points: [...points.values()] },
    overdueNow: Number(overdue.n),
    slowestSteps: steps.sort((a, b2) => b2.ratio - a.ratio).slice(0, 10),
  };
}
