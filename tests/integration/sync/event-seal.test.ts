/**
 * Every event is sealed by its writer and checked on pull (issue #12, items 1 and 3). The
 * attacks are run as a hostile clerk would: SQL through `alur.push_events` under the hub's
 * shared login or an OPD's login, which the server accepts (the author is of the login's
 * unit); another hub workstation and an OPD workstation must quarantine them, never apply them.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { connectOfficeByUrl, syncRound } from '../../../src/main/backend/sync/sync-engine';
import { getRef, listRefs } from '../../../src/main/backend/refdata/ref-store';
import { loadTrust } from '../../../src/main/backend/keys/verify';
import { SealChecker, sealEvent } from '../../../src/main/backend/keys/seal';
import { openUserKey } from '../../../src/main/backend/keys/key.service';
import { generateKeyPair } from '../../../src/main/backend/keys/key-crypto';
import { unlockWithPassword } from '../../../src/main/backend/services/password';
import { loadCaseEvents } from '../../../src/main/backend/projection/event-store';
import type { CaseEvent } from '../../../src/shared/domain/events';
import { ADMIN_PASSWORD, call, fakeClock, newOffice, openTestContext } from '../../helpers/temp';
import { DB_FILE } from '../../../src/main/backend/db/database';
import { MIGRATIONS } from '../../../src/main/backend/db/migrations/index';
import { STAFF_PASSWORD } from '../../helpers/office';
import { downgradeTo } from '../../helpers/downgrade';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { buildOffice, caseTo, emptyWorkstation, logIds, publish, pushRaw, sessions, sqlAs, START, type Office, type Published } from './fixture';

let server: PgServer;
let office: Office;
let pub: Published;
let caseId = '';
const clock = fakeClock(START);
const clients: pg.Client[] = [];
const contexts: BackendContext[] = [];

async function as(url: string): Promise<pg.Client> {
  const c = await sqlAs(url);
  clients.push(c);
  return c;
}

/** Two different users holding posts of `unitId`, with their posts. */
async function twoOf(ctx: BackendContext, unitId: string): Promise<Array<{ userId: string; positionId: string }>> {
  const posts = new Set((await listRefs(ctx.db, 'position')).filter((p) => p.unitId === unitId).map((p) => p.id));
  const out: Array<{ userId: string; positionId: string }> = [];
  for (const a of await listRefs(ctx.db, 'assignment')) {
    if (posts.has(a.positionId) && a.acting === null && !out.some((o) => o.userId === a.userId))
      out.push({ userId: a.userId, positionId: a.positionId });
  }
  return out.slice(0, 2);
}

/** The key a user's login opens (the test knows the staff password, as the user does). */
async function keyOf(ctx: BackendContext, userId: string) {
  const cred = await getRef(ctx.db, 'credential', userId);
  const wrap = cred ? ((await unlockWithPassword(STAFF_PASSWORD, cred.hash)) ?? (await unlockWithPassword(ADMIN_PASSWORD, cred.hash))) : null;
  const key = wrap ? await openUserKey(ctx.db, userId, wrap) : null;
  if (!key) throw new Error(`no key for ${userId}`);
  return key;
}

/** A pushRaw row from a whole event (its seal included). */
function raw(e: CaseEvent) {
  return {
    id: e.id,
    case_id: e.caseId,
    type: e.type,
    hlc: e.hlc,
    at: e.at,
    author_id: e.authorId,
    position_id: e.positionId,
    acting: e.acting,
    device_id: e.deviceId,
    signature: e.signature,
    seal: e.seal ?? null,
    payload: e.payload,
  };
}

function quarantined(ctx: BackendContext): Map<string, string> {
  const rows = ctx.opened.sqlite
    .prepare("SELECT item_id, reason FROM sync_rejected WHERE direction = 'pull' AND resolved_at IS NULL")
    .all() as Array<{ item_id: string; reason: string }>;
  return new Map(rows.map((r) => [r.item_id, r.reason]));
}

