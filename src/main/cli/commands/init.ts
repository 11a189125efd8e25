import type { Command } from 'commander';
import { AppError } from '../../../shared/result';
import { dispatch } from '../../backend/backend';
import type { CliEnv } from '../main';
import { loadPreset } from '../../backend/services/office.service';
import { resourcesDir } from '../paths';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

export function initCommand(program: Command, run: Run): void {
  program
    .command('init')
    .description('membuat kantor baru dari preset alur kerja (unit, jabatan, dan satu akun administrator)')
    .requiredOption('--preset <name>', 'preset: balangan, bontang, kaltim, magetan, tanah-bumbu')
    .requiredOption('--office <name>', 'nama kantor, mis. "Diskominfo Kabupaten Balangan"')
    .option('--admin-user <username>', 'nama pengguna administrator', 'admin')
    .option('--admin-name <name>', 'nama lengkap administrator', 'Administrator')
    .option('--admin-password <password>', 'kata sandi administrator (ditanyakan bila tidak diberikan)')
    .action((o: { preset: string; office: string; adminUser: string; adminName: string; adminPassword?: string }) =>
      run(async (env) => {
        // Check the preset before the data folder is touched: a typo must leave nothing behind.
        loadPreset(resourcesDir(), o.preset);
        const password = o.adminPassword ?? (await env.io.askSecret('Kata sandi administrator: '));
        if (!password) throw new AppError('VALIDATION', 'Kata sandi administrator wajib: berikan --admin-password atau jalankan di terminal.');
        const ctx = await env.open();
        const r = await dispatch(ctx, 'office.create', null, {
          presetId: o.preset,
          officeName: o.office,
          admin: { username: o.adminUser, fullName: o.adminName, password },
        });
        if (!r.ok) throw new AppError(r.error.code, r.error.message);
        env.io.out(`Kantor "${o.office}" dibuat dengan preset ${o.preset} di ${env.dataDir}`);
        env.io.out(`Administrator: ${o.adminUser}`);
      }),
    );
}
