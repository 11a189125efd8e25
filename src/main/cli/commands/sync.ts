import type { Command } from 'commander';
import { connectOfficeByUrl, syncRound, type SyncReport } from '../../backend/sync/sync-engine';
import type { CliEnv } from '../main';
import { noteSecretStore } from '../secret-note';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

function printReport(env: CliEnv, r: SyncReport): void {
  env.io.out(`Dikirim: ${r.pushed.events} peristiwa, ${r.pushed.refs} data referensi; diterima: ${r.pulled.events} peristiwa, ${r.pulled.refs} data referensi (${(r.ms / 1000).toFixed(1)} dtk)`);
  if (r.refused.count) env.io.out(`Ditolak: ${r.refused.count} (tercatat; pertama: ${r.refused.first ?? '-'})`);
}

export function syncCommand(program: Command, run: Run): void {
  program
    .command('sync')
    .description('satu putaran sinkronisasi dengan server kantor; pada folder data kosong: bergabung dengan kantor di server itu')
    .option('--url <url>', 'postgres://LOGIN_UNIT:SANDI@HOST:PORT/BASISDATA (dari berkas kredensial); tanpa ini: pengaturan tersimpan')
    .action((o: { url?: string }) =>
      run(async (env) => {
        const ctx = await env.open();
        if (o.url) {
          const wasEmpty = (await ctx.db.selectFrom('sync_config').select('id').executeTakeFirst()) === undefined;
          const r = await connectOfficeByUrl(ctx, o.url);
          if (!r.ok) throw new Error(r.error.message);
          if (wasEmpty) env.io.out(`Tersambung ke kantor "${r.value.officeName ?? '-'}" sebagai unit ${r.value.unitCode}${r.value.isHub ? ' (Diskominfo)' : ''}`);
          printReport(env, r.value);
          noteSecretStore(env);
          return;
        }
        const r = await syncRound(ctx);
        if (!r.ok) throw new Error(r.error.code === 'NOT_CONFIGURED' ? 'Sinkronisasi belum diatur: jalankan "alur sync --url postgres://LOGIN:SANDI@HOST/BASISDATA".' : r.error.message);
        printReport(env, r.value);
      }),
    );
}
