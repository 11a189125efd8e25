/**
 * The annual recap benchmark: `alur report tahunan` as XLSX over the whole bench office
 * (every case of the year in the "Daftar Aduan" sheet), timed, with its peak memory sampled,
 * beside a raw baseline: one better-sqlite3 select of the same rows and an exceljs streaming
 * write of the same cells, without any figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BackendContext } from '../src/main/backend/services/context';
import type { Caller } from '../src/main/backend/services/auth.service';
import { writeReport } from '../src/main/backend/reports/report.service';
import { listRefs } from '../src/main/backend/refdata/ref-store';
import { time, type Row } from './stats';

/** Runs `fn` while sampling RSS every 10 ms; returns its time and the RSS growth over the start (MB). */
async function measured(fn: () => Promise<unknown>): Promise<{ ms: number; peakMb: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const r = await time(fn);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { ms: r.ms, peakMb: (peak - start) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

function finished(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.once('close', resolve).once('error', reject));
}

/** The year containing `end` as an annual recap, against the raw baseline. */
export async function benchAnnualRecap(ctx: BackendContext, cases: number, end: number): Promise<Row[]> {
  const admin = (await listRefs(ctx.db, 'user')).find((u) => u.isAdmin);
  if (!admin) throw new Error('bench office has no administrator');
  const caller: Caller = { token: 'bench', user: admin, actor: { userId: admin.id, isAdmin: true, positions: [] } };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alur-bench-report-'));
  try {
    const year = new Date(end).getUTCFullYear();
    const file = path.join(dir, 'tahunan.xlsx');
    const inYear = Number((ctx.opened.sqlite.prepare('SELECT count(*) AS n FROM cases WHERE received_at >= ? AND received_at < ?').get(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)) as { n: number }).n);
    const alur = await measured(() => writeReport(ctx, caller, 'tahunan', String(year), 'xlsx', fs.createWriteStream(file)));

    const raw = await measured(async () => {
      const rows = ctx.opened.sqlite
        .prepare('SELECT ref, lapor_id, received_at, channel, type, category_id, title, status, answered_at, closed_at FROM cases WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id')
        .iterate(Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)) as Iterable<Record<string, string | number | null>>;
      const out = fs.createWriteStream(path.join(dir, 'raw.xlsx'));
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet('Daftar Aduan');
      let i = 0;
      for (const r of rows) {
        const done = r['answered_at'] ?? r['closed_at'];
        ws.addRow([++i, r['ref'], r['lapor_id'], new Date(Number(r['received_at'])), r['channel'], r['type'], r['category_id'], r['title'], '', r['status'], done === null ? null : new Date(Number(done)), null, null]).commit();
      }
      ws.commit();
      await wb.commit();
      await finished(out);
    });
    return [
      { work: `annual recap XLSX (${inYear} of ${cases} cases in ${year})`, measure: 'total', value: alur.ms, baseline: raw.ms, budget: '< 5 s', pass: alur.ms < 5000 },
      { work: `annual recap XLSX (${inYear} of ${cases} cases in ${year})`, measure: 'peak RSS growth MB', value: alur.peakMb, baseline: raw.peakMb, budget: '< 300 MB', pass: alur.peakMb < 300, note: `file ${(fs.statSync(file).size / 1e6).toFixed(1)} MB` },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
