/**
 * This workstation's backup settings: where, how often, how many to keep, and when the last
 * one was made. Kept in a small JSON file in the data folder, NOT in the database: they must
 * survive restoring an older database over the current one, and be readable when the
 * database is damaged (that is when the last backup is needed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const FILE = 'backup.json';

export const BackupSettings = z.object({
  /** The folder the administrator picked (another disk, a USB drive, a network share); null: none yet. */
  folder: z.string().min(1).max(1000).nullable(),
  /** Hours between automatic backups; 0 turns them off. */
  everyHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30),
  /** How many backups to keep in the folder; older ones are deleted after a verified new one. */
  keep: z.number().int().min(1).max(365),
  lastAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: null, everyHours: 24, keep: 14, lastAt: null, lastError: null };

export function readBackupSettings(dataDir: string): BackupSettings {
  try {
    const parsed = BackupSettings.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
  } catch {
    return DEFAULT_BACKUP_SETTINGS;
  }
}

export function writeBackupSettings(dataDir: string, s: BackupSettings): void {
  const file = path.join(dataDir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(BackupSettings.parse(s), null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
