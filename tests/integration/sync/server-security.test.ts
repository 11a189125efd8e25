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
import { SERVER_SCHEMA_VERSION } from '../../../src/main/backend/sync/server-schema';
import { call, fakeClock, snapshotProjections } from '../../helpers/temp';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { getRef, listRefs } from '../../../src/main/backend/refdata/ref-store';
import { buildOffice, caseTo, emptyWorkstation, publish, pushRaw, sessions, sqlAs, staffOf, START, type Office, type Published } from './fixture';

let server: PgServer;
let office: Office;
let pub: Published;
const clock = fakeClock(START);
const cases: Record<'opd0' | 'opd0Secret' | 'opd1' | 'desk', string> = { opd0: '', opd0Secret: '', opd1: '', desk: '' };
const clients: pg.Client[] = [];
const contexts: BackendContext[] = [];
/** A file the hub attached to the second OPD's case (set by the attachments test). */
let blobOfOpd1: { sha: string; bytes: Uint8Array } | null = null;

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
  cases.opd0Secret = await caseTo(
    office.ctx,
    office.opdIds,
    { title: 'Rahasia untuk OPD pertama', privacy: 'rahasia', complainant: { name: 'Pelapor Rahasia', phone: '08111' } },
    opd0,
  );
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
    expect(r.ok ? r.value : r.error).toMatchObject({
      fromVersion: SERVER_SCHEMA_VERSION,
      toVersion: SERVER_SCHEMA_VERSION,
      published: { events: 0, refs: 0 },
    });
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
    const me = await staffOf(office.ctx, office.opdIds[0] ?? '');
    const note = (caseId: string, type: string, payload: unknown) =>
      pushRaw(c, [{ case_id: caseId, type, payload, author_id: me.userId, position_id: me.positionId }]);
    expect((await note(cases.opd1, 'case.note_added', { text: 'ikut campur' })).refused[0]?.reason).toMatch(/tidak boleh diakses/);
    expect((await note(crypto.randomUUID(), 'case.registered', { hubUnitId: 'x', privacy: 'biasa' })).refused[0]?.reason).toMatch(/meregistrasi/);
    // Nor replace the complainant's identity of a case it was given.
    expect((await note(cases.opd0, 'case.identity_recorded', { complainant: { name: 'Orang Lain', phone: '0899' } })).refused[0]?.reason).toMatch(
      /identitas pengadu/,
    );
    expect(
      await sqlState(
        c.query(
          `INSERT INTO alur.ref_change (kind, id, fields, clocks) VALUES ('user', 'u1', '{"isAdmin":true}', '{"isAdmin":"999999999999999-000000-x"}')`,
        ),
      ),
    ).toBe('42501');
    // Its own case, as its own staff: allowed (an OPD acts on what it was given).
    expect(await note(cases.opd0, 'case.note_added', { text: 'catatan OPD' })).toMatchObject({ inserted: 1, refused: [] });
  });

  it('reads password verifiers and wrapped keys only of users holding a post in its unit', async () => {
    const c = await as(pub.url(office.opdCodes[0] ?? ''));
    const kinds = (await c.query<{ kind: string }>('SELECT DISTINCT kind FROM alur.ref_change')).rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['office', 'unit', 'position', 'user', 'credential', 'assignment', 'preset', 'calendar']));
    const opd0 = office.opdIds[0] ?? '';
    const posts = new Set((await listRefs(office.ctx.db, 'position')).filter((p) => p.unitId === opd0).map((p) => p.id));
    const staff = new Set((await listRefs(office.ctx.db, 'assignment')).filter((a) => posts.has(a.positionId)).map((a) => a.userId));
    const creds = (await c.query<{ id: string }>("SELECT DISTINCT id FROM alur.ref_change WHERE kind = 'credential'")).rows.map((r) => r.id);
    expect(new Set(creds)).toEqual(staff);
    const secrets = (
      await c.query<{ u: string }>("SELECT DISTINCT fields->>'userId' AS u FROM alur.ref_change WHERE kind = 'key_secret' AND fields ? 'userId'")
    ).rows.map((r) => r.u);
    expect(secrets.length).toBeGreaterThan(0);
    for (const u of secrets) expect(staff.has(u)).toBe(true);
    // The administrators' copies of the office root key stay at the hub.
    const admin = (await listRefs(office.ctx.db, 'user')).find((u) => u.isAdmin)?.id ?? '';
    const hub = await as(pub.url(office.hubCode));
    const rootCopies = "SELECT count(*)::int AS n FROM alur.ref_change WHERE kind = 'key_secret' AND fields->>'userId' = $1";
    expect((await c.query<{ n: number }>(rootCopies, [admin])).rows[0]?.n).toBe(0);
    expect((await hub.query<{ n: number }>(rootCopies, [admin])).rows[0]?.n).toBeGreaterThan(0);
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
    const desk = await staffOf(office.ctx, office.hubId);
    await hub.query('BEGIN');
    const sha = await uploadBlob(hub, bytes);
    const attachment = { sha256: sha, name: 'surat.pdf', mime: 'application/pdf', size: bytes.length };
    expect(
      await pushRaw(hub, [
        { case_id: cases.opd1, type: 'case.attachment_added', payload: { attachment }, author_id: desk.userId, position_id: desk.positionId },
      ]),
    ).toMatchObject({ inserted: 1 });
    await hub.query('COMMIT');
    blobOfOpd1 = { sha, bytes };
    expect(await downloadBlob(await as(pub.url(office.opdCodes[1] ?? '')), sha)).toEqual(bytes);
    expect(await downloadBlob(await as(pub.url(office.opdCodes[0] ?? '')), sha)).toBeNull();
    // A blob whose name is not its hash is refused by the server.
    expect(await sqlState(hub.query('SELECT alur.put_blob($1, $2)', ['0'.repeat(64), Buffer.from([0])]))).toBe('23514');
  });
});

