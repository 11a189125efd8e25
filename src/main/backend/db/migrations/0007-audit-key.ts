/**
 * Migration 7: the audit trail becomes keyed. Each new entry's `hash` is an HMAC under a key
 * taken from the workstation secret (kept outside the database, sealed by the OS store where
 * the app runs), so someone editing the SQLite file without that secret cannot recompute the
 * chain. `keyed` says which rule made an entry's hash: 0 = the plain SHA-256 of the entries
 * written before this migration, 1 = the HMAC. The first keyed entry of a key is an anchor
 * (`audit.keyed`) whose MAC covers the last plain entry's hash, so the plain history before it
 * is covered too. The append-only triggers stay as they are.
 * Frozen once landed: never edit; add a new migration instead. It imports nothing from the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0`.execute(db);
}
