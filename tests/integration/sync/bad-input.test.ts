/**
 * Bad input on the sync path: a server that is not PostgreSQL, a database that is not ours,
 * a schema from a newer Alur, a pulled payload that fails the schema, an event for a case the
 * unit may not see, a copy changed on the server. Each gets a clear message, and the local
 * database is left as it was.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { appendEvents } from '../../../src/main/backend/projection/event-store';
import { initServer } from '../../../src/main/backend/sync/server-admin';
import { SERVER_SCHEMA_VERSION } from '../../../src/main/backend/sync/server-schema';
import { MIN_SYNC_PROTOCOL, SYNC_PROTOCOL } from '../../../src/main/backend/sync/sync-protocol';
import { connectOfficeByUrl, syncRound } from '../../../src/main/backend/sync/sync-engine';
import { syncStatus } from '../../../src/main/backend/sync/sync-status';
import { listRejected } from '../../../src/main/backend/sync/sync-api';
import type { CaseEvent } from '../../../src/shared/domain/events';
import { sealEvent } from '../../../src/main/backend/keys/seal';
import type { OpenKey } from '../../../src/main/backend/keys/key-crypto';
import { listRefs } from '../../../src/main/backend/refdata/ref-store';
import { storeAttachment } from '../../../src/main/backend/services/attachment.service';
import { call, fakeClock, newOffice, snapshotProjections, tempDir } from '../../helpers/temp';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { caseInput, createDatabase, emptyWorkstation, logIds, publish, sessions, sqlAs, START, type Published } from './fixture';

let server: PgServer;
let hub: BackendContext;
let token: string;
/** The administrator's key and id, as their login opened them: the raw events below are theirs. */
let adminKey: OpenKey | null = null;
let adminId: string | null = null;
let pub: Published;
let joined: BackendContext;
const clock = fakeClock(START);
const caseIds: string[] = [];
const contexts: BackendContext[] = [];
let garbage: net.Server;
let garbagePort = 0;

function hubLogin(): { login: string; password: string } {
  const c = pub.creds.find((x) => x.unit === 'DISKOMINFOSP');
  if (!c) throw new Error('no hub login');
  return c;
}

async function fresh(): Promise<BackendContext> {
  const c = await emptyWorkstation(clock.now);
  contexts.push(c);
  return c;
}

/** Everything a workstation holds that sync could touch. */
async function state(ctx: BackendContext): Promise<unknown> {
  const q = (sql: string) => ctx.opened.sqlite.prepare(sql).all();
  return {
    ...(await snapshotProjections(ctx)),
    log: logIds(ctx),
    refs: q('SELECT kind, id, fields FROM ref_record ORDER BY kind, id'),
    config: q('SELECT server, office_id, unit_id FROM sync_config'),
  };
}

