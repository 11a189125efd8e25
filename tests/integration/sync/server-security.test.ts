/**
 * The shared server enforces visibility itself: an OPD's login, used directly with SQL,
 * reads only the cases dispositioned to that OPD, never a rahasia identity, and can neither
 * change nor remove any event.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { initServer, rotatePassword } from '../../../src/main/backend/sync/server-admin';
import { connectOfficeByUrl, syncRound } from '../../../src/main/backend/sync/sync-engine';
import { downloadBlob, uploadBlob } from '../../../src/main/backend/sync/blob-sync';
import { fakeClock, snapshotProjections } from '../../helpers/temp';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { buildOffice, caseTo, emptyWorkstation, publish, sqlAs, START, type Office, type Published } from './fixture';

let server: PgServer;
let office: Office;
let pub: Published;
const clock = fakeClock(START);
const cases: Record<'opd0' | 'opd0Secret' | 'opd1' | 'desk', string> = { opd0: '', opd0Secret: '', opd1: '', desk: '' };
const clients: pg.Client[] = [];
const contexts: BackendContext[] = [];

async function as(url: string): Promise<pg.Client> {
  const c = await sqlAs(url);
  clients.push(c);
  return c;
}

async function sqlState(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'thrown';
  }
  return 'none';
}

beforeAll(async () => {
  server = await startPg();
  office = await buildOffice(clock, 2);
  const [opd0, opd1] = office.opdIds as [string, string];
  cases.opd0 = await caseTo(office.ctx, office.opdIds, { title: 'Untuk OPD pertama' }, opd0);
  cases.opd0Secret = await caseTo(office.ctx, office.opdIds, { title: 'Rahasia untuk OPD pertama', privacy: 'rahasia', complainant: { name: 'Pelapor Rahasia', phone: '08111' } }, opd0);
  cases.opd1 = await caseTo(office.ctx, office.opdIds, { title: 'Untuk OPD kedua' }, opd1);
  cases.desk = await caseTo(office.ctx, office.opdIds, { title: 'Masih di meja layanan' }, null);
  pub = await publish(server, office.ctx, 'kantor');
}, 180_000);

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  for (const c of contexts) await c.opened.close();
  await office?.ctx.opened.close();
  await server?.stop();
});

describe('server init', () => {
  it('writes one login per unit to a file only its owner can read', () => {
    const st = fs.statSync(pub.credentialsFile);
    expect(st.mode & 0o777).toBe(0o600);
    expect(pub.creds.map((c) => c.login)).toContain(`alur_u_${office.hubCode.toLowerCase()}`);
    for (const c of pub.creds) expect(c.password.length).toBeGreaterThanOrEqual(24);
  });

  it('is idempotent: a second run publishes nothing new and keeps every password', async () => {
    const before = fs.readFileSync(pub.credentialsFile, 'utf8');
    const r = await initServer({ url: server.url('kantor'), ctx: office.ctx, credentialsFile: pub.credentialsFile });
    expect(r.ok ? r.value : r.error).toMatchObject({ fromVersion: 1, toVersion: 1, published: { events: 0, refs: 0 } });
    expect(r.ok && r.value.roles.every((x) => !x.created)).toBe(true);
    expect(fs.readFileSync(pub.credentialsFile, 'utf8')).toBe(before);
  });
});

describe('an OPD login, used directly with SQL', () => {
  it('reads only the cases dispositioned to its OPD, and no rahasia identity', async () => {
    const c = await as(pub.url(office.opdCodes[0] ?? ''));
    const rows = (await c.query<{ case_id: string; type: string }>('SELECT case_id, type FROM alur.event')).rows;
    const seen = new Set(rows.map((r) => r.case_id));
    expect(seen).toEqual(new Set([cases.opd0, cases.opd0Secret]));
    const identities = rows.filter((r) => r.type === 'case.identity_recorded').map((r) => r.case_id);
    expect(identities).toEqual([cases.opd0]);
    // Asking for them by id does not help.
    const direct = await c.query('SELECT 1 FROM alur.event WHERE case_id = ANY($1)', [[cases.opd1, cases.desk]]);
    expect(direct.rowCount).toBe(0);
    const secret = await c.query("SELECT payload FROM alur.event WHERE case_id = $1 AND type = 'case.identity_recorded'", [cases.opd0Secret]);
    expect(secret.rowCount).toBe(0);
    const grants = (await c.query<{ case_id: string }>('SELECT case_id FROM alur.case_unit')).rows.map((r) => r.case_id);
    expect(new Set(grants)).toEqual(new Set([cases.opd0, cases.opd0Secret]));
  });

  it('cannot update, delete or truncate any event, its own included', async () => {
    const c = await as(pub.url(office.opdCodes[0] ?? ''));
    expect(await sqlState(c.query("UPDATE alur.event SET payload = '{}' WHERE case_id = $1", [cases.opd0]))).toBe('42501');
    expect(await sqlState(c.query('DELETE FROM alur.event WHERE case_id = $1', [cases.opd0]))).toBe('42501');
    expect(await sqlState(c.query('TRUNCATE alur.event'))).toBe('42501');
    expect(await sqlState(c.query('DELETE FROM alur.ref_change'))).toBe('42501');
    expect(await sqlState(c.query('CREATE TABLE alur.mine (x int)'))).toBe('42501');
    expect(await sqlState(c.query('CREATE TABLE public.mine (x int)'))).toBe('42501');
  });

  it('cannot add to a case it may not see, start a case, or change reference data', async () => {
    const c = await as(pub.url(office.opdCodes[0] ?? ''));
    const insert = (caseId: string, type: string, payload: string) =>
      c.query("INSERT INTO alur.event (id, case_id, type, hlc, at, device_id, payload) VALUES (gen_random_uuid()::text, $1, $2, '000000000000001-000000-x', 1, 'x', $3)", [caseId, type, payload]);
    expect(await sqlState(insert(cases.opd1, 'case.note_added', '{"text":"ikut campur"}'))).toBe('42501');
    expect(await sqlState(insert(crypto.randomUUID(), 'case.registered', '{"hubUnitId":"x","privacy":"biasa"}'))).toBe('42501');
    expect(await sqlState(c.query(`INSERT INTO alur.ref_change (kind, id, fields, clocks) VALUES ('user', 'u1', '{"isAdmin":true}', '{"isAdmin":"999999999999999-000000-x"}')`))).toBe('42501');
    // Its own case: allowed (an OPD acts on what it was given).
    expect(await sqlState(insert(cases.opd0, 'case.note_added', '{"text":"catatan OPD"}'))).toBe('none');
  });

  it('reads reference data, password hashes included (users log in at OPD workstations offline)', async () => {
    const c = await as(pub.url(office.opdCodes[0] ?? ''));
    const kinds = (await c.query<{ kind: string }>('SELECT DISTINCT kind FROM alur.ref_change')).rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['office', 'unit', 'position', 'user', 'credential', 'assignment', 'preset', 'calendar']));
  });

  it('the owner cannot rewrite the log either (the trigger refuses)', async () => {
    const c = await as(server.url('kantor'));
    expect(await sqlState(c.query("UPDATE alur.event SET payload = '{}' WHERE case_id = $1", [cases.opd0]))).toBe('42501');
    expect(await sqlState(c.query('DELETE FROM alur.event'))).toBe('42501');
  });

  it('the hub login reads every case and every identity', async () => {
    const c = await as(pub.url(office.hubCode));
    const seen = new Set((await c.query<{ case_id: string }>('SELECT DISTINCT case_id FROM alur.event')).rows.map((r) => r.case_id));
    for (const id of Object.values(cases)) expect(seen.has(id)).toBe(true);
    const secret = await c.query("SELECT 1 FROM alur.event WHERE case_id = $1 AND type = 'case.identity_recorded'", [cases.opd0Secret]);
    expect(secret.rowCount).toBe(1);
  });

  it('attachments follow their case: an OPD reads the blobs of its cases only', async () => {
    const hub = await as(pub.url(office.hubCode));
    const bytes = new TextEncoder().encode('hasil pindaian surat untuk OPD kedua');
    const sha = await uploadBlob(hub, bytes);
    const payload = JSON.stringify({ attachment: { sha256: sha, name: 'surat.pdf', mime: 'application/pdf', size: bytes.length } });
    await hub.query("INSERT INTO alur.event (id, case_id, type, hlc, at, device_id, payload) VALUES (gen_random_uuid()::text, $1, 'case.attachment_added', '000000000000001-000000-x', 1, 'x', $2)", [cases.opd1, payload]);
    expect(await uploadBlob(hub, bytes)).toBe(sha); // idempotent
    expect(await downloadBlob(await as(pub.url(office.opdCodes[1] ?? '')), sha)).toEqual(bytes);
    expect(await downloadBlob(await as(pub.url(office.opdCodes[0] ?? '')), sha)).toBeNull();
    // A blob whose name is not its hash is refused by the server.
    expect(await sqlState(hub.query("INSERT INTO alur.blob (sha256, bytes) VALUES ($1, '\\x00')", ['0'.repeat(64)]))).toBe('23514');
  });
});

describe('an OPD workstation', () => {
  it('joins with its login and holds exactly what that OPD may see', async () => {
    const ws = await emptyWorkstation(clock.now);
    contexts.push(ws);
    const r = await connectOfficeByUrl(ws, pub.url(office.opdCodes[0] ?? ''));
    expect(r.ok ? r.value.unitCode : r.error.message).toBe(office.opdCodes[0]);
    const mine = await snapshotProjections(ws);
    const ids = (mine.cases as Array<{ id: string }>).map((c) => c.id);
    expect(new Set(ids)).toEqual(new Set([cases.opd0, cases.opd0Secret]));
    expect((mine.identities as Array<{ case_id: string }>).map((i) => i.case_id)).toEqual([cases.opd0]);
    const secretRows = ws.opened.sqlite.prepare("SELECT count(*) AS n FROM event WHERE type = 'case.identity_recorded' AND case_id = ?").get(cases.opd0Secret) as { n: number };
    expect(secretRows.n).toBe(0);
    // A case it shares with the hub is in the same state on both, once the hub synced too.
    const hub = await syncRound(office.ctx);
    expect(hub.ok ? hub.value.pulled.events : hub.error.message).toBe(2);
    const row = (c: BackendContext, sql: string) => c.opened.sqlite.prepare(sql).all(cases.opd0);
    for (const q of ['SELECT * FROM cases WHERE id = ?', 'SELECT * FROM case_task WHERE case_id = ? ORDER BY id', 'SELECT * FROM identity WHERE case_id = ?']) {
      expect(row(ws, q)).toEqual(row(office.ctx, q));
    }
  });

  it('rotate-password: the old password stops working, the new one works', async () => {
    const code = office.opdCodes[1] ?? '';
    const oldUrl = pub.url(code);
    const r = await rotatePassword(server.url('kantor'), code, pub.credentialsFile);
    expect(r.ok).toBe(true);
    const creds = JSON.parse(fs.readFileSync(pub.credentialsFile, 'utf8')) as Array<{ login: string; password: string }>;
    const fresh = creds.find((c) => r.ok && c.login === r.value.login);
    expect(fs.statSync(pub.credentialsFile).mode & 0o777).toBe(0o600);
    const ws = await emptyWorkstation(clock.now);
    contexts.push(ws);
    const bad = await connectOfficeByUrl(ws, oldUrl);
    expect(bad.ok ? 'joined' : bad.error.code).toBe('WRONG_PASSWORD');
    const good = await connectOfficeByUrl(ws, server.urlAs(fresh?.login ?? '', fresh?.password ?? '', 'kantor'));
    expect(good.ok ? good.value.unitCode : good.error.message).toBe(code);
  });
});
