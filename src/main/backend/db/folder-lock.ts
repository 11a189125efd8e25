/**
 * One owner per data folder. Two processes on one folder (the app and a cron `alur sync`, or
 * two app windows) used to fail thousands of writes with "database is locked" and each kept
 * its own hybrid clock, turning accepted acts into conflicts. Now the first process to open the
 * folder owns it until it exits; a second one waits a little and then refuses with a sentence
 * naming the owner.
 *
 * The lock is SQLite's own file lock on a tiny side database held in EXCLUSIVE locking mode:
 * the operating system drops it when the owner exits or crashes (no stale lock files to clean
 * up after a power cut), it works the same on Windows and Linux, and it also refuses a second
 * connection inside the same process. Inside one process the lock is shared (counted): the
 * CLI and tests open a folder's context twice in one process, which shares one file and
 * no clock drift across processes is possible; the danger is another process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../../../shared/result';

const LOCK_FILE = 'alur.lock';
const OWNER_FILE = 'alur.lock.json';

interface FolderOwner {
  pid: number;
  host: string;
  /** What holds it, as the person at the desk would say it ("aplikasi Alur", "alur sync"). */
  label: string;
  since: string;
}

export interface FolderLock {
  release(): void;
}

export interface LockOptions {
  /** How long a second process waits for the owner to finish (0: refuse at once). */
  waitMs?: number;
  label?: string;
  /** Called once when the folder is found in use and we start waiting. */
  onWait?: (message: string) => void;
}

/** The owner as recorded when it took the lock; null when the file is missing or unreadable. */
export function readFolderOwner(dataDir: string): FolderOwner | null {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8'));
    if (typeof v !== 'object' || v === null) return null;
    const o = v as Record<string, unknown>;
    if (typeof o['pid'] !== 'number' || typeof o['label'] !== 'string' || typeof o['host'] !== 'string' || typeof o['since'] !== 'string')
      return null;
    return { pid: o['pid'], host: o['host'], label: o['label'], since: o['since'] };
  } catch {
    return null;
  }
}

export function describeOwner(owner: FolderOwner | null): string {
  if (!owner) return 'proses Alur lain';
  return `${owner.label} (proses ${owner.pid} di ${owner.host}, sejak ${owner.since.slice(0, 16).replace('T', ' ')} UTC)`;
}

function tryLock(file: string): SqliteDatabase.Database | null {
  const db = new SqliteDatabase(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write in EXCLUSIVE mode takes the exclusive lock and keeps it until close.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime()); COMMIT;');
    return db;
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY' || (e as { code?: string }).code === 'SQLITE_LOCKED') return null;
    throw new AppError('STORAGE', `Kunci folder data tidak dapat dibuat: ${file} (${(e as Error).message})`);
  }
}

/** The locks this process holds, by lock file path, with how many openers share each. */
const heldHere = new Map<string, { db: SqliteDatabase.Database; count: number }>();

function shared(file: string): FolderLock {
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const h = heldHere.get(file);
      if (!h) return;
      if (--h.count === 0) {
        heldHere.delete(file);
        h.db.close();
      }
    },
  };
}

/** Takes the folder's lock, waiting up to `waitMs` for another owner to let go. */
export async function acquireFolderLock(dataDir: string, opts: LockOptions = {}): Promise<FolderLock> {
  const file = path.join(fs.realpathSync(dataDir), LOCK_FILE);
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let told = false;
  for (;;) {
    const mine = heldHere.get(file);
    if (mine) {
      mine.count++;
      return shared(file);
    }
    const held = tryLock(file);
    if (held) {
      const owner: FolderOwner = { pid: process.pid, host: os.hostname(), label: opts.label ?? 'Alur', since: new Date().toISOString() };
      fs.writeFileSync(path.join(dataDir, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
      heldHere.set(file, { db: held, count: 1 });
      return shared(file);
    }
    const who = describeOwner(readFolderOwner(dataDir));
    if (Date.now() >= deadline) {
      throw new AppError(
        'FOLDER_IN_USE',
        `Folder data ini sedang dipakai oleh ${who}. Hanya satu program Alur boleh memakai satu folder data; tutup yang lain lalu coba lagi.`,
        { owner: readFolderOwner(dataDir) },
      );
    }
    if (!told) {
      opts.onWait?.(`Folder data sedang dipakai oleh ${who}; menunggu sampai selesai...`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
