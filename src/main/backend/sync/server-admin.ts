/**
 * `alur server init` and `alur server rotate-password`: the administrator's side of the
 * shared server. Init creates or upgrades the schema, one LOGIN role per unit and their
 * privileges in ONE transaction, then publishes the office the data folder holds (reference
 * data and the whole log, idempotently: a second run sends nothing new), writes the unit
 * logins to a credentials file only its owner can read, and connects the data folder itself
 * as the hub's workstation.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { listRefs } from '../refdata/ref-store';
import type { BackendContext } from '../services/context';
import { connectServer, disconnect, parseServerUrl, type ServerSettings } from './server-connection';
import { inspectServer, migrateServer, refuseState, setMeta } from './server-schema';
import { classifyError, syncFail, SyncFailure, type SyncResult } from './sync-errors';
import { lastSeq, pushEvents, pushRefs } from './sync-push';
import { loadConfig, saveConfig, updateState } from './settings-store';

export interface Credential {
  unit: string;
  login: string;
  password: string;
}

const DEFAULT_ROLE_PREFIX = 'alur_u_';

/**
 * A login role name from a unit code: the prefix + lower case, anything else as `_`. Roles
 * belong to the whole PostgreSQL server, not one database: a second office on the same
 * server needs its own prefix (`--role-prefix alur_bontang_`).
 */
function loginFor(unitCode: string, prefix = DEFAULT_ROLE_PREFIX): string {
  return `${prefix}${unitCode.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
}

/** 24 random bytes, URL-safe, so the password can go in a connection URL as it is. */
function newPassword(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores (RFC 5802/7677), computed here so the
 * password itself never travels to the server or lands in its statement log.
 */
function scramVerifier(password: string, iterations = 4096): string {
  const salt = crypto.randomBytes(16);
  const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const hmac = (key: Buffer, s: string) => crypto.createHmac('sha256', key).update(s).digest();
  const storedKey = crypto.createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

function readCredentials(file: string): Credential[] {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!Array.isArray(v)) return [];
    return v.filter(
      (c): c is Credential =>
        typeof c === 'object' && c !== null && typeof c.unit === 'string' && typeof c.login === 'string' && typeof c.password === 'string',
    );
  } catch {
    return [];
  }
}

/** Writes the whole list atomically, readable and writable by its owner only. */
function writeCredentials(file: string, list: readonly Credential[]): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

function mergeCredentials(old: readonly Credential[], fresh: readonly Credential[]): Credential[] {
  const byLogin = new Map(old.map((c) => [c.login, c]));
  for (const c of fresh) byLogin.set(c.login, c);
  return [...byLogin.values()].sort((a, b) => a.login.localeCompare(b.login));
}

/** Fails early (before the server is touched) when the credentials file cannot be written. */
function checkWritable(file: string): SyncResult<null> {
  try {
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return { ok: true, value: null };
  } catch {
    return syncFail('INTERNAL', { reason: `berkas kredensial tidak dapat ditulis di ${path.dirname(path.resolve(file))}` });
  }
}

// Role and database names cannot be bound as parameters in DDL; pg's escapeIdentifier and
// escapeLiteral quote them (and the names come from loginFor, already reduced to [a-z0-9_]).
async function grantUnit(client: pg.Client, login: string, database: string): Promise<void> {
  const role = client.escapeIdentifier(login);
  const db = client.escapeIdentifier(database);
  await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${role}`);
  await client.query(`GRANT USAGE ON SCHEMA alur TO ${role}`);
  await client.query(`GRANT SELECT ON alur.meta, alur.unit_login, alur.case_unit, alur.case_info, alur.case_blob TO ${role}`);
  // Events and files go in only through the checking functions (server migration 2);
  // reference data by INSERT, which row-level security limits to the hub.
  await client.query(`GRANT SELECT ON alur.event, alur.blob TO ${role}`);
  await client.query(`GRANT SELECT, INSERT ON alur.ref_change TO ${role}`);
  await client.query(`REVOKE INSERT ON alur.event, alur.blob FROM ${role}`);
  await client.query(
    `GRANT EXECUTE ON FUNCTION alur.begin_push(), alur.push_events(jsonb), alur.put_blob(text, bytea), alur.user_units(text), alur.secret_owner(text, text, jsonb) TO ${role}`,
  );
  // Audit checkpoints go in and come out only through their functions (server migration 0003).
  await client.query(`GRANT EXECUTE ON FUNCTION alur.put_audit_checkpoint(text, bigint, text), alur.audit_checkpoints(text) TO ${role}`);
  // Reading where the log's seq stands lets a push skip pulling its own events back.
  await client.query(`GRANT SELECT ON SEQUENCE alur.event_seq TO ${role}`);
  // Insert-only: nobody but the owner holds these, and the triggers refuse even the owner.
  await client.query(
    `REVOKE UPDATE, DELETE, TRUNCATE ON alur.event, alur.ref_change, alur.blob, alur.case_unit, alur.case_info, alur.case_blob, alur.meta, alur.unit_login FROM ${role}`,
  );
  // Defaults for every session of this login (a session may still lower them: the writers'
  // lock does not rely on them, see take_writer_lock).
  for (const [name, value] of LOGIN_LIMITS) await client.query(`ALTER ROLE ${role} IN DATABASE ${db} SET ${name} = ${client.escapeLiteral(value)}`);
}