beforeAll(async () => {
  server = await startPg();
  office = await buildOffice(clock, 1);
  caseId = await caseTo(office.ctx, office.opdIds, { title: 'Lampu jalan padam' }, office.opdIds[0] ?? '');
  pub = await publish(server, office.ctx, 'segel');
}, 180_000);

afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  for (const c of contexts) await c.opened.close();
  await office?.ctx.opened.close();
  await server?.stop();
});

describe('events sealed by their writer', () => {
  it('every event written in a session carries a seal that verifies; the key leaves memory on lock and comes back on unlock', async () => {
    const c = fakeClock(START);
    const o = await newOffice('balangan', c);
    contexts.push(o.ctx);
    const session = o.ctx.sessions.get(o.token);
    expect(session?.signingKey).toBeDefined();
    await call(o.ctx, 'session.lock', o.token, {});
    expect(o.ctx.sessions.get(o.token)?.signingKey).toBeUndefined();
    await call(o.ctx, 'session.unlock', o.token, { password: ADMIN_PASSWORD });
    expect(o.ctx.sessions.get(o.token)?.signingKey).toBeDefined();
    // Locked by idle time: the key goes as well.
    c.advance(((await o.ctx.office()).idleLockMinutes + 1) * 60_000);
    await expect(call(o.ctx, 'session.me', o.token, {})).rejects.toThrow(/SESSION_LOCKED/);
    expect(o.ctx.sessions.get(o.token)?.signingKey).toBeUndefined();
    // The office's own log (written through the fixture's sessions) is sealed throughout.
    const seals = new SealChecker(await loadTrust(office.ctx.db, (await office.ctx.projection()).engine.calendar));
    const events = await loadCaseEvents(office.ctx.db, caseId);
    expect(events.length).toBeGreaterThan(3);
    expect(events.map((e) => seals.problem(e))).toEqual(events.map(() => null));
  });

  it('a seal stops holding when the key was revoked before the act, or the author did not hold the post then', async () => {
    const trust = await loadTrust(office.ctx.db, (await office.ctx.projection()).engine.calendar);
    const act = (await loadCaseEvents(office.ctx.db, caseId)).find((e) => e.positionId !== null && e.type !== 'case.registered');
    if (!act?.seal || !act.authorId) throw new Error('no sealed act');
    const keyId = act.seal.split(':')[1] ?? '';
    const key = trust.keys.get(keyId);
    if (!key) throw new Error('no key');
    const revoked = new Map(trust.keys).set(keyId, { ...key, revokedAt: act.at - 1000 });
    expect(new SealChecker({ ...trust, keys: revoked }).problem(act)).toMatch(/dicabut/);
    const withoutPost = trust.assignments.filter((a) => !(a.userId === act.authorId && a.positionId === act.positionId));
    expect(new SealChecker({ ...trust, assignments: withoutPost }).problem(act)).toMatch(/tidak memegang jabatan/);
    // An uncertified key (made at a workstation without the office root) does not seal either.
    expect(new SealChecker({ ...trust, keys: new Map(trust.keys).set(keyId, { ...key, cert: null }) }).problem(act)).toMatch(/disertifikasi/);
  });
});

