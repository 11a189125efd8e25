import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, DB_FILE, LATEST_SCHEMA_VERSION, type OpenedDatabase } from '../../src/main/backend/db/database';
import { MIGRATIONS, type Migration } from '../../src/main/backend/db/migrations/index';
import { rejection } from '../helpers/rejection';
import { tempDir } from '../helpers/dirs';

const opened: OpenedDatabase[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()?.close();
});

async function open(dir: string, migrations?: readonly Migration[]): Promise<OpenedDatabase> {
  const o = await openDatabase(dir, migrations);
  opened.push(o);
  return o;
}

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe('local database', () => {
  it('creates the schema with WAL and foreign keys on', async () => {
    const o = await open(tempDir());
    expect(o.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(o.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = o.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['event', 'cases', 'case_task', 'case_unit', 'identity', 'ref_record', 'audit', 'case_fts', 'local_meta']),
    );
  });

  it('reopens an existing database without migrating again', async () => {
    const dir = tempDir();
    const a = await open(dir);
    await a.close();
    opened.pop();
    const b = await open(dir);
    expect(b.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
  });

  it('refuses a database written by a newer Alur, and leaves the file untouched', async () => {
    const dir = tempDir();
    const a = await open(dir);
    a.sqlite.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    await a.close();
    opened.pop();
    const file = path.join(dir, DB_FILE);
    const before = sha(file);
    const e = await rejection(openDatabase(dir));
    expect(e.code).toBe('DATABASE_FROM_FUTURE');
    expect(e.message).toMatch(/versi Alur yang lebih baru/);
    expect(sha(file)).toBe(before);
  });

  it('refuses an SQLite file of another application', async () => {
    const dir = tempDir();
    const other = new Database(path.join(dir, DB_FILE));
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); PRAGMA user_version = 1;');
    other.close();
    const e = await rejection(openDatabase(dir));
    expect(e.code).toBe('STORAGE');
    expect(e.message).toMatch(/bukan basis data Alur/);
  });

  it('refuses a file that is not a database at all', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILE), 'this is not sqlite '.repeat(100));
    const e = await rejection(openDatabase(dir));
    expect(e.code).toBe('STORAGE');
  });

  it('refuses a data folder that cannot be written', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const e = await rejection(openDatabase(path.join(file, 'data')));
    expect(e.code).toBe('STORAGE');
    expect(e.message).toMatch(/tidak dapat ditulis/);
  });

  it('runs all pending migrations in one transaction: a failing one leaves nothing behind', async () => {
    const dir = tempDir();
    const failing: Migration = {
      version: 2,
      name: 'broken',
      up: async (db: Kysely<unknown>) => {
        await sql`CREATE TABLE half_done (x INTEGER)`.execute(db);
        throw new Error('boom');
      },
    };
    const e = await rejection(openDatabase(dir, [...MIGRATIONS, failing]));
    expect(e.message).toMatch(/boom/);
    const raw = new Database(path.join(dir, DB_FILE));
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    raw.close();
  });

  it('keeps the event log append-only at the database level', async () => {
    const o = await open(tempDir());
    o.sqlite
      .prepare(
        "INSERT INTO event (id, case_id, type, hlc, at, device_id, payload, local) VALUES ('e1', 'c1', 'case.note_added', 'h', 1, 'd', '{}', 1)",
      )
      .run();
    expect(() => o.sqlite.prepare("UPDATE event SET payload = '{\"x\":1}' WHERE id = 'e1'").run()).toThrow(/append-only/);
    expect(() => o.sqlite.prepare("DELETE FROM event WHERE id = 'e1'").run()).toThrow(/append-only/);
    expect(o.sqlite.prepare('SELECT payload FROM event').get()).toEqual({ payload: '{}' });
  });
});

describe('migrations are frozen', () => {
  it('lists each landed migration once, in order, under the name it landed with', () => {
    // Changing this list means editing history: add a new migration at the end instead.
    expect(MIGRATIONS.map((m) => `${m.version}:${m.name}`)).toEqual([
      '1:0001-initial',
      '2:0002-sync',
      '3:0003-document-indexes',
      '4:0004-event-hash',
      '5:0005-search',
      '6:0006-signbook',
      '7:0007-audit-key',
      '8:0008-event-seal',
      '9:0009-desk-ends',
    ]);
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('migration files on disk match the registry', () => {
    const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'src', 'main', 'backend', 'db', 'migrations');
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}-.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(files).toEqual(MIGRATIONS.map((m) => m.name));
  });
});
