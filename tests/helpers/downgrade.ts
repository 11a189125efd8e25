/**
 * Takes a closed database file back to the schema just after migration `name`, so an upgrade
 * test can write rows "as that version did" and watch the next open migrate them. Each landed
 * migration after 0005 has its way down here (tests only: the app never goes down). A new
 * migration adds its entry, or every older upgrade test fails at the next open on what it added.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/main/backend/db/migrations/index';

const DOWN: Record<string, string> = {
  '0006-signbook': 'DROP INDEX event_author_passed;',
  '0007-audit-key': 'ALTER TABLE audit DROP COLUMN keyed;',
  '0008-event-seal': 'ALTER TABLE event DROP COLUMN seal;',
  '0009-desk-ends': `DROP INDEX case_duplicate_of;
    ALTER TABLE cases DROP COLUMN close_reason; ALTER TABLE cases DROP COLUMN duplicate_of; ALTER TABLE cases DROP COLUMN reopen_count;
    ALTER TABLE cases DROP COLUMN delivered_at; ALTER TABLE cases DROP COLUMN delivery_channel;
    DELETE FROM local_meta WHERE key = 'desk_ends';`,
};

/** Undoes every migration after `name`, newest first, and sets `user_version` to `name`'s. */
export function downgradeTo(raw: Database.Database, name: string): void {
  const at = MIGRATIONS.findIndex((m) => m.name === name);
  if (at < 0) throw new Error(`no migration ${name}`);
  for (const m of MIGRATIONS.slice(at + 1).reverse()) {
    const down = DOWN[m.name];
    if (down === undefined) throw new Error(`tests/helpers/downgrade.ts: no way down from ${m.name}`);
    raw.exec(down);
  }
  raw.pragma(`user_version = ${at + 1}`);
}