/** Per-login session limits: no statement, idle transaction or lock wait runs unbounded. */
const LOGIN_LIMITS: ReadonlyArray<readonly [string, string]> = [
  ['statement_timeout', '60s'],
  ['idle_in_transaction_session_timeout', '30s'],
  ['lock_timeout', '30s'],
];

interface UnitRole {
  unit: string;
  login: string;
  created: boolean;
  password: string | null;
}

/** One LOGIN role per unit; existing ones keep their password. Runs in the init transaction. */
async function ensureRoles(client: pg.Client, ctx: BackendContext, database: string, hubUnitId: string, prefix: string): Promise<UnitRole[]> {
  const known = new Map(
    (await client.query<{ login: string; unit_id: string }>('SELECT login, unit_id FROM alur.unit_login')).rows.map((r) => [r.unit_id, r.login]),
  );
  const taken = new Set(known.values());
  const out: UnitRole[] = [];
  for (const unit of await listRefs(ctx.db, 'unit')) {
    let login = known.get(unit.id);
    let password: string | null = null;
    if (!login) {
      const base = loginFor(unit.code, prefix);
      login = base;
      for (let i = 2; taken.has(login); i++) login = `${base.slice(0, 60)}_${i}`;
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
      if (exists.rowCount)
        throw new SyncFailure({
          code: 'REFUSED',
          message: `Server menolak: peran ${login} sudah ada di server ini tetapi bukan milik basis data ini (dipakai kantor lain?).`,
        });
      password = newPassword();
      await client.query(
        `CREATE ROLE ${client.escapeIdentifier(login)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 50 PASSWORD ${client.escapeLiteral(scramVerifier(password))}`,
      );
      await client.query('INSERT INTO alur.unit_login (login, unit_id, unit_code, is_hub) VALUES ($1, $2, $3, $4)', [
        login,
        unit.id,
        unit.code,
        unit.id === hubUnitId,
      ]);
      taken.add(login);
    }
    await client.query('UPDATE alur.unit_login SET unit_code = $2 WHERE login = $1', [login, unit.code]);
    await grantUnit(client, login, database);
    out.push({ unit: unit.code, login, created: password !== null, password });
  }
  return out;
}

interface InitServerReport {
  fromVersion: number;
  toVersion: number;
  officeName: string;
  roles: Array<{ unit: string; login: string; created: boolean }>;
  published: { events: number; refs: number };
  credentialsFile: string;
  /** The data folder now syncs as the hub's login (null when its password was not at hand). */
  workstationLogin: string | null;
  /** Protections the owner login could not set up (it is not a superuser), in plain words. */
  warnings: string[];
}

