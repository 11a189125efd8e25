import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli as alur } from '../helpers/cli';
import { tempDir } from '../helpers/dirs';
import { REPO } from '../helpers/temp';

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe('alur command', () => {
  it('prints help and exits 0, from the real bin script', () => {
    const text = execFileSync(process.execPath, [path.join(REPO, 'bin', 'alur.mjs'), '--help'], { encoding: 'utf8' });
    for (const cmd of ['init', 'demo', 'cases', 'case', 'rebuild']) expect(text).toContain(cmd);
  });

  it('each subcommand has --help', async () => {
    for (const cmd of [['init'], ['demo'], ['cases'], ['case', 'show'], ['rebuild']]) {
      const r = await alur([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out.join('\n')).toMatch(/Usage|Penggunaan/);
    }
  });

  it('refuses an unknown preset in one line and writes nothing', async () => {
    const dir = path.join(tempDir(), 'data');
    const r = await alur(['--data', dir, 'init', '--preset', 'atlantis', '--office', 'X', '--admin-password', 'abcdefgh1']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^alur: Preset tidak dikenal: atlantis \(tersedia: .*balangan/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('refuses init without a password when there is no terminal', async () => {
    const r = await alur(['--data', tempDir(), 'init', '--preset', 'balangan', '--office', 'X']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/--admin-password/);
  });

  it('refuses a data folder that cannot be written', async () => {
    const f = path.join(tempDir(), 'file');
    fs.writeFileSync(f, 'x');
    const r = await alur(['--data', path.join(f, 'sub'), 'init', '--preset', 'balangan', '--office', 'X', '--admin-password', 'abcdefgh1']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^alur: Folder data tidak dapat ditulis/);
  });

  it('creates an office once, refuses a second init, and lists an empty office', async () => {
    const dir = tempDir();
    const a = await alur(['--data', dir, 'init', '--preset', 'tanah-bumbu', '--office', 'Diskominfo Tanah Bumbu', '--admin-password', 'abcdefgh1']);
    expect(a.code).toBe(0);
    expect(a.out[0]).toMatch(/Diskominfo Tanah Bumbu/);
    const b = await alur(['--data', dir, 'init', '--preset', 'balangan', '--office', 'Lain', '--admin-password', 'abcdefgh1']);
    expect(b.code).toBe(1);
    expect(b.err[0]).toMatch(/sudah dibuat/);
    const c = await alur(['--data', dir, 'cases', '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.out.join('\n'))).toEqual({ rows: [], total: 0 });
  });

  it('takes the data folder from ALUR_DATA', async () => {
    const dir = tempDir();
    process.env['ALUR_DATA'] = dir;
    try {
      const r = await alur(['init', '--preset', 'kaltim', '--office', 'Diskominfo Kaltim', '--admin-password', 'abcdefgh1']);
      expect(r.code).toBe(0);
      expect(fs.existsSync(path.join(dir, 'alur.db'))).toBe(true);
    } finally {
      delete process.env['ALUR_DATA'];
    }
  });

  it('refuses a database from a newer version and leaves it as it was', async () => {
    const dir = tempDir();
    expect((await alur(['--data', dir, 'init', '--preset', 'balangan', '--office', 'X', '--admin-password', 'abcdefgh1'])).code).toBe(0);
    const file = path.join(dir, 'alur.db');
    const raw = new Database(file);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.pragma('user_version = 999');
    raw.close();
    const before = sha(file);
    const r = await alur(['--data', dir, 'cases']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/^alur: Basis data ini dibuat oleh versi Alur yang lebih baru/);
    expect(sha(file)).toBe(before);
  });

  it('builds the same demo office from the same seed, through the real services', async () => {
    const runs = [];
    for (const dir of [tempDir(), tempDir()]) {
      const d = await alur(['--data', dir, 'demo', '--cases', '40', '--seed', '7', '--now', '2026-11-20']);
      expect(d.code, d.err.join('\n')).toBe(0);
      expect(d.out.join('\n')).toMatch(/kata sandi semua: alur-demo/);
      const list = await alur(['--data', dir, 'cases', '--limit', '500', '--json']);
      runs.push(JSON.parse(list.out.join('\n')) as { rows: Array<{ ref: string; title: string; status: string; channel: string }>; total: number });
    }
    const [a, b] = runs;
    expect(a?.total).toBe(40);
    expect(b).toEqual(a);
    const statuses = new Set(a?.rows.map((r) => r.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    expect(new Set(a?.rows.map((r) => r.channel)).size).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('shows one case with its history, and refuses an unknown one', async () => {
    const dir = tempDir();
    expect((await alur(['--data', dir, 'demo', '--cases', '12', '--seed', '3', '--now', '2026-11-20'])).code).toBe(0);
    const list = JSON.parse((await alur(['--data', dir, 'cases', '--json'])).out.join('\n')) as { rows: Array<{ ref: string }> };
    const ref = list.rows[0]?.ref ?? '';
    const show = await alur(['--data', dir, 'case', 'show', ref]);
    expect(show.code).toBe(0);
    expect(show.out[0]).toContain(ref);
    expect(show.out.join('\n')).toMatch(/Riwayat:/);
    const json = JSON.parse((await alur(['--data', dir, 'case', 'show', ref, '--json'])).out.join('\n')) as { timeline: unknown[] };
    expect(json.timeline.length).toBeGreaterThan(0);
    const missing = await alur(['--data', dir, 'case', 'show', 'ADU-0000-XX99999']);
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual(['alur: Aduan tidak ditemukan: ADU-0000-XX99999']);
    const bad = await alur(['--data', dir, 'cases', '--status', 'bogus']);
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toMatch(/Status tidak dikenal/);
    const rebuilt = await alur(['--data', dir, 'rebuild']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out[0]).toMatch(/^12 aduan dari \d+ peristiwa/);
  }, 120_000);
});
