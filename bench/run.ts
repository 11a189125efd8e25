/**
 * `npm run bench`: the DESIGN.md section 10 budgets this build can measure, each beside a raw
 * better-sqlite3 baseline doing the same work in the same run, printed as a table.
 * Options: --cases N (default 100000); --keep leaves the data folder; --queries DIR measures
 * only the query rows on a folder kept earlier; --rebuild-only stops after the rebuild row.
 * Rows for work not built yet are not printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext, dispatch } from '../src/main/backend/backend';
import { rebuildProjections } from '../src/main/backend/projection/projector';
import { fillMissingHashes } from '../src/main/backend/projection/event-hash';
import { listRefs } from '../src/main/backend/refdata/ref-store';
import { printTable, time, type Row } from './stats';
import { benchQueries } from './queries';
import { writeSyntheticCases } from './synthetic';
import { benchSync } from './sync';
import { benchLetters } from './documents';
import { benchAnnualRecap } from './reports';

const RESOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources');

function arg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} harus bilangan bulat positif`);
  return v;
}

export async function main(args: string[]): Promise<number> {
  const cases = arg(args, '--cases', 100_000);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const end = Date.UTC(2026, 10, 20, 3, 0);
  const kept = args.indexOf('--queries');
  if (kept >= 0) {
    const ctx = await openContext({ dataDir: args[kept + 1] ?? '', resourcesDir: RESOURCES, appVersion: 'bench', now: () => end });
    const n = (ctx.opened.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    const rows = await benchQueries(ctx, n);
    printTable(rows, out);
    await ctx.opened.close();
    return rows.every((r) => r.pass) ? 0 : 1;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alur-bench-'));
  try {
    const ctx = await openContext({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'bench', now: () => end });
    const created = await dispatch(ctx, 'office.create', null, {
      presetId: 'balangan',
      officeName: 'Bench',
      admin: { username: 'admin', fullName: 'Admin', password: 'bench-pass-1' },
    });
    if (!created.ok) throw new Error(created.error.message);
    const office = await ctx.office();
    const proj = await ctx.projection();
    const preset = proj.preset(office.presetId, office.presetVersion);
    const units = await listRefs(ctx.db, 'unit');
    const positions = await listRefs(ctx.db, 'position');
    out(`Alur bench: ${cases} aduan sintetis (preset ${preset.id}), data di ${dir}`);
    const gen = await time(() =>
      writeSyntheticCases(ctx.opened.sqlite, preset, proj.engine.calendar, units, positions, {
        count: cases,
        seed: 42,
        end,
        hubUnitId: office.hubUnitId,
      }),
    );
    out(`  log ditulis: ${gen.value.events} peristiwa dalam ${(gen.ms / 1000).toFixed(1)} dtk`);
    const rows: Row[] = [];

    // The synthetic log is written raw, without each event's content hash; the app fills
    // missing hashes once at open. Filled here, so the rebuild below checks every event's hash
    // as a real one does (rowToEvent), and the one-off fill is shown on its own.
    const raw = ctx.opened.sqlite;
    const filled = await time(() => fillMissingHashes(raw));
    out(`  hash peristiwa diisi: ${filled.value} dalam ${(filled.ms / 1000).toFixed(1)} dtk (sekali, saat upgrade)`);
    // Rebuild: every projection from the whole log, against a raw scan that parses each
    // payload and writes one row per case (the least any rebuild must do).
    const rebuild = await time(() => rebuildProjections(ctx.db, proj, ctx.writer));
    raw.exec('CREATE TEMP TABLE raw_cases (id TEXT PRIMARY KEY, n INTEGER, body TEXT)');
    const rawRebuild = await time(() => {
      // Paged by case like the real rebuild (a connection cannot write while it iterates).
      const ins = raw.prepare('INSERT OR REPLACE INTO raw_cases (id, n, body) VALUES (?, ?, ?)');
      const ids = (raw.prepare('SELECT DISTINCT case_id FROM event ORDER BY case_id').all() as Array<{ case_id: string }>).map((r) => r.case_id);
      raw.transaction(() => {
        for (let i = 0; i < ids.length; i += 500) {
          const page = ids.slice(i, i + 500);
          const rowsOfPage = raw
            .prepare(`SELECT case_id, payload FROM event WHERE case_id IN (${page.map(() => '?').join(',')}) ORDER BY case_id, hlc, id`)
            .all(...page) as Array<{ case_id: string; payload: string }>;
          let cur = '';
          let n = 0;
          let last = '';
          for (const r of rowsOfPage) {
            if (r.case_id !== cur) {
              if (cur) ins.run(cur, n, last);
              cur = r.case_id;
              n = 0;
            }
            n++;
            last = JSON.stringify(JSON.parse(r.payload));
          }
          if (cur) ins.run(cur, n, last);
        }
      })();
    });
    rows.push({
      work: `rebuild projections (${gen.value.events} events, each hash checked)`,
      measure: 'total',
      value: rebuild.ms,
      baseline: rawRebuild.ms,
      budget: '< 60 s',
      pass: rebuild.ms < 60_000,
    });

    if (args.includes('--rebuild-only')) {
      printTable(rows, out);
      await ctx.opened.close();
      return rows.every((r) => r.pass) ? 0 : 1;
    }
    rows.push(...(await benchQueries(ctx, cases)));
    rows.push(...(await benchAnnualRecap(ctx, cases, end)));
    rows.push(...(await benchSync({ events: 10_000, out })));
    rows.push(...(await benchLetters(RESOURCES, out)));

    out('');
    printTable(rows, out);
    out('');
    await ctx.opened.close();
    return rows.every((r) => r.pass) ? 0 : 1;
  } finally {
    if (args.includes('--keep')) out(`data disimpan di ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
