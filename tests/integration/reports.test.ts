/**
 * The SOP reports against a demo office made through the real services: every figure is
 * recomputed here straight from the event log (independent code: registrations, classifications,
 * dispositions, answers, pauses), the XLSX is read back with exceljs and the PDF with pdftotext.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import { generateDemo, DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { main, type CliIo } from '../../src/main/cli/main';
import { findClusters } from '../../src/main/backend/reports/clusters';
import { forEachCaseReceived, loadCases, receivedIn, type CaseFact } from '../../src/main/backend/reports/source';
import type { Visibility } from '../../src/main/backend/services/visibility';
import { elapsedWorkingMinutes, standardDayMinutes, type WorkCalendar } from '../../src/shared/calendar/working-time';
import type { AnnualReport, DailyReport, MonthlyReport, ReportData, SemesterReport, StrategicReport } from '../../src/shared/api/views-reports';
import type { WorkflowPreset } from '../../src/shared/workflow/preset';
import { call, fakeClock, RESOURCES, tempDir } from '../helpers/temp';

const NOW = Date.parse('2026-11-20T00:00:00Z') + 9 * 3_600_000; // 17:00 WITA, as `alur demo --now 2026-11-20`
const TZ_MS = 8 * 3_600_000; // Balangan: WITA

interface Truth {
  id: string;
  ref: string;
  channel: string;
  type: string;
  categoryId: string | null;
  urgency: string;
  strategic: boolean;
  receivedAt: number;
  registeredAt: number;
  answeredAt: number | null;
  closedAt: number | null;
  opds: Set<string>;
  pauses: Array<{ from: number; to: number | null }>;
  extended: boolean;
}

/** Case facts folded from the log alone. */
function truthFromLog(ctx: BackendContext, opdIds: Set<string>): Map<string, Truth> {
  const rows = ctx.opened.sqlite.prepare('SELECT case_id, type, at, payload FROM event ORDER BY hlc, id').all() as Array<{
    case_id: string;
    type: string;
    at: number;
    payload: string;
  }>;
  const out = new Map<string, Truth>();
  for (const r of rows) {
    const p = JSON.parse(r.payload) as Record<string, unknown>;
    if (r.type === 'case.registered') {
      out.set(r.case_id, {
        id: r.case_id,
        ref: String(p['ref']),
        channel: String(p['channel']),
        type: String(p['type']),
        categoryId: (p['categoryId'] as string | null) ?? null,
        urgency: String(p['urgency']),
        strategic: false,
        receivedAt: Number(p['receivedAt']),
        registeredAt: r.at,
        answeredAt: null,
        closedAt: null,
        opds: new Set(),
        pauses: [],
        extended: false,
      });
      continue;
    }
    const t = out.get(r.case_id);
    if (!t) continue;
    switch (r.type) {
      case 'case.classified':
        Object.assign(t, { type: p['type'], categoryId: p['categoryId'] ?? null, urgency: p['urgency'], strategic: p['strategic'] === true });
        break;
      case 'case.disposed':
        (p['targets'] as Array<{ unitId: string }>)
          .map((x) => x.unitId)
          .filter((u) => opdIds.has(u))
          .forEach((u) => t.opds.add(u));
        break;
      case 'case.answered':
        t.answeredAt ??= r.at;
        t.pauses = t.pauses.map((x) => ({ from: x.from, to: x.to ?? r.at }));
        break;
      case 'case.closed':
        t.closedAt ??= r.at;
        t.pauses = t.pauses.map((x) => ({ from: x.from, to: x.to ?? r.at }));
        break;
      case 'case.paused':
        t.pauses.push({ from: r.at, to: null });
        break;
      case 'case.resumed':
        t.pauses = t.pauses.map((x) => ({ from: x.from, to: x.to ?? r.at }));
        break;
    }
  }
  // Whether a case runs on the extended standard is the engine's rule (a case.extended event,
  // or several OPD branches open at once; tested in tests/unit/workflow): taken from the
  // projection, the only input here that does not come from the log.
  for (const r of ctx.opened.sqlite.prepare("SELECT id, json_extract(state, '$.s.extended') AS x FROM cases").all() as Array<{
    id: string;
    x: number;
  }>) {
    const t = out.get(r.id);
    if (t) t.extended = r.x === 1;
  }
  return out;
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const m: Record<string, number> = {};
  for (const i of items) m[key(i)] = (m[key(i)] ?? 0) + 1;
  return m;
}

