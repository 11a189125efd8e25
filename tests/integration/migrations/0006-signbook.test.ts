/**
 * Migration 0006 on a database written by the previous version: the forwards and dispositions
 * already in the log are found by author and period through the new partial index ("Disposisi
 * keluar"), other act types and authors are not, and the log is untouched.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/backend/db/database';
import { MIGRATIONS } from '../../../src/main/backend/db/migrations/index';
import { outgoingQuery } from '../../../src/main/backend/services/outgoing.service';
import { tempDir } from '../../helpers/dirs';

const INSERT = 'INSERT INTO event (id, case_id, type, hlc, at, author_id, device_id, payload, local) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)';

describe('local migration 0006-signbook', () => {
  it('indexes the forwards and dispositions an older database already holds', async () => {
    const dir = tempDir();
    const index = MIGRATIONS.findIndex((m) => m.name === '0006-signbook');
    const before = await openDatabase(dir, MIGRATIONS.slice(0, index));
    const rows: Array<[string, string, number, string | null]> = [
      ['e1', 'case.disposed', 1_000, 'u-head'],
      ['e2', 'case.forwarded', 2_000, 'u-head'],
      ['e3', 'case.approved', 2_500, 'u-head'],
      ['e4', 'case.disposed', 3_000, 'u-other'],
      ['e5', 'case.forwarded', 9_000, 'u-head'],
      ['e6', 'case.note_added', 1_500, 'u-head'],
    ];
    rows.forEach(([id, type, at, author], i) => before.sqlite.prepare(INSERT).run(id, `c${i}`, type, `h${i}`, at, author, 'd', '{}'));
    const log = before.sqlite.prepare('SELECT * FROM event ORDER BY seq').all();
    await before.close();

    const after = await openDatabase(dir, MIGRATIONS.slice(0, index + 1));
    try {
      expect(after.sqlite.pragma('user_version', { simple: true })).toBe(index + 1);
      expect(after.sqlite.prepare('SELECT * FROM event ORDER BY seq').all()).toEqual(log);
      const q = outgoingQuery(after.db, 'u-head', 500, 5_000).compile();
      const plan = (after.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
      expect(plan).toMatch(/USING INDEX event_author_passed/);
      expect((await outgoingQuery(after.db, 'u-head', 500, 5_000).execute()).map((r) => r.id)).toEqual(['e2', 'e1']);
      expect((await outgoingQuery(after.db, 'u-head', 5_000, 10_000).execute()).map((r) => r.id)).toEqual(['e5']);
    } finally {
      await after.close();
    }
  });
});
