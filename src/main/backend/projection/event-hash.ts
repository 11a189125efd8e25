/**
 * Each event's own content hash (column `event.hash`, migration 0005). A bit flipped in the
 * file changed "perhubungan" into "pevhubungan" and served it; now the row's hash no longer
 * matches and the read fails with words a clerk understands. The hash covers the stored
 * columns exactly as stored (the payload text as written), not the signature: signatures are
 * checked by their own code and may be added to the format later.
 */
import crypto from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import type { EventRow } from '../db/schema';

type HashedColumns = Pick<EventRow, 'id' | 'case_id' | 'type' | 'hlc' | 'at' | 'author_id' | 'position_id' | 'acting' | 'device_id' | 'payload'>;

export function eventRowHash(r: HashedColumns): string {
  const canonical = JSON.stringify([r.id, r.case_id, r.type, r.hlc, r.at, r.author_id, r.position_id, r.acting, r.device_id, r.payload]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/** Throws DAMAGED when a row read from the log is not what was written. */
export function checkEventRow(r: HashedColumns & { hash?: string | null }): void {
  if (r.hash === undefined || r.hash === null) return;
  if (eventRowHash(r) !== r.hash) {
    throw new AppError(
      'DAMAGED',
      `Catatan riwayat aduan di komputer ini rusak (peristiwa ${r.id} tidak sama dengan yang ditulis), jadi tidak ditampilkan. Pulihkan dari cadangan terakhir ("alur restore --latest"); data yang sudah tersinkron diambil lagi dari server.`,
      { eventId: r.id, caseId: r.case_id },
    );
  }
}

/** Fills the hash of rows written before migration 0005 (or by a bulk path without it). */
export function fillMissingHashes(sqlite: SqliteDatabase.Database): number {
  const rows = sqlite
    .prepare('SELECT id, case_id, type, hlc, at, author_id, position_id, acting, device_id, payload FROM event WHERE hash IS NULL')
    .all() as HashedColumns[];
  if (rows.length === 0) return 0;
  const update = sqlite.prepare('UPDATE event SET hash = ? WHERE id = ? AND hash IS NULL');
  sqlite
    .transaction(() => {
      for (const r of rows) update.run(eventRowHash(r), r.id);
    })
    .immediate();
  return rows.length;
}
