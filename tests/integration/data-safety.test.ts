/**
 * Issue #18, items 2-4: one owner per data folder, damage detected and never served, and
 * storage failures in words. Real SQLite files, a real second process, real byte flips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import { DB_FILE, openDatabase } from '../../src/main/backend/db/database';
import { rebuildProjections } from '../../src/main/backend/projection/projector';
import type { BackendContext } from '../../src/main/backend/services/context';
import { rejection } from '../helpers/rejection';
import { call, newOffice, openTestContext, REPO, tempDir } from '../helpers/temp';
import { walkinCaseInput } from '../helpers/case-input';
import { flipInTable } from '../helpers/flip';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()?.();
});

async function office(): Promise<{ ctx: BackendContext; token: string; dataDir: string }> {
  const o = await newOffice();
  cleanup.push(() => o.ctx.opened.close());
  return o;
}

describe('one owner per data folder', () => {
  it('a second process waits, says who holds the folder, refuses clearly, and gets it once the owner is gone', async () => {
    const dir = tempDir();
    // The owner is a real second process (killed, not closed: the OS must drop its lock).
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
      const { acquireFolderLock } = await import(${JSON.stringify(path.join(REPO, 'src/main/backend/db/folder-lock.ts'))});
      await acquireFolderLock(${JSON.stringify(dir)}, { label: 'aplikasi Alur' });
      console.log('held');
      setInterval(() => {}, 1000);`,
      ],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanup.push(() => void child.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
      child.on('exit', () => reject(new Error('lock holder exited')));
    });
    const said: string[] = [];
    const e = await rejection(openDatabase(dir, undefined, { waitMs: 600, onWait: (m) => said.push(m) }));
    expect(e.code).toBe('FOLDER_IN_USE');
    expect(e.message).toMatch(new RegExp(`sedang dipakai oleh aplikasi Alur \\(proses ${child.pid} `));
    expect(e.message).not.toMatch(/database is locked/);
    expect(said).toEqual([expect.stringMatching(/^Folder data sedang dipakai oleh aplikasi Alur .*menunggu/)]);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const o = await openDatabase(dir);
    await o.close();
  });

  it('write transactions take the write lock when they begin (IMMEDIATE), not at their first write', async () => {
    const { ctx, dataDir } = await office();
    const other = new Database(path.join(dataDir, DB_FILE), { timeout: 0 });
    cleanup.push(() => void other.close());
    let blocked: unknown = null;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.selectFrom('local_meta').select('key').execute();
      try {
        other.exec('BEGIN IMMEDIATE');
        other.exec('ROLLBACK');
      } catch (err) {
        blocked = (err as { code?: string }).code;
      }
    });
    expect(blocked).toBe('SQLITE_BUSY');
  });
});

describe('storage failures in words', () => {
  it('a full disk says "Disk penuh", changes nothing, and the next write works once there is room', async () => {
    const { ctx, token } = await office();
    const before = Number(ctx.opened.sqlite.prepare('SELECT count(*) FROM event').pluck().get());
    const pages = Number(ctx.opened.sqlite.pragma('page_count', { simple: true }));
    ctx.opened.sqlite.pragma(`max_page_count = ${pages}`);
    const r = await dispatch(ctx, 'case.register', token, walkinCaseInput('Banjir di Paringin', 'Air masuk rumah warga. '.repeat(300)));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('STORAGE');
    expect(r.error.message).toMatch(/^Disk penuh/);
    expect(r.error.message).not.toMatch(/rollback|internal/i);
    expect(Number(ctx.opened.sqlite.prepare('SELECT count(*) FROM event').pluck().get())).toBe(before);
    ctx.opened.sqlite.pragma('max_page_count = 1073741823');
    await call(ctx, 'case.register', token, walkinCaseInput('Banjir di Paringin'));
  });

  it('an upload on a full disk says "Disk penuh" and leaves no .tmp file', async () => {
    const { ctx, token, dataDir } = await office();
    const file = path.join(dataDir, 'blobs', sha(PNG).slice(0, 2), sha(PNG));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // The temporary file the upload writes is /dev/full: every write to it fails with ENOSPC.
    fs.symlinkSync('/dev/full', `${file}.${process.pid}.tmp`);
    const r = await dispatch(ctx, 'attachment.upload', token, { name: 'foto.png', dataBase64: PNG.toString('base64') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Disk penuh/);
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  it("refuses another application's SQLite file (user_version 0) and leaves it untouched", async () => {
    const dir = tempDir();
    const file = path.join(dir, DB_FILE);
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Budi');");
    foreign.close();
    const before = sha(fs.readFileSync(file));
    const e = await rejection(openDatabase(dir));
    expect(e.code).toBe('STORAGE');
    expect(e.message).toMatch(/bukan basis data Alur/);
    expect(sha(fs.readFileSync(file))).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('damage is detected, never served', () => {
  it('a 0-byte or missing alur.db in a folder that held an office is refused, set aside, never a new office', async () => {
    const { ctx, dataDir } = await office();
    await ctx.opened.close();
    cleanup.pop();
    const file = path.join(dataDir, DB_FILE);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    fs.writeFileSync(file, '');
    const e = await rejection(openTestContext(dataDir));
    expect(e.code).toBe('DAMAGED');
    expect(e.message).toMatch(/kosong \(0 byte\)/);
    expect(e.message).toMatch(/alur restore --latest/);
    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith(`${DB_FILE}.rusak-`));
    expect(aside).toHaveLength(1);
    // Missing altogether (the damaged one set aside): still not a new office.
    expect((await rejection(openTestContext(dataDir))).code).toBe('DAMAGED');
  });

  it('a damaged page fails quick_check at start: the file is set aside with its bytes intact', async () => {
    const { ctx, dataDir, token } = await office();
    for (let i = 0; i < 30; i++) await call(ctx, 'case.register', token, walkinCaseInput(`Aduan nomor ${i}`, 'Keterangan panjang. '.repeat(100)));
    await ctx.opened.close();
    cleanup.pop();
    const file = path.join(dataDir, DB_FILE);
    const buf = fs.readFileSync(file);
    const pageSize = buf.readUInt16BE(16);
    crypto.randomFillSync(buf, pageSize * 5, pageSize);
    fs.writeFileSync(file, buf);
    const damaged = sha(buf);
    const e = await rejection(openTestContext(dataDir));
    expect(e.code).toBe('DAMAGED');
    const aside = fs.readdirSync(dataDir).find((f) => /^alur\.db\.rusak-[0-9TZ]+$/.test(f));
    expect(aside).toBeDefined();
    expect(sha(fs.readFileSync(path.join(dataDir, aside ?? '')))).toBe(damaged);
  });

  it('a flipped byte in an event is reported when the case is read and on rebuild, never served', async () => {
    const { ctx, dataDir, token } = await office();
    const { caseId } = await call(
      ctx,
      'case.register',
      token,
      walkinCaseInput('Dinas Perhubungan tidak menjawab', 'Lampu lalu lintas di simpang perhubungan mati.'),
    );
    await ctx.opened.close();
    cleanup.pop();
    expect(flipInTable(path.join(dataDir, DB_FILE), 'event', 'perhubungan mati', 'pevhubungan mati')).toBe(1);
    const again = await openTestContext(dataDir);
    cleanup.push(() => again.opened.close());
    const admin = (await call(again, 'session.login', null, { username: 'admin', password: 'rahasia-admin-1' })).token;
    const r = await dispatch(again, 'case.get', admin, { caseId });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('DAMAGED');
      expect(r.error.message).toMatch(/rusak/);
    }
    await expect(rebuildProjections(again.db, await again.projection(), again.writer)).rejects.toMatchObject({ code: 'DAMAGED' });
  });

  it('a damaged attachment is not served as the original', async () => {
    const { ctx, token, dataDir } = await office();
    const ref = await call(ctx, 'attachment.upload', token, { name: 'foto.png', dataBase64: PNG.toString('base64') });
    const { caseId } = await call(ctx, 'case.register', token, { ...walkinCaseInput('Foto jalan rusak'), attachments: [ref] });
    expect((await call(ctx, 'attachment.get', token, { caseId, sha256: ref.sha256 })).dataBase64).toBe(PNG.toString('base64'));
    const file = path.join(dataDir, 'blobs', ref.sha256.slice(0, 2), ref.sha256);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0x10;
    fs.writeFileSync(file, bytes);
    const r = await dispatch(ctx, 'attachment.get', token, { caseId, sha256: ref.sha256 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('DAMAGED');
  });
});
