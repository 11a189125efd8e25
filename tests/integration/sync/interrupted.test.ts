/**
 * Sync cut off in the middle: the server's connection killed mid-batch, the server stopped
 * while a push is running (the loop backs off and resumes by itself), the workstation's own
 * process killed mid-push, an acknowledgement lost. Every time the push is retried, and in the
 * end the server holds each event exactly once and a new workstation pulls the same log.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { rebuildProjections } from '../../../src/main/backend/projection/projector';
import { listRefs } from '../../../src/main/backend/refdata/ref-store';
import { connectOfficeByUrl, syncRound } from '../../../src/main/backend/sync/sync-engine';
import { startSyncLoop } from '../../../src/main/backend/sync/sync-loop';
import { syncStatus } from '../../../src/main/backend/sync/sync-status';
import { holdAll, writeSyntheticCases } from '../../../bench/synthetic';
import { fakeClock, newOffice, openTestContext, REPO, snapshotProjections } from '../../helpers/temp';
import { startPg, type PgServer } from '../../helpers/pg-server';
import { emptyWorkstation, logIds, publish, sqlAs, START, type Published } from './fixture';

let server: PgServer;
let hub: BackendContext;
let dataDir: string;
let pub: Published;
const clock = fakeClock(START);

/**
 * Writes `count` synthetic cases as local work of the hub: acts of the hub's posts only, as
 * its administrator (the server takes from the hub's login only what the hub's staff did).
 */
async function work(count: number, seed: number): Promise<void> {
  const office = await hub.office();
  const proj = await hub.projection();
  const preset = proj.preset(office.presetId, office.presetVersion);
  const posts = (await listRefs(hub.db, 'position')).filter((p) => p.unitId === office.hubUnitId);
  const admin = (await listRefs(hub.db, 'user')).find((u) => u.isAdmin)?.id;
  // Sealed with the administrator's key (from their login's session), who holds those posts.
  const sealer = [...hub.sessions.values()].find((s) => s.userId === admin)?.signingKey;
  // Every hub post the acts may be written in, not only the first: the post order is the ids'
  // (random), and an act in a post its author does not hold is quarantined by the seal check.
  const held = new Set((await listRefs(hub.db, 'assignment')).filter((a) => a.userId === admin && a.acting === null).map((a) => a.positionId));
  const missing = posts.filter((p) => !held.has(p.id));
  if (admin && missing.length) await holdAll(hub, admin, missing);
  writeSyntheticCases(hub.opened.sqlite, preset, proj.engine.calendar, await listRefs(hub.db, 'unit'), posts, {
    count,
    seed,
    end: START,
    hubUnitId: office.hubUnitId,
    authorId: admin,
    ...(sealer ? { sealer } : {}),
  });
  await rebuildProjections(hub.db, proj, hub.writer);
}

async function owner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = await sqlAs(server.url('kantor'));
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function serverCounts(): Promise<{ n: number; distinct: number }> {
  return owner(async (c) => {
    const r = (await c.query<{ n: string; d: string }>('SELECT count(*) AS n, count(DISTINCT id) AS d FROM alur.event')).rows[0];
    return { n: Number(r?.n), distinct: Number(r?.d) };
  });
}

/** The id of the local event `k` places after the push cursor (lands mid-batch). */
function pendingEventId(k: number): string {
  const row = hub.opened.sqlite
    .prepare('SELECT e.id FROM event e, sync_state s WHERE e.local = 1 AND e.seq > s.push_seq ORDER BY e.seq LIMIT 1 OFFSET ?')
    .get(k) as { id: string } | undefined;
  if (!row) throw new Error('not enough pending events');
  return row.id;
}

