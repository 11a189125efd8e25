import type { Command } from 'commander';
import { AppError } from '../../../shared/result';
import type { CliEnv } from '../main';
import { DEMO_PASSWORD, generateDemo } from '../demo/generator';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

function startOfToday(): number {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function demoCommand(program: Command, run: Run): void {
  program
    .command('demo')
    .description('mengisi folder data kosong dengan kantor contoh dan aduan sintetis (melalui layanan yang sebenarnya)')
    .option('--cases <n>', 'jumlah aduan', '300')
    .option('--seed <s>', 'benih acak: benih sama, data sama', '1')
    .option('--preset <name>', 'preset bila kantor belum ada: balangan, bontang, kaltim, magetan, tanah-bumbu', 'balangan')
    .option('--office <name>', 'nama kantor bila belum ada (default: Diskominfo wilayah preset)')
    .option(
      '--admin-password <password>',
      'kata sandi administrator kantor yang sudah ada (dibuat dengan alur init); ditanyakan bila tidak diberikan',
    )
    .option('--now <date>', 'tanggal "hari ini" demo (YYYY-MM-DD; default hari ini)')
    .action((o: { cases: string; seed: string; preset: string; office?: string; adminPassword?: string; now?: string }) =>
      run(async (env) => {
        const cases = Number(o.cases);
        const seed = Number(o.seed);
        if (!Number.isInteger(cases) || cases < 1 || cases > 200_000) throw new AppError('VALIDATION', '--cases harus bilangan 1 sampai 200000');
        if (!Number.isInteger(seed)) throw new AppError('VALIDATION', '--seed harus bilangan bulat');
        let now = startOfToday();
        if (o.now !== undefined) {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(o.now) || Number.isNaN(Date.parse(o.now)))
            throw new AppError('VALIDATION', '--now harus tanggal YYYY-MM-DD');
          now = Date.parse(`${o.now}T00:00:00Z`);
        }
        // Day-anchored "today" (00:00 UTC is 07:00 WIB), so two runs on one day agree.
        env.io.out(`Folder data: ${env.dataDir}`);
        const summary = await generateDemo((opts) => env.open(opts), {
          cases,
          seed,
          now: now + 9 * 3_600_000,
          presetId: o.preset,
          officeName: o.office,
          askAdminPassword: async () => o.adminPassword ?? (await env.io.askSecret('Kata sandi administrator kantor: ')),
        });
        env.io.out(`${summary.cases} aduan, ${summary.events} peristiwa dibuat di ${env.dataDir}`);
        env.io.out(
          `Status: ${Object.entries(summary.byStatus)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
        );
        env.io.out(
          `Akun contoh (kata sandi semua: ${DEMO_PASSWORD}${summary.officeCreated ? '' : '; administrator kantor: kata sandinya sendiri'}):`,
        );
        for (const u of summary.users) env.io.out(`  ${u.username} — ${u.fullName} — ${u.position}`);
      }),
    );
}
