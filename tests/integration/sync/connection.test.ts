/**
 * The Settings side of sync: testing and saving a connection (stored encrypted), TLS as the
 * server offers it with its certificate pinned on first use, a changed certificate refused,
 * `verify-full` against a CA file, and the status the status bar shows.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { configureSync, joinOffice, syncNow, syncStatus, testConnection, type SyncSettingsInput } from '../../../src/main/backend/sync/sync-api';
import { KEY_FILE } from '../../../src/main/backend/sync/settings-store';
import { DB_FILE } from '../../../src/main/backend/db/database';
import { call, fakeClock, newOffice, tempDir } from '../../helpers/temp';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { caseInput, emptyWorkstation, publish, sqlAs, START, type Published } from './fixture';

let server: PgServer;
let hub: BackendContext;
let token: string;
let pub: Published;
let other: Published;
let ws: BackendContext;
let noTls: net.Server;
let noTlsPort = 0;
const clock = fakeClock(START);
const contexts: BackendContext[] = [];

function form(p: Published, unit: string, over: Partial<SyncSettingsInput> = {}): SyncSettingsInput {
  const c = p.creds.find((x) => x.unit === unit);
  return {
    host: '127.0.0.1',
    port: server.port,
    database: p.db,
    user: c?.login ?? '',
    password: c?.password ?? '',
    sslmode: 'prefer',
    sslrootcert: null,
    trustNewCertificate: false,
    ...over,
  };
}

beforeAll(async () => {
  server = await startPg({ tls: true });
  // Answers "no TLS" to the TLS question, as a PostgreSQL without ssl=on does, then hangs up.
  noTls = net.createServer((s) => s.once('data', () => s.end('N')));
  await new Promise<void>((r) => noTls.listen(0, '127.0.0.1', r));
  noTlsPort = (noTls.address() as net.AddressInfo).port;
  const o = await newOffice('balangan', clock);
  hub = o.ctx;
  token = o.token;
  pub = await publish(server, hub, 'kantor');
  const second = await newOffice('bontang', clock);
  contexts.push(second.ctx);
  other = await publish(server, second.ctx, 'kantor_lain', 'alur_lain_');
  ws = await emptyWorkstation(clock.now);
  contexts.push(ws);
}, 120_000);

afterAll(async () => {
  noTls?.close();
  for (const c of contexts) await c.opened.close();
  await hub?.opened.close();
  await server?.stop();
});

describe('connection settings', () => {
  it('test: says who we are on the server, over TLS pinned on first use; saves nothing', async () => {
    const t = await testConnection(form(pub, 'DISKOMINFOSP'));
    expect(t).toMatchObject({ ok: true, unitCode: 'DISKOMINFOSP', isHub: true, tls: 'pinned', officeName: 'Diskominfo Uji' });
    expect((await syncStatus(ws)).configured).toBe(false);
    const wrong = await testConnection(form(pub, 'DISKOMINFOSP', { password: 'salah' }));
    expect(wrong.error?.code).toBe('WRONG_PASSWORD');
  });

  it('save: joins the office, stores the password encrypted with a key only this user reads', async () => {
    const r = await configureSync(ws, form(pub, 'DISKOMINFOSP'));
    expect(r.error).toBeNull();
    expect(r.status).toMatchObject({ configured: true, online: true, pending: 0, rejected: 0, lastError: null, unitCode: 'DISKOMINFOSP' });
    expect(r.status.server).toBe(`alur_u_diskominfosp@127.0.0.1:${server.port}/kantor`);
    const password = form(pub, 'DISKOMINFOSP').password ?? '';
    ws.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(path.join(ws.options.dataDir, DB_FILE));
    expect(file.includes(Buffer.from(password))).toBe(false);
    expect(fs.statSync(path.join(ws.options.dataDir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('sync now, and the status bar: pending, last sync, online', async () => {
    await call(hub, 'case.register', token, caseInput());
    const pushed = await syncNow(hub);
    expect(pushed.report?.pushed.events).toBe(2);
    clock.advance(60_000);
    const r = await syncNow(ws);
    expect(r).toMatchObject({
      ok: true,
      error: null,
      report: { pulled: { events: 2 } },
      status: { online: true, pending: 0, lastSyncAt: clock.now() },
    });
  });

  it('a new password with the rest kept: `password: null` keeps the stored one', async () => {
    const r = await configureSync(ws, { ...form(pub, 'DISKOMINFOSP'), password: null, sslmode: 'require' });
    expect(r.error).toBeNull();
    expect((await syncNow(ws)).ok).toBe(true);
  });

  it('join from the first-run screen: only where there is no office yet', async () => {
    const blank = await emptyWorkstation(clock.now);
    contexts.push(blank);
    expect((await joinOffice(blank, { ...form(pub, 'PUPR'), password: null })).error?.message).toMatch(/Kata sandi login server wajib diisi/);
    const r = await joinOffice(blank, form(pub, 'PUPR'));
    expect(r).toMatchObject({ ok: true, report: { unitCode: 'PUPR', isHub: false }, status: { configured: true } });
    expect((await joinOffice(blank, form(pub, 'PUPR'))).error?.code).toBe('LOCAL_HAS_OFFICE');
    expect((await joinOffice(hub, form(pub, 'DISKOMINFOSP'))).error?.code).toBe('LOCAL_HAS_OFFICE');
  });

  it('refuses the server of another office, and keeps the settings it had', async () => {
    const before = await syncStatus(ws);
    const r = await configureSync(ws, form(other, 'DISKOMINFO'));
    expect(r.error).toMatchObject({ code: 'WRONG_OFFICE', message: expect.stringMatching(/kantor lain/) });
    expect((await syncStatus(ws)).server).toBe(before.server);
    expect((await syncNow(ws)).ok).toBe(true);
  });
});

describe('TLS', () => {
  it('require against a server without TLS: refused before any password is sent', async () => {
    const t = await testConnection(form(pub, 'DISKOMINFOSP', { port: noTlsPort, sslmode: 'require' }));
    expect(t.error).toMatchObject({ code: 'TLS_REQUIRED', message: expect.stringMatching(/tidak menawarkan koneksi terenkripsi/) });
  });

  it('prefer: a server that offered TLS before and now does not is refused (a downgrade)', async () => {
    const owner = await sqlAs(server.url('kantor'));
    try {
      await owner.query('ALTER SYSTEM SET ssl = off');
      await server.reloadConfig();
      const r = await syncNow(ws);
      expect(r.error).toMatchObject({ code: 'TLS_REQUIRED', message: expect.stringMatching(/sebelumnya memakai TLS/) });
      // A workstation that never saw TLS there takes the plain connection (prefer).
      expect(await testConnection(form(pub, 'DISKOMINFOSP'))).toMatchObject({ ok: true, tls: 'none' });
    } finally {
      await owner.query('ALTER SYSTEM RESET ssl');
      await owner.end();
      await server.reloadConfig();
    }
    expect((await syncNow(ws)).ok).toBe(true);
  });

  it('verify-full checks the certificate against the CA file and the host name', async () => {
    const good = await testConnection(form(pub, 'DISKOMINFOSP', { host: 'localhost', sslmode: 'verify-full', sslrootcert: server.certFile }));
    expect(good).toMatchObject({ ok: true, tls: 'verified' });
    const byIp = await testConnection(form(pub, 'DISKOMINFOSP', { host: '127.0.0.1', sslmode: 'verify-full', sslrootcert: server.certFile }));
    expect(byIp.ok).toBe(true);
    const noCa = await testConnection(form(pub, 'DISKOMINFOSP', { host: 'localhost', sslmode: 'verify-full', sslrootcert: null }));
    expect(noCa.error?.code).toBe('TLS_FAILED');
  });

  it('a certificate that changed since the first connection is refused, with the reason', async () => {
    const oldCert = path.join(tempDir(), 'old.crt');
    fs.copyFileSync(server.certFile ?? '', oldCert);
    await server.renewCert();
    const r = await syncNow(ws);
    expect(r.error).toMatchObject({ code: 'CERT_CHANGED', message: expect.stringMatching(/Sertifikat TLS server berbeda/) });
    expect(r.status.lastError?.code).toBe('CERT_CHANGED');
    const stale = await testConnection(form(pub, 'DISKOMINFOSP', { host: 'localhost', sslmode: 'verify-full', sslrootcert: oldCert }));
    expect(stale.error?.code).toBe('TLS_FAILED');
    // Saving the same settings does not trust it; the admin confirming the renewal does.
    expect((await configureSync(ws, form(pub, 'DISKOMINFOSP'))).error?.code).toBe('CERT_CHANGED');
    const again = await configureSync(ws, form(pub, 'DISKOMINFOSP', { trustNewCertificate: true }));
    expect(again.error).toBeNull();
    expect((await syncNow(ws)).ok).toBe(true);
  });
});
