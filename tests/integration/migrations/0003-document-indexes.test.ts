/**
 * Migration 0003 on a database written by version 2 (as Signal tests each migration): letters
 * and issued copies already in the log are found through the new indexes after the upgrade,
 * with the same answers as before it, and the log is untouched.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/backend/db/database';
import { MIGRATIONS } from '../../../src/main/backend/db/migrations/index';
import { highestSeenSeq } from '../../../src/main/backend/documents/letter-number';
import { tempDir } from '../../helpers/dirs';

const INSERT = 'INSERT INTO event (id, case_id, type, hlc, at, device_id, payload, local) VALUES (?, ?, ?, ?, 1, ?, ?, 1)';
const ISSUED_SQL = "SELECT id FROM event WHERE type = 'case.document_issued' AND json_extract(payload, '$.sha256') = ?";

function approval(unitId: string, year: number, seq: number) {
  return JSON.stringify({ targets: [], attachments: [], letter: { unitId, year, seq, number: `${seq}/DKI/${year}` } });
}

describe('local migration 0003-document-indexes', () => {
  it('indexes the letters and issued copies a version-2 database already holds', async () => {
    const dir = tempDir();
    const v2 = await openDatabase(dir, MIGRATIONS.slice(0, 2));
    const rows: Array<[string, string, string, string]> = [
      ['e1', 'c1', 'case.approved', approval('unit-a', 2025, 7)],
      ['e2', 'c2', 'case.approved', approval('unit-a', 2026, 3)],
      ['e3', 'c3', 'case.approved', approval('unit-a', 2026, 12)],
      ['e4', 'c4', 'case.approved', approval('unit-b', 2026, 40)],
      // Same payload shape on another type: outside the partial index, never counted.
      ['e5', 'c5', 'case.forwarded', approval('unit-a', 2026, 99)],
      ['e6', 'c3', 'case.document_issued', JSON.stringify({ kind: 'letter', format: 'pdf', sha256: 'a'.repeat(64), sourceEventId: 'e3' })],
      ['e7', 'c3', 'case.note_added', JSON.stringify({ text: 'catatan' })],
    ];
    rows.forEach(([id, caseId, type, payload], i) => v2.sqlite.prepare(INSERT).run(id, caseId, type, `h${i}`, 'd', payload));
    const before = v2.sqlite.prepare('SELECT * FROM event ORDER BY seq').all();
    await v2.close();

    const v3 = await openDatabase(dir, MIGRATIONS.slice(0, 3));
    try {
      expect(v3.sqlite.pragma('user_version', { simple: true })).toBe(3);
      expect(v3.sqlite.prepare('SELECT * FROM event ORDER BY seq').all()).toEqual(before);
      const db = v3.db;
      const plan = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
        const c = q.compile();
        return (v3.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as Array<{ detail: string }>)
          .map((r) => r.detail)
          .join(' | ');
      };
      expect(plan(highestSeenSeq(db, 'unit-a', 2026))).toMatch(/USING (COVERING )?INDEX event_letter_seq/);
      expect((await highestSeenSeq(db, 'unit-a', 2026).executeTakeFirst())?.m).toBe(12);
      expect((await highestSeenSeq(db, 'unit-a', 2025).executeTakeFirst())?.m).toBe(7);
      expect((await highestSeenSeq(db, 'unit-c', 2026).executeTakeFirst())?.m).toBeNull();
      const issuedPlan = (v3.sqlite.prepare(`EXPLAIN QUERY PLAN ${ISSUED_SQL}`).all('a'.repeat(64)) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ');
      expect(issuedPlan).toMatch(/USING INDEX event_issued_sha/);
      expect(v3.sqlite.prepare(ISSUED_SQL).all('a'.repeat(64))).toEqual([{ id: 'e6' }]);
      expect(v3.sqlite.prepare(ISSUED_SQL).all('b'.repeat(64))).toEqual([]);
    } finally {
      await v3.close();
    }
  });
});
