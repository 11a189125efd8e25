/** Handlers of the backup methods (see src/shared/api/methods/backup.ts). */
import path from 'node:path';
import type { backupMethods } from '../../../shared/api/methods/backup';
import type { BackupView } from '../../../shared/api/views-backup';
import { AppError } from '../../../shared/result';
import { backupNow, backupSettings, backupsOf, saveBackupSettings } from '../backup/backup.service';
import type { BackendContext } from '../services/context';
import type { HandlersOf } from './types';

function view(ctx: BackendContext): BackupView {
  const s = backupSettings(ctx);
  return { folder: s.folder, everyHours: s.everyHours, keep: s.keep, lastAt: s.lastAt, lastError: s.lastError, backups: backupsOf(ctx) };
}

export const backupHandlers: HandlersOf<typeof backupMethods> = {
  'backup.settings': async (ctx) => view(ctx),
  'backup.configure': async (ctx, _c, input) => {
    saveBackupSettings(ctx, input);
    return view(ctx);
  },
  'backup.now': async (ctx) => {
    const b = backupNow(ctx);
    return { file: b.file, name: b.name, size: b.size, at: b.at, events: b.events, cases: b.cases };
  },
  'backup.restore': async (ctx, _c, input) => {
    const folder = backupSettings(ctx).folder;
    if (!folder) throw new AppError('VALIDATION', 'Folder cadangan belum dipilih.');
    if (!ctx.host) throw new AppError('VALIDATION', 'Pemulihan dari sini tidak tersedia; gunakan "alur restore".');
    return ctx.host.restore(path.join(folder, input.name));
  },
};
