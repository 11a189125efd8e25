import type { Command } from 'commander';
import { connectOfficeByUrl, syncRound, type SyncReport } from '../../backend/sync/sync-engine';
import type { CliEnv } from '../main';
import { noteSecretStore } from '../secret-note';
import { syncReportLines } from '../../backend/integrity/owner-work';
import { viaOwner } from './via-owner';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

function printReport(env: CliEnv, r: SyncReport): void {
  for (const line of syncReportLines(r)) env.io.out(line);
}

export function syncCommand(program: Command, run: Run): void {
  program
    .command('sync')
    .description('satu putaran sinkronisasi dengan server kantor; pada folder data kosong: bergabung dengan kantor di server itu')
    .option('--url <url>', 'postgres://LOGIN_UNIT:SANDI@HOST:PORT/BASISDATA (dari berkas kredensial); tanpa ini: pengaturan tersimpan')
    .action((o: { url?: string }) =>
      run(async (env) => {
        // Beside the running app: the app does the round (its clock, its connection).
        if (!o.url && (await viaOwner(env, 'sync'))) return;
        const ctx = await env.open();
        if (o.url) {
          const wasEmpty = (await ctx.db.selectFrom('sync_config').select('id').executeTakeFirst()) === undefined;
          const r = await connectOfficeByUrl(ctx, o.url);
          if (!r.ok) throw new Error(r.error.message);
          if (wasEmpty)
            env.io.out(`Tersambung ke kantor "${r.value.officeName ?? '-'}" sebagai unit ${r.value.unitCode}${r.value.isHub ? ' (Diskominfo)' : ''}`);
          printReport(env, r.value);
          noteSecretStore(env);
          return;
        }
        const r = await syncRound(ctx);
        if (!r.ok)
          throw new Error(
            r.error.code === 'NOT_CONFIGURED'
              ? 'Sinkronisasi belum diatur: jalankan "alur sync --url postgres://LOGIN:SANDI@HOST/BASISDATA".'
              : r.error.message,
          );
        printReport(env, r.value);
      }),
    );
}
