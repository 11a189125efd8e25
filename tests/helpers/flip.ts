/** Real damage in real files: bytes changed on disk, as a failing disk or a bit flip leaves them. */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Flips `from` to `to` (same length) inside the pages of `table` of a closed database file
 * (every page of it, found through SQLite's dbstat table; overflow pages included): the row
 * changes while the pages stay well-formed, as a bit flip in a record does (quick_check,
 * which checks structure and the FTS index, cannot see it). Returns how many places changed.
 */
export function flipInTable(file: string, table: string, from: string, to: string): number {
  const raw = new Database(file, { readonly: true });
  const pages = raw.prepare('SELECT pageno FROM dbstat WHERE name = ?').pluck().all(table) as number[];
  const pageSize = Number(raw.pragma('page_size', { simple: true }));
  raw.close();
  const buf = fs.readFileSync(file);
  let n = 0;
  for (const p of pages) {
    const page = buf.subarray((p - 1) * pageSize, p * pageSize);
    for (let i = page.indexOf(from); i >= 0; i = page.indexOf(from, i + 1)) {
      page.write(to, i, 'latin1');
      n++;
    }
  }
  fs.writeFileSync(file, buf);
  return n;
}
