/**
 * Issue #18 item 1: backups an administrator can trust, and a restore that never re-issues a
 * tracking number. Real SQLite files and the real CLI (in-process); the restore that pulls
 * from the LAN server is in sync/cli-sync.test.ts, which already runs a PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as alur } from '../helpers/cli';
import { walkinCaseInput } from '../helpers/case-input';
import { backupDue } from '../../src/main/backend/backup/backup.service';
import { DEFAULT_BACKUP_SETTINGS } from '../../src/main/backend/backup/backup-settings';
import { DB_FILE } from '../../src/main/backend/db/database';
import type { BackendContext } from '../../src/main/backend/services/context';
import { call, newOffice, openTestContext, tempDir, ADMIN_PASSWORD } from '../helpers/temp';

describe('backups and restore', () => {
  let ctx: BackendContext;
  let token: string;
  let dataDir: string;
  const folder = path.join(tempDir(), 'cadangan');

  beforeAll(async () => {
    ({ ctx, token, dataDir } = await newOffice());
  }, 60_000);
  afterAll(() => ctx?.opened.close());

  it('alur backup writes a verified copy with its attachments, lists it, and keeps only N', async () => {
    await call(ctx, 'attachment.upload', token, {
      name: 'a.png',
      dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    });
    await call(ctx, 'case.register', token, walkinCaseInput('Lampu jalan padam'));
    // The app holds the folder; the CLI in the same process shares it (another process would wait).
    const inside = await alur(['--data', dataDir, 'backup', '--to', path.join(dataDir, 'cadangan')]);
    expect(inside.code).toBe(1);
    expect(inside.err[0]).toMatch(/tidak boleh di dalam folder data/);
    const set = await alur(['--data', dataDir, 'backup', '--set-folder', folder, '--every', '12', '--keep', '2']);
    expect(set.out[0]).toBe(`Folder cadangan: ${folder}; otomatis: tiap 12 jam; disimpan: 2`);
    for (let i = 0; i < 3; i++) {
      const r = await alur(['--data', dataDir, 'backup']);
      expect(r.code, r.err.join('\n')).toBe(0);
      expect(r.out[0]).toMatch(/^Cadangan dibuat dan diperiksa utuh: .*alur-cadangan-\d{8}T\d{6}Z(-\d)?\.db \(1 aduan, 2 peristiwa, /);
    }
    const list = await alur(['--data', dataDir, 'backup', '--list']);
    expect(list.out[0]).toBe('2 cadangan');
    expect(fs.readdirSync(path.join(folder, 'blobs'))).toHaveLength(1);
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a restore sets the current database aside and never re-issues a tracking number issued after the backup', async () => {
    const second = await call(ctx, 'case.register', token, walkinCaseInput('Sampah menumpuk di pasar'));
    await ctx.opened.close();
    const refused = await alur(['--data', dataDir, 'restore', '--latest']);
    expect(refused.err[0]).toMatch(/Ulangi dengan --yes/);
    const r = await alur(['--data', dataDir, 'restore', '--latest', '--yes']);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out[0]).toMatch(/^Dipulihkan dari .*alur-cadangan-.*\(1 aduan, 2 peristiwa\)/);
    expect(r.out[1]).toMatch(/^Basis data sebelumnya disimpan sebagai .*alur\.db\.sebelum-pulih-/);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${DB_FILE}.sebelum-pulih-`))).toBe(true);
    ctx = await openTestContext(dataDir);
    const admin = (await call(ctx, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD })).token;
    const third = await call(ctx, 'case.register', admin, walkinCaseInput('Air PDAM keruh'));
    expect(third.ref).not.toBe(second.ref);
    const seq = (ref: string) => Number(/(\d+)$/.exec(ref)?.[1]);
    expect(seq(third.ref)).toBe(seq(second.ref) + 1);
  });

  it('refuses a damaged or foreign backup and leaves the database as it was', async () => {
    const bad = path.join(tempDir(), 'alur-cadangan-20260101T000000Z.db');
    fs.writeFileSync(bad, 'bukan basis data '.repeat(300));
    await ctx.opened.close();
    const before = fs.readFileSync(path.join(dataDir, DB_FILE));
    const r = await alur(['--data', dataDir, 'restore', bad, '--yes']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^alur: Berkas cadangan (rusak|tidak dapat dibuka)/);
    expect(fs.readFileSync(path.join(dataDir, DB_FILE)).equals(before)).toBe(true);
    ctx = await openTestContext(dataDir);
  });

  it('schedules a backup when the interval has passed, never without a folder or when off', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(backupDue({ ...DEFAULT_BACKUP_SETTINGS, folder: null }, now)).toBe(false);
    expect(backupDue({ ...DEFAULT_BACKUP_SETTINGS, folder: '/x', everyHours: 0 }, now)).toBe(false);
    expect(backupDue({ ...DEFAULT_BACKUP_SETTINGS, folder: '/x', everyHours: 24, lastAt: '2026-12-05T13:00:00Z' }, now)).toBe(false);
    expect(backupDue({ ...DEFAULT_BACKUP_SETTINGS, folder: '/x', everyHours: 24, lastAt: '2026-12-05T12:00:00Z' }, now)).toBe(true);
    expect(backupDue({ ...DEFAULT_BACKUP_SETTINGS, folder: '/x', lastAt: null }, now)).toBe(true);
  });
});