/** A trigger that does `action` once, when the event `id` is inserted. */
async function trap(name: string, id: string, action: string): Promise<void> {
  await owner(async (c) => {
    await c.query(`CREATE SEQUENCE ${name}_once`);
    // Inserts run inside the server's checking function, whose search_path is pg_catalog only.
    await c.query(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$ BEGIN IF nextval('${name}_once') = 1 THEN ${action}; END IF; RETURN NEW; END $$`,
    );
    await c.query(`CREATE TRIGGER ${name} AFTER INSERT ON alur.event FOR EACH ROW WHEN (NEW.id = ${c.escapeLiteral(id)}) EXECUTE FUNCTION ${name}()`);
  });
}

async function until(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function localCount(): number {
  return (hub.opened.sqlite.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n;
}

beforeAll(async () => {
  server = await startPg();
  const o = await newOffice('balangan', clock);
  hub = o.ctx;
  dataDir = o.dataDir;
  pub = await publish(server, hub, 'kantor');
}, 120_000);

afterAll(async () => {
  await hub?.opened.close();
  await server?.stop();
});

describe('a push cut off in the middle', () => {
  it('connection killed mid-batch: the batch is retried, nothing lost or doubled', async () => {
    await work(500, 1);
    await trap('kill_mid', pendingEventId(1500), 'PERFORM pg_terminate_backend(pg_backend_pid())');
    const first = await syncRound(hub);
    expect(first.ok ? 'synced' : first.error.code).toBe('UNREACHABLE');
    // The first batch (1000 events) was acknowledged; the second died with its transaction.
    expect(await serverCounts()).toEqual({ n: 1000, distinct: 1000 });
    expect((await syncStatus(hub)).pending).toBe(localCount() - 1000);
    const second = await syncRound(hub);
    expect(second.ok ? second.value.pushed.events : second.error.message).toBe(localCount() - 1000);
    expect(await serverCounts()).toEqual({ n: localCount(), distinct: localCount() });
    expect((await syncStatus(hub)).pending).toBe(0);
  });

  it('acknowledgement lost: everything is sent again and the server changes nothing', async () => {
    hub.opened.sqlite.prepare('UPDATE sync_state SET push_seq = 0').run();
    const again = await syncRound(hub);
    expect(again.ok ? again.value.pushed.events : again.error.message).toBe(0);
    expect(await serverCounts()).toEqual({ n: localCount(), distinct: localCount() });
  });

  it('server stopped during a push: the loop backs off, resumes by itself when it is back', async () => {
    await work(150, 2);
    await trap('slow_mid', pendingEventId(500), 'PERFORM pg_sleep(3)');
    const loop = startSyncLoop(hub, { intervalMs: 60_000, minBackoffMs: 200, maxBackoffMs: 1_000 });
    try {
      await until('the push to reach the trap', () =>
        owner(async (c) => ((await c.query("SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep'")).rowCount ?? 0) > 0),
      );
      await server.halt();
      await until('the loop to notice', async () => (await syncStatus(hub)).lastError?.code === 'UNREACHABLE');
      expect((await syncStatus(hub)).online).toBe(false);
      expect((await syncStatus(hub)).pending).toBeGreaterThan(0);
      await server.resume();
      await until('the loop to finish the push', async () => (await syncStatus(hub)).pending === 0 && (await syncStatus(hub)).online);
    } finally {
      await loop.stop();
    }
    expect(await serverCounts()).toEqual({ n: localCount(), distinct: localCount() });
  });

  it('the workstation process killed mid-push: the next round finishes it', async () => {
    await work(300, 3);
    await trap('hold_mid', pendingEventId(1200), 'PERFORM pg_sleep(2)');
    // One owner per data folder (issue 18): the test's own context lets go while the child runs.
    await hub.opened.close();
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'alur.mjs'), '--data', dataDir, 'sync'], { stdio: 'ignore' });
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    try {
      await until('the child to push into the trap', () =>
        owner(async (c) => ((await c.query("SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep'")).rowCount ?? 0) > 0),
      );
    } finally {
      child.kill('SIGKILL');
      await exited;
      hub = await openTestContext(dataDir, clock);
    }
    const before = await serverCounts();
    expect(before.n).toBeLessThan(localCount());
    const r = await syncRound(hub);
    expect(r.ok ? 'synced' : r.error.message).toBe('synced');
    expect(await serverCounts()).toEqual({ n: localCount(), distinct: localCount() });
  });

  it('a workstation that joins now pulls exactly the same log and states', async () => {
    const ws = await emptyWorkstation(clock.now);
    try {
      const r = await connectOfficeByUrl(ws, pub.url('DISKOMINFOSP'));
      expect(r.ok ? r.value.pulled.events : r.error.message).toBe(localCount());
      expect(logIds(ws)).toEqual(logIds(hub));
      expect(await snapshotProjections(ws)).toEqual(await snapshotProjections(hub));
    } finally {
      await ws.opened.close();
    }
  });
});
