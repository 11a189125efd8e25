/**
 * Migration 0005 (issue 15, finding a case): a full-text index of complainants' identities
 * (name, NIK, phone digits), kept apart from `case_fts` so that the case search most users run
 * never touches an identity; only the guarded identity search reads it. Filled from the
 * identity projection already there. Frozen once landed: never edit; add a new migration
 * instead. It imports nothing from the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE identity_fts USING fts5(case_id UNINDEXED, name, nik, phone, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  // Phone numbers are indexed as their digits with a leading 62 read as 0, as the search reads them.
  await sql`INSERT INTO identity_fts (case_id, name, nik, phone)
    SELECT case_id, name, coalesce(nik, ''),
      CASE WHEN d LIKE '62%' THEN '0' || substr(d, 3) ELSE d END
    FROM (SELECT case_id, name, nik,
      replace(replace(replace(replace(replace(replace(coalesce(phone, ''), '-', ''), ' ', ''), '+', ''), '.', ''), '(', ''), ')', '') AS d
      FROM identity)`.execute(db);
  // Existing cases get stemmed search terms at the next open (the backend re-indexes case_fts once).
  await sql`INSERT INTO local_meta (key, value) VALUES ('fts_stems', 'pending') ON CONFLICT (key) DO UPDATE SET value = 'pending'`.execute(db);
}
