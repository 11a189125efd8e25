/**
 * Shared set-up for the sync tests: an office with staff, server databases with their unit
 * logins, workstations that join, and sessions for any user on any workstation.
 *
 * Sessions are made directly in the context's session table: every staff login would cost an
 * scrypt verification (N=2^17) per user per workstation, and logging in is not what these
 * tests are about (the users and their hashes do arrive through reference-data sync). Each
 * holds the user's key, as a login would, so what they write is sealed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { openContext } from '../../../src/main/backend/backend';
import { getRef, listRefs } from '../../../src/main/backend/refdata/ref-store';
import { openUserKey } from '../../../src/main/backend/keys/key.service';
import type { OpenKey } from '../../../src/main/backend/keys/key-crypto';
import { unlockWithPassword } from '../../../src/main/backend/services/password';
import { DB_FILE } from '../../../src/main/backend/db/database';
import { initServer, type Credential } from '../../../src/main/backend/sync/server-admin';
import { ADMIN_PASSWORD, call, newOffice, RESOURCES, tempDir, type FakeClock } from '../../helpers/temp';
import { STAFF_PASSWORD, staffOffice, walker, type Walker } from '../../helpers/office';
import type { PgServer } from '../../helpers/pg-server';
import { caseInput, START } from '../../helpers/case-input';
import type { RegisterCaseInput } from '../../../src/shared/api/contract';

// The shared registration input, kept importable from here for the sync tests.
export { caseInput, START };

export interface Office {
  ctx: BackendContext;
  dataDir: string;
  /** The OPDs that have staff, and their codes. */
  opdIds: string[];
  opdCodes: string[];
  hubCode: string;
  hubId: string;
}

/** A Balangan office with one user per post of the desk side and of `opdCount` OPDs. */
export async function buildOffice(clock: FakeClock, opdCount = 2): Promise<Office> {
  const o = await newOffice('balangan', clock);
  await staffOffice(o.ctx, o.token, opdCount);
  const units = await listRefs(o.ctx.db, 'unit');
  const opds = units.filter((u) => u.kind === 'opd').slice(0, opdCount);
  const hub = units.find((u) => u.kind === 'hub');
  return {
    ctx: o.ctx,
    dataDir: o.dataDir,
    opdIds: opds.map((u) => u.id),
    opdCodes: opds.map((u) => u.code),
    hubCode: hub?.code ?? '',
    hubId: hub?.id ?? '',
  };
}

