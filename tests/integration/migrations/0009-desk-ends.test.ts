/**
 * Migration 0009 on a database an older version left: its cases have no close-reason,
 * duplicate, reopen or delivery columns and their stored states lack those fields. After the
 * upgrade the backend replays the closed cases once, so the columns say what the log says
 * (here a duplicate close written by a workstation that already knew the link).
 */
import Database from 'better-sqlite3';
import { downgradeTo } from '../../helpers/downgrade';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { call, newOffice, openTestContext } from '../../helpers/temp';

const open: BackendContext[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.opened.close();
});

describe('local migration 0009-desk-ends', () => {
  it('adds the columns to a version-5 database and re-projects its closed cases once', async () => {
    const { ctx, token, dataDir } = await newOffice('balangan');
    const reg = (title: string) =>
      call(ctx, 'case.register', token, {
        channel: 'web',
        receivedAt: Date.now(),
        type: 'pengaduan',
        title,
        description: title,
        privacy: 'anonim',
        complainant: null,
      });
    const original = (await reg('Lampu jalan padam')).caseId;
    const dup = (await reg('Lampu jalan mati')).caseId;
    const plain = (await reg('Pohon tumbang')).caseId;
    await call(ctx, 'case.linkDuplicate', token, { caseId: dup, originalId: original, note: null });
    await call(ctx, 'case.close', token, { caseId: plain, reason: 'manual', note: 'Pengadu puas.' });
    await ctx.opened.close();

    // What the version before wrote: no such columns, states without the fields, no flag.
    const raw = new Database(path.join(dataDir, 'alur.db'));
    raw.exec("UPDATE cases SET state = json_remove(state, '$.s.closeReason', '$.s.duplicateOf', '$.s.reopens', '$.s.delivery')");
    downgradeTo(raw, '0008-event-seal');
    raw.close();

    const again = await openTestContext(dataDir);
    open.push(again);
    const rows = again.opened.sqlite.prepare('SELECT id, close_reason, duplicate_of, reopen_count FROM cases ORDER BY id').all();
    expect(rows).toEqual(
      [
        { id: original, close_reason: null, duplicate_of: null, reopen_count: 0 },
        { id: dup, close_reason: 'duplicate', duplicate_of: original, reopen_count: 0 },
        { id: plain, close_reason: 'manual', duplicate_of: null, reopen_count: 0 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(again.opened.sqlite.prepare("SELECT value FROM local_meta WHERE key = 'desk_ends'").get()).toEqual({ value: 'done' });
    const plan = again.opened.sqlite.prepare("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE duplicate_of = 'x'").all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/case_duplicate_of/);
  });
});
