/**
 * Repair from the app when the data folder cannot open (DAMAGED): what is wrong, in the
 * clerk's words, the backups this workstation has, and a restore by an administrator. With no
 * database to log in to, the administrator's name and password are checked against the users
 * stored in the chosen backup (a verified Alur backup: db/backup-file.ts), so only someone who
 * was an administrator of this office when the backup was made can restore it.
 */
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { RepairStatus } from '../../../shared/api/methods/repair';
import { AppError, type ApiError } from '../../../shared/result';
import { listBackups, verifyBackupFile } from '../backup/backup-file';
import { readBackupSettings } from '../backup/backup-settings';
import { unlockWithPassword } from '../services/password';

/** What the repair screen shows; `error` is why the folder did not open (null: it did). */
export function repairStatus(dataDir: string, error: ApiError | null): RepairStatus {
  const folder = readBackupSettings(dataDir).folder;
  const backups = folder ? listBackups(folder).map((b) => ({ name: b.name, at: b.at, size: b.size })) : [];
  const damaged = error?.code === 'DAMAGED';
  return { damaged, message: damaged ? (error?.message ?? null) : null, folder, backups };
}

/** Failed administrator checks since the last good one (this process; a restart resets it). */
let failures = 0;

const WRONG = 'Nama pengguna atau kata sandi administrator salah (diperiksa pada cadangan yang dipilih).';

function fieldsOf(sqlite: SqliteDatabase.Database, kind: string): Array<{ id: string; f: Record<string, unknown> }> {
  const rows = sqlite.prepare('SELECT id, fields FROM ref_record WHERE kind = ?').all(kind) as Array<{ id: string; fields: string }>;
  return rows.map((r) => ({ id: r.id, f: JSON.parse(r.fields) as Record<string, unknown> })).filter((r) => r.f['_deleted'] !== true);
}

/**
 * The verified backup file named `name` in this workstation's backup folder, once `username`
 * and `password` are those of an active administrator in it. Throws VALIDATION / FORBIDDEN.
 */
export async function backupForAdmin(dataDir: string, name: string, username: string, password: string): Promise<string> {
  const folder = readBackupSettings(dataDir).folder;
  if (!folder) throw new AppError('VALIDATION', 'Folder cadangan belum dipilih di komputer ini; gunakan "alur restore FILE --yes".');
  const file = path.join(folder, name);
  verifyBackupFile(file);
  const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  let hash: string | null = null;
  try {
    const user = fieldsOf(sqlite, 'user').find((u) => u.f['username'] === username);
    if (user && user.f['isAdmin'] === true && user.f['active'] !== false) {
      const cred = fieldsOf(sqlite, 'credential').find((c) => c.id === user.id);
      hash = typeof cred?.f['hash'] === 'string' ? cred.f['hash'] : null;
    }
  } finally {
    sqlite.close();
  }
  // The same answer for an unknown user, a non-administrator and a wrong password, and each
  // failure answers later than the one before: the method is public while the folder is damaged.
  if (!hash || !(await unlockWithPassword(password, hash))) {
    failures++;
    await new Promise((r) => setTimeout(r, Math.min(30_000, 250 * 2 ** (failures - 1))));
    throw new AppError('FORBIDDEN', WRONG);
  }
  failures = 0;
  return file;
}
