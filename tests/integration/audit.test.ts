/**
 * The keyed audit trail (issue 12, item 6): an upgrade from the unkeyed chain keeps its history
 * checkable; edits made to the SQLite file without the workstation secret are found at start
 * (and recorded, never repaired); entries removed from the end are found against the server's
 * checkpoints on a real PostgreSQL; `alur audit verify` names every difference.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/backend/db/database';
import { MIGRATIONS } from '../../src/main/backend/db/migrations/index';
import { checkAudit } from '../../src/main/backend/audit/audit.service';
import { BROKEN_ACTION } from '../../src/main/backend/audit/audit-check';
import { PLAIN_FILE, LEGACY_KEY_FILE, SEALED_FILE } from '../../src/main/backend/secrets/workstation-secret';
import { syncRound } from '../../src/main/backend/sync/sync-engine';
import type { BackendContext } from '../../src/main/backend/services/context';
import { call, fakeClock, newOffice, openTestContext, tempDir } from '../helpers/temp';
import { runCli } from '../helpers/cli';
import { startPg, type PgServer } from '../helpers/pg-server';
import { caseInput, publish, sqlAs, START, type Published } from './sync/fixture';

/** The unkeyed hash the trail used before migration 7. */
function plainHash(prev: string, at: number, userId: string | null, action: string, target: string, detail: Record<string, unknown>): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([prev, at, userId, action, target, detail]))
    .digest('hex');
}

function rows(ctx: BackendContext): Array<{ seq: number; action: string; keyed: number; detail: string }> {
  return ctx.opened.sqlite.prepare('SELECT seq, action, keyed, detail FROM audit ORDER BY seq').all() as Array<{
    seq: number;
    action: string;
    keyed: number;
    detail: string;
  }>;
}

/** What an attacker with the file and no secret does: drop the guard and edit. */
function tamper(ctx: BackendContext, sql: string): void {
  ctx.opened.sqlite.exec(`DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; ${sql}`);
}

describe('upgrade from the unkeyed trail', () => {
  it('anchors the old history under the new key; editing an old entry or rewriting new ones unkeyed is found at start and recorded', async () => {
    const dir = tempDir();
    // A data folder of the previous version: schema 5, an unkeyed chain, the old raw key file.
    const old = await openDatabase(dir, MIGRATIONS.slice(0, 5));
    let prev = '0'.repeat(64);
    const insert = old.sqlite.prepare('INSERT INTO audit (at, user_id, action, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 3; i++) {
      const detail = { ref: `ADU-${i}` };
      const hash = plainHash(prev, START + i, 'u1', 'identity.read', `case-${i}`, detail);
      insert.run(START + i, 'u1', 'identity.read', `case-${i}`, JSON.stringify(detail), prev, hash);
      prev = hash;
    }
    await old.close();
    const legacyKey = crypto.randomBytes(32);
    fs.writeFileSync(path.join(dir, LEGACY_KEY_FILE), legacyKey, { mode: 0o600 });

    let ctx = await openTestContext(dir);
    expect(rows(ctx).map((r) => [r.seq, r.action, r.keyed])).toEqual([
      [1, 'identity.read', 0],
      [2, 'identity.read', 0],
      [3, 'identity.read', 0],
      [4, 'audit.keyed', 1],
    ]);
    // The old key moved into the new file (the CLI's store: no OS store in plain Node).
    expect(fs.existsSync(path.join(dir, LEGACY_KEY_FILE))).toBe(false);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, PLAIN_FILE), 'utf8')) as { key: string; auditAnchor: number };
    expect(stored).toMatchObject({ key: legacyKey.toString('base64'), auditAnchor: 4 });
    expect((await checkAudit(ctx, { server: false })).findings).toEqual([]);

    // An old entry edited in the file: its plain hash no longer matches, and the anchor's MAC
    // covers the old chain's end, so recomputing the plain hashes does not hide it either.
    tamper(ctx, `UPDATE audit SET target = 'case-x' WHERE seq = 2`);
    await ctx.opened.close();
    ctx = await openTestContext(dir);
    const broken = rows(ctx).filter((r) => r.action === BROKEN_ACTION);
    expect(broken).toHaveLength(1);
    expect(JSON.parse(broken[0]?.detail ?? '{}')).toEqual({ findings: [{ kind: 'altered', seq: 2 }], count: 1 });
    // Never repaired, recorded once: the next start finds the same and adds nothing.
    await ctx.opened.close();
    ctx = await openTestContext(dir);
    expect(rows(ctx).filter((r) => r.action === BROKEN_ACTION)).toHaveLength(1);

    // Rewriting the keyed entries in the old unkeyed form, hashes recomputed (to dodge the key):
    // the chain is consistent again, but the anchor this key began at is gone.
    const all = ctx.opened.sqlite.prepare('SELECT seq, at, user_id, action, target, detail, hash FROM audit ORDER BY seq').all() as Array<{
      seq: number;
      at: number;
      user_id: string | null;
      action: string;
      target: string;
      detail: string;
      hash: string;
    }>;
    let h = all.find((r) => r.seq === 3)?.hash ?? '';
    for (const r of all.filter((x) => x.seq >= 4)) {
      const next = plainHash(h, r.at, r.user_id, r.action, r.target, JSON.parse(r.detail) as Record<string, unknown>);
      tamper(ctx, `UPDATE audit SET keyed = 0, prev_hash = '${h}', hash = '${next}' WHERE seq = ${r.seq}`);
      h = next;
    }
    const found = (await checkAudit(ctx, { server: false })).findings;
    expect(found).toEqual([
      { kind: 'altered', seq: 2 },
      { kind: 'anchor_missing', seq: 4 },
    ]);
    await ctx.opened.close();
  });
});

