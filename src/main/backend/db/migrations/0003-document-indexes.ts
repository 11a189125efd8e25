/**
 * Migration 3: indexes for signed letters and issued documents, so issuing a letter number
 * (on every signed approval) and checking a file do not read the whole event log. Partial
 * expression indexes over the payload: only approvals and issued-copy records are indexed.
 * Frozen once landed: never edit; add a new migration instead. It imports nothing from the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX event_letter_seq ON event (json_extract(payload, '$.letter.unitId'), json_extract(payload, '$.letter.year'), json_extract(payload, '$.letter.seq')) WHERE type = 'case.approved'`.execute(db);
  await sql`CREATE INDEX event_issued_sha ON event (json_extract(payload, '$.sha256')) WHERE type = 'case.document_issued'`.execute(db);
}
