/**
 * `alur server init`, `alur sync` and `alur server rotate-password` from the command line:
 * exit 0 with what was done, or non-zero with one line saying why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as alur } from '../../helpers/cli';
import { openTestContext, call, tempDir, ADMIN_PASSWORD } from '../../helpers/temp';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { caseInput, createDatabase } from './fixture';
import { SERVER_SCHEMA_VERSION } from '../../../src/main/backend/sync/server-schema';

let server: PgServer;
const hubDir = path.join(tempDir(), 'hub');
const opdDir = path.join(tempDir(), 'opd');
const credentials = path.join(tempDir(), 'kredensial.json');

function login(unit: string): string {
  const list = JSON.parse(fs.readFileSync(credentials, 'utf8')) as Array<{ unit: string; login: string; password: string }>;
  const c = list.find((x) => x.unit === unit);
  if (!c) throw new Error(`no login for ${unit}`);
  return server.urlAs(c.login, c.password, 'kantor');
}

beforeAll(async () => {
  server = await startPg();
  await createDatabase(server, 'kantor');
  const r = await alur(['--data', hubDir, 'init', '--preset', 'balangan', '--office', 'Diskominfo Uji', '--admin-password', ADMIN_PASSWORD]);
  if (r.code !== 0) throw new Error(r.err.join('\n'));
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('alur server and alur sync', () => {
  it('have --help', async () => {
    for (const cmd of [['sync'], ['server', 'init'], ['server', 'rotate-password']]) {
      const r = await alur([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out.join('\n')).toMatch(/Usage/);
    }
  });

  it('server init publishes the office and connects its folder', async () => {
    const r = await alur(['--data', hubDir, 'server', 'init', '--url', server.url('kantor'), '--credentials', credentials]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).not.toMatch(/Peringatan/);
    expect(r.out.join('\n')).toMatch(
      new RegExp(
        `Skema server: versi 0 -> ${SERVER_SCHEMA_VERSION}[\\s\\S]*12 login unit \\(12 baru\\)[\\s\\S]*Diterbitkan: 0 peristiwa, \\d+ data referensi[\\s\\S]*tersambung ke server sebagai alur_u_diskominfosp`,
      ),
    );
    expect(fs.statSync(credentials).mode & 0o777).toBe(0o600);
    const again = await alur(['--data', hubDir, 'server', 'init', '--url', server.url('kantor'), '--credentials', credentials]);
    expect(again.out.join('\n')).toMatch(
      new RegExp(`sudah versi ${SERVER_SCHEMA_VERSION}[\\s\\S]*\\(0 baru\\)[\\s\\S]*Diterbitkan: 0 peristiwa, 0 data referensi`),
    );
  });

  it('sync joins an empty folder, then each round says what went each way', async () => {
    const join = await alur(['--data', opdDir, 'sync', '--url', login('DISKOMINFOSP')]);
    expect(join.err).toEqual([]);
    expect(join.out[0]).toBe('Tersambung ke kantor "Diskominfo Uji" sebagai unit DISKOMINFOSP (Diskominfo)');
    expect(join.out[1]).toMatch(/^Dikirim: 0 peristiwa, 0 data referensi; diterima: 0 peristiwa, \d+ data referensi/);
    // No OS store in the CLI: it says where the secret went and who can read it.
    expect(join.out[2]).toMatch(
      /^Catatan: kata sandi server disimpan terenkripsi dengan kunci di .*workstation\.key \(mode 0600\)\. Baris perintah tidak memakai penyimpanan rahasia sistem operasi/,
    );

    const ctx = await openTestContext(hubDir);
    const s = await call(ctx, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD });
    await call(ctx, 'case.register', s.token, caseInput());
    await ctx.opened.close();

    const push = await alur(['--data', hubDir, 'sync']);
    expect(push.out[0]).toMatch(/^Dikirim: 2 peristiwa, \d+ data referensi; diterima: 0 peristiwa/);
    const pull = await alur(['--data', opdDir, 'sync']);
    expect(pull.out[0]).toMatch(/^Dikirim: 0 peristiwa, 0 data referensi; diterima: 2 peristiwa/);
    const cases = await alur(['--data', opdDir, 'cases']);
    expect(cases.out.join('\n')).toMatch(/1 aduan[\s\S]*Jalan berlubang/);
  });

  it('fails in one line: no settings, a bad address, a server that is away', async () => {
    const empty = path.join(tempDir(), 'kosong');
    const cases: Array<[string[], RegExp]> = [
      [['--data', empty, 'sync'], /^alur: Sinkronisasi belum diatur: jalankan "alur sync --url/],
      [['--data', empty, 'sync', '--url', 'mysql://x@y/z'], /^alur: Alamat server tidak valid: harus diawali postgres:\/\//],
      [['--data', empty, 'sync', '--url', 'postgres://a:b@127.0.0.1:1/alur'], /^alur: Server 127\.0\.0\.1:1 tidak dapat dihubungi/],
      [
        ['--data', hubDir, 'server', 'init', '--url', server.url('tidak_ada'), '--credentials', credentials],
        /^alur: Basis data "tidak_ada" tidak ada di server\.$/,
      ],
    ];
    for (const [args, msg] of cases) {
      const r = await alur(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(msg);
    }
  });

  it('rotate-password replaces one login; the old URL is refused, the new one works', async () => {
    const old = login('PUPR');
    const r = await alur(['server', 'rotate-password', 'pupr', '--url', server.url('kantor'), '--credentials', credentials]);
    expect(r.out[0]).toMatch(/^Kata sandi alur_u_pupr \(unit PUPR\) diganti/);
    const dir = path.join(tempDir(), 'pupr');
    const bad = await alur(['--data', dir, 'sync', '--url', old]);
    expect(bad.err[0]).toBe('alur: Login "alur_u_pupr" atau kata sandinya salah.');
    const good = await alur(['--data', dir, 'sync', '--url', login('PUPR')]);
    expect(good.out[0]).toMatch(/sebagai unit PUPR$/);
  });

  it('restore after the database is lost: pulls from the server what the backup lacks; no tracking number re-issued', async () => {
    const backups = path.join(tempDir(), 'cadangan');
    expect((await alur(['--data', hubDir, 'backup', '--to', backups])).code).toBe(0);
    const ctx = await openTestContext(hubDir);
    const s = await call(ctx, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD });
    const after = await call(ctx, 'case.register', s.token, caseInput({ title: 'Didaftarkan setelah cadangan' }));
    await ctx.opened.close();
    expect((await alur(['--data', hubDir, 'sync'])).out[0]).toMatch(/^Dikirim: 2 peristiwa/);
    // The disk lost the database: only the backup and the server have what was issued.
    fs.writeFileSync(path.join(hubDir, 'alur.db'), '');
    for (const f of ['alur.db-wal', 'alur.db-shm']) fs.rmSync(path.join(hubDir, f), { force: true });
    const refused = await alur(['--data', hubDir, 'cases']);
    expect(refused.err[0]).toMatch(/^alur: Basis data Alur di komputer ini kosong \(0 byte\)/);
    const file = path.join(backups, fs.readdirSync(backups).find((f) => f.endsWith('.db')) ?? '');
    const r = await alur(['--data', hubDir, 'restore', file, '--yes']);
    expect(r.code, [...r.out, ...r.err].join('\n')).toBe(0);
    expect(r.out.join('\n')).toMatch(/Diambil dari server: 2 peristiwa/);
    const again = await openTestContext(hubDir);
    const t = await call(again, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD });
    const next = await call(again, 'case.register', t.token, caseInput({ title: 'Didaftarkan setelah pemulihan' }));
    await again.opened.close();
    expect(next.ref).not.toBe(after.ref);
  });
});
