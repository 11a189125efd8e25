/**
 * `alur log export`: the data folder's support log, for a problem report. The terminal user
 * already holds the data folder, so this reads the files directly (the app's administrators use
 * the `support.logExport` method); it opens no database, so it works when the database will not.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { exportLog } from '../../backend/log/logger';
import type { CliEnv } from '../main';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

export function logCommand(program: Command, run: Run): void {
  const log = program.command('log').description('log dukungan di folder data (kode peristiwa dan id; tanpa teks aduan)');
  log
    .command('export')
    .description('mengekspor log dukungan (baris JSON, yang tertua dahulu) untuk dikirim ke tim dukungan')
    .option('--out <file>', 'berkas tujuan (default: ditulis ke layar)')
    .action((opts: { out?: string }) =>
      run(async (env) => {
        const text = exportLog(env.dataDir);
        if (!opts.out) {
          if (text) env.io.out(text.trimEnd());
          return;
        }
        fs.writeFileSync(opts.out, text, { mode: 0o600 });
        env.io.out(`${text ? text.trimEnd().split('\n').length : 0} baris log ditulis ke ${opts.out}`);
      }),
    );
}
