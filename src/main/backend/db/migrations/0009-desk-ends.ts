/**
 * Migration 0009 (issue 15, the desk's missing work): projection columns for how a case ended
 * and how its answer reached the complainant, so lists, exports and recaps read them without
 * parsing each case's state: the close reason, the original a duplicate points to (indexed:
 * the original's page lists its duplicates), how often the complainant reopened it, and the
 * answer's delivery. They are projections; the backend re-projects, once at the next open,
 * the cases whose log holds a close or a reopen (a migration imports nothing from the app, so
 * it cannot replay the engine). Frozen once landed: never edit; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases ADD COLUMN close_reason TEXT`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN duplicate_of TEXT`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN delivered_at INTEGER`.execute(db);
  await sql`ALTER TABLE cases ADD COLUMN delivery_channel TEXT`.execute(db);
  await sql`CREATE INDEX case_duplicate_of ON cases (duplicate_of) WHERE duplicate_of IS NOT NULL`.execute(db);
  await sql`INSERT INTO local_meta (key, value) VALUES ('desk_ends', 'pending') ON CONFLICT (key) DO UPDATE SET value = 'pending'`.execute(db);
}
