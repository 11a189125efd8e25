/**
 * Migration 0006 (issue 15, the signature book): "Disposisi keluar" lists one user's forwards
 * and dispositions in a period. Without an index that reads the whole event log; this partial
 * index holds only those two act types, by author and time.
 * Frozen once landed: never edit; add a new migration instead. It imports nothing from the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX event_author_passed ON event (author_id, at) WHERE type IN ('case.forwarded', 'case.disposed')`.execute(db);
}
