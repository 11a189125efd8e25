/**
 * Opening the local SQLite database: the folder's lock, WAL, foreign keys, the migrations,
 * and the refusals (a database from a newer Alur, a file that is not an Alur database, a
 * read-only folder, a folder whose database was damaged or lost).
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { AppError } from '../../../shared/result';
import type { Database } from './schema';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { acquireFolderLock, type FolderLock, type LockOptions } from './folder-lock';
import { AlurSqliteDialect } from './sqlite-dialect';
import { checkIntact, folderHeldOffice, markFolder } from './damage';

/** "Alur" in ASCII: marks the file as ours in the SQLite header. */
const APPLICATION_ID = 0x416c7572;
export const DB_FILE = 'alur.db';

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** The raw handle, for the few hot paths (projection rebuild, bulk reads) that prepare statements once. */
  sqlite: SqliteDatabase.Database;
  path: string;
  close(): Promise<void>;
}

/** Makes sure the data directory exists and is writable, with a one-line reason if not. */
export function ensureDataDir(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (e) {
    throw new AppError('STORAGE', `Folder data tidak dapat ditulis: ${dataDir} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Opens (creating if needed) and migrates the database in `dataDir`, owning the folder until closed. */
export async function openDatabase(
  dataDir: string,
  migrations: readonly Migration[] = MIGRATIONS,
  lockOptions: LockOptions = {},
): Promise<OpenedDatabase> {
  ensureDataDir(dataDir);
  const lock = await acquireFolderLock(dataDir, lockOptions);
  try {
    return await openLocked(dataDir, migrations, lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function openLocked(dataDir: string, migrations: readonly Migration[], lock: FolderLock): Promise<OpenedDatabase> {
  const file = path.join(dataDir, DB_FILE);
  // A folder that held an office never opens as a new, empty one (a 0-byte or missing file).
  const held = folderHeldOffice(dataDir);
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file);
  } catch (e) {
    throw new AppError('STORAGE', `Basis data tidak dapat dibuka: ${file} (${(e as Error).message})`);
  }
  try {
    if (held) checkIntact(sqlite, dataDir);
    checkOwnership(sqlite, file, migrations.length);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // FULL: a committed act survives a power cut. In WAL mode NORMAL may lose the last commits,
    // and until it is synced a registration or a signature exists only in this file. Measured
    // on the build machine: +5-7 ms per registration (8-13 ms -> 15-17 ms); bulk paths (import,
    // pull, rebuild) commit once per batch, so they barely notice.
    sqlite.pragma('synchronous = FULL');
    // 64 MB of page cache: index-heavy projection writes and rebuilds stay in memory.
    sqlite.pragma('cache_size = -65536');
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const db = new Kysely<Database>({ dialect: new AlurSqliteDialect(sqlite) });
  try {
    await migrate(db, sqlite, migrations);
  } catch (e) {
    await db.destroy();
    throw e instanceof AppError ? e : new AppError('STORAGE', `Migrasi basis data gagal: ${(e as Error).message}`);
  }
  markFolder(dataDir);
  return {
    db,
    sqlite,
    path: file,
    close: async () => {
      await db.destroy();
      lock.release();
    },
  };
}

function checkOwnership(sqlite: SqliteDatabase.Database, file: string, latest: number): void {
  let version: number;
  let appId: number;
  try {
    version = Number(sqlite.pragma('user_version', { simple: true }));
    appId = Number(sqlite.pragma('application_id', { simple: true }));
  } catch {
    throw new AppError('STORAGE', `Berkas ini bukan basis data Alur: ${file}`);
  }
  if (version > 0 && appId !== APPLICATION_ID) throw new AppError('STORAGE', `Berkas ini bukan basis data Alur: ${file}`);
  // user_version 0 with tables in it is another application's database: migrating would write
  // Alur's tables into it. Refuse before anything is written (journal mode included).
  if (version === 0 && appId !== APPLICATION_ID) {
    const n = Number(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").pluck().get());
    if (n > 0) throw new AppError('STORAGE', `Berkas ini bukan basis data Alur (berisi tabel aplikasi lain), tidak diubah: ${file}`);
  }
  if (version > latest) {
    // Never open a database a newer Alur wrote: this version would misread what it added.
    throw new AppError(
      'DATABASE_FROM_FUTURE',
      `Basis data ini dibuat oleh versi Alur yang lebih baru (skema ${version}, aplikasi ini ${latest}). Perbarui Alur.`,
      { databaseVersion: version, appVersion: latest },
    );
  }
}

/** Runs every pending migration in ONE transaction: all of them apply, or none. */
async function migrate(db: Kysely<Database>, sqlite: SqliteDatabase.Database, migrations: readonly Migration[]): Promise<void> {
  const current = Number(sqlite.pragma('user_version', { simple: true }));
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const m of pending) await m.up(trx as unknown as Kysely<unknown>);
    await sql.raw(`PRAGMA application_id = ${APPLICATION_ID}`).execute(trx);
    await sql.raw(`PRAGMA user_version = ${pending[pending.length - 1]?.version ?? current}`).execute(trx);
  });
}

export function schemaVersion(sqlite: SqliteDatabase.Database): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}

export { LATEST_SCHEMA_VERSION };
