/**
 * Migration 5: each event row carries the SHA-256 of its own content (`hash`), computed when
 * it is appended and checked whenever it is read into a projection, so a flipped bit in the
 * log is reported instead of served. The hash covers the stored content, not the signature,
 * so it stays independent of how signatures evolve. Rows from before this migration get their
 * hash filled once at start; the append-only trigger is replaced by one that allows exactly
 * that (NULL to a value, nothing else changed) and still refuses every other update.
 * Frozen once landed: never edit; add a new migration instead. It imports nothing from the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE event ADD COLUMN hash TEXT`.execute(db);
  await sql`DROP TRIGGER event_no_update`.execute(db);
  await sql`CREATE TRIGGER event_no_update BEFORE UPDATE ON event
    WHEN NOT (OLD.hash IS NULL AND NEW.hash IS NOT NULL
      AND NEW.id IS OLD.id AND NEW.case_id IS OLD.case_id AND NEW.type IS OLD.type AND NEW.hlc IS OLD.hlc
      AND NEW.at IS OLD.at AND NEW.author_id IS OLD.author_id AND NEW.position_id IS OLD.position_id
      AND NEW.acting IS OLD.acting AND NEW.device_id IS OLD.device_id AND NEW.payload IS OLD.payload
      AND NEW.signature IS OLD.signature AND NEW.local IS OLD.local AND NEW.seq IS OLD.seq)
    BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END`.execute(db);
}
