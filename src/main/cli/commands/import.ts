/** `alur import lapor FILE`: the LAPOR! import from the terminal, same preview and commit as the app. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { LaporMapping, LAPOR_FIELDS } from '../../../shared/api/methods/imports';
import { refusedRowsCsv, type LaporPreview } from '../../../shared/api/views-imports';
import { AppError } from '../../../shared/result';
import { actorFor, type Caller } from '../../backend/services/auth.service';
import type { BackendContext } from '../../backend/services/context';
import { commitLapor, previewLapor } from '../../backend/imports/lapor-import';
import { FIELD_LABELS } from '../../backend/imports/lapor-mapping';
import { checkImportSize } from '../../backend/imports/read-table';
import type { CliEnv } from '../main';
import { cliCaller } from './cases';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

interface Options {
  mapping?: string;
  dryRun?: boolean;
  refusedOut?: string;
}

function readMapping(file: string): LaporMapping {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('VALIDATION', `Berkas pemetaan ${file} tidak dapat dibaca sebagai JSON: ${(e as Error).message}`);
  }
  const r = LaporMapping.safeParse(json);
  if (!r.success)
    throw new AppError(
      'VALIDATION',
      `Pemetaan tidak valid (kunci: ${LAPOR_FIELDS.join(', ')}; nilai: judul kolom atau null): ${r.error.issues[0]?.message ?? ''}`,
    );
  return r.data;
}

/** The CLI's administrator, acting from the desk posts it holds today (registration needs one). */
async function importer(ctx: BackendContext): Promise<Caller> {
  const c = await cliCaller(ctx);
  return { ...c, actor: await actorFor(ctx, c.user) };
}

function printPreview(env: CliEnv, p: LaporPreview): void {
  const how = p.format === 'csv' ? `CSV, ${p.encoding ?? '?'}, pemisah "${p.delimiter === '\t' ? 'tab' : (p.delimiter ?? ',')}"` : 'XLSX';
  env.io.out(`Berkas: ${p.fileName} (${how}), baris judul kolom ${p.headerRow}`);
  for (const f of LAPOR_FIELDS) if (p.mapping[f]) env.io.out(`  ${FIELD_LABELS[f]} <- "${p.mapping[f]}"`);
  if (p.fileErrors.length) return;
  env.io.out(`${p.rows} baris: ${p.accepted} diterima, ${p.duplicates} sudah terdaftar, ${p.refused.length} ditolak`);
  for (const d of p.duplicateRows.slice(0, 20)) env.io.out(`  baris ${d.row}: ${d.laporId} sudah terdaftar sebagai ${d.ref}`);
  if (p.duplicateRows.length > 20) env.io.out(`  ... dan ${p.duplicateRows.length - 20} lagi`);
  for (const r of p.refused) env.io.out(`  DITOLAK baris ${r.row}${r.laporId ? ` (${r.laporId})` : ''}: ${r.reason}`);
  for (const w of p.warnings) env.io.out(`  peringatan baris ${w.row}: ${w.message}`);
}

export function importCommand(program: Command, run: Run): void {
  const imp = program.command('import').description('impor data dari sistem lain');
  imp
    .command('lapor')
    .description('impor ekspor dasbor admin SP4N-LAPOR! (XLSX atau CSV): pratinjau setiap baris, lalu semua baris yang diterima dalam satu transaksi')
    .argument('<file>', 'berkas ekspor LAPOR! (.xlsx atau .csv)')
    .option(
      '--mapping <file.json>',
      'pemetaan kolom, mis. {"laporId": "No. Tracking", "email": null}; tanpa ini: pemetaan tersimpan kantor, lalu nama kolom baku LAPOR!',
    )
    .option('--dry-run', 'hanya pratinjau, tidak menulis apa pun')
    .option('--refused-out <file.csv>', 'tulis baris yang ditolak beserta alasannya ke CSV')
    .action((file: string, o: Options) =>
      run(async (env) => {
        const st = fs.statSync(file, { throwIfNoEntry: false });
        if (!st?.isFile()) throw new AppError('NOT_FOUND', `Berkas tidak ditemukan: ${file}`);
        checkImportSize(st.size);
        const bytes = fs.readFileSync(file);
        const mapping = o.mapping ? readMapping(o.mapping) : null;
        const ctx = await env.open();
        const preview = await previewLapor(ctx, path.basename(file), bytes, mapping);
        printPreview(env, preview);
        if (o.refusedOut) {
          fs.writeFileSync(o.refusedOut, refusedRowsCsv(preview.refused));
          env.io.out(`Baris ditolak ditulis ke ${o.refusedOut}`);
        }
        if (preview.fileErrors.length) throw new AppError('VALIDATION', preview.fileErrors.join(' '));
        if (o.dryRun) {
          env.io.out('Uji coba (--dry-run): tidak ada yang ditulis.');
          return;
        }
        const r = await commitLapor(ctx, await importer(ctx), {
          fileName: preview.fileName,
          bytes,
          mapping: preview.mapping,
          sha256: preview.sha256,
        });
        const refs = r.firstRef ? ` (${r.firstRef}${r.lastRef !== r.firstRef ? ` s.d. ${r.lastRef}` : ''})` : '';
        env.io.out(`Diimpor: ${r.imported} aduan${refs}; ${r.duplicates} sudah terdaftar; ${r.refused.length} ditolak.`);
      }),
    );
}
