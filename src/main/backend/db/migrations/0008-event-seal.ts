/**
 * Migration 8: each event row may carry its writer's seal (`seal`, an Ed25519 signature over
 * the whole event by the key the writer opened at login; keys/seal.ts). Rows from before stay
 * as they are (NULL): readable here, quarantined when another workstation pulls them.
 * The append-only trigger of migration 5 still refuses every update of a row with a hash.
 * Frozen once landed: never edit; add a new migration instead. It imports nothing from the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE event ADD COLUMN seal TEXT`.execute(db);
}
