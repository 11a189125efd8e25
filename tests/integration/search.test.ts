/**
 * Finding a case (issue 15) on a real SQLite file: tracking number and LAPOR! id exactly,
 * Indonesian word forms (stems in the index and the query), prefixes as the user types, and
 * the complainant's name, NIK and phone only for those who may read that identity. Also
 * migration 0005 on a database of the previous version: the identity index is filled and the
 * existing cases get their stems at the next open.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../src/main/backend/services/context';
import { DB_FILE, openDatabase } from '../../src/main/backend/db/database';
import { MIGRATIONS } from '../../src/main/backend/db/migrations/index';
import { call, fakeClock, newOffice, openTestContext, tempDir } from '../helpers/temp';
import { downgradeTo } from '../helpers/downgrade';
import { STAFF_PASSWORD, walker, type Walker } from '../helpers/office';

const START = Date.UTC(2026, 10, 3, 2, 0); // Tuesday 3 Nov 2026, 10:00 WITA

describe('finding a case', () => {
  let ctx: BackendContext;
  let admin: string;
  let opd: string;
  let w: Walker;
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};
  const clock = fakeClock(START);

  async function found(token: string, search: string): Promise<string[]> {
    const r = await call(ctx, 'case.list', token, { search });
    return r.rows.map((x) => Object.entries(ids).find(([, id]) => id === x.id)?.[0] ?? x.id).sort();
  }

  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    admin = o.token;
    // One OPD user only (production password cost): the OPD's admin, who receives the fast lane.
    const ov = await call(ctx, 'office.overview', admin, {});
    const opdUnit = ov.units.filter((u) => u.kind === 'opd')[0]?.id ?? '';
    const post = ov.positions.find((p) => p.unitId === opdUnit && p.roleId === 'admin_opd');
    const { id } = await call(ctx, 'user.save', admin, { id: null, username: 'opd.admin', fullName: 'Admin OPD', password: STAFF_PASSWORD });
    await call(ctx, 'assignment.save', admin, { id: null, userId: id, positionId: post?.id ?? '', acting: null, from: null, until: null });
    opd = (await call(ctx, 'session.login', null, { username: 'opd.admin', password: STAFF_PASSWORD })).token;
    w = walker(ctx, new Map([['admin', admin]]), [opdUnit]);
    const cases = {
      lubang: {
        title: 'Jalan berlubang di depan pasar Paringin',
        description: 'Jalanan rusak parah, mohon segera diperbaiki.',
        privacy: 'biasa',
        complainant: { name: 'Siti Aisyah', nik: '6311012345678901', phone: '+62 812-3456-7890' },
      },
      rahasia: {
        title: 'Pungutan liar di kantor kelurahan',
        description: 'Petugas meminta uang untuk surat pengantar.',
        privacy: 'rahasia',
        complainant: { name: 'Bambang Sutrisno', phone: '0813 9999 0000' },
      },
      lapor: {
        title: 'Lampu jalan padam',
        description: 'Lampu penerangan jalan padam sejak seminggu.',
        privacy: 'anonim',
        complainant: null,
        channel: 'lapor',
        laporId: 'LAP-2026-77881',
      },
    } as const;
    for (const [key, c] of Object.entries(cases)) {
      const r = await call(ctx, 'case.register', admin, { channel: 'web', receivedAt: clock.now(), type: 'pengaduan', ...c });
      ids[key] = r.caseId;
      refs[key] = r.ref;
    }
    // The identified cases go to the OPD, so its admin may see them.
    for (const key of ['lubang', 'rahasia']) {
      await w.step(ids[key] ?? '', { kind: 'dispose', pick: (a) => a.action.fastLane });
    }
  }, 120_000);
  afterAll(() => ctx.opened.close());

  it('finds a case by its tracking number or LAPOR! id exactly, and only that case', async () => {
    expect(await found(admin, refs['lubang'] ?? '')).toEqual(['lubang']);
    expect(await found(admin, 'LAP-2026-77881')).toEqual(['lapor']);
    expect(await found(admin, 'lap-2026-77881')).toEqual(['lapor']);
  });

  it('finds Indonesian word forms by their stem, and words as they are typed', async () => {
    expect(await found(admin, 'lubang')).toEqual(['lubang']);
    expect(await found(admin, 'perbaikan jalan')).toEqual(['lubang']);
    expect(await found(admin, 'berlub')).toEqual(['lubang']);
    expect(await found(admin, 'pungut')).toEqual(['rahasia']);
    expect(await found(admin, 'penerangan')).toEqual(['lapor']);
    expect(await found(admin, 'padamnya')).toEqual(['lapor']);
    expect(await found(admin, 'jembatan')).toEqual([]);
  });

  it('finds the complainant by name, NIK or phone on the desk side, rahasia included', async () => {
    expect(await found(admin, 'aisyah')).toEqual(['lubang']);
    expect(await found(admin, 'Siti Ais')).toEqual(['lubang']);
    expect(await found(admin, '6311012345')).toEqual(['lubang']);
    expect(await found(admin, '0812-3456-7890')).toEqual(['lubang']);
    expect(await found(admin, '+62 812 3456')).toEqual(['lubang']);
    const audits = () =>
      Number((ctx.opened.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'identity.search'").get() as { n: number }).n);
    const before = audits();
    expect(await found(admin, 'bambang')).toEqual(['rahasia']);
    expect(audits()).toBe(before + 1);
  });

  it('never finds a rahasia complainant for an OPD, nor cases it cannot see', async () => {
    expect(await found(opd, 'aisyah')).toEqual(['lubang']);
    expect(await found(opd, '0812 3456 7890')).toEqual(['lubang']);
    expect(await found(opd, 'bambang')).toEqual([]);
    expect(await found(opd, '0813 9999 0000')).toEqual([]);
    // The rahasia case itself is the OPD's (found by its text), but never by its complainant.
    expect(await found(opd, 'pungutan')).toEqual(['rahasia']);
    expect(await found(opd, 'LAP-2026-77881')).toEqual([]);
  });
});

describe('migration 0005 on a database of the previous version', () => {
  it('fills the identity index and stems the cases already indexed at the next open', async () => {
    const clock = fakeClock(START);
    const o = await newOffice('balangan', clock);
    const r = await call(o.ctx, 'case.register', o.token, {
      channel: 'phone',
      receivedAt: clock.now(),
      type: 'pengaduan',
      title: 'Saluran berlubang',
      description: 'Air meluap ke jalan.',
      privacy: 'biasa',
      complainant: { name: 'Rahmat Hidayat', phone: '0812-1111-2222' },
    });
    await o.ctx.opened.close();
    // Back to version 4: without the identity index (nor anything later), and the case indexed without stems.
    const raw = new Database(path.join(o.dataDir, DB_FILE));
    downgradeTo(raw, '0005-search');
    raw.exec("DROP TABLE identity_fts; DELETE FROM local_meta WHERE key = 'fts_stems'; PRAGMA user_version = 4;");
    raw.prepare("UPDATE case_fts SET body = 'Air meluap ke jalan.' WHERE case_id = ?").run(r.caseId);
    raw.close();
    const ctx = await openTestContext(o.dataDir, clock);
    try {
      const sqlite = ctx.opened.sqlite;
      expect(sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(sqlite.prepare('SELECT case_id, name, phone FROM identity_fts').all()).toEqual([
        { case_id: r.caseId, name: 'Rahmat Hidayat', phone: '081211112222' },
      ]);
      expect(sqlite.prepare("SELECT value FROM local_meta WHERE key = 'fts_stems'").get()).toEqual({ value: 'done' });
      expect(sqlite.prepare("SELECT case_id FROM case_fts WHERE case_fts MATCH 'lubang'").all()).toEqual([{ case_id: r.caseId }]);
    } finally {
      await ctx.opened.close();
    }
    // A fresh database runs the same migrations with nothing to re-index.
    const fresh = await openDatabase(tempDir());
    expect(fresh.sqlite.prepare('SELECT count(*) AS n FROM identity_fts').get()).toEqual({ n: 0 });
    await fresh.close();
  });
});
