/**
 * The shared server's schema: the static, append-only list of server migrations, what a
 * database holds (nothing yet, ours at some version, or someone else's), and migrating it.
 * Same rules as the local database: migrations run in one transaction, a schema from a newer
 * Alur is refused, never touched; a database that is not ours is refused.
 */
import type pg from 'pg';
import * as s0001 from './server-migrations/0001-initial';
import * as s0002 from './server-migrations/0002-least-privilege';
import * as s0003 from './server-migrations/0003-audit-checkpoints';
import * as s0004 from './server-migrations/0004-event-seal';
import { syncError, type SyncError } from './sync-errors';
import { MIN_PROTOCOL_KEY, raisedMinimum } from './sync-protocol';

export interface ServerMigration {
  version: number;
  name: string;
  up(db: s0001.SqlRunner): Promise<void>;
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  { version: 1, name: '0001-initial', up: s0001.up },
  { version: 2, name: '0002-least-privilege', up: s0002.up },
  { version: 3, name: '0003-audit-checkpoints', up: s0003.up },
  { version: 4, name: '0004-event-seal', up: s0004.up },
];

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS.length;

/** Marks the database as ours in `alur.meta`. */
const SERVER_APP_MARK = 'alur';

/** Serialises `server init` runs (two admins at once) on one database. */
const INIT_LOCK = 'SELECT pg_advisory_xact_lock(7310, 0)';

type ServerState =
  | { kind: 'empty' }
  | { kind: 'foreign'; reason: string }
  | { kind: 'ours'; version: number; officeId: string | null; officeName: string | null; minProtocol?: string };

type Queryable = Pick<pg.ClientBase, 'query'>;

/** What this database holds. Read-only; works for the owner and for unit logins. */
export async function inspectServer(db: Queryable): Promise<ServerState> {
  const r = await db.query<{ meta: string | null; schema: boolean }>(
    `SELECT to_regclass('alur.meta')::text AS meta, EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'alur') AS schema`,
  );
  const row = r.rows[0];
  if (row?.meta) {
    const meta = new Map((await db.query<{ key: string; value: string }>('SELECT key, value FROM alur.meta')).rows.map((m) => [m.key, m.value]));
    if (meta.get('app') !== SERVER_APP_MARK) return { kind: 'foreign', reason: 'schema "alur" milik aplikasi lain' };
    const version = Number(meta.get('schema_version') ?? 'NaN');
    if (!Number.isInteger(version) || version < 1) return { kind: 'foreign', reason: 'versi skema tidak terbaca' };
    const minProtocol = meta.get(MIN_PROTOCOL_KEY);
    return {
      kind: 'ours',
      version,
      officeId: meta.get('office_id') ?? null,
      officeName: meta.get('office_name') ?? null,
      ...(minProtocol === undefined ? {} : { minProtocol }),
    };
  }
  if (row?.schema) return { kind: 'foreign', reason: 'schema "alur" ada tetapi bukan buatan Alur' };
  const t = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
  );
  if (Number(t.rows[0]?.n ?? '0') > 0) return { kind: 'foreign', reason: 'basis data sudah berisi tabel aplikasi lain' };
  return { kind: 'empty' };
}

/** The refusal for a server state that this app cannot use, or null when it can. */
export function refuseState(state: ServerState, database: string, latest = SERVER_SCHEMA_VERSION): SyncError | null {
  if (state.kind === 'foreign') return syncError('NOT_ALUR', { database, reason: state.reason });
  if (state.kind === 'ours' && state.version > latest) return syncError('SERVER_NEWER', { server: state.version, app: latest });
  return null;
}

/**
 * Brings the schema to the latest version inside the caller's open transaction (the caller
 * commits, so roles and meta written after this land atomically with it). Returns the
 * version before, or a refusal; on a refusal nothing has been changed.
 */
export async function migrateServer(
  db: Queryable,
  database: string,
  migrations: readonly ServerMigration[] = SERVER_MIGRATIONS,
): Promise<{ ok: true; from: number; to: number } | { ok: false; error: SyncError }> {
  await db.query(INIT_LOCK);
  const state = await inspectServer(db);
  const latest = migrations.length;
  const refusal = refuseState(state, database, latest);
  if (refusal) return { ok: false, error: refusal };
  const from = state.kind === 'ours' ? state.version : 0;
  for (const m of migrations) if (m.version > from) await m.up(db);
  await setMeta(db, {
    app: SERVER_APP_MARK,
    schema_version: String(latest),
    [MIN_PROTOCOL_KEY]: raisedMinimum(state.kind === 'ours' ? state.minProtocol : undefined),
  });
  return { ok: true, from, to: latest };
}

export async function setMeta(db: Queryable, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await db.query('INSERT INTO alur.meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }
}