async function owner<T>(fn: (c: Awaited<ReturnType<typeof sqlAs>>) => Promise<T>): Promise<T> {
  const c = await sqlAs(server.url('kantor'));
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * The administrator's seal over an event with these columns (keys/seal.ts), as their session
 * would make it, so the checks below meet a genuinely written event; null when the payload is
 * not JSON (nothing could have sealed it).
 */
function sealOf(f: {
  id: string;
  caseId: string;
  type: string;
  hlc: string;
  at: number;
  authorId: string | null;
  deviceId: string;
  payload: string;
}): string | null {
  let payload: unknown;
  try {
    payload = JSON.parse(f.payload);
  } catch {
    return null;
  }
  if (!adminKey) throw new Error('the administrator has no key');
  return sealEvent({ ...f, positionId: null, acting: null, signature: null, payload } as CaseEvent, adminKey).seal ?? null;
}

/** An event written straight into the server's log, as the owner (a broken or hostile peer), sealed by the administrator. */
function insertRaw(c: Awaited<ReturnType<typeof sqlAs>>, caseId: string, type: string, payload: string, hlc?: string, at?: number) {
  clock.advance(60_000);
  hlc ??= `${String(clock.now()).padStart(15, '0')}-000000-server`;
  const id = crypto.randomUUID();
  const when = at ?? clock.now();
  const seal = sealOf({ id, caseId, type, hlc, at: when, authorId: adminId, deviceId: 'server', payload });
  return c.query(
    "INSERT INTO alur.event (id, case_id, type, hlc, at, author_id, device_id, payload, seal) VALUES ($1, $2, $3, $4, $5, $6, 'server', $7, $8) RETURNING id",
    [id, caseId, type, hlc, when, adminId, payload, seal],
  );
}

beforeAll(async () => {
  server = await startPg();
  garbage = net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
  garbagePort = (garbage.address() as net.AddressInfo).port;
  const o = await newOffice('balangan', clock);
  hub = o.ctx;
  token = o.token;
  adminKey = hub.sessions.get(token)?.signingKey ?? null;
  adminId = hub.sessions.get(token)?.userId ?? null;
  for (const privacy of ['biasa', 'rahasia'] as const)
    caseIds.push((await call(hub, 'case.register', token, caseInput({ privacy, title: `Aduan ${privacy}` }))).caseId);
  pub = await publish(server, hub, 'kantor');
  joined = await fresh();
  const r = await connectOfficeByUrl(joined, pub.url('DISKOMINFOSP'));
  if (!r.ok) throw new Error(r.error.message);
}, 120_000);

afterAll(async () => {
  garbage?.close();
  for (const c of contexts) await c.opened.close();
  await hub?.opened.close();
  await server?.stop();
});

describe('a server that cannot be used', () => {
  it('is not PostgreSQL: said so, nothing written', async () => {
    const ws = await fresh();
    const before = await state(ws);
    const r = await connectOfficeByUrl(ws, `postgres://a:b@127.0.0.1:${garbagePort}/alur`);
    expect(r.ok ? 'joined' : r.error).toMatchObject({ code: 'NOT_POSTGRES', message: expect.stringMatching(/bukan server PostgreSQL/) });
    expect(await state(ws)).toEqual(before);
    // A joined workstation pointed at it keeps its own settings and data.
    const was = await state(joined);
    const again = await connectOfficeByUrl(joined, `postgres://a:b@127.0.0.1:${garbagePort}/alur`);
    expect(again.ok ? 'joined' : again.error.code).toBe('NOT_POSTGRES');
    expect(await state(joined)).toEqual(was);
  });

  it('is away, unknown, or the login is wrong: each in its own words', async () => {
    const ws = await fresh();
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const cases: Array<[string, string, RegExp]> = [
      [`postgres://a:b@127.0.0.1:${closed}/alur`, 'UNREACHABLE', /tidak dapat dihubungi/],
      ['postgres://a:b@server-alur.invalid:5432/alur', 'SERVER_NOT_FOUND', /tidak ditemukan/],
      [server.urlAs('alur_u_diskominfosp', 'salah-sandi', 'kantor'), 'WRONG_PASSWORD', /kata sandinya salah/],
      [server.urlAs(hubLogin().login, hubLogin().password, 'tidak_ada'), 'DATABASE_NOT_FOUND', /"tidak_ada" tidak ada di server/],
      [server.url('kantor'), 'NOT_UNIT_LOGIN', /bukan login unit/],
      ['http://server/alur', 'BAD_URL', /postgres:\/\//],
    ];
    const before = await state(ws);
    for (const [url, code, msg] of cases) {
      const r = await connectOfficeByUrl(ws, url);
      expect(r.ok ? 'joined' : r.error.code, url).toBe(code);
      expect(r.ok ? '' : r.error.message).toMatch(msg);
    }
    expect(await state(ws)).toEqual(before);
  });

  it('holds a database that is not ours: refused by sync and by server init, and left alone', async () => {
    await createDatabase(server, 'asing');
    const c = await sqlAs(server.url('asing'));
    await c.query('CREATE TABLE pelanggan (id int primary key, nama text)');
    await c.end();
    await createDatabase(server, 'kosong');
    const ws = await fresh();
    const before = await state(ws);
    for (const db of ['asing', 'kosong']) {
      const r = await connectOfficeByUrl(ws, server.url(db));
      expect(r.ok ? 'joined' : r.error.code).toBe('NOT_ALUR');
      expect(r.ok ? '' : r.error.message).toMatch(new RegExp(`"${db}" bukan basis data Alur`));
    }
    expect(await state(ws)).toEqual(before);
    const init = await initServer({ url: server.url('asing'), ctx: hub, credentialsFile: `${tempDir()}/k.json` });
    expect(init.ok ? 'initialised' : init.error.message).toMatch(/bukan basis data Alur \(basis data sudah berisi tabel aplikasi lain\)/);
    const check = await sqlAs(server.url('asing'));
    const schemas = await check.query("SELECT 1 FROM pg_namespace WHERE nspname = 'alur'");
    await check.end();
    expect(schemas.rowCount).toBe(0);
  });

  it('has a schema from a newer Alur: refused by sync and by init, the server untouched', async () => {
    await owner((c) => c.query("UPDATE alur.meta SET value = '99' WHERE key = 'schema_version'"));
    try {
      const before = await state(joined);
      const r = await syncRound(joined);
      expect(r.ok ? 'synced' : r.error).toMatchObject({
        code: 'SERVER_NEWER',
        message: expect.stringMatching(new RegExp(`versi Alur yang lebih baru \\(skema 99, aplikasi ini ${SERVER_SCHEMA_VERSION}\\)`)),
      });
      expect(await state(joined)).toEqual(before);
      expect((await syncStatus(joined)).lastError?.code).toBe('SERVER_NEWER');
      const init = await initServer({ url: server.url('kantor'), ctx: hub, credentialsFile: pub.credentialsFile });
      expect(init.ok ? 'initialised' : init.error.code).toBe('SERVER_NEWER');
      expect(await owner(async (c) => (await c.query("SELECT value FROM alur.meta WHERE key = 'schema_version'")).rows[0])).toEqual({ value: '99' });
    } finally {
      await owner((c) => c.query("UPDATE alur.meta SET value = $1 WHERE key = 'schema_version'", [String(SERVER_SCHEMA_VERSION)]));
    }
    const ok = await syncRound(joined);
    expect(ok.ok ? 'synced' : ok.error.message).toBe('synced');
    expect((await syncStatus(joined)).lastError).toBeNull();
  });

  it('states the oldest workstation it accepts: an older one is refused with both versions named, nothing sent', async () => {
    const minimum = async () =>
      (await owner(async (c) => (await c.query("SELECT value FROM alur.meta WHERE key = 'min_protocol'")).rows[0])) as { value: string } | undefined;
    expect(await minimum()).toEqual({ value: String(MIN_SYNC_PROTOCOL) });
    await owner((c) => c.query("UPDATE alur.meta SET value = '99' WHERE key = 'min_protocol'"));
    try {
      const before = await state(joined);
      const r = await syncRound(joined);
      expect(r.ok ? 'synced' : r.error).toMatchObject({
        code: 'WORKSTATION_TOO_OLD',
        message: expect.stringMatching(new RegExp(`protokol sinkron 99 atau lebih baru; Alur di komputer ini memakai protokol ${SYNC_PROTOCOL}\\.`)),
      });
      expect(await state(joined)).toEqual(before);
    } finally {
      await owner((c) => c.query("UPDATE alur.meta SET value = $1 WHERE key = 'min_protocol'", [String(MIN_SYNC_PROTOCOL)]));
    }
    const ok = await syncRound(joined);
    expect(ok.ok ? 'synced' : ok.error.message).toBe('synced');
  });
});

describe('pulled data that fails the checks', () => {
  it('a payload that fails the schema is refused, recorded and reported; the rest applies', async () => {
    const [caseId] = caseIds as [string];
    const bad = await owner(async (c) => [
      (await insertRaw(c, caseId, 'case.note_added', '{"text": 42}')).rows[0]?.id as string,
      (await insertRaw(c, caseId, 'case.note_added', 'bukan json')).rows[0]?.id as string,
      (await insertRaw(c, caseId, 'case.note_added', '{"text": "jam rusak"}', 'kemarin')).rows[0]?.id as string,
      (await insertRaw(c, caseId, 'case.teleported', '{}')).rows[0]?.id as string,
    ]);
    const before = await state(joined);
    const r = await syncRound(joined);
    expect(r.ok ? r.value.refused : r.error).toMatchObject({ count: 4, first: expect.stringMatching(/tidak sesuai skema: payload\.text/) });
    expect(await state(joined)).toEqual(before);
    const rejected = joined.opened.sqlite
      .prepare("SELECT item_id, reason FROM sync_rejected WHERE direction = 'pull' ORDER BY server_seq")
      .all() as Array<{ item_id: string; reason: string }>;
    expect(rejected.map((x) => x.item_id)).toEqual(bad);
    expect(rejected.map((x) => x.reason)).toEqual([
      expect.stringMatching(/skema/),
      'isi peristiwa bukan JSON',
      'cap waktu HLC tidak valid',
      expect.stringMatching(/skema: type/),
    ]);
    expect((await syncStatus(joined)).rejected).toBe(4);
    expect((await listRejected(joined)).map((x) => [x.direction, x.kind, x.caseId])).toEqual(Array(4).fill(['pull', 'event', caseId]));
    // A good one after them still arrives, and the bad ones are not reported again.
    await owner((c) => insertRaw(c, caseId, 'case.note_added', '{"text": "catatan yang sah"}'));
    const next = await syncRound(joined);
    expect(next.ok ? [next.value.pulled.events, next.value.refused.count] : next.error).toEqual([1, 0]);
    expect((joined.opened.sqlite.prepare('SELECT body FROM case_fts WHERE case_id = ?').get(caseId) as { body: string }).body).toMatch(
      /catatan yang sah/,
    );
  });

  it('an event changed on the server after it was pulled is refused, not applied', async () => {
    const [caseId] = caseIds as [string];
    const target = (hub.opened.sqlite.prepare("SELECT id FROM event WHERE case_id = ? AND type = 'case.registered'").get(caseId) as { id: string })
      .id;
    await owner(async (c) => {
      await c.query('ALTER TABLE alur.event DISABLE TRIGGER event_no_change');
      await c.query("UPDATE alur.event SET payload = replace(payload, 'berlubang', 'mulus') WHERE id = $1", [target]);
      await c.query('ALTER TABLE alur.event ENABLE TRIGGER event_no_change');
    });
    joined.opened.sqlite.prepare('UPDATE sync_state SET pull_seq = 0').run();
    const before = await state(joined);
    const r = await syncRound(joined);
    expect(r.ok ? r.value.refused.count : r.error.message).toBe(5);
    expect(await state(joined)).toEqual(before);
    const why = joined.opened.sqlite.prepare('SELECT reason FROM sync_rejected WHERE item_id = ?').get(target) as { reason: string } | undefined;
    expect(why?.reason).toMatch(/berbeda dengan salinan yang sudah ada di workstation ini/);
  });
});

describe('an OPD workstation and cases it may not see', () => {
  it('its event for such a case is refused by the server, kept and reported, nothing else changes', async () => {
    const opd = await fresh();
    const r = await connectOfficeByUrl(opd, pub.url('PUPR'));
    expect(r.ok ? r.value.pulled.events : r.error.message).toBe(0);
    const [caseId] = caseIds as [string];
    // As if a user of this OPD had written on a case it was never given (a wrong login, say).
    const e: CaseEvent = {
      id: '01a00000-0000-7000-8000-000000000001',
      caseId,
      hlc: opd.clock.tick(),
      at: clock.now(),
      authorId: null,
      positionId: null,
      acting: null,
      deviceId: opd.deviceId,
      signature: null,
      type: 'case.note_added',
      payload: { text: 'bukan urusan kami' },
    };
    // And one with a file: the file goes back with its refused event (no orphan on the server).
    const file = await storeAttachment(opd, 'bukan-urusan-kami.pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF\n'));
    const withFile: CaseEvent = {
      ...e,
      id: '01a00000-0000-7000-8000-000000000002',
      hlc: opd.clock.tick(),
      type: 'case.attachment_added',
      payload: { attachment: file },
    };
    await appendEvents(opd.db, [e, withFile], true);
    const before = await state(opd);
    const push = await syncRound(opd);
    expect(push.ok ? push.value.refused.first : push.error.message).toMatch(/tidak boleh diakses unit login ini/);
    expect(await state(opd)).toEqual(before);
    expect((await syncStatus(opd)).pending).toBe(2);
    expect((await listRejected(opd)).map((x) => x.reason)).toEqual(Array(2).fill(expect.stringMatching(/tidak boleh diakses unit login ini/)));
    expect(await owner(async (c) => (await c.query('SELECT 1 FROM alur.event WHERE id = ANY($1)', [[e.id, withFile.id]])).rowCount)).toBe(0);
    expect(await owner(async (c) => (await c.query('SELECT 1 FROM alur.blob WHERE sha256 = $1', [file.sha256])).rowCount)).toBe(0);
  });

  it('if the server wrongly hands it such cases, the workstation refuses them and keeps no copy', async () => {
    const opd = await fresh();
    await connectOfficeByUrl(opd, pub.url('DINKES'));
    const before = await state(opd);
    await owner((c) => c.query('CREATE POLICY leak ON alur.event FOR SELECT USING (true)'));
    try {
      const r = await syncRound(opd);
      expect(r.ok ? r.value.refused : r.error.message).toMatchObject({
        count: expect.any(Number),
        first: expect.stringMatching(/tidak didisposisikan ke unit workstation ini/),
      });
    } finally {
      await owner((c) => c.query('DROP POLICY leak ON alur.event'));
    }
    expect(await state(opd)).toEqual(before);
    const kept = opd.opened.sqlite
      .prepare("SELECT count(*) AS n FROM sync_rejected WHERE raw IS NOT NULL AND reason LIKE '%didisposisikan%'")
      .get() as { n: number };
    expect(kept.n).toBe(0);
  });
});

describe('an event a server let in for a login that may not speak for its author', () => {
  it('is quarantined with the reason, never applied (a server on schema 1, or changed by hand)', async () => {
    const [caseId] = caseIds as [string];
    const admin = (await listRefs(hub.db, 'user')).find((u) => u.isAdmin)?.id ?? '';
    const desk = (await listRefs(hub.db, 'assignment')).find((a) => a.userId === admin)?.positionId ?? '';
    const opdLogin = pub.creds.find((x) => x.unit === 'PUPR')?.login ?? '';
    clock.advance(60_000);
    const id = crypto.randomUUID();
    const identity = crypto.randomUUID();
    await owner(async (c) => {
      // What migration 1 allowed any login to write: the case closed in the desk admin's name.
      await c.query('ALTER TABLE alur.event DISABLE TRIGGER event_stamp');
      try {
        const insert =
          "INSERT INTO alur.event (seq, id, case_id, type, hlc, at, author_id, position_id, device_id, payload, pushed_by) VALUES (nextval('alur.event_seq'), $1, $2, $3, $4, $5, $6, $7, 'opd', $8, $9)";
        const hlc = `${String(clock.now()).padStart(15, '0')}-000000-opd`;
        await c.query(insert, [
          id,
          caseId,
          'case.closed',
          hlc,
          clock.now(),
          admin,
          desk,
          JSON.stringify({ reason: 'manual', note: 'ditutup' }),
          opdLogin,
        ]);
        // And the complainant's identity replaced: only the desk records one, at registration.
        await c.query(insert, [
          identity,
          caseId,
          'case.identity_recorded',
          hlc,
          clock.now(),
          admin,
          desk,
          JSON.stringify({ complainant: { name: 'Orang Lain', phone: '0899' } }),
          opdLogin,
        ]);
      } finally {
        await c.query('ALTER TABLE alur.event ENABLE TRIGGER event_stamp');
      }
    });
    const before = await state(joined);
    const r = await syncRound(joined);
    expect(r.ok ? r.value.refused : r.error).toMatchObject({
      count: 2,
      first: expect.stringMatching(new RegExp(`login ${opdLogin}: penulis bertindak dalam jabatan unit lain`)),
    });
    expect(await state(joined)).toEqual(before);
    const why = joined.opened.sqlite.prepare('SELECT reason FROM sync_rejected WHERE item_id = ?').get(identity) as { reason: string };
    expect(why.reason).toMatch(/identitas pengadu/);
    const held = joined.opened.sqlite.prepare('SELECT raw FROM sync_rejected WHERE item_id = ?').get(id) as { raw: string | null };
    expect(held.raw).toContain(opdLogin);
  });
});

describe('reference data a server let in from an OPD login', () => {
  it('is quarantined: an OPD cannot lock out the administrator, even through a lax server', async () => {
    const user = (await listRefs(joined.db, 'user')).find((u) => u.isAdmin);
    if (!user) throw new Error('no administrator');
    const opdLogin = pub.creds.find((x) => x.unit === 'PUPR')?.login ?? '';
    clock.advance(60_000);
    await owner(async (c) => {
      await c.query('ALTER TABLE alur.ref_change DISABLE TRIGGER ref_stamp');
      try {
        await c.query(
          "INSERT INTO alur.ref_change (seq, kind, id, fields, clocks, pushed_by) VALUES (nextval('alur.ref_seq'), 'user', $1, $2, $3, $4)",
          [user.id, JSON.stringify({ active: false }), JSON.stringify({ active: `${String(clock.now()).padStart(15, '0')}-000000-opd` }), opdLogin],
        );
      } finally {
        await c.query('ALTER TABLE alur.ref_change ENABLE TRIGGER ref_stamp');
      }
    });
    const r = await syncRound(joined);
    expect(r.ok ? r.value.refused : r.error).toMatchObject({
      count: 1,
      first: expect.stringMatching(new RegExp(`login ${opdLogin}: data referensi hanya boleh dari unit meja layanan`)),
    });
    expect((await listRefs(joined.db, 'user')).find((u) => u.id === user.id)?.active).toBe(true);
  });
});

describe('a clock from the future', () => {
  it('six days ahead with a full counter: quarantined, writing goes on, applied once the clock is there', async () => {
    const [caseId] = caseIds as [string];
    const hlcAt = (wall: number) => `${String(wall).padStart(15, '0')}-999999-server`;
    const farWall = clock.now() + 6 * 86_400_000;
    const near = hlcAt(clock.now() + 3 * 3_600_000);
    const ids = await owner(async (c) => [
      (await insertRaw(c, caseId, 'case.note_added', '{"text": "dari masa depan"}', hlcAt(farWall))).rows[0]?.id as string,
      (await insertRaw(c, caseId, 'case.note_added', '{"text": "jam sedikit cepat"}', near)).rows[0]?.id as string,
      // A present clock, but the act dated six days ahead (its time drives due dates).
      (
        await insertRaw(
          c,
          caseId,
          'case.note_added',
          '{"text": "bertanggal masa depan"}',
          `${String(clock.now() + 60_000).padStart(15, '0')}-000001-server`,
          farWall,
        )
      ).rows[0]?.id as string,
    ]);
    const r = await syncRound(joined);
    expect(r.ok ? [r.value.pulled.events, r.value.refused.count, r.value.refused.first] : r.error).toEqual([
      1,
      2,
      expect.stringMatching(/jam pengirim di depan jam workstation ini 86\d\d menit \(batas 720 menit\)/),
    ]);
    expect(logIds(joined)).not.toContain(ids[2]);
    expect(joined.clock.current() < hlcAt(farWall)).toBe(true);
    // The clock took the near one's full counter and carries on past it (it used to throw
    // "HLC counter overflow" here and stop every write).
    const { caseId: written } = await call(
      joined,
      'case.register',
      (await sessions(joined)).get('admin') ?? null,
      caseInput({ title: 'Ditulis setelah jam aneh' }),
    );
    const hlcOf = (id: string) =>
      (joined.opened.sqlite.prepare('SELECT hlc FROM event WHERE case_id = ? ORDER BY hlc DESC').get(id) as { hlc: string }).hlc;
    expect(hlcOf(written) > near).toBe(true);
    expect(logIds(joined)).not.toContain(ids[0]);
    const held = joined.opened.sqlite.prepare('SELECT resolved_at, raw FROM sync_rejected WHERE item_id = ?').get(ids[0]) as {
      resolved_at: number | null;
      raw: string | null;
    };
    expect(held).toMatchObject({ resolved_at: null, raw: expect.stringContaining('dari masa depan') });
    // Six days later the event is no longer from the future: it leaves quarantine and applies.
    clock.advance(6 * 86_400_000);
    const later = await syncRound(joined);
    expect(later.ok ? later.value.refused.count : later.error).toBe(0);
    expect(logIds(joined)).toContain(ids[0]);
    expect(logIds(joined)).toContain(ids[2]);
    expect(
      (joined.opened.sqlite.prepare('SELECT resolved_at FROM sync_rejected WHERE item_id = ?').get(ids[0]) as { resolved_at: number | null })
        .resolved_at,
    ).not.toBeNull();
  });
});

describe('a quarantined event that reference data later explains', () => {
  it('is applied once its author holds a post in the unit whose login inserted it', async () => {
    const [caseId] = caseIds as [string];
    const admin = (await listRefs(hub.db, 'user')).find((u) => u.isAdmin)?.id ?? '';
    const pupr = (await listRefs(hub.db, 'unit')).find((u) => u.code === 'PUPR')?.id;
    const post = (await listRefs(hub.db, 'position')).find((p) => p.unitId === pupr)?.id ?? '';
    const opdLogin = pub.creds.find((x) => x.unit === 'PUPR')?.login ?? '';
    clock.advance(60_000);
    const id = crypto.randomUUID();
    const hlc = `${String(clock.now()).padStart(15, '0')}-000000-opd`;
    const payload = JSON.stringify({ text: 'catatan dari PUPR' });
    await owner(async (c) => {
      await c.query('ALTER TABLE alur.event DISABLE TRIGGER event_stamp');
      try {
        await c.query(
          "INSERT INTO alur.event (seq, id, case_id, type, hlc, at, author_id, device_id, payload, pushed_by, seal) VALUES (nextval('alur.event_seq'), $1, $2, 'case.note_added', $3, $4, $5, 'opd', $6, $7, $8)",
          [
            id,
            caseId,
            hlc,
            clock.now(),
            admin,
            payload,
            opdLogin,
            sealOf({ id, caseId, type: 'case.note_added', hlc, at: clock.now(), authorId: admin, deviceId: 'opd', payload }),
          ],
        );
      } finally {
        await c.query('ALTER TABLE alur.event ENABLE TRIGGER event_stamp');
      }
    });
    const r = await syncRound(joined);
    expect(r.ok ? r.value.refused : r.error).toMatchObject({ count: 1, first: expect.stringMatching(/bukan pegawai unit login ini/) });
    expect(logIds(joined)).not.toContain(id);
    // The administrator is given a post at PUPR (at the hub, which syncs it).
    await call(hub, 'assignment.save', (await sessions(hub)).get('admin') ?? null, {
      id: null,
      userId: admin,
      positionId: post,
      acting: null,
      from: null,
      until: null,
    });
    expect((await syncRound(hub)).ok).toBe(true);
    const again = await syncRound(joined);
    expect(again.ok ? again.value.refused.count : again.error).toBe(0);
    expect(logIds(joined)).toContain(id);
  });
});