describe('a hostile OPD login gets only what it needs (server migration 2)', () => {
  const opd0 = () => as(pub.url(office.opdCodes[0] ?? ''));

  it('inserts no event or file except through the checking functions, which record the login itself', async () => {
    const c = await opd0();
    const raw =
      "INSERT INTO alur.event (id, case_id, type, hlc, at, author_id, position_id, device_id, payload, pushed_by) VALUES (gen_random_uuid()::text, $1, 'case.note_added', '000000000000001-000000-x', 1, $2, $3, 'x', '{}', 'alur_u_x')";
    const me = await staffOf(office.ctx, office.opdIds[0] ?? '');
    expect(await sqlState(c.query(raw, [cases.opd0, me.userId, me.positionId]))).toBe('42501');
    expect(
      await sqlState(
        c.query("INSERT INTO alur.blob (sha256, bytes) VALUES ($1, '\\x00')", ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d']),
      ),
    ).toBe('42501');
    const hubLogin = pub.creds.find((x) => x.unit === office.hubCode)?.login ?? '';
    const r = await pushRaw(c, [
      {
        case_id: cases.opd0,
        type: 'case.note_added',
        payload: { text: 'dari OPD' },
        author_id: me.userId,
        position_id: me.positionId,
        pushed_by: hubLogin,
      },
    ]);
    const by = await c.query<{ pushed_by: string }>('SELECT pushed_by FROM alur.event WHERE id = $1', [r.ids[0]]);
    expect(by.rows[0]?.pushed_by).toBe(pub.creds.find((x) => x.unit === office.opdCodes[0])?.login);
  });

  it('refuses an author from another unit, and an authorless act that is not automatic', async () => {
    const c = await opd0();
    const admin = await staffOf(office.ctx, office.hubId);
    const closeAsAdmin = await pushRaw(c, [
      { case_id: cases.opd0, type: 'case.closed', payload: { reason: 'selesai' }, author_id: admin.userId, position_id: admin.positionId },
    ]);
    expect(closeAsAdmin.refused[0]?.reason).toMatch(/jabatan unit lain/);
    const noPost = await pushRaw(c, [{ case_id: cases.opd0, type: 'case.note_added', payload: { text: 'x' }, author_id: admin.userId }]);
    expect(noPost.refused[0]?.reason).toMatch(/bukan pegawai unit/);
    const nobody = await pushRaw(c, [{ case_id: cases.opd0, type: 'case.reopened', payload: { reason: 'dibuka tanpa nama' } }]);
    expect(nobody.refused[0]?.reason).toMatch(/tanpa penulis/);
    // The hub's login cannot write in an OPD official's name either.
    const hub = await as(pub.url(office.hubCode));
    const kadis = await staffOf(office.ctx, office.opdIds[0] ?? '');
    expect(
      (
        await pushRaw(hub, [
          { case_id: cases.opd0, type: 'case.note_added', payload: { text: 'x' }, author_id: kadis.userId, position_id: kadis.positionId },
        ])
      ).refused,
    ).toHaveLength(1);
    const ids = [...closeAsAdmin.ids, ...noPost.ids, ...nobody.ids];
    await expect((await as(server.url('kantor'))).query('SELECT 1 FROM alur.event WHERE id = ANY($1)', [ids])).resolves.toMatchObject({
      rowCount: 0,
    });
  });

  it("cannot sit on the writers' lock: a waiting push ends a holder that idles with it", async () => {
    const c = await opd0();
    await c.query('SET idle_in_transaction_session_timeout = 0');
    await c.query('SET statement_timeout = 0');
    await c.query('BEGIN');
    await c.query('SELECT alur.begin_push()');
    const hub = await as(pub.url(office.hubCode));
    const desk = await staffOf(office.ctx, office.hubId);
    const t0 = Date.now();
    const r = await pushRaw(hub, [
      { case_id: cases.desk, type: 'case.note_added', payload: { text: 'tetap jalan' }, author_id: desk.userId, position_id: desk.positionId },
    ]);
    expect(r.inserted).toBe(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await sqlState(c.query('SELECT 1'))).not.toBe('none');
  });

  it('has statement and idle-transaction timeouts, no temporary tables and no large objects', async () => {
    const c = await opd0();
    expect((await c.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]?.statement_timeout).toBe('1min');
    expect(
      (await c.query<{ idle_in_transaction_session_timeout: string }>('SHOW idle_in_transaction_session_timeout')).rows[0]
        ?.idle_in_transaction_session_timeout,
    ).toBe('30s');
    expect(await sqlState(c.query('CREATE TEMP TABLE mine (x int)'))).toBe('42501');
    expect(await sqlState(c.query('SELECT lo_create(0)'))).toBe('42501');
    expect(await sqlState(c.query("SELECT lo_from_bytea(0, '\\x00')"))).toBe('42501');
  });

  it('stores a file only with the event that refers to it, within its quota', async () => {
    const c = await opd0();
    const bytes = new TextEncoder().encode(`berkas yatim ${crypto.randomUUID()}`);
    expect(await sqlState(uploadBlob(c, bytes))).toBe('23514');
    const owner = await as(server.url('kantor'));
    const login = pub.creds.find((x) => x.unit === office.opdCodes[0])?.login ?? '';
    await owner.query('UPDATE alur.unit_login SET blob_quota_bytes = blob_bytes + 10 WHERE login = $1', [login]);
    await c.query('BEGIN');
    expect(await sqlState(uploadBlob(c, bytes))).toBe('53100');
    await c.query('ROLLBACK');
    await owner.query('UPDATE alur.unit_login SET blob_quota_bytes = 10737418240 WHERE login = $1', [login]);
  });

  it("cannot read another unit's file by naming its SHA-256 in an event of its own case", async () => {
    const known = blobOfOpd1;
    if (!known) throw new Error('the attachments test runs first');
    const c = await opd0();
    const me = await staffOf(office.ctx, office.opdIds[0] ?? '');
    const attachment = { sha256: known.sha, name: 'curian.pdf', mime: 'application/pdf', size: known.bytes.length };
    expect(
      await pushRaw(c, [
        { case_id: cases.opd0, type: 'case.attachment_added', payload: { attachment }, author_id: me.userId, position_id: me.positionId },
      ]),
    ).toMatchObject({ inserted: 1 });
    expect(await downloadBlob(c, known.sha)).toBeNull();
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
    const secretRows = ws.opened.sqlite
      .prepare("SELECT count(*) AS n FROM event WHERE type = 'case.identity_recorded' AND case_id = ?")
      .get(cases.opd0Secret) as { n: number };
    expect(secretRows.n).toBe(0);
    // A case it shares with the hub is in the same state on both, once the hub synced too.
    const hub = await syncRound(office.ctx);
    // What the SQL-level tests above inserted through the checking functions and were let in:
    // none carries its writer's seal, so the hub's workstation quarantines all five (keys/seal.ts).
    expect(hub.ok ? [hub.value.pulled.events, hub.value.refused.count, hub.value.refused.first] : hub.error.message).toEqual([
      0,
      5,
      expect.stringMatching(/: segel penulis tidak ada/),
    ]);
    const row = (c: BackendContext, sql: string) => c.opened.sqlite.prepare(sql).all(cases.opd0);
    for (const q of [
      'SELECT * FROM cases WHERE id = ?',
      'SELECT * FROM case_task WHERE case_id = ? ORDER BY id',
      'SELECT * FROM identity WHERE case_id = ?',
    ]) {
      expect(row(ws, q)).toEqual(row(office.ctx, q));
    }
  });

  it('receives a password verifier once its user holds a post in its unit, not before', async () => {
    const ws = contexts[0];
    if (!ws) throw new Error('the join test runs first');
    const admin = (await sessions(office.ctx)).get('admin') ?? null;
    const posts = await listRefs(office.ctx.db, 'position');
    const hubPost = posts.find((p) => p.unitId === office.hubId)?.id ?? '';
    const opdPost = posts.find((p) => p.unitId === office.opdIds[0])?.id ?? '';
    const { id } = await call(office.ctx, 'user.save', admin, {
      id: null,
      username: 'pindahan',
      fullName: 'Pegawai Pindahan',
      password: 'sandi-pindahan-1',
    });
    await call(office.ctx, 'assignment.save', admin, { id: null, userId: id, positionId: hubPost, acting: null, from: null, until: null });
    const hasCredential = async () => (await getRef(ws.db, 'credential', id)) !== null;
    expect((await syncRound(office.ctx)).ok).toBe(true);
    expect((await syncRound(ws)).ok).toBe(true);
    expect(await hasCredential()).toBe(false);
    await call(office.ctx, 'assignment.save', admin, { id: null, userId: id, positionId: opdPost, acting: null, from: null, until: null });
    expect((await syncRound(office.ctx)).ok).toBe(true);
    expect((await syncRound(ws)).ok).toBe(true);
    expect(await hasCredential()).toBe(true);
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