/**
 * What server migration 2 could not do as this owner: revoking the large-object functions
 * needs their owner (a superuser), and ending a login that sits on the writers' lock needs
 * pg_signal_backend and pg_read_all_stats (or a superuser).
 */
async function ownerGaps(client: pg.Client, login: string | undefined): Promise<string[]> {
  if (!login) return [];
  const r = await client.query<{ lo: boolean; evict: boolean }>(
    `SELECT has_function_privilege($1, 'pg_catalog.lo_create(oid)', 'EXECUTE') AS lo,
            coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
              OR (pg_has_role(current_user, 'pg_signal_backend', 'USAGE') AND pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')) AS evict`,
    [login],
  );
  const row = r.rows[0];
  const out: string[] = [];
  if (row?.lo)
    out.push(
      'login unit masih dapat membuat large object: jalankan "alur server init" sebagai superuser, atau REVOKE EXECUTE ON FUNCTION lo_create(oid), lo_creat(integer), lo_from_bytea(oid, bytea) FROM PUBLIC',
    );
  if (!row?.evict) out.push('pemilik tidak dapat memutus login yang menahan kunci penulisan: GRANT pg_signal_backend, pg_read_all_stats TO pemilik');
  return out;
}

async function withTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const v = await fn();
    await client.query('COMMIT');
    return v;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** `alur server init --url postgres://OWNER@HOST/DB --data DIR --credentials FILE`. */
export async function initServer(input: {
  url: string;
  ctx: BackendContext;
  credentialsFile: string;
  rolePrefix?: string;
}): Promise<SyncResult<InitServerReport>> {
  const { ctx, credentialsFile } = input;
  const prefix = input.rolePrefix ?? DEFAULT_ROLE_PREFIX;
  if (!/^[a-z][a-z0-9_]{0,29}$/.test(prefix)) return syncFail('BAD_URL', { reason: 'awalan nama login hanya huruf kecil, angka dan _ (maks. 30)' });
  const parsed = parseServerUrl(input.url);
  if (!parsed.ok) return parsed;
  const office = await ctx.office().catch(() => null);
  if (!office) return syncFail('LOCAL_NOT_INITIALIZED');
  const writable = checkWritable(credentialsFile);
  if (!writable.ok) return writable;
  const owner = parsed.value;
  const conn = await connectServer(owner);
  if (!conn.ok) return conn;
  const client = conn.value.client;
  try {
    const before = await inspectServer(client);
    const refusal = refuseState(before, owner.database);
    if (refusal) return { ok: false, error: refusal };
    if (before.kind === 'ours' && before.officeId && before.officeId !== office.hubUnitId)
      return syncFail('WRONG_OFFICE', { server: before.officeName ?? before.officeId, local: office.name });
    const setup = await withTransaction(client, async () => {
      const m = await migrateServer(client, owner.database);
      if (!m.ok) throw new SyncFailure(m.error);
      await setMeta(client, { office_id: office.hubUnitId, office_name: office.name });
      // The database is for Alur's logins only.
      await client.query(`REVOKE ALL ON DATABASE ${client.escapeIdentifier(owner.database)} FROM PUBLIC`);
      const roles = await ensureRoles(client, ctx, owner.database, office.hubUnitId, prefix);
      return { m, roles, warnings: await ownerGaps(client, roles[0]?.login) };
    });
    const fresh = setup.roles.flatMap((r) => (r.password ? [{ unit: r.unit, login: r.login, password: r.password }] : []));
    const all = mergeCredentials(readCredentials(credentialsFile), fresh);
    writeCredentials(credentialsFile, all);

    const logWasEmpty = (await lastSeq(client)) === 0;
    const refs = await pushRefs(ctx, client, { all: true });
    const events = await pushEvents(ctx, client, { all: true });
    // On a new server the log is exactly what this folder just published: nothing to pull back.
    const pullFrom = logWasEmpty ? await lastSeq(client) : null;
    const workstationLogin = await connectHubWorkstation(ctx, owner, conn.value.pinnedCert, all, setup.roles, office.hubUnitId, pullFrom);
    return {
      ok: true,
      value: {
        fromVersion: setup.m.from,
        toVersion: setup.m.to,
        officeName: office.name,
        roles: setup.roles.map(({ unit, login, created }) => ({ unit, login, created })),
        published: { events: events.inserted, refs: refs.inserted },
        credentialsFile: path.resolve(credentialsFile),
        workstationLogin,
        warnings: setup.warnings,
      },
    };
  } catch (e) {
    return { ok: false, error: classifyError(e, { host: owner.host, port: owner.port, user: owner.user, database: owner.database }) };
  } finally {
    await disconnect(client);
  }
}

