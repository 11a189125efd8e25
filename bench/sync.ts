/**
 * The sync row of DESIGN.md section 10: 10k events pushed to PostgreSQL on loopback by one
 * workstation and pulled by a new one, each beside what `pg` alone does with the same rows in
 * the same run: a batched multi-row `INSERT ... VALUES`, and a `SELECT` of them. The pull's
 * baseline also stores the rows in SQLite (one prepared insert per row, one transaction),
 * because storing them is the least any pull must do; the bare SELECT is printed beside it.
 *
 * PostgreSQL: the owner URL of an empty database (`ALUR_BENCH_PG_URL`), else a throwaway
 * server of the machine's own PostgreSQL, as the tests start one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import SqliteDatabase from 'better-sqlite3';
import { openContext, dispatch } from '../src/main/backend/backend';
import { rebuildProjections } from '../src/main/backend/projection/projector';
import { listRefs } from '../src/main/backend/refdata/ref-store';
import type { BackendContext } from '../src/main/backend/services/context';
import { initServer } from '../src/main/backend/sync/server-admin';
import { connectOfficeByUrl, syncRound } from '../src/main/backend/sync/sync-engine';
import { EVENT_WIRE_COLUMNS, type EventWireRow } from '../src/main/backend/sync/event-columns';
import { startPg } from '../tests/helpers/pg-server';
import { time, type Row } from './stats';
import { holdAll, writeSyntheticCases } from './synthetic';
import { rowToEvent } from '../src/main/backend/projection/event-store';
import type { EventRow } from '../src/main/backend/db/schema';
import { SealChecker } from '../src/main/backend/keys/seal';
import { loadTrust } from '../src/main/backend/keys/verify';

type EventRowLike = EventWireRow;

// The same columns sync pushes and pulls, so the baseline moves the same bytes.
const COLS = EVENT_WIRE_COLUMNS;

async function rawInsert(client: pg.Client, rows: readonly EventRowLike[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const values = batch.map((_, j) => `(${COLS.map((_c, k) => `$${j * COLS.length + k + 1}`).join(', ')})`).join(', ');
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO bench_raw (${COLS.join(', ')}) VALUES ${values}`,
      batch.flatMap((r) => COLS.map((c) => r[c])),
    );
    await client.query('COMMIT');
  }
}

async function openWorkstation(root: string, name: string, now: number): Promise<BackendContext> {
  return openContext({
    dataDir: path.join(root, name),
    resourcesDir: path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'resources'),
    appVersion: 'bench',
    now: () => now,
  });
}

function pgClient(url: string): pg.Client {
  const u = new URL(url);
  return new pg.Client({
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  });
}

/** Pushes and pulls about `events` events; returns the table rows (the budget row first). */
export async function benchSync(opts: { events?: number; out?: (s: string) => void } = {}): Promise<Row[]> {
  const target = opts.events ?? 10_000;
  const out = opts.out ?? (() => undefined);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alur-bench-sync-'));
  const own = process.env['ALUR_BENCH_PG_URL'] ? null : await startPg();
  let url = process.env['ALUR_BENCH_PG_URL'] ?? '';
  const end = Date.UTC(2026, 10, 20, 3, 0);
  const contexts: BackendContext[] = [];
  try {
    if (own) {
      const admin = pgClient(own.url());
      await admin.connect();
      await admin.query('CREATE DATABASE bench_sync');
      await admin.end();
      url = own.url('bench_sync');
    }
    const a = await openWorkstation(root, 'a', end);
    contexts.push(a);
    const created = await dispatch(a, 'office.create', null, {
      presetId: 'balangan',
      officeName: 'Bench',
      admin: { username: 'admin', fullName: 'Admin', password: 'bench-pass-1' },
    });
    if (!created.ok) throw new Error(created.error.message);
    // The administrator's login opens their key: every synthetic event is sealed with it, as
    // their session would seal it, so the pull checks 10k seals (keys/seal.ts).
    const login = await dispatch(a, 'session.login', null, { username: 'admin', password: 'bench-pass-1' });
    if (!login.ok) throw new Error(login.error.message);
    const sealer = [...a.sessions.values()].find((x) => x.signingKey)?.signingKey;
    if (!sealer) throw new Error('the administrator has no key');
    const credentialsFile = path.join(root, 'kredensial.json');
    const init = await initServer({ url, ctx: a, credentialsFile });
    if (!init.ok) throw new Error(init.error.message);
    const office = await a.office();
    const proj = await a.projection();
    const preset = proj.preset(office.presetId, office.presetVersion);
    const units = await listRefs(a.db, 'unit');
    // The hub's login pushes only what the hub's staff did (server migration 2): the hub's
    // posts, as its administrator, about five events a case on the Balangan chain.
    const positions = (await listRefs(a.db, 'position')).filter((p) => p.unitId === office.hubUnitId);
    const admin = (await listRefs(a.db, 'user')).find((u) => u.isAdmin)?.id;
    if (!admin) throw new Error('no administrator');
    await holdAll(a, admin, positions);
    const gen = writeSyntheticCases(a.opened.sqlite, preset, proj.engine.calendar, units, positions, {
      count: Math.ceil(target / 4.8),
      seed: 7,
      end,
      hubUnitId: office.hubUnitId,
      authorId: admin,
      sealer,
    });
    await rebuildProjections(a.db, proj, a.writer);
    out(`  sinkronisasi: ${gen.events} peristiwa (${gen.cases} aduan) ke PostgreSQL di loopback`);

    const push = await time(() => syncRound(a));
    if (!push.value.ok) throw new Error(push.value.error.message);

    const creds = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Array<{ unit: string; login: string; password: string }>;
    const hub = creds.find((c) => c.unit === units.find((u) => u.id === office.hubUnitId)?.code);
    if (!hub) throw new Error('no hub login');
    const u = new URL(url);
    u.username = hub.login;
    u.password = hub.password;
    const b = await openWorkstation(root, 'b', end);
    contexts.push(b);
    const pull = await time(() => connectOfficeByUrl(b, u.toString()));
    if (!pull.value.ok) throw new Error(pull.value.error.message);
    if (pull.value.value.pulled.events !== gen.events) throw new Error(`pulled ${pull.value.value.pulled.events} of ${gen.events}`);
    // What the seal checks cost inside that pull: the same checker over the same events, alone.
    const pulled = (b.opened.sqlite.prepare('SELECT * FROM event').all() as EventRow[]).map(rowToEvent);
    const checker = new SealChecker(await loadTrust(b.db, (await b.projection()).engine.calendar));
    let unsealed = 0;
    const verify = await time(() => {
      for (const e of pulled) if (checker.problem(e)) unsealed++;
    });
    if (unsealed) throw new Error(`${unsealed} pulled events fail the seal check`);

    // The baselines: the same rows, with pg alone, into a plain table; then read back.
    const rows = a.opened.sqlite.prepare(`SELECT ${COLS.join(', ')} FROM event ORDER BY seq`).all() as EventRowLike[];
    const raw = pgClient(url);
    await raw.connect();
    await raw.query(`CREATE TABLE bench_raw (seq bigserial, id text PRIMARY KEY, case_id text NOT NULL, type text NOT NULL, hlc text NOT NULL, at bigint NOT NULL,
      author_id text, position_id text, acting text, device_id text NOT NULL, payload text NOT NULL, signature text, seal text)`);
    const rawPush = await time(() => rawInsert(raw, rows));
    const sink = new SqliteDatabase(path.join(root, 'raw.db'));
    sink.exec(
      `CREATE TABLE ev (id TEXT PRIMARY KEY, case_id TEXT, type TEXT, hlc TEXT, at INTEGER, author_id TEXT, position_id TEXT, acting TEXT, device_id TEXT, payload TEXT, signature TEXT, seal TEXT)`,
    );
    const ins = sink.prepare(`INSERT INTO ev (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`);
    let fetched: EventRowLike[] = [];
    const rawSelect = await time(async () => {
      fetched = (await raw.query<EventRowLike>(`SELECT ${COLS.join(', ')} FROM bench_raw ORDER BY seq`)).rows;
    });
    const rawStore = await time(() => sink.transaction(() => fetched.forEach((r) => ins.run(...COLS.map((c) => r[c]))))());
    sink.close();
    await raw.end();

    const rawPull = rawSelect.ms + rawStore.ms;
    const both = push.ms + pull.ms;
    const rawBoth = rawPush.ms + rawPull;
    return [
      {
        work: `sync to and from PostgreSQL (${gen.events} events)`,
        measure: 'push + pull',
        value: both,
        baseline: rawBoth,
        budget: '< 5 s, <= 5x raw',
        pass: both < 5_000 && both <= 5 * rawBoth,
      },
      {
        work: `  push (${gen.events} events)`,
        measure: 'total',
        value: push.ms,
        baseline: rawPush.ms,
        budget: '< 5 s',
        pass: push.ms < 5_000,
        note: 'push baseline: multi-row INSERT ... VALUES of the same rows, 1000 a statement, into a plain table',
      },
      {
        work: `  pull, new workstation (${gen.events} events)`,
        measure: 'total',
        value: pull.ms,
        baseline: rawPull,
        budget: '< 5 s',
        pass: pull.ms < 5_000,
        note: `pull baseline: SELECT of the same rows ${rawSelect.ms.toFixed(0)} ms + storing them in SQLite ${rawStore.ms.toFixed(0)} ms; the pull also checks every event against the schema and its seal, and projects ${gen.cases} cases`,
      },
      {
        work: `  seal checks within that pull (${gen.events} sealed events)`,
        measure: 'total',
        value: verify.ms,
        baseline: pull.ms - verify.ms,
        budget: 'part of the pull',
        pass: pull.ms < 5_000,
        note: 'baseline: the same pull less the seal checks (the checker timed alone over the same events: Ed25519 verification, key certificate, revocation, post held)',
      },
    ];
  } finally {
    for (const c of contexts) await c.opened.close();
    await own?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
