/**
 * Upgrading a database made by an older commit of this repository: `fixtures/alur-a8ff880-demo.db.gz`
 * is what `ALUR_PASSWORD_COST=test alur demo --cases 8 --seed 3 --now 2026-11-20` wrote at
 * commit a8ff880 (schema 2, the release before signatures), `VACUUM INTO` a copy and gzipped.
 * Opened by this code it migrates, its projections are rebuilt from the log (their version is
 * not this code's), the acts that the preset now marks signed read "before electronic
 * signatures" and not "invalid", and a head without a key gets one at the next login.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openContext } from '../../../src/main/backend/backend';
import { rebuildProjections } from '../../../src/main/backend/projection/projector';
import { PROJECTION_VERSION, storedProjectionVersion } from '../../../src/main/backend/integrity/projection-version';
import { listRefs } from '../../../src/main/backend/refdata/ref-store';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { call, RESOURCES, snapshotProjections } from '../../helpers/temp';
import { tempDir } from '../../helpers/dirs';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'alur-a8ff880-demo.db.gz');
const PASSWORD = 'alur-demo';

let ctx: BackendContext | null = null;
afterAll(async () => {
  await ctx?.opened.close();
});

describe('a database from commit a8ff880 (before signatures)', () => {
  it('migrates, rebuilds its projections, marks pre-signing acts and enrols keys at login', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'alur.db');
    fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(FIXTURE)));
    // What the old release's projection holds is what its code computed; one case's title and
    // one OPD of a case changed here stand for any difference a newer replay makes.
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(file);
    const victim = raw.prepare('SELECT id, title FROM cases ORDER BY id LIMIT 1').get() as { id: string; title: string };
    raw.prepare("UPDATE cases SET title = 'judul lama' WHERE id = ?").run(victim.id);
    const unitRows = Number(raw.prepare('SELECT count(*) FROM case_unit').pluck().get());
    raw.prepare('DELETE FROM case_unit WHERE rowid = (SELECT min(rowid) FROM case_unit)').run();
    raw.close();

    const lines: string[] = [];
    ctx = await openContext({ dataDir: dir, resourcesDir: RESOURCES, appVersion: 'test', passwordCost: 'test', progress: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/membangun ulang 91 peristiwa[\s\S]*Dibangun ulang: 8 aduan dari 91 peristiwa/);
    expect(await storedProjectionVersion(ctx)).toBe(PROJECTION_VERSION);
    const title = ctx.opened.sqlite.prepare('SELECT title FROM cases WHERE id = ?').pluck().get(victim.id);
    expect(title).toBe(victim.title);
    expect(Number(ctx.opened.sqlite.prepare('SELECT count(*) FROM case_unit').pluck().get())).toBe(unitRows);
    const upgraded = await snapshotProjections(ctx);
    await rebuildProjections(ctx.db, await ctx.projection(), ctx.writer);
    expect(await snapshotProjections(ctx)).toEqual(upgraded);

    // Nobody held a key before; the administrator's login makes the office root key, a head's
    // login gives the head a key (no password reset).
    expect((await listRefs(ctx.db, 'signing_key')).length).toBe(0);
    const admin = await call(ctx, 'session.login', null, { username: 'admin', password: PASSWORD });
    await call(ctx, 'session.login', null, { username: 'kadis', password: PASSWORD });
    const keys = await listRefs(ctx.db, 'signing_key');
    const users = new Map((await listRefs(ctx.db, 'user')).map((u) => [u.username, u.id]));
    expect(keys.some((k) => k.userId === null)).toBe(true);
    expect(keys.some((k) => k.userId === users.get('kadis'))).toBe(true);

    // Every signed step of the old office reads "before electronic signatures" (or, done on
    // paper, as the clerk's record of it), none "invalid".
    const statuses: string[] = [];
    const ids = ctx.opened.sqlite.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as string[];
    for (const id of ids) {
      const d = await call(ctx, 'case.get', admin.token, { caseId: id });
      for (const t of d.timeline) if (t.signature) statuses.push(t.signature.status);
    }
    expect(statuses.filter((s) => s === 'before_signing').length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s !== 'before_signing' && s !== 'paper')).toEqual([]);
  }, 60_000);
});
