/**
 * Backups and restore for a workstation: back up now, the schedule, the list, and restoring a
 * backup (the database set aside first, never overwritten; attachments put back; counters
 * raised; then one sync round pulls from the LAN server what the backup lacks).
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { localDate } from '../../../shared/calendar/working-time';
import { AppError } from '../../../shared/result';
import { DB_FILE } from '../db/database';
import { setAsideDatabase } from '../db/damage';
import { getRef } from '../refdata/ref-store';
import type { BackendContext } from '../services/context';
import { stationCode } from '../services/register.service';
import { syncRound } from '../sync/sync-engine';
import { listBackups, restoreBlobs, verifyBackupFile, writeBackup, type BackupInfo, type VerifiedBackup } from './backup-file';
import { readBackupSettings, writeBackupSettings, type BackupSettings } from './backup-settings';
import { highestIssuedSeq, raiseRefCounter } from './counters';

/** The folder to back up to: refused when it is the data folder or inside it (no protection then). */
function checkFolder(dataDir: string, folder: string): string {
  const abs = path.resolve(folder);
  const data = path.resolve(dataDir);
  if (abs === data || abs.startsWith(data + path.sep))
    throw new AppError('VALIDATION', 'Folder cadangan tidak boleh di dalam folder data: pilih disk lain, flashdisk, atau folder jaringan.');
  return abs;
}

export function backupSettings(ctx: BackendContext): BackupSettings {
  return readBackupSettings(ctx.options.dataDir);
}

export function saveBackupSettings(ctx: BackendContext, s: Pick<BackupSettings, 'folder' | 'everyHours' | 'keep'>): BackupSettings {
  const folder = s.folder === null ? null : checkFolder(ctx.options.dataDir, s.folder);
  const next = { ...readBackupSettings(ctx.options.dataDir), ...s, folder };
  writeBackupSettings(ctx.options.dataDir, next);
  return next;
}

/** Makes a verified backup now into `folder` (else the configured one) and rotates. */
export function backupNow(ctx: BackendContext, folder?: string, keep?: number): BackupInfo & VerifiedBackup {
  const settings = readBackupSettings(ctx.options.dataDir);
  const target = folder ?? settings.folder;
  if (!target) throw new AppError('VALIDATION', 'Folder cadangan belum dipilih (Pengaturan › Cadangan, atau --to FOLDER).');
  try {
    const made = writeBackup(
      ctx.opened.sqlite,
      ctx.options.dataDir,
      checkFolder(ctx.options.dataDir, target),
      keep ?? settings.keep,
      new Date(ctx.now()),
    );
    writeBackupSettings(ctx.options.dataDir, { ...readBackupSettings(ctx.options.dataDir), lastAt: made.at, lastError: null });
    return made;
  } catch (e) {
    writeBackupSettings(ctx.options.dataDir, { ...readBackupSettings(ctx.options.dataDir), lastError: (e as Error).message.slice(0, 300) });
    throw e;
  }
}

/** Is a scheduled backup due now? */
export function backupDue(s: BackupSettings, now: number): boolean {
  if (!s.folder || s.everyHours === 0) return false;
  return s.lastAt === null || now - Date.parse(s.lastAt) >= s.everyHours * 3_600_000;
}

/** Runs from the automation tick: a backup when one is due; a failure is kept for the UI, not thrown. */
export function scheduledBackup(ctx: BackendContext): void {
  if (!backupDue(readBackupSettings(ctx.options.dataDir), ctx.now())) return;
  try {
    backupNow(ctx);
  } catch {
    // backupNow recorded lastError; the Cadangan tab shows it.
  }
}

export function backupsOf(ctx: BackendContext, folder?: string): BackupInfo[] {
  const f = folder ?? readBackupSettings(ctx.options.dataDir).folder;
  return f ? listBackups(f) : [];
}

