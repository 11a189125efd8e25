/**
 * The annual recap benchmark: `alur report tahunan` as XLSX over the whole bench office
 * (every case of the year in the "Daftar Aduan" sheet), beside a raw baseline: one
 * better-sqlite3 select of the same rows and an exceljs streaming write of the same cells,
 * without any figure.
 *
 * Each run happens in a fresh child process (`node --expose-gc`) that opens the office, warms
 * what a running app holds (office, presets, users), collects garbage and only then measures
 * its own time and peak RSS over that start. Measured in the bench process itself, whichever
 * ran second started from a heap the first had grown, so the two peaks could not be compared.
 * The recap is measured twice: written to a file (the CLI's path) and through
 * `report.export`, which answers the workbook as base64.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { BackendContext } from '../src/main/backend/services/context';
import type { Caller } from '../src/main/backend/services/auth.service';
import { dispatch, openContext } from '../src/main/backend/backend';
import { writeReport } from '../src/main/backend/reports/report.service';
import { listRefs } from '../src/main/backend/refdata/ref-store';
import { time, type Row } from './stats';

const CHILD_FLAG = '--annual-recap-child';
type Job = 'alur-file' | 'alur-base64' | 'raw';

interface ChildArgs {
  job: Job;
  dataDir: string;
  resourcesDir: string;
  end: number;
  year: number;
  outDir: string;
}

interface Measured {
  ms: number;
  /** Peak RSS over the RSS at the start, MB. */
  peakMb: number;
  /** Bytes of the file written (or of the decoded base64). */
  bytes: number;
}

function finished(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.once('close', resolve).once('error', reject));
}

/**
 * Runs `fn` while sampling RSS every 10 ms. The kernel's high-water mark (`maxRSS`) catches a
 * peak between two samples: when it rose during `fn`, it is the exact peak.
 */
async function measured(fn: () => Promise<number>): Promise<Measured> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  const highBefore = process.resourceUsage().maxRSS * 1024;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const r = await time(fn);
    const highAfter = process.resourceUsage().maxRSS * 1024;
    peak = Math.max(peak, process.memoryUsage().rss, highAfter > highBefore ? highAfter : 0);
    return { ms: r.ms, peakMb: (peak - start) / 1e6, bytes: r.value };
  } finally {
    clearInterval(timer);
  }
}

/** The raw baseline: the same rows selected and written as the same cells, no figure. */
async function rawRecap(ctx: BackendContext, year: number, file: string): Promise<number> {
  const rows = ctx.opened.sqlite
    .prepare(
      'SELECT ref, lapor_id, received_at, channel, type, category_id, title, status, answered_at, closed_at FROM cases WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id',
    )
    .iterate(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)) as Iterable<Record<string, string | number | null>>;
  const out = fs.createWriteStream(file);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Daftar Aduan');
  let i = 0;
  for (const r of rows) {
    const done = r['answered_at'] ?? r['closed_at'];
    ws.addRow([
      ++i,
      r['ref'],
      r['lapor_id'],
      new Date(Number(r['received_at'])),
      r['channel'],
      r['type'],
      r['category_id'],
      r['title'],
      '',
      r['status'],
      done === null ? null : new Date(Number(done)),
      null,
      null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  await finished(out);
  return fs.statSync(file).size;
}

/** One job in this (child) process: open, warm, measure, report to the parent. */
async function child(a: ChildArgs): Promise<Measured> {
  const ctx = await openContext({ dataDir: a.dataDir, resourcesDir: a.resourcesDir, appVersion: 'bench', now: () => a.end });
  try {
    // What a running app already holds before anyone asks for a report.
    await ctx.office();
    await ctx.projection();
    const admin = (await listRefs(ctx.db, 'user')).find((u) => u.isAdmin);
    if (!admin) throw new Error('bench office has no administrator');
    const caller: Caller = { token: 'bench', user: admin, actor: { userId: admin.id, isAdmin: true, positions: [] } };
    ctx.sessions.set(caller.token, { userId: admin.id, lastSeen: a.end });
    const period = String(a.year);
    const file = path.join(a.outDir, `${a.job}.xlsx`);
    switch (a.job) {
      case 'alur-file':
        return await measured(async () => {
          await writeReport(ctx, caller, 'tahunan', period, 'xlsx', fs.createWriteStream(file));
          return fs.statSync(file).size;
        });
      case 'alur-base64':
        return await measured(async () => {
          const r = await dispatch(ctx, 'report.export', caller.token, { kind: 'tahunan', period, format: 'xlsx' });
          if (!r.ok) throw new Error(r.error.message);
          const { dataBase64 } = r.value as { dataBase64: string };
          return Buffer.byteLength(dataBase64, 'base64');
        });
      case 'raw':
        return await measured(() => rawRecap(ctx, a.year, file));
    }
  } finally {
    await ctx.opened.close();
  }
}

function inChild(a: ChildArgs): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const p = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, JSON.stringify(a)], { cwd: root, execArgv: ['--import', 'tsx', '--expose-gc'] });
    let got: Measured | null = null;
    p.on('message', (m: { ok: true; value: Measured } | { ok: false; error: string }) => {
      if (m.ok) got = m.value;
      else reject(new Error(`${a.job}: ${m.error}`));
    });
    p.once('error', reject);
    p.once('exit', (code) => (got ? resolve(got) : reject(new Error(`${a.job}: child exited with ${code}`))));
  });
}

if (process.argv[2] === CHILD_FLAG) {
  const a = JSON.parse(process.argv[3] ?? '{}') as ChildArgs;
  child(a).then(
    (value) => process.send?.({ ok: true, value }, () => process.exit(0)),
    (e: unknown) => process.send?.({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, () => process.exit(1)),
  );
}

/** The year containing `end` as an annual recap, against the raw baseline. */
export async function benchAnnualRecap(ctx: BackendContext, cases: number, end: number): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alur-bench-report-'));
  try {
    const year = new Date(end).getUTCFullYear();
    const inYear = Number(
      (
        ctx.opened.sqlite
          .prepare('SELECT count(*) AS n FROM cases WHERE received_at >= ? AND received_at < ?')
          .get(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)) as { n: number }
      ).n,
    );
    const base = { dataDir: ctx.options.dataDir, resourcesDir: ctx.options.resourcesDir, end, year, outDir: dir };
    // One after the other: on a 2-core machine they would otherwise time each other.
    const raw = await inChild({ ...base, job: 'raw' });
    const file = await inChild({ ...base, job: 'alur-file' });
    const b64 = await inChild({ ...base, job: 'alur-base64' });
    const work = `annual recap XLSX (${inYear} of ${cases} cases in ${year})`;
    return [
      { work, measure: 'total, to a file', value: file.ms, baseline: raw.ms, budget: '< 5 s', pass: file.ms < 5000 },
      {
        work,
        measure: 'peak RSS growth MB, to a file',
        value: file.peakMb,
        baseline: raw.peakMb,
        budget: '< 300 MB',
        pass: file.peakMb < 300,
        note: `file ${(file.bytes / 1e6).toFixed(1)} MB, raw ${(raw.bytes / 1e6).toFixed(1)} MB; each run in a fresh process`,
      },
      { work: `${work}, report.export`, measure: 'total, as base64', value: b64.ms, baseline: raw.ms, budget: '< 5 s', pass: b64.ms < 5000 },
      {
        work: `${work}, report.export`,
        measure: 'peak RSS growth MB, as base64',
        value: b64.peakMb,
        baseline: raw.peakMb,
        budget: '< 300 MB',
        pass: b64.peakMb < 300,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
