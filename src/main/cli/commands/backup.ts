/** `alur backup` and `alur restore`: the same backups as Pengaturan › Cadangan, for cron and for repair. */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { AppError } from '../../../shared/result';
import { acquireFolderLock } from '../../backend/db/folder-lock';
import { ensureDataDir } from '../../backend/db/database';
import {
  afterRestore,
  backupNow,
  backupsOf,
  latestBackup,
  placeBackup,
  saveBackupSettings,
  backupSettings,
} from '../../backend/backup/backup.service';
import type { CliEnv } from '../main';
import { backupLine } from '../../backend/integrity/owner-work';
import { viaOwner } from './via-owner';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AppError('VALIDATION', `Bukan bilangan bulat: ${v}`);
  return n;
}

export function backupCommands(program: Command, run: Run): void {
  program
    .command('backup')
    .description('membuat cadangan basis data (diperiksa utuh setelah ditulis) dan lampirannya; cadangan lama di luar jumlah simpan dihapus')
    .option('--to <folder>', 'folder cadangan (default: yang diatur di Pengaturan › Cadangan)')
    .addOption(new Option('--keep <n>', 'jumlah cadangan yang disimpan').argParser(positiveInt))
    .option('--list', 'hanya menampilkan daftar cadangan')
    .option('--set-folder <folder>', 'mengatur folder cadangan workstation ini')
    .addOption(new Option('--every <hours>', 'mengatur jadwal: cadangan otomatis tiap N jam (0: mati)').argParser(positiveInt))
    .action((o: { to?: string; keep?: number; list?: boolean; setFolder?: string; every?: number }) =>
      run(async (env) => {
        const plain = o.to === undefined && o.keep === undefined && !o.list && o.setFolder === undefined && o.every === undefined;
        if (plain && (await viaOwner(env, 'backup'))) return;
        const ctx = await env.open();
        if (o.setFolder !== undefined || o.every !== undefined) {
          const cur = backupSettings(ctx);
          const s = saveBackupSettings(ctx, {
            folder: o.setFolder ? path.resolve(o.setFolder) : cur.folder,
            everyHours: o.every ?? cur.everyHours,
            keep: o.keep ?? cur.keep,
          });
          env.io.out(`Folder cadangan: ${s.folder ?? '-'}; otomatis: ${s.everyHours ? `tiap ${s.everyHours} jam` : 'mati'}; disimpan: ${s.keep}`);
          return;
        }
        if (o.list) {
          const list = backupsOf(ctx, o.to ? path.resolve(o.to) : undefined);
          env.io.out(`${list.length} cadangan`);
          for (const b of list) env.io.out(`${b.at}  ${mb(b.size).padStart(9)}  ${b.file}`);
          return;
        }
        const made = backupNow(ctx, o.to ? path.resolve(o.to) : undefined, o.keep);
        env.io.out(backupLine(made));
      }),
    );

  program
    .command('restore')
    .description(
      'memulihkan basis data dari cadangan: yang sekarang disisihkan (tidak ditimpa), lalu data yang belum ada di cadangan diambil dari server',
    )
    .argument('[file]', 'berkas cadangan (alur-cadangan-*.db)')
    .option('--latest', 'cadangan terbaru di folder cadangan yang diatur')
    .option('--yes', 'lanjutkan tanpa bertanya (wajib: pemulihan mengganti basis data yang dipakai)')
    .action((file: string | undefined, o: { latest?: boolean; yes?: boolean }) =>
      run(async (env) => {
        ensureDataDir(env.dataDir);
        const chosen = file ? path.resolve(file) : o.latest ? latestBackup(env.dataDir)?.file : undefined;
        if (!chosen)
          throw new AppError(
            'VALIDATION',
            file || !o.latest ? 'Sebutkan berkas cadangan atau --latest.' : 'Tidak ada cadangan di folder cadangan yang diatur.',
          );
        if (!o.yes)
          throw new AppError(
            'VALIDATION',
            `Pemulihan mengganti basis data yang dipakai dengan ${path.basename(chosen)} (yang sekarang disisihkan, tidak dihapus). Ulangi dengan --yes untuk melanjutkan.`,
          );
        // Own the folder before touching its files; opening below shares this lock.
        const lock = await acquireFolderLock(env.dataDir, {
          label: 'perintah "alur restore"',
          waitMs: 10_000,
          onWait: (m) => env.io.err(`alur: ${m}`),
        });
        try {
          const placed = placeBackup(env.dataDir, chosen);
          env.io.out(
            `Dipulihkan dari ${chosen} (${placed.cases} aduan, ${placed.events} peristiwa${placed.attachments ? `, ${placed.attachments} lampiran` : ''})`,
          );
          if (placed.setAside) env.io.out(`Basis data sebelumnya disimpan sebagai ${placed.setAside}`);
          const ctx = await env.open();
          const after = await afterRestore(ctx);
          if (after.pulled) env.io.out(`Diambil dari server: ${after.pulled.events} peristiwa, ${after.pulled.refs} data referensi`);
          if (after.syncError)
            env.io.err(`alur: server belum dapat dihubungi (${after.syncError}); jalankan "alur sync" sebelum mendaftarkan aduan baru.`);
          if (after.counters) env.io.out(`Nomor agenda ${after.counters.year} berikutnya setelah ${after.counters.counter}`);
        } finally {
          lock.release();
        }
      }),
    );
}
