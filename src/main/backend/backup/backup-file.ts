/**
 * Making, checking, listing and rotating backups. A backup is SQLite's `VACUUM INTO` copy of
 * the live database (a consistent snapshot taken while the app keeps running), written under
 * a temporary name, verified (integrity_check, Alur's application id, a schema this version
 * knows), and only then given its final name; the attachments it refers to are copied beside
 * it under `blobs/` (by content hash, so each file is copied once across all backups).
 * Rotation deletes the oldest only after the new one is verified.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index';
import { fileStamp } from '../db/damage';
import { storageError } from '../db/storage-errors';

const APPLICATION_ID = 0x416c7572;
const NAME = /^alur-cadangan-(\d{8}T\d{6}Z)(?:-\d+)?\.db$/;

export interface BackupInfo {
  file: string;
  name: string;
  size: number;
  /** When it was made (from the name, UTC ISO). */
  at: string;
}

export interface VerifiedBackup {
  schema: number;
  events: number;
  cases: number;
  officeName: string | null;
}

function stampToIso(stamp: string): string {
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
}

/** Checks a backup file without changing it: readable, intact, Alur's, a schema we can open. */
export function verifyBackupFile(file: string): VerifiedBackup {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new AppError('NOT_FOUND', `Berkas cadangan tidak dapat dibuka: ${file} (${(e as Error).message})`);
  }
  try {
    const check = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    if (check.length !== 1 || check[0]?.integrity_check !== 'ok')
      throw new AppError('DAMAGED', `Berkas cadangan rusak (pemeriksaan keutuhan gagal): ${path.basename(file)}`);
    const appId = Number(db.pragma('application_id', { simple: true }));
    const schema = Number(db.pragma('user_version', { simple: true }));
    if (appId !== APPLICATION_ID || schema < 1) throw new AppError('VALIDATION', `Berkas ini bukan cadangan Alur: ${path.basename(file)}`);
    if (schema > LATEST_SCHEMA_VERSION)
      throw new AppError(
        'DATABASE_FROM_FUTURE',
        `Cadangan ini dibuat oleh versi Alur yang lebih baru (skema ${schema}, aplikasi ini ${LATEST_SCHEMA_VERSION}). Perbarui Alur dulu.`,
      );
    const events = Number(db.prepare('SELECT count(*) FROM event').pluck().get());
    const cases = Number(db.prepare('SELECT count(*) FROM cases').pluck().get());
    const office = db.prepare("SELECT json_extract(fields, '$.name') FROM ref_record WHERE kind = 'office' AND id = 'office'").pluck().get();
    const officeName = typeof office === 'string' ? office : null;
    return { schema, events, cases, officeName };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('DAMAGED', `Berkas cadangan rusak: ${path.basename(file)} (${(e as Error).message})`);
  } finally {
    db.close();
  }
}

/** The backups in `folder`, newest first. */
export function listBackups(folder: string): BackupInfo[] {
  if (!fs.existsSync(folder)) return [];
  const out: BackupInfo[] = [];
  for (const name of fs.readdirSync(folder)) {
    const m = NAME.exec(name);
    if (!m?.[1]) continue;
    const file = path.join(folder, name);
    out.push({ file, name, size: fs.statSync(file).size, at: stampToIso(m[1]) });
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** Copies the attachments `db` refers to (every blob of the data folder) into `folder/blobs`. */
function copyBlobs(dataDir: string, folder: string): number {
  const src = path.join(dataDir, 'blobs');
  if (!fs.existsSync(src)) return 0;
  let copied = 0;
  for (const sub of fs.readdirSync(src)) {
    const dir = path.join(src, sub);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir)) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const to = path.join(folder, 'blobs', sub, name);
      if (fs.existsSync(to)) continue;
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(dir, name), `${to}.tmp`);
      fs.renameSync(`${to}.tmp`, to);
      copied++;
    }
  }
  return copied;
}

/** Copies missing attachments back from a backup's folder into the data folder. */
export function restoreBlobs(backupFolder: string, dataDir: string): number {
  return copyBlobs(backupFolder, dataDir);
}

/**
 * Writes a verified backup of the open database `sqlite` (of `dataDir`) into `folder`, then
 * keeps only the newest `keep`. Returns the new backup.
 */
export function writeBackup(
  sqlite: SqliteDatabase.Database,
  dataDir: string,
  folder: string,
  keep: number,
  now = new Date(),
): BackupInfo & VerifiedBackup {
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw storageError(e) ?? new AppError('STORAGE', `Folder cadangan tidak dapat dibuat: ${folder} (${(e as Error).message})`);
  }
  let name = `alur-cadangan-${fileStamp(now)}.db`;
  for (let i = 2; fs.existsSync(path.join(folder, name)); i++) name = `alur-cadangan-${fileStamp(now)}-${i}.db`;
  const file = path.join(folder, name);
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    // A consistent copy of the committed state, compacted, without the WAL.
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    const verified = verifyBackupFile(tmp);
    fs.renameSync(tmp, file);
    copyBlobs(dataDir, folder);
    for (const old of listBackups(folder).slice(keep)) fs.rmSync(old.file, { force: true });
    return { file, name, size: fs.statSync(file).size, at: now.toISOString().replace(/\.\d+Z$/, 'Z'), ...verified };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw storageError(e) ?? new AppError('STORAGE', `Cadangan gagal dibuat: ${(e as Error).message}`);
  }
}
