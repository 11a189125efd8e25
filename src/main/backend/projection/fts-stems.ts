/**
 * Once, after migration 0007: the cases already indexed get their Indonesian stems in the
 * full-text index (new writes add them in the projection). A migration cannot do it (it
 * imports nothing from the app), so the backend does it at open, in one transaction, from the
 * projected states, and marks it done. A full `alur rebuild` gives the same rows.
 */
import type SqliteDatabase from 'better-sqlite3';
import { ftsBody, type StoredCase } from './case-projection';

export function restemFtsIfPending(sqlite: SqliteDatabase.Database): number {
  const flag = sqlite.prepare("SELECT value FROM local_meta WHERE key = 'fts_stems'").get() as { value: string } | undefined;
  if (flag?.value !== 'pending') return 0;
  // Pages by rowid: better-sqlite3 cannot write while a statement is still iterating.
  const read = sqlite.prepare('SELECT rowid, id, ref, title, state FROM cases WHERE rowid > ? ORDER BY rowid LIMIT 2000');
  const del = sqlite.prepare('DELETE FROM case_fts WHERE rowid = ?');
  const ins = sqlite.prepare('INSERT INTO case_fts (rowid, case_id, ref, title, body) VALUES (?, ?, ?, ?, ?)');
  let n = 0;
  sqlite.transaction(() => {
    let after = 0;
    for (;;) {
      const rows = read.all(after) as Array<{ rowid: number; id: string; ref: string; title: string; state: string }>;
      if (rows.length === 0) break;
      for (const r of rows) {
        del.run(r.rowid);
        ins.run(r.rowid, r.id, r.ref, r.title, ftsBody(JSON.parse(r.state) as StoredCase));
        after = r.rowid;
        n++;
      }
    }
    sqlite.prepare("UPDATE local_meta SET value = 'done' WHERE key = 'fts_stems'").run();
  })();
  return n;
}