describe('attacks through the shared logins, applied by no workstation', () => {
  it('another hub workstation and the OPD workstation quarantine forged, resealed and unsigned events, and apply the genuine ones', async () => {
    const [deskOp, other] = await twoOf(office.ctx, office.hubId);
    const [clerk, chief] = await twoOf(office.ctx, office.opdIds[0] ?? '');
    if (!deskOp || !other || !clerk || !chief) throw new Error('office without staff');
    const hub = await as(pub.url(office.hubCode));
    const opd = await as(pub.url(office.opdCodes[0] ?? ''));
    const base = { case_id: caseId, hlc: `${String(START + 60_000).padStart(15, '0')}-000000-x`, at: START + 60_000, device_id: 'psql' };
    // 1. A Diskominfo desk operator, with the hub's shared login, writes a note in another hub official's name.
    const asOther = await pushRaw(hub, [
      { ...base, type: 'case.note_added', payload: { text: 'atas nama pejabat lain' }, author_id: other.userId, position_id: other.positionId },
    ]);
    // 2. An OPD clerk writes an act in their Kepala's name and seals it with their own key.
    const clerkKey = await keyOf(office.ctx, clerk.userId);
    const forged: CaseEvent = {
      id: crypto.randomUUID(),
      caseId,
      type: 'case.note_added',
      hlc: base.hlc,
      at: base.at,
      authorId: chief.userId,
      positionId: chief.positionId,
      acting: null,
      deviceId: 'psql',
      signature: null,
      payload: { text: 'atas nama kepala' },
    } as CaseEvent;
    // 3. ... or with a key pair made for the occasion, which the office never certified.
    const stranger = generateKeyPair();
    // 4. A genuine act of the hub re-sent back-dated under a new id, with its old seal and signature.
    const hubPosts = new Set((await listRefs(office.ctx.db, 'position')).filter((p) => p.unitId === office.hubId).map((p) => p.id));
    const genuine = (await loadCaseEvents(office.ctx.db, caseId)).find(
      (e) => e.type !== 'case.registered' && e.type !== 'case.identity_recorded' && hubPosts.has(e.positionId ?? ''),
    );
    if (!genuine) throw new Error('no act of the hub');
    const backDated = await pushRaw(hub, [{ ...raw(genuine), id: crypto.randomUUID(), at: genuine.at - 86_400_000 }]);
    const opdPush = await pushRaw(opd, [
      raw(sealEvent(forged, clerkKey)),
      raw(sealEvent({ ...forged, id: crypto.randomUUID() }, { id: stranger.id, key: stranger.privateKey })),
    ]);
    // The server takes them all: each author is of the inserting login's unit.
    for (const r of [asOther, backDated, opdPush]) expect(r.refused).toEqual([]);
    const attacks = [...asOther.ids, ...backDated.ids, ...opdPush.ids];

    // A second Diskominfo workstation joins: the genuine log applies, every attack waits in quarantine.
    const hub2 = await emptyWorkstation(clock.now);
    contexts.push(hub2);
    const joined = await connectOfficeByUrl(hub2, pub.url(office.hubCode));
    expect(joined.ok ? null : joined.error).toBeNull();
    const held = quarantined(hub2);
    for (const id of attacks) expect(held.get(id)).toMatch(/^segel penulis/);
    expect(held.get(asOther.ids[0] ?? '')).toMatch(/tidak ada/);
    expect(held.get(opdPush.ids[0] ?? '')).toMatch(/bukan milik penulis/);
    expect(held.get(opdPush.ids[1] ?? '')).toMatch(/tidak dikenal/);
    expect(held.get(backDated.ids[0] ?? '')).toMatch(/tidak cocok/);
    const log = new Set(logIds(hub2));
    for (const id of attacks) expect(log.has(id)).toBe(false);
    for (const id of logIds(office.ctx)) expect(log.has(id)).toBe(true);

    // The OPD's workstation, joining with the OPD login, holds the same line.
    const ws = await emptyWorkstation(clock.now);
    contexts.push(ws);
    const opdJoin = await connectOfficeByUrl(ws, pub.url(office.opdCodes[0] ?? ''));
    expect(opdJoin.ok ? null : opdJoin.error).toBeNull();
    const opdLog = new Set(logIds(ws));
    for (const id of attacks) expect(opdLog.has(id)).toBe(false);
    expect(opdLog.has(genuine.id)).toBe(true);

    // A genuine act of the OPD, sealed by its writer on the OPD's workstation, reaches hub2, and
    // a later round leaves the attacks where they are.
    const tokens = await sessions(ws, office.opdIds[0]);
    const note = await call(ws, 'case.note', tokens.values().next().value ?? null, { caseId, text: 'Petugas sudah ke lokasi.' });
    expect((await syncRound(ws)).ok).toBe(true);
    expect((await syncRound(hub2)).ok).toBe(true);
    expect(new Set(logIds(hub2)).has(note.eventId)).toBe(true);
    expect([...quarantined(hub2).keys()].sort()).toEqual([...held.keys()].sort());
  }, 120_000);
});

