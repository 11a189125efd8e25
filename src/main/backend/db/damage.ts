/**
 * Damage is detected, never served. A data folder that once held an Alur database carries a
 * marker file; when its database is then missing, empty (0 bytes), not SQLite, or fails
 * SQLite's `quick_check`, the folder is not opened as a new, empty office: the damaged files
 * are set aside under a new name (never overwritten, never deleted) and the opening fails
 * with words a clerk understands and the way to repair (restore the last backup).
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { HIGH_WATER_FILE, lostCommits } from '../integrity/high-water';

const MARKER_FILE = 'alur.folder';
const DB_FILE = 'alur.db';

/** Did this folder ever hold an Alur database (the marker is written after the first open)? */
export function folderHeldOffice(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, MARKER_FILE));
}

export function markFolder(dataDir: string): void {
  const file = path.join(dataDir, MARKER_FILE);
  if (fs.existsSync(file)) return;
  fs.writeFileSync(file, `${JSON.stringify({ note: 'Folder ini berisi data Alur. Jangan hapus berkas ini.', since: new Date().toISOString() })}\n`, {
    mode: 0o600,
  });
}

/** A timestamp usable in file names on every platform (no colons). */
export function fileStamp(d = new Date()): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Renames `alur.db` and its -wal/-shm to `alur.db.rusak-<stamp>` (plus suffix), picking a
 * name that does not exist. Returns the new main file's path, or null when there was none.
 */
export function setAsideDatabase(dataDir: string, why = 'rusak'): string | null {
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) return null;
  let base = `${file}.${why}-${fileStamp()}`;
  for (let i = 2; fs.existsSync(base); i++) base = `${file}.${why}-${fileStamp()}-${i}`;
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, base + suffix);
  fs.renameSync(file, base);
  // The commit mark (integrity/high-water.ts) belongs to the database set aside, not to the next one.
  const mark = path.join(dataDir, HIGH_WATER_FILE);
  if (fs.existsSync(mark)) fs.renameSync(mark, `${base}.hwm`);
  return base;
}

function damagedError(dataDir: string, reason: string, setAside: string | null): AppError {
  const where = setAside ? ` Berkas yang rusak disimpan sebagai ${path.basename(setAside)} (tidak dihapus).` : '';
  return new AppError(
    'DAMAGED',
    `Basis data Alur di komputer ini ${reason}, jadi tidak dibuka.${where} Pulihkan dari cadangan terakhir: administrator menjalankan "alur restore --latest" (data yang sudah tersinkron diambil lagi dari server).`,
    { dataDir, setAside, reason },
  );
}

/**
 * For a folder that held an office: refuses a missing, empty, non-SQLite or structurally
 * damaged database. Closes `sqlite` and sets the files aside before throwing.
 */
export function checkIntact(sqlite: SqliteDatabase.Database, dataDir: string): void {
  const file = path.join(dataDir, DB_FILE);
  let reason: string | null = null;
  if (fs.statSync(file).size === 0 && !fs.existsSync(`${file}-wal`)) reason = 'kosong (0 byte) atau hilang';
  else {
    try {
      // quick_check reads every page and checks the b-trees (not the index contents): a
      // flipped page header, a torn page or a truncated file shows here.
      const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
      if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') reason = 'rusak (pemeriksaan keutuhan gagal)';
    } catch {
      reason = 'rusak (bukan lagi berkas basis data yang dapat dibaca)';
    }
  }
  if (reason === null) reason = lostCommits(sqlite, dataDir);
  if (reason === null) return;
  // Closing the last connection checkpoints the WAL into the file and deletes it, which would
  // destroy the evidence (and write into a damaged file). A read-only second connection keeps
  // that close from taking the exclusive lock a checkpoint needs; it cannot checkpoint itself.
  let guard: SqliteDatabase.Database | null = null;
  try {
    guard = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    // An open read transaction holds the shared lock for as long as the guard is needed.
    guard.exec('BEGIN');
    guard.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    guard?.close();
    guard = null;
  }
  sqlite.close();
  // SQLite created an empty file when there was none: it goes aside too, as evidence.
  try {
    throw damagedError(dataDir, reason, setAsideDatabase(dataDir));
  } finally {
    guard?.close();
  }
}
