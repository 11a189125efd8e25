/**
 * The support log: rotation in the data folder, no personal data in it, and the two ways to
 * export it (the admin-only contract method and `alur log export`). Real files, no mocks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Logger, exportLog } from '../../src/main/backend/log/logger';
import { openBackend, dispatch } from '../../src/main/backend/backend';
import { main, type CliIo } from '../../src/main/cli/main';
import { DB_FILE } from '../../src/main/backend/db/database';
import { RESOURCES, call, newOffice, tempDir } from '../helpers/temp';

function lines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('support log', () => {
  it('rotates past its size, keeps a bounded number of generations, and exports oldest first', () => {
    const dir = tempDir();
    const log = new Logger(dir, { maxBytes: 400, keep: 2, now: () => Date.UTC(2026, 11, 6) });
    for (let i = 0; i < 40; i++) log.info('test.tick', { i });
    const files = fs.readdirSync(path.join(dir, 'logs')).sort();
    expect(files).toEqual(['alur.log', 'alur.log.1', 'alur.log.2']);
    for (const f of files) expect(fs.statSync(path.join(dir, 'logs', f)).size).toBeLessThanOrEqual(400);
    const exported = lines(exportLog(dir, 2)).map((l) => l.i);
    // What is left is the newest lines, in order, ending at the last one written.
    expect(exported.at(-1)).toBe(39);
    expect(exported).toEqual([...exported].sort((a, b) => Number(a) - Number(b)));
    expect(exported.length).toBeLessThan(40);
  });

  it('writes an error by name, code and a message with NIK, phone numbers and e-mail addresses masked', () => {
    const dir = tempDir();
    const log = new Logger(dir);
    const e = Object.assign(new Error('gagal untuk NIK 6371011203850004, telp +62 812-3456-7890, budi@contoh.go.id, langkah 3'), {
      code: 'SQLITE_BUSY',
    });
    log.error('automation.failed', e, { caseCount: 2 });
    const [entry] = lines(exportLog(dir));
    expect(entry).toMatchObject({ level: 'error', event: 'automation.failed', caseCount: 2, errorName: 'Error', errorCode: 'SQLITE_BUSY' });
    expect(entry?.errorMessage).toBe('gagal untuk NIK <digits>, telp <digits>, <email>, langkah 3');
  });

  it('logs a backend that cannot open its database, where the caller only sees STORAGE', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DB_FILE), 'this is not a database');
    const backend = openBackend({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test' });
    const r = await backend.call('office.presets', null, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
    backend.close();
    expect(lines(exportLog(dir))).toEqual([expect.objectContaining({ level: 'warn', event: 'backend.open_failed', code: 'STORAGE' })]);
  });

  it('is exported by an administrator through the contract and by `alur log export`', async () => {
    const { ctx, token, dataDir } = await newOffice();
    ctx.log.warn('test.marker', { n: 1 });
    const exported = await call(ctx, 'support.logExport', token, {});
    expect(exported.fileName).toMatch(/^alur-log-\d{4}-\d{2}-\d{2}\.jsonl$/);
    expect(lines(exported.text)).toEqual([expect.objectContaining({ event: 'test.marker', n: 1 })]);
    const anonymous = await dispatch(ctx, 'support.logExport', null, {});
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await ctx.opened.close();

    const out: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => out.push(l), askSecret: async () => null };
    const file = path.join(tempDir(), 'log.jsonl');
    expect(await main(['--data', dataDir, 'log', 'export', '--out', file], io)).toBe(0);
    expect(out).toEqual([`1 baris log ditulis ke ${file}`]);
    expect(lines(fs.readFileSync(file, 'utf8'))).toEqual([expect.objectContaining({ event: 'test.marker' })]);
  });
});