/** The newest backup in the configured folder, for `alur restore --latest`. */
export function latestBackup(dataDir: string): BackupInfo | null {
  const f = readBackupSettings(dataDir).folder;
  return f ? (listBackups(f)[0] ?? null) : null;
}

export interface PlacedBackup extends VerifiedBackup {
  /** Where the database that was there went (renamed, never overwritten); null when there was none. */
  setAside: string | null;
  attachments: number;
}

/**
 * Puts a verified backup in place of the folder's database. The caller holds the folder's
 * lock and has no database open on it.
 */
export function placeBackup(dataDir: string, file: string): PlacedBackup {
  const verified = verifyBackupFile(file);
  const target = path.join(dataDir, DB_FILE);
  // Numbers issued after the backup are in the database being replaced: keep its counters.
  const counters = readCounters(target);
  const setAside = setAsideDatabase(dataDir, 'sebelum-pulih');
  fs.copyFileSync(file, `${target}.tmp`);
  raiseCounters(`${target}.tmp`, counters);
  fs.renameSync(`${target}.tmp`, target);
  const attachments = restoreBlobs(path.dirname(file), dataDir);
  return { ...verified, setAside, attachments };
}

const COUNTER_KEYS = "key LIKE 'seq:%' OR key LIKE 'letterseq:%'";

/** The number counters of a database file, or none when it is missing or unreadable (damaged). */
function readCounters(file: string): Array<{ key: string; value: string }> {
  if (!fs.existsSync(file)) return [];
  try {
    const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(`SELECT key, value FROM local_meta WHERE ${COUNTER_KEYS}`).all() as Array<{ key: string; value: string }>;
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

/** Raises the counters in `file` to at least `counters` (never lowers one). */
function raiseCounters(file: string, counters: ReadonlyArray<{ key: string; value: string }>): void {
  if (counters.length === 0) return;
  const db = new SqliteDatabase(file);
  try {
    const up = db.prepare(
      'INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE CAST(excluded.value AS INTEGER) > CAST(local_meta.value AS INTEGER)',
    );
    db.transaction(() => counters.forEach((c) => up.run(c.key, c.value)))();
  } finally {
    db.close();
  }
}

interface CounterCheck {
  year: string;
  /** The tracking-number counter after the check. */
  counter: number;
  /** It was behind the log and was raised. */
  raised: boolean;
}

/** Raises this workstation's tracking-number counter to the highest number in the log. */
export async function checkCounters(ctx: BackendContext): Promise<CounterCheck | null> {
  const office = await getRef(ctx.db, 'office', 'office');
  if (!office) return null;
  const calendar = (await ctx.projection()).engine.calendar;
  const yyyy = localDate(calendar, ctx.now()).slice(0, 4);
  const hub = await getRef(ctx.db, 'unit', office.hubUnitId);
  const floor = await highestIssuedSeq(ctx.db, office.refFormat, { yyyy, station: await stationCode(ctx.db, ctx), unitCode: hub?.code ?? 'ADU' });
  const before = Number((await ctx.db.selectFrom('local_meta').select('value').where('key', '=', `seq:${yyyy}`).executeTakeFirst())?.value ?? '0');
  const counter = await raiseRefCounter(ctx.db, yyyy, floor);
  return { year: yyyy, counter, raised: counter > before };
}

interface AfterRestore {
  /** What the pull from the LAN server brought; null when no server is configured. */
  pulled: { events: number; refs: number } | null;
  /** Why the server could not be reached (the restore stands; sync again later). */
  syncError: string | null;
  counters: CounterCheck | null;
}

/** After a restored database is opened: pull what the backup lacks, then check the counters. */
export async function afterRestore(ctx: BackendContext): Promise<AfterRestore> {
  await checkCounters(ctx);
  const round = await syncRound(ctx);
  const pulled = round.ok ? round.value.pulled : null;
  const syncError = round.ok || round.error.code === 'NOT_CONFIGURED' ? null : round.error.message;
  return { pulled, syncError, counters: await checkCounters(ctx) };
}
