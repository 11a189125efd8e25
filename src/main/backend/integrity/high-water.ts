/**
 * A damaged WAL must not drop committed acts silently. SQLite replays the WAL up to the first
 * frame whose checksum fails and ignores the rest, so a damaged frame made 7-12 committed
 * registrations vanish with no error. After each local commit (an act whose only copy is this
 * file until it syncs) the id of its last event is written to `alur.hwm` beside the database,
 * outside the WAL, and fsynced; at open that event must be in the log. When it is not, the
 * database went back in time: it is refused as DAMAGED and set aside, never written to.
 *
 * Order: the transaction commits (synchronous=FULL syncs the WAL) before the mark is written,
 * so a crash in between leaves an older mark (no false alarm), and the mark is replaced by
 * rename (a torn write leaves the previous mark). Events that came by sync are not marked:
 * the server holds them and the next round brings them back. A restore sets the mark aside
 * with the replaced database (db/damage.ts), since the backup is older by design.
 */
import fs from 'node:fs';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';

export const HIGH_WATER_FILE = 'alur.hwm';

interface Mark {
  lastLocalEvent: string;
  at: number;
}

function read(dataDir: string): Mark | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dataDir, HIGH_WATER_FILE), 'utf8')) as Partial<Mark>;
    return typeof m.lastLocalEvent === 'string' ? { lastLocalEvent: m.lastLocalEvent, at: Number(m.at) } : null;
  } catch {
    return null;
  }
}

/** Records, durably, that `eventId` is committed. Called after the commit returned. */
export function markCommitted(dataDir: string, eventId: string, at: number): void {
  const file = path.join(dataDir, HIGH_WATER_FILE);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify({ lastLocalEvent: eventId, at } satisfies Mark));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * At open: the reason the database lost committed acts (for the DAMAGED message), or null when
 * the last marked event is there (or nothing was marked yet).
 */
export function lostCommits(sqlite: SqliteDatabase.Database, dataDir: string): string | null {
  const mark = read(dataDir);
  if (!mark) return null;
  const hasLog = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event'").get();
  const found = hasLog ? sqlite.prepare('SELECT 1 FROM event WHERE id = ?').get(mark.lastLocalEvent) : undefined;
  if (found) return null;
  const when = Number.isFinite(mark.at)
    ? ` (tindakan terakhir yang tersimpan: ${new Date(mark.at).toISOString().slice(0, 16).replace('T', ' ')} UTC)`
    : '';
  return `kehilangan tindakan yang sudah tersimpan${when}: catatan tulis-depan (WAL) rusak atau berkas lama dikembalikan`;
}
