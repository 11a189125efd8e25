/**
 * Migration 1: the event log, reference data and the first projections.
 * Frozen once landed: never edit; add a new migration instead. It imports nothing from the
 * app, so later changes to app code cannot change what it does.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('local_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ref_record')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('clocks', 'text', (c) => c.notNull())
    .addColumn('updated_hlc', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ref_record_pk', ['kind', 'id'])
    .execute();
  await db.schema.createIndex('ref_record_hlc').on('ref_record').column('updated_hlc').execute();

  await db.schema
    .createTable('event')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('position_id', 'text')
    .addColumn('acting', 'text')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('signature', 'text')
    .addColumn('local', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_case_hlc').on('event').columns(['case_id', 'hlc']).execute();
  await db.schema.createIndex('event_hlc').on('event').column('hlc').execute();
  // The log is append-only: the database itself refuses to change or remove an event.
  await sql`CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER event_no_delete BEFORE DELETE ON event BEGIN SELECT RAISE(ABORT, 'event log is append-only'); END`.execute(db);

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('lapor_id', 'text')
    .addColumn('preset_id', 'text', (c) => c.notNull())
    .addColumn('preset_version', 'integer', (c) => c.notNull())
    .addColumn('hub_unit_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text')
    .addColumn('subcategory_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('privacy', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('urgency_rank', 'integer', (c) => c.notNull())
    .addColumn('strategic', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'integer', (c) => c.notNull())
    .addColumn('registered_at', 'integer', (c) => c.notNull())
    .addColumn('next_due_at', 'integer')
    .addColumn('due_at', 'integer')
    .addColumn('paused', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'integer')
    .addColumn('closed_at', 'integer')
    .addColumn('escalated_at', 'integer')
    .addColumn('conflict_count', 'integer', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('last_event_at', 'integer', (c) => c.notNull())
    .addColumn('last_hlc', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_ref').on('cases').column('ref').execute();
  await db.schema.createIndex('case_lapor').on('cases').column('lapor_id').execute();
  await db.schema.createIndex('case_status_received').on('cases').columns(['status', 'received_at']).execute();
  await db.schema.createIndex('case_received').on('cases').column('received_at').execute();
  await db.schema.createIndex('case_next_due').on('cases').column('next_due_at').execute();

  await db.schema
    .createTable('case_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('position_id', 'text')
    .addColumn('branch_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'integer')
    .addColumn('closed_at', 'integer')
    .addColumn('urgency_rank', 'integer', (c) => c.notNull())
    .addColumn('returned', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_task_case').on('case_task').column('case_id').execute();
  // The inbox query: open tasks of one unit and role, most urgent first, then by due time.
  await db.schema
    .createIndex('case_task_inbox')
    .on('case_task')
    .columns(['state', 'unit_id', 'role_id', 'urgency_rank', 'due_at'])
    .execute();

  await db.schema
    .createTable('case_unit')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_unit_pk', ['case_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('case_unit_unit').on('case_unit').columns(['unit_id', 'case_id']).execute();

  await db.schema
    .createTable('identity')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('nik', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .execute();

  await db.schema
    .createTable('audit')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END`.execute(db);

  // Full-text search over what people type: title, description, notes, responses and answers.
  // remove_diacritics so "Pémda" finds "Pemda"; the case id is stored, not indexed.
  await sql`CREATE VIRTUAL TABLE case_fts USING fts5(case_id UNINDEXED, ref, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
}
