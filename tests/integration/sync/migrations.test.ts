/**
 * Migrations of sync's schemas: the server's (all in one transaction, idempotent, a failing
 * one leaves nothing behind, a newer or foreign schema refused untouched) and the local
 * 0002-sync on a database written by version 1.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/backend/db/database';
import { MIGRATIONS } from '../../../src/main/backend/db/migrations/index';
import { inspectServer, migrateServer, SERVER_MIGRATIONS, type ServerMigration } from '../../../src/main/backend/sync/server-schema';
import { EVENT_WIRE_COLUMNS } from '../../../src/main/backend/sync/event-columns';
import { tempDir } from '../../helpers/temp';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { createDatabase, sqlAs } from './fixture';

let server: PgServer;
const clients: pg.Client[] = [];

async function db(name: string): Promise<pg.Client> {
  await createDatabase(server, name);
  const c = await sqlAs(server.url(name));
  clients.push(c);
  return c;
}

async function migrate(c: pg.Client, name: string, list: readonly ServerMigration[] = SERVER_MIGRATIONS) {
  await c.query('BEGIN');
  try {
    const r = await migrateServer(c, name, list);
    await c.query(r.ok ? 'COMMIT' : 'ROLLBACK');
    return r;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  }
}

async function tables(c: pg.Client): Promise<string[]> {
  return (await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'alur' ORDER BY 1")).rows.map((r) => r.t);
}

beforeAll(async () => {
  server = await startPg();
}, 60_000);

afterAll(async () => {
  for (const c of clients) await c.end();
  await server?.stop();
});

describe('server migrations', () => {
  it('migrate an empty database to the latest version, and a second run changes nothing', async () => {
    const c = await db('m1');
    expect(await inspectServer(c)).toEqual({ kind: 'empty' });
    expect(await migrate(c, 'm1')).toEqual({ ok: true, from: 0, to: SERVER_MIGRATIONS.length });
    expect(await tables(c)).toEqual([
      'audit_checkpoint',
      'blob',
      'blob_holder',
      'case_blob',
      'case_info',
      'case_unit',
      'event',
      'meta',
      'ref_change',
      'unit_login',
    ]);
    const rls = (
      await c.query<{ relname: string }>("SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = 'alur'::regnamespace ORDER BY 1")
    ).rows.map((r) => r.relname);
    expect(rls).toEqual(['blob', 'case_blob', 'case_info', 'case_unit', 'event', 'ref_change']);
    const latest = SERVER_MIGRATIONS.length;
    expect(await migrate(c, 'm1')).toEqual({ ok: true, from: latest, to: latest });
    expect(await inspectServer(c)).toMatchObject({ kind: 'ours', version: latest });
    // Push and pull name their columns from EVENT_WIRE_COLUMNS: the server's log has each of them.
    const eventColumns = (
      await c.query<{ c: string }>(
        "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'alur' AND table_name = 'event' ORDER BY ordinal_position",
      )
    ).rows.map((r) => r.c);
    expect([...eventColumns].sort()).toEqual(['seq', ...EVENT_WIRE_COLUMNS, 'pushed_by', 'received_at'].sort());
  });

  it('apply only the new ones on top, and a failing one leaves the schema as it was', async () => {
    const c = await db('m2');
    await migrate(c, 'm2');
    const latest = SERVER_MIGRATIONS.length;
    const next: ServerMigration = {
      version: latest + 1,
      name: '0003-test',
      up: async (q) => void (await q.query('CREATE TABLE alur.extra (x int)')),
    };
    const broken: ServerMigration = {
      version: latest + 2,
      name: '0004-broken',
      up: async (q) => void (await q.query('CREATE TABLE alur.nope (x no_such_type)')),
    };
    await expect(migrate(c, 'm2', [...SERVER_MIGRATIONS, next, broken])).rejects.toThrow(/no_such_type/);
    expect(await inspectServer(c)).toMatchObject({ kind: 'ours', version: latest });
    expect(await tables(c)).not.toContain('extra');
    expect(await migrate(c, 'm2', [...SERVER_MIGRATIONS, next])).toEqual({ ok: true, from: latest, to: latest + 1 });
    expect(await tables(c)).toContain('extra');
  });

  it('0002 on a version-1 store keeps its files readable: their uploader holds them, and existing references count', async () => {
    const c = await db('m5');
    await migrate(c, 'm5', SERVER_MIGRATIONS.slice(0, 1));
    const sha = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'; // sha256('hello')
    await c.query("INSERT INTO alur.blob (sha256, bytes) VALUES ($1, 'hello'::bytea)", [sha]);
    await c.query(
      "INSERT INTO alur.event (id, case_id, type, hlc, at, device_id, payload) VALUES ('e1', 'c1', 'case.attachment_added', 'h', 1, 'd', $1)",
      [JSON.stringify({ attachment: { sha256: sha } })],
    );
    await c.query("INSERT INTO alur.unit_login (login, unit_id, unit_code, is_hub) VALUES ('alur_u_x', 'u1', 'X', true)");
    expect(await migrate(c, 'm5')).toMatchObject({ ok: true, from: 1, to: SERVER_MIGRATIONS.length });
    expect((await c.query('SELECT sha256, proven FROM alur.case_blob')).rows).toEqual([{ sha256: sha, proven: true }]);
    expect((await c.query('SELECT count(*)::int AS n FROM alur.blob_holder WHERE sha256 = $1', [sha])).rows[0]).toEqual({ n: 1 });
    expect((await c.query('SELECT blob_bytes, blob_quota_bytes FROM alur.unit_login')).rows[0]).toEqual({
      blob_bytes: '0',
      blob_quota_bytes: '10737418240',
    });
  });

  it('refuse a schema from a newer Alur and a database that is not ours, touching neither', async () => {
    const newer = await db('m3');
    await migrate(newer, 'm3');
    await newer.query("UPDATE alur.meta SET value = '7' WHERE key = 'schema_version'");
    const r = await migrate(newer, 'm3');
    expect(r.ok ? r : r.error).toMatchObject({
      code: 'SERVER_NEWER',
      message: expect.stringMatching(new RegExp(`skema 7, aplikasi ini ${SERVER_MIGRATIONS.length}`)),
    });
    expect((await newer.query("SELECT value FROM alur.meta WHERE key = 'schema_version'")).rows[0]).toEqual({ value: '7' });

    const foreign = await db('m4');
    await foreign.query('CREATE SCHEMA alur');
    await foreign.query('CREATE TABLE alur.meta (key text, value text)');
    await foreign.query("INSERT INTO alur.meta VALUES ('app', 'lain')");
    const f = await migrate(foreign, 'm4');
    expect(f.ok ? f : f.error.code).toBe('NOT_ALUR');
    expect(await tables(foreign)).toEqual(['meta']);
  });
});

describe('local migration 0002-sync', () => {
  it('adds the sync tables to a database written by version 1, keeping its log', async () => {
    const dir = tempDir();
    const v1 = await openDatabase(dir, MIGRATIONS.slice(0, 1));
    v1.sqlite
      .prepare(
        "INSERT INTO event (id, case_id, type, hlc, at, device_id, payload, local) VALUES ('e1', 'c1', 'case.note_added', 'h', 1, 'd', '{}', 1)",
      )
      .run();
    await v1.close();
    const v2 = await openDatabase(dir, MIGRATIONS.slice(0, 2));
    try {
      expect(v2.sqlite.pragma('user_version', { simple: true })).toBe(2);
      const names = (
        v2.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sync_%' ORDER BY name").all() as Array<{ name: string }>
      ).map((r) => r.name);
      expect(names).toEqual(['sync_config', 'sync_rejected', 'sync_state']);
      expect(v2.sqlite.prepare('SELECT id FROM event').all()).toEqual([{ id: 'e1' }]);
      // One row each, by construction.
      v2.sqlite.prepare('INSERT INTO sync_state (id) VALUES (1)').run();
      expect(() => v2.sqlite.prepare('INSERT INTO sync_state (id) VALUES (2)').run()).toThrow(/CHECK/);
    } finally {
      await v2.close();
    }
  });
});