/**
 * The data folder that published the office becomes a workstation of it, logged in as the
 * hub: everything it holds is on the server now, so its push cursors start at the end.
 */
async function connectHubWorkstation(
  ctx: BackendContext,
  owner: ServerSettings,
  pinnedCert: string | null,
  creds: readonly Credential[],
  roles: readonly UnitRole[],
  hubUnitId: string,
  pullFrom: number | null,
): Promise<string | null> {
  // An OPD's folder used to publish (it holds part of the office) stays that OPD's workstation.
  const current = await loadConfig(ctx.db, ctx.options.dataDir);
  if (current && !current.isHub) return null;
  const hubUnit = (await listRefs(ctx.db, 'unit')).find((u) => u.id === hubUnitId);
  const role = roles.find((r) => r.unit === hubUnit?.code);
  const cred = role ? creds.find((c) => c.login === role.login) : undefined;
  if (!hubUnit || !role || !cred) return null;
  const settings: ServerSettings = { ...owner, user: role.login, password: cred.password, pinnedCert };
  await saveConfig(ctx.db, ctx.options.dataDir, settings, { officeId: hubUnitId, unitId: hubUnitId, unitCode: hubUnit.code, isHub: true }, ctx.now());
  const last = await ctx.db
    .selectFrom('event')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  await updateState(ctx.db, {
    push_seq: Number(last?.m ?? 0),
    ref_push_hlc: ctx.clock.current(),
    ...(pullFrom !== null ? { pull_seq: pullFrom } : {}),
  });
  return role.login;
}

/** `alur server rotate-password UNIT`: a new password for one unit's login. */
export async function rotatePassword(url: string, unitCode: string, credentialsFile: string): Promise<SyncResult<{ unit: string; login: string }>> {
  const parsed = parseServerUrl(url);
  if (!parsed.ok) return parsed;
  const writable = checkWritable(credentialsFile);
  if (!writable.ok) return writable;
  const owner = parsed.value;
  const conn = await connectServer(owner);
  if (!conn.ok) return conn;
  const client = conn.value.client;
  try {
    const state = await inspectServer(client);
    const refusal = refuseState(state, owner.database);
    if (refusal) return { ok: false, error: refusal };
    if (state.kind !== 'ours') return syncFail('NOT_ALUR', { database: owner.database, reason: 'belum disiapkan dengan "alur server init"' });
    const r = await client.query<{ login: string; unit_code: string }>(
      'SELECT login, unit_code FROM alur.unit_login WHERE lower(unit_code) = lower($1)',
      [unitCode.trim()],
    );
    const row = r.rows[0];
    if (!row) return syncFail('REFUSED', { reason: `unit ${unitCode} tidak dikenal di server ini` });
    const password = newPassword();
    await client.query(`ALTER ROLE ${client.escapeIdentifier(row.login)} PASSWORD ${client.escapeLiteral(scramVerifier(password))}`);
    // Sessions opened with the old password end now (best effort: needs the right to signal).
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [row.login]).catch(() => undefined);
    writeCredentials(credentialsFile, mergeCredentials(readCredentials(credentialsFile), [{ unit: row.unit_code, login: row.login, password }]));
    return { ok: true, value: { unit: row.unit_code, login: row.login } };
  } catch (e) {
    return { ok: false, error: classifyError(e, { host: owner.host, port: owner.port, user: owner.user, database: owner.database }) };
  } finally {
    await disconnect(client);
  }
}
