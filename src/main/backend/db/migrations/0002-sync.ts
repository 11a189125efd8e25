/**
 * Migration 2: the workstation's side of LAN sync. Frozen once landed: never edit; add a new
 * migration instead. It imports nothing from the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row: the server connection (encrypted, see sync/settings-store.ts) and who we are there.
  await db.schema
    .createTable('sync_config')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('server', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('is_hub', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  // One row: the cursors. pull_seq / ref_pull_seq are the server's seq of the last event /
  // reference change applied here; push_seq is the local event seq the server acknowledged;
  // ref_push_hlc the greatest field clock of reference data pushed.
  await db.schema
    .createTable('sync_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('pull_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ref_pull_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('push_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ref_push_hlc', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_sync_at', 'integer')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .execute();

  // What sync refused, in either direction, with the reason: nothing is dropped silently.
  await db.schema
    .createTable('sync_rejected')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('server_seq', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text')
    .addColumn('resolved_at', 'integer')
    .addUniqueConstraint('sync_rejected_item', ['direction', 'kind', 'item_id', 'server_seq'])
    .execute();
}
