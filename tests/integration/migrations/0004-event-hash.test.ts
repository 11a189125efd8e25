/**
 * Migration 0004 on a database written by version 3: the event rows already there get their
 * content hash once at start, and the log stays append-only (only NULL -> hash is allowed).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/main/backend/db/database';
import { MIGRATIONS } from '../../../src/main/backend/db/migrations/index';
import { eventRowHash, fillMissingHashes } from '../../../src/main/backend/projection/event-hash';
import { tempDir } from '../../helpers/dirs';

const cleanup: OpenedDatabase[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.close();
});

describe('local migration 0004-event-hash', () => {
  it('adds the column to a version-3 database, fills old rows once at start, and keeps the log append-only', async () => {
    const dir = tempDir();
    const v3 = await openDatabase(dir, MIGRATIONS.slice(0, 3));
    v3.sqlite
      .prepare(
        "INSERT INTO event (id, case_id, type, hlc, at, device_id, payload, local) VALUES ('e1', 'c1', 'case.note_added', 'h', 1, 'd', '{\"note\":\"lama\"}', 1)",
      )
      .run();
    await v3.close();
    const o = await openDatabase(dir);
    cleanup.push(o);
    expect(fillMissingHashes(o.sqlite)).toBe(1);
    const row = o.sqlite.prepare('SELECT * FROM event').get() as Parameters<typeof eventRowHash>[0] & { hash: string };
    expect(row.hash).toBe(eventRowHash(row));
    expect(fillMissingHashes(o.sqlite)).toBe(0);
    expect(() => o.sqlite.prepare("UPDATE event SET payload = '{}' WHERE id = 'e1'").run()).toThrow(/append-only/);
    expect(() => o.sqlite.prepare("UPDATE event SET hash = 'x' WHERE id = 'e1'").run()).toThrow(/append-only/);
    expect(() => o.sqlite.prepare("DELETE FROM event WHERE id = 'e1'").run()).toThrow(/append-only/);
  });
});