function nonZero(rows: ReadonlyArray<{ key: string; count: number }>): Record<string, number> {
  return Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.key, r.count]));
}

/** exceljs's typings want an ArrayBuffer-like "Buffer". */
function arrayBuffer(b: Buffer): ArrayBuffer {
  return new Uint8Array(b).buffer;
}

/** Local (WITA) start of a civil date as an instant. */
function localStart(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) - TZ_MS;
}

describe('SOP reports', () => {
  let dataDir: string;
  let ctx: BackendContext;
  let admin: string;
  let opdUser: { token: string; unitId: string };
  let truth: Map<string, Truth>;
  let cal: WorkCalendar;
  let preset: WorkflowPreset;
  let dayMin: number;
  let opdIds: Set<string>;
  const clock = fakeClock(NOW);
  const outDir = tempDir();

  beforeAll(async () => {
    dataDir = tempDir();
    const summary = await generateDemo((o) => openContext({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', passwordCost: 'test', ...o }), {
      cases: 150,
      seed: 11,
      now: NOW,
      presetId: 'balangan',
      officeName: 'Diskominfo Balangan (uji laporan)',
    });
    ctx = await openContext({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', now: clock.now, passwordCost: 'test' });
    admin = (await call(ctx, 'session.login', null, { username: 'admin', password: DEMO_PASSWORD })).token;
    const ov = await call(ctx, 'office.overview', admin, {});
    opdIds = new Set(ov.units.filter((u) => u.kind === 'opd').map((u) => u.id));
    // A case whose title and location would be formulas in a spreadsheet.
    const deskRole = ov.preset.roles.find((r) => r.desk)?.id;
    for (const u of summary.users) {
      const s = await call(ctx, 'session.login', null, { username: u.username, password: DEMO_PASSWORD });
      if (s.positions.some((p) => p.roleId === deskRole)) {
        await call(ctx, 'case.register', s.token, {
          channel: 'walkin',
          receivedAt: NOW - 3_600_000,
          type: 'pengaduan',
          title: '=1+1',
          description: 'Uji sel rumus di laporan.',
          location: '@SUM(A1:A9)',
          privacy: 'biasa',
          complainant: { name: 'Nama Rahasia Pengadu', phone: '0811-0000-0000' },
        });
        break;
      }
    }
    // An OPD user: the first OPD post of the demo with cases.
    const units = ctx.opened.sqlite.prepare('SELECT unit_id, count(*) AS n FROM case_unit GROUP BY unit_id ORDER BY n DESC').all() as Array<{
      unit_id: string;
    }>;
    for (const u of summary.users) {
      const s = await call(ctx, 'session.login', null, { username: u.username, password: DEMO_PASSWORD });
      const p = s.positions.find((x) => x.unitId === units[0]?.unit_id);
      if (p) {
        opdUser = { token: s.token, unitId: p.unitId };
        break;
      }
    }
    const proj = await ctx.projection();
    cal = proj.engine.calendar;
    preset = proj.preset('balangan', 1);
    dayMin = standardDayMinutes(cal);
    truth = truthFromLog(ctx, opdIds);
  }, 240_000);
  afterAll(() => ctx.opened.close());

  function inPeriod(from: number, to: number): Truth[] {
    return [...truth.values()].filter((t) => t.receivedAt >= from && t.receivedAt < to);
  }

  function stdMinutes(t: Truth): number {
    const base = preset.rules.totalStandard ?? {};
    let days = base.days ?? 0;
    let minutes = base.minutes ?? 0;
    if (t.extended)
      for (const s of preset.steps)
        if (s.extendedStandard)
          [days, minutes] = [
            days + (s.extendedStandard.days ?? 0) - (s.standard.days ?? 0),
            minutes + (s.extendedStandard.minutes ?? 0) - (s.standard.minutes ?? 0),
          ];
    return days * dayMin + minutes;
  }

  function expectMeasures(m: MonthlyReport['measures'], cases: Truth[], asOf: number): void {
    const fin = cases.filter((t) => (t.answeredAt ?? t.closedAt) !== null && (t.answeredAt ?? t.closedAt ?? 0) <= asOf);
    const took = fin.map((t) => elapsedWorkingMinutes(cal, t.registeredAt, t.answeredAt ?? t.closedAt ?? 0, t.pauses));
    expect(m.received).toBe(cases.length);
    expect(m.finished).toBe(fin.length);
    expect(m.followedUp).toBe(cases.filter((t) => t.opds.size > 0 || fin.includes(t)).length);
    expect(m.onTime).toBe(fin.filter((t, i) => (took[i] ?? 0) <= stdMinutes(t)).length);
    if (fin.length) {
      expect(m.avgHandlingDays).toBeCloseTo(took.reduce((a, b) => a + b, 0) / fin.length / dayMin, 6);
      expect(m.worstHandlingDays).toBeCloseTo(Math.max(...took) / dayMin, 6);
    }
    expect(m.open).toBe(cases.length - fin.length);
  }

  it('the log has what the checks assume (no conflicts, no reopened cases)', () => {
    const n = (sql: string) => (ctx.opened.sqlite.prepare(sql).get() as { n: number }).n;
    expect(n('SELECT coalesce(sum(conflict_count), 0) AS n FROM cases')).toBe(0);
    expect(n("SELECT count(*) AS n FROM event WHERE type = 'case.reopened'")).toBe(0);
    expect(truth.size).toBe(151);
  });

  it('bulanan: counts by channel, type, category and OPD, rates and handling times match the log', async () => {
    const d = (await call(ctx, 'report.data', admin, { kind: 'bulanan', period: '2026-10' })) as MonthlyReport;
    const cases = inPeriod(localStart(2026, 10, 1), localStart(2026, 11, 1));
    expect(cases.length).toBeGreaterThan(5);
    expect(d.period).toMatchObject({ label: 'Oktober 2026', firstDay: '2026-10-01', lastDay: '2026-10-31' });
    expect(nonZero(d.byChannel)).toEqual(countBy(cases, (t) => t.channel));
    expect(nonZero(d.byType)).toEqual(countBy(cases, (t) => t.type));
    expect(nonZero(d.byCategory)).toEqual(countBy(cases, (t) => t.categoryId ?? ''));
    const opd: Record<string, number> = {};
    for (const t of cases) for (const u of t.opds) opd[u] = (opd[u] ?? 0) + 1;
    expect(nonZero(d.byOpd)).toEqual(opd);
    expect(d.byStatus.reduce((s, r) => s + r.count, 0)).toBe(cases.length);
    expectMeasures(d.measures, cases, NOW);
    expect(JSON.stringify(d)).not.toContain('Nama Rahasia');
  });

  it('tahunan: the year by month, with the same measures', async () => {
    const d = (await call(ctx, 'report.data', admin, { kind: 'tahunan', period: '2026' })) as AnnualReport;
    expect(d.months).toHaveLength(12);
    for (const m of d.months)
      expectMeasures(
        m.measures,
        inPeriod(localStart(2026, m.month, 1), m.month === 12 ? localStart(2027, 1, 1) : localStart(2026, m.month + 1, 1)),
        NOW,
      );
    expectMeasures(d.measures, inPeriod(localStart(2026, 1, 1), localStart(2027, 1, 1)), NOW);
  });

  it('the recaps read cases page by page: each once, oldest first, as one select would', async () => {
    const from = localStart(2026, 1, 1);
    const to = localStart(2027, 1, 1);
    const all: Visibility = { all: true, unitIds: [], confidential: false };
    const whole = await loadCases(ctx, all, receivedIn(from, to));
    // Pages of 7, with ties on received_at across page edges resolved by id.
    const paged: CaseFact[] = [];
    let pages = 0;
    await forEachCaseReceived(ctx, all, from, to, (page) => void (pages++, paged.push(...page)), 7);
    expect(pages).toBeGreaterThan(10);
    expect(paged).toEqual(whole);
    expect(new Set(paged.map((c) => c.id)).size).toBe(paged.length);
    // An OPD's view pages the same way.
    const mine: Visibility = { all: false, unitIds: [opdUser.unitId], confidential: false };
    const own: CaseFact[] = [];
    await forEachCaseReceived(ctx, mine, from, to, (page) => void own.push(...page), 5);
    expect(own).toEqual(await loadCases(ctx, mine, receivedIn(from, to)));
    expect(own.length).toBeGreaterThan(5);
  });

  it('tahunan XLSX: the figure sheets first, then every case of the year, its total matching the figures', async () => {
    const d = (await call(ctx, 'report.data', admin, { kind: 'tahunan', period: '2026' })) as AnnualReport;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(await exported('tahunan', '2026', 'xlsx')));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Per Bulan',
      'Per Status',
      'Per Kanal',
      'Per Jenis',
      'Per Kategori',
      'Per OPD',
      'Daftar Aduan',
    ]);
    const list = wb.getWorksheet('Daftar Aduan');
    const months = wb.getWorksheet('Per Bulan');
    if (!list || !months) throw new Error('missing sheet');
    const n = d.measures.received;
    expect(list.getCell(`B${n + 7}`).value).toBe(`Jumlah: ${n} aduan`);
    expect(list.getCell(`J${n + 7}`).value).toBe(`Selesai: ${d.measures.finished}`);
    expect(list.getCell(`L${n + 7}`).value).toBeCloseTo(d.measures.avgHandlingDays ?? 0, 9);
    const refs: string[] = [];
    for (let r = 7; r < n + 7; r++) refs.push(String(list.getCell(`B${r}`).value));
    expect(refs.sort()).toEqual(
      inPeriod(localStart(2026, 1, 1), localStart(2027, 1, 1))
        .map((t) => t.ref)
        .sort(),
    );
    expect(months.getCell('B19').value).toBe(n);
  });

  it('semester: cases per OPD match the dispositions in the log; the step table is consistent', async () => {
    const d = (await call(ctx, 'report.data', admin, { kind: 'semester', period: '2026-s2' })) as SemesterReport;
    expect(d.period.label).toBe('Semester II 2026');
    const cases = inPeriod(localStart(2026, 7, 1), localStart(2027, 1, 1));
    const opd: Record<string, number> = {};
    for (const t of cases) for (const u of t.opds) opd[u] = (opd[u] ?? 0) + 1;
    expect(Object.fromEntries(d.opds.map((r) => [r.unitId, r.received]))).toEqual(opd);
    for (const r of d.opds) {
      expect(r.answeredOnTime + r.late).toBeLessThanOrEqual(r.received);
      expect(r.open).toBeLessThanOrEqual(r.received);
      expect(r.daysLate).toBeGreaterThanOrEqual(0);
    }
    expect(d.steps.length).toBeGreaterThan(3);
    const doneTasks = (
      ctx.opened.sqlite
        .prepare(
          `SELECT count(*) AS n FROM case_task t JOIN cases c ON c.id = t.case_id WHERE t.state = 'done' AND c.received_at >= ? AND c.received_at < ?`,
        )
        .get(localStart(2026, 7, 1), localStart(2027, 1, 1)) as { n: number }
    ).n;
    expect(d.steps.reduce((s, r) => s + r.count, 0)).toBe(doneTasks);
    for (const s of d.steps) expect(s.standardDays).toBeGreaterThan(0);
  });

  it("harian: the day's cases and what needs attention", async () => {
    const d = (await call(ctx, 'report.data', admin, { kind: 'harian', period: '2026-11-20' })) as DailyReport;
    const day = inPeriod(localStart(2026, 11, 20), localStart(2026, 11, 21));
    expect(d.received.map((l) => l.ref).sort()).toEqual(day.map((t) => t.ref).sort());
    expect(d.received.map((l) => l.title)).toContain('=1+1');
    // Overdue now: exactly the cases with an open step past its due time.
    const overdue = (
      ctx.opened.sqlite
        .prepare("SELECT DISTINCT c.ref FROM case_task t JOIN cases c ON c.id = t.case_id WHERE t.state = 'open' AND t.due_at < ?")
        .all(NOW) as Array<{ ref: string }>
    )
      .map((r) => r.ref)
      .sort();
    expect(
      d.attention
        .filter((l) => l.attention.includes('overdue'))
        .map((l) => l.ref)
        .sort(),
    ).toEqual(overdue);
    expect(d.attentionCounts.overdue).toBe(overdue.length);
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('isu-strategis: flagged cases from the log, and clusters of similar cases', async () => {
    const d = (await call(ctx, 'report.data', admin, { kind: 'isu-strategis', period: '2026-11-20' })) as StrategicReport;
    const from = localStart(2026, 11, 20);
    const to = localStart(2026, 11, 21);
    const want = [...truth.values()].filter(
      (t) =>
        (t.strategic || t.urgency !== 'biasa') &&
        t.receivedAt < to &&
        (t.receivedAt >= from || ((t.answeredAt === null || t.answeredAt > NOW) && (t.closedAt === null || t.closedAt > NOW))),
    );
    expect(d.cases.map((l) => l.ref).sort()).toEqual(want.map((t) => t.ref).sort());
    for (const c of d.clusters) expect(c.refs.length).toBeGreaterThanOrEqual(2);

    const fact = (id: string, title: string, receivedAt: number, location: string | null, categoryId: string | null): CaseFact => ({
      id,
      ref: id,
      laporId: null,
      title,
      channel: 'web',
      type: 'pengaduan',
      categoryId,
      subcategoryId: null,
      location,
      urgency: 'biasa',
      strategic: false,
      status: 'registered',
      receivedAt,
      registeredAt: receivedAt,
      answeredAt: null,
      closedAt: null,
      closeReason: null,
      reopens: 0,
      deliveredAt: null,
      nextDueAt: null,
      pausedNow: false,
      presetId: 'balangan',
      presetVersion: 1,
      extended: false,
      pauses: [],
      opdUnitIds: [],
    });
    const clusters = findClusters(
      [
        fact('A', 'Jembatan gantung Juai rusak parah', 1, 'Juai', 'infrastruktur'),
        fact('B', 'Jembatan gantung di Juai rusak', 2, 'Juai ', 'infrastruktur'),
        fact('C', 'Lampu penerangan padam', 3, 'Paringin', 'infrastruktur'),
        fact('D', 'Pungutan liar sekolah dasar', 4, null, null),
        fact('E', 'Pungutan liar di sekolah dasar negeri', 5, null, null),
      ],
      (c) => c.receivedAt >= 2,
      () => 'Infrastruktur',
    );
    expect(clusters.map((c) => [c.basis, [...c.refs].sort().join(',')])).toEqual([
      ['judul', 'D,E'],
      ['lokasi', 'A,B'],
    ]);
  });

  it('an OPD user sees only the cases disposed to their unit', async () => {
    const d = (await call(ctx, 'report.data', opdUser.token, { kind: 'tahunan', period: '2026' })) as AnnualReport;
    const mine = inPeriod(localStart(2026, 1, 1), localStart(2027, 1, 1)).filter((t) => t.opds.has(opdUser.unitId));
    expect(d.allUnits).toBe(false);
    expect(d.measures.received).toBe(mine.length);
    expect(d.byOpd.map((r) => r.key)).toEqual([opdUser.unitId]);
    const dash = await call(ctx, 'dashboard.stats', opdUser.token, { from: '2026-01-01', to: '2026-12-31' });
    expect(dash.measures.received).toBe(mine.length);
    const all = await call(ctx, 'dashboard.stats', admin, { from: '2026-09-01', to: '2026-11-20' });
    expect(all.trend.bucket).toBe('week');
    expect(all.trend.points.reduce((s, p) => s + p.received, 0)).toBe(inPeriod(localStart(2026, 9, 1), localStart(2026, 11, 21)).length);
    expect(all.slowestSteps.length).toBeGreaterThan(0);
    expect(all.overdueNow).toBeGreaterThan(0);
  });

  it('refuses a bad period in Indonesian', async () => {
    const { dispatch } = await import('../../src/main/backend/backend');
    const r = await dispatch(ctx, 'report.data', admin, { kind: 'bulanan', period: '2026-13' });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(/^Periode "2026-13" tidak valid untuk laporan bulanan.*2026-11/),
      });
    const s = await dispatch(ctx, 'report.data', admin, { kind: 'semester', period: '2026-11' });
    expect(s.ok).toBe(false);
  });

  async function exported(kind: ReportData['kind'], period: string, format: 'xlsx' | 'pdf'): Promise<Buffer> {
    const f = await call(ctx, 'report.export', admin, { kind, period, format });
    expect(f.fileName).toBe(`laporan-${kind}-${period}.${format}`);
    return Buffer.from(f.dataBase64, 'base64');
  }

  it('XLSX: sheets, Indonesian headers, frozen filtered header, real dates, totals, formulas kept as text', async () => {
    const d = (await call(ctx, 'report.data', admin, { kind: 'bulanan', period: '2026-11' })) as MonthlyReport;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(await exported('bulanan', '2026-11', 'xlsx')));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Per Status',
      'Per Kanal',
      'Per Jenis',
      'Per Kategori',
      'Per OPD',
      'Daftar Aduan',
    ]);
    const list = wb.getWorksheet('Daftar Aduan');
    if (!list) throw new Error('no list sheet');
    // Balangan's SOP names its monthly recap "Laporan identifikasi permasalahan bulanan" (preset reportTitles).
    expect(String(list.getCell('A1').value)).toMatch(/Laporan Identifikasi Permasalahan Bulanan/);
    expect(String(list.getCell('A3').value)).toMatch(/Periode: November 2026/);
    expect(list.getRow(6).values).toEqual([
      undefined,
      'No',
      'Nomor Registrasi',
      'Nomor LAPOR!',
      'Tanggal Diterima',
      'Kanal',
      'Jenis',
      'Kategori',
      'Judul',
      'OPD',
      'Status',
      'Tanggal Selesai',
      'Lama Penanganan (hari kerja)',
      'Tepat Waktu',
    ]);
    expect(list.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(list.autoFilter).toBe('A6:M6');
    const date = list.getCell('D7');
    expect(date.value).toBeInstanceOf(Date);
    expect(date.numFmt).toBe('dd/mm/yyyy');
    let formulaRow = 0;
    list.eachRow((row, n) => {
      if (row.getCell(8).value === '=1+1') formulaRow = n;
    });
    expect(formulaRow).toBeGreaterThan(6);
    const cell = list.getCell(`H${formulaRow}`);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.numFmt).toBe('@');
    expect(list.getCell(`B${d.measures.received + 7}`).value).toBe(`Jumlah: ${d.measures.received} aduan`);
    const channels = wb.getWorksheet('Per Kanal');
    if (!channels) throw new Error('no channel sheet');
    const totalRow = 7 + d.byChannel.length;
    expect(channels.getCell(`B${totalRow}`).value).toBe('Jumlah');
    expect(channels.getCell(`C${totalRow}`).value).toBe(d.measures.received);
    expect(channels.getCell('C7').numFmt).toBe('#,##0');
    // The summary mixes counts, rates and days: each value in its own format, never "29.0" or "0.8".
    const summary = wb.getWorksheet('Ringkasan');
    if (!summary) throw new Error('no summary sheet');
    const fmtOf = (label: string) => {
      let fmt: string | undefined;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) fmt = row.getCell(2).numFmt;
      });
      return fmt;
    };
    expect(fmtOf('Aduan Diterima')).toBe('#,##0');
    expect(fmtOf('Selesai')).toBe('#,##0');
    expect(fmtOf('Melewati Batas Waktu')).toBe('#,##0');
    expect(fmtOf('% Tepat Waktu')).toBe('0.0%');
    expect(fmtOf('% Selesai')).toBe('0.0%');
    expect(fmtOf('Rata-rata Penanganan (hari kerja)')).toBe('#,##0.0');
    let identity = false;
    for (const ws of wb.worksheets) ws.eachRow((r) => r.eachCell((c) => void (identity ||= String(c.value).includes('Nama Rahasia'))));
    expect(identity).toBe(false);

    const daily = new ExcelJS.Workbook();
    await daily.xlsx.load(arrayBuffer(await exported('harian', '2026-11-20', 'xlsx')));
    const masuk = daily.getWorksheet('Aduan Masuk');
    let loc = false;
    masuk?.eachRow((row) => {
      const c = row.getCell(9);
      if (c.value === '@SUM(A1:A9)') loc = c.type === ExcelJS.ValueType.String && c.formula === undefined;
    });
    expect(loc).toBe(true);
  });

  it('PDF: title, period, office and totals, read back with pdftotext', async () => {
    for (const [kind, period, label] of [
      ['tahunan', '2026', 'Tahun 2026'],
      ['semester', '2026-S2', 'Semester II 2026'],
      ['harian', '2026-11-20', '20 November 2026'],
      ['isu-strategis', '2026-11-20', '20 November 2026'],
      ['bulanan', '2026-10', 'Oktober 2026'],
    ] as const) {
      const d = await call(ctx, 'report.data', admin, { kind, period });
      const file = path.join(outDir, `${kind}.pdf`);
      fs.writeFileSync(file, await exported(kind, period, 'pdf'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(`Periode: ${label}`);
      expect(text).toContain('Diskominfo Balangan (uji laporan)');
      expect(text).toMatch(/Halaman 1 dari \d+/);
      expect(text).not.toContain('Nama Rahasia');
      if ('measures' in d) expect(text).toMatch(new RegExp(`Aduan diterima\\s+${d.measures.received}\\b`));
      expect(text).toContain('Jumlah');
    }
  });

  it('alur report writes the file and refuses a bad kind, period or format', async () => {
    const run = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), askSecret: async () => null };
      return { code: await main(['--data', dataDir, ...args], io), out, err };
    };
    const file = path.join(outDir, 'tahunan.xlsx');
    const ok = await run(['report', 'tahunan', '--period', '2026', '--format', 'xlsx', '--out', file]);
    expect(ok.code, ok.err.join('\n')).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const pdf = path.join(outDir, 'cli.pdf');
    expect((await run(['report', 'bulanan', '--period', '2026-11', '--format', 'pdf', '--out', pdf])).code).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    for (const [args, msg] of [
      [['report', 'mingguan', '--period', '2026', '--out', path.join(outDir, 'x1')], /^alur: Jenis laporan tidak dikenal: mingguan/],
      [['report', 'bulanan', '--period', '2026-13', '--out', path.join(outDir, 'x2')], /^alur: Periode "2026-13" tidak valid untuk laporan bulanan/],
      [['report', 'tahunan', '--period', '2026', '--format', 'docx', '--out', path.join(outDir, 'x3')], /^alur: Format tidak dikenal: docx/],
    ] as const) {
      const r = await run([...args]);
      expect(r.code).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(msg);
      expect(fs.readdirSync(outDir).filter((f) => f.startsWith('x'))).toEqual([]);
    }
  });
});