describe('events the server held before it was upgraded to sealing', () => {
  it('are judged as before (the login check) by a workstation joining later; an unsealed event after the upgrade is not', async () => {
    const [deskOp] = await twoOf(office.ctx, office.hubId);
    if (!deskOp) throw new Error('office without staff');
    const hub = await as(pub.url(office.hubCode));
    const base = {
      case_id: caseId,
      hlc: `${String(START + 120_000).padStart(15, '0')}-000000-y`,
      at: START + 120_000,
      device_id: 'lama',
      author_id: deskOp.userId,
      position_id: deskOp.positionId,
    };
    // Written by a version without seals, before the server's upgrade ...
    const old = await pushRaw(hub, [{ ...base, type: 'case.note_added', payload: { text: 'catatan dari versi lama' } }]);
    // ... which recorded the last event it held then (as server migration 4 does on an upgrade).
    const owner = await as(server.url(pub.db));
    const last = await owner.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM alur.event');
    await owner.query("UPDATE alur.meta SET value = $1 WHERE key = 'seal_from_seq'", [last.rows[0]?.seq]);
    // The same kind of event after the upgrade, unsealed: a forgery from now on.
    const late = await pushRaw(hub, [
      {
        ...base,
        hlc: `${String(START + 180_000).padStart(15, '0')}-000000-y`,
        at: START + 180_000,
        type: 'case.note_added',
        payload: { text: 'catatan tanpa segel sesudahnya' },
      },
    ]);
    // The hub's login cannot move the cut-off itself.
    await expect(hub.query("UPDATE alur.meta SET value = '999999999' WHERE key = 'seal_from_seq'")).rejects.toThrow(/permission denied/);

    const ws = await emptyWorkstation(clock.now);
    contexts.push(ws);
    const joined = await connectOfficeByUrl(ws, pub.url(office.hubCode));
    expect(joined.ok ? null : joined.error).toBeNull();
    const log = new Set(logIds(ws));
    expect(log.has(old.ids[0] ?? '')).toBe(true);
    expect(log.has(late.ids[0] ?? '')).toBe(false);
    expect(quarantined(ws).get(late.ids[0] ?? '')).toMatch(/^segel penulis .*tidak ada/);
  }, 120_000);
});

describe('migration 0008 on a database of the previous version', () => {
  it('adds the seal column; events written before stay readable here and are never taken as sealed elsewhere', async () => {
    const c = fakeClock(START);
    const o = await newOffice('balangan', c);
    const { caseId: old } = await call(o.ctx, 'case.register', o.token, {
      channel: 'phone',
      receivedAt: c.now(),
      type: 'pengaduan',
      title: 'Sebelum segel',
      description: 'Ditulis oleh versi sebelumnya.',
      privacy: 'biasa',
      complainant: { name: 'Siti', phone: '0812-3333-4444' },
    });
    await o.ctx.opened.close();
    // Back to the version before: no seal column, the rows as the previous version wrote them.
    const raw = new Database(path.join(o.dataDir, DB_FILE));
    downgradeTo(raw, '0007-audit-key');
    raw.close();
    const ctx = await openTestContext(o.dataDir, c);
    contexts.push(ctx);
    expect(ctx.opened.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const events = await loadCaseEvents(ctx.db, old);
    expect(events.map((e) => e.seal)).toEqual(events.map(() => null));
    expect(ctx.opened.sqlite.prepare('SELECT title FROM cases WHERE id = ?').get(old)).toEqual({ title: 'Sebelum segel' });
    const seals = new SealChecker(await loadTrust(ctx.db, (await ctx.projection()).engine.calendar));
    expect(seals.problem(events[0] as CaseEvent)).toMatch(/segel penulis tidak ada/);
  });
});
