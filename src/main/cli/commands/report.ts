import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/result';
import { REPORT_FORMATS, REPORT_KINDS, type ReportFormat, type ReportKind } from '../../../shared/api/views-reports';
import { writeReport } from '../../backend/reports/report.service';
import { parsePeriod } from '../../backend/reports/period';
import type { CliEnv } from '../main';
import { cliCaller } from './cases';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

function isKind(k: string): k is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(k);
}

function isFormat(f: string): f is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(f);
}

/** `alur report KIND --period P --format xlsx|pdf --out FILE`: one SOP report to a file. */
export function reportCommand(program: Command, run: Run): void {
  program
    .command('report')
    .description('membuat laporan SOP (harian, isu-strategis, bulanan, semester, tahunan) sebagai XLSX atau PDF')
    .argument('<kind>', `jenis laporan: ${REPORT_KINDS.join(', ')}`)
    .requiredOption('--period <p>', 'periode: 2026-11-24 (harian, isu-strategis), 2026-11 (bulanan), 2026-S2 (semester), 2026 (tahunan)')
    .option('--format <f>', 'xlsx atau pdf', 'xlsx')
    .requiredOption('--out <file>', 'berkas tujuan')
    .action((kind: string, o: { period: string; format: string; out: string }) =>
      run(async (env) => {
        if (!isKind(kind)) throw new AppError('VALIDATION', `Jenis laporan tidak dikenal: ${kind} (pilihan: ${REPORT_KINDS.join(', ')})`);
        if (!isFormat(o.format)) throw new AppError('VALIDATION', `Format tidak dikenal: ${o.format} (pilihan: ${REPORT_FORMATS.join(', ')})`);
        const out = path.resolve(o.out);
        if (!fs.existsSync(path.dirname(out))) throw new AppError('VALIDATION', `Folder tujuan tidak ada: ${path.dirname(out)}`);
        const ctx = await env.open();
        const caller = await cliCaller(ctx);
        // A bad period is refused before any file is opened.
        parsePeriod(kind, o.period, (await ctx.projection()).engine.calendar.timeZone);
        // Written beside the target and renamed at the end: a failed run leaves no half file.
        const tmp = `${out}.${process.pid}.tmp`;
        try {
          await writeReport(ctx, caller, kind, o.period, o.format, fs.createWriteStream(tmp));
          fs.renameSync(tmp, out);
        } finally {
          fs.rmSync(tmp, { force: true });
        }
        env.io.out(`Laporan ${kind} ${o.period} ditulis ke ${out} (${fs.statSync(out).size} bita)`);
      }),
    );
}