describe('a data folder whose secret only the app can open', () => {
  it('alur audit verify says so and exits non-zero', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, SEALED_FILE), 'c2VhbGVk', { mode: 0o600 });
    const r = await runCli(['--data', dir, 'audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toMatch(/disegel oleh penyimpanan rahasia sistem operasi melalui aplikasi Alur; baris perintah tidak dapat membukanya/);
  });
});

describe('against the server (real PostgreSQL)', () => {
  let server: PgServer;
  let hub: BackendContext;
  let token: string;
  let pub: Published;
  const clock = fakeClock(START);

  beforeAll(async () => {
    server = await startPg();
    const o = await newOffice('balangan', clock);
    hub = o.ctx;
    token = o.token;
    pub = await publish(server, hub, 'kantor');
  }, 120_000);

  afterAll(async () => {
    await hub?.opened.close();
    await server?.stop();
  });

  it('each round checkpoints the trail; the server keeps it read-only; edits, deletions and a rewind are named by the check and by alur audit verify', async () => {
    // A rahasia registration, synced; the desk reads its identity (an audited read).
    const { caseId } = await call(hub, 'case.register', token, caseInput({ privacy: 'rahasia' }));
    for (let i = 0; i < 4; i++) await call(hub, 'case.get', token, { caseId });
    const round = await syncRound(hub);
    expect(round.ok ? null : round.error).toBeNull();
    const local = rows(hub);
    const head = local.at(-1)?.seq ?? 0;
    const reads = local.filter((r) => r.action === 'identity.read').map((r) => r.seq);
    expect(reads).toHaveLength(4);
    expect(head).toBe(reads[3]);

    const owner = await sqlAs(server.url('kantor'));
    const unit = await sqlAs(pub.url('DISKOMINFOSP'));
    try {
      const cps = await owner.query<{ seq: string; login: string }>('SELECT seq::text, login FROM alur.audit_checkpoint WHERE device_id = $1', [
        hub.deviceId,
      ]);
      expect(cps.rows).toEqual([{ seq: String(head), login: 'alur_u_diskominfosp' }]);
      // The unit login reads its checkpoints through the function only, and can neither change nor delete them.
      expect((await unit.query('SELECT * FROM alur.audit_checkpoints($1)', [hub.deviceId])).rows).toHaveLength(1);
      await expect(unit.query('DELETE FROM alur.audit_checkpoint')).rejects.toThrow(/permission denied/);
      await expect(unit.query('SELECT * FROM alur.audit_checkpoint')).rejects.toThrow(/permission denied/);
      await expect(owner.query('DELETE FROM alur.audit_checkpoint')).rejects.toThrow(/append-only/);
    } finally {
      await unit.end();
      await owner.end();
    }
    expect((await checkAudit(hub, { server: true })).findings).toEqual([]);

    // The file edited without the secret, after the round: the first identity read deleted,
    // the second made to name another case, the last two removed (a rewind).
    const first = reads[0] ?? 0;
    const altered = reads[1] ?? 0;
    tamper(
      hub,
      `DELETE FROM audit WHERE seq = ${first}; UPDATE audit SET target = 'kasus-lain' WHERE seq = ${altered}; DELETE FROM audit WHERE seq >= ${head - 1}`,
    );
    const check = await checkAudit(hub, { server: true });
    expect(check.server).toEqual({ compared: true, checkpoints: 1 });
    expect(check.findings).toEqual(
      expect.arrayContaining([
        { kind: 'altered', seq: altered },
        { kind: 'missing', from: first, to: first },
        { kind: 'rewound', localLast: head - 2, serverLast: head },
      ]),
    );
    // Recorded, and from now on the removed end shows as a gap before the record.
    const after = (await checkAudit(hub, { server: true })).findings;
    expect(after).toEqual(expect.arrayContaining([{ kind: 'missing', from: head - 1, to: head }]));
    // A round with a broken trail sends no checkpoint (the server keeps the last good one).
    expect((await syncRound(hub)).ok).toBe(true);
    const dir = hub.options.dataDir;
    await hub.opened.close();

    const cli = await runCli(['--data', dir, 'audit', 'verify']);
    expect(cli.code).toBe(1);
    const said = cli.out.join('\n');
    expect(said).toMatch(/Dibandingkan dengan 1 checkpoint di server/);
    expect(said).toContain(`Entri #${first} hilang`);
    expect(said).toContain(`Entri #${altered} diubah`);
    expect(said).toContain(`Entri #${head - 1}–#${head} hilang`);
    expect(cli.err.join('\n')).toMatch(/log audit tidak utuh: 3 perbedaan/);

    // At start the same is found and recorded once (the check above recorded it already).
    hub = await openTestContext(dir, clock);
    const recorded = rows(hub).filter((r) => r.action === BROKEN_ACTION);
    expect(recorded.length).toBeGreaterThan(0);
    expect(JSON.parse(recorded.at(-1)?.detail ?? '{}').findings).toEqual(
      expect.arrayContaining([
        { kind: 'altered', seq: altered },
        { kind: 'missing', from: first, to: first },
      ]),
    );
  }, 60_000);
});