/** A copy of a data folder (the same office and device) opened with its own clock. */
export async function copyWorkstation(src: BackendContext, now: () => number): Promise<BackendContext> {
  const dir = tempDir();
  await src.opened.sqlite.backup(path.join(dir, DB_FILE));
  return openContext({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test', now, passwordCost: 'test' });
}

/** An empty workstation folder. */
export async function emptyWorkstation(now: () => number): Promise<BackendContext> {
  return openContext({ dataDir: tempDir(), resourcesDir: RESOURCES, appVersion: 'test', now, passwordCost: 'test' });
}

/** Wrap keys by password hash: one cheap scrypt per user per test file, not per session. */
const wrapKeys = new Map<string, Buffer | null>();

/** The key a login would open for the user (keys/seal.ts seals what they write with it). */
async function sessionKey(ctx: BackendContext, userId: string): Promise<OpenKey | null> {
  const cred = await getRef(ctx.db, 'credential', userId);
  if (!cred) return null;
  if (!wrapKeys.has(cred.hash))
    wrapKeys.set(cred.hash, (await unlockWithPassword(STAFF_PASSWORD, cred.hash)) ?? (await unlockWithPassword(ADMIN_PASSWORD, cred.hash)));
  const wrapKey = wrapKeys.get(cred.hash);
  return wrapKey ? openUserKey(ctx.db, userId, wrapKey) : null;
}

/**
 * A session token for every active user of the office, as this workstation knows them; with
 * `unitId`, only for users holding a post of that unit (the ones whose acts its login may push).
 */
export async function sessions(ctx: BackendContext, unitId?: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let staff: Set<string> | null = null;
  if (unitId) {
    const posts = new Set((await listRefs(ctx.db, 'position')).filter((p) => p.unitId === unitId).map((p) => p.id));
    staff = new Set((await listRefs(ctx.db, 'assignment')).filter((a) => posts.has(a.positionId)).map((a) => a.userId));
  }
  for (const u of await listRefs(ctx.db, 'user')) {
    if (!u.active || (staff && !staff.has(u.id))) continue;
    const token = crypto.randomBytes(16).toString('hex');
    const signingKey = await sessionKey(ctx, u.id);
    ctx.sessions.set(token, { userId: u.id, lastSeen: ctx.now(), ...(signingKey ? { signingKey } : {}) });
    out.set(u.username, token);
  }
  return out;
}

/** A walker over fresh sessions (sessions lock after idle time and the tests move clocks). */
export async function walkerFor(ctx: BackendContext, opdIds: string[], unitId?: string): Promise<{ w: Walker; tokens: Map<string, string> }> {
  const tokens = await sessions(ctx, unitId);
  return { w: walker(ctx, tokens, opdIds), tokens };
}

/** Registers a case as the desk admin and walks it until it reached `opdId` (or `steps` acts). */
export async function caseTo(
  ctx: BackendContext,
  opdIds: string[],
  over: Partial<RegisterCaseInput>,
  untilOpd: string | null,
  maxSteps = 12,
): Promise<string> {
  const { w, tokens } = await walkerFor(ctx, untilOpd ? [untilOpd] : opdIds);
  const { caseId } = await call(ctx, 'case.register', tokens.get('admin') ?? null, caseInput(over));
  if (!untilOpd) return caseId;
  for (let i = 0; i < maxSteps; i++) {
    const d = await w.detail(caseId);
    if (d.case.opdUnitIds.includes(untilOpd)) return caseId;
    await w.step(caseId);
  }
  throw new Error(`case never reached ${untilOpd}`);
}

export async function createDatabase(server: PgServer, name: string): Promise<void> {
  const c = new pg.Client(server.url());
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  } finally {
    await c.end();
  }
}

/** Drops a database and the unit logins made for it (roles are per server, not per database). */
export async function dropDatabase(server: PgServer, name: string, creds: readonly Credential[]): Promise<void> {
  const c = new pg.Client(server.url());
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
    for (const cr of creds) await c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(cr.login)}`);
  } finally {
    await c.end();
  }
}

export interface Published {
  db: string;
  creds: Credential[];
  credentialsFile: string;
  /** A unit's login URL on this database. */
  url(unitCode: string): string;
}

/** `alur server init` of `office` on a new database `db`. */
export async function publish(server: PgServer, ctx: BackendContext, db: string, rolePrefix?: string): Promise<Published> {
  await createDatabase(server, db);
  const credentialsFile = path.join(tempDir(), 'kredensial.json');
  const r = await initServer({ url: server.url(db), ctx, credentialsFile, rolePrefix });
  if (!r.ok) throw new Error(`server init: ${r.error.message}`);
  const creds = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Credential[];
  return {
    db,
    creds,
    credentialsFile,
    url(unitCode) {
      const c = creds.find((x) => x.unit.toLowerCase() === unitCode.toLowerCase());
      if (!c) throw new Error(`no login for ${unitCode}`);
      return server.urlAs(c.login, c.password, db);
    },
  };
}

/** A pg client on `url` (a unit login or the owner), for SQL-level checks. */
export async function sqlAs(url: string): Promise<pg.Client> {
  const u = new URL(url);
  const c = new pg.Client({
    host: u.hostname,
    port: Number(u.port),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** The log of a workstation, in log order: ids only. */
export function logIds(ctx: BackendContext): string[] {
  return (ctx.opened.sqlite.prepare('SELECT id FROM event ORDER BY hlc, id').all() as Array<{ id: string }>).map((r) => r.id);
}

/** An event row as the server's `alur.push_events` takes it. */
export interface RawEvent {
  id?: string;
  case_id: string;
  type: string;
  payload: unknown;
  author_id?: string | null;
  position_id?: string | null;
  hlc?: string;
  [extra: string]: unknown;
}

/** Pushes raw rows through the server's checking function, as any login could with psql. */
export async function pushRaw(
  c: pg.Client,
  rows: readonly RawEvent[],
): Promise<{ inserted: number; refused: Array<{ id: string; reason: string }>; ids: string[] }> {
  const full = rows.map((r) => ({
    hlc: '000000000000001-000000-x',
    at: 1,
    device_id: 'x',
    author_id: null,
    position_id: null,
    acting: null,
    signature: null,
    ...r,
    id: r.id ?? crypto.randomUUID(),
    payload: JSON.stringify(r.payload),
  }));
  const res = await c.query<{ v: { inserted: number; refused: Array<{ id: string; reason: string }> } }>('SELECT alur.push_events($1::jsonb) AS v', [
    JSON.stringify(full),
  ]);
  const v = res.rows[0]?.v ?? { inserted: 0, refused: [] };
  return { ...v, ids: full.map((r) => r.id) };
}

/** A user holding a post of `unitId`, with that post (from the office's reference data). */
export async function staffOf(ctx: BackendContext, unitId: string): Promise<{ userId: string; positionId: string }> {
  const posts = new Set((await listRefs(ctx.db, 'position')).filter((p) => p.unitId === unitId).map((p) => p.id));
  const a = (await listRefs(ctx.db, 'assignment')).find((x) => posts.has(x.positionId));
  if (!a) throw new Error(`no staff in ${unitId}`);
  return { userId: a.userId, positionId: a.positionId };
}
