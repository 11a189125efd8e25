import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import { rebuildProjections } from '../../src/main/backend/projection/projector';
import { checkAudit } from '../../src/main/backend/audit/audit.service';
import { caseInput, START } from '../helpers/case-input';
import { call, fakeClock, newOffice, ADMIN_PASSWORD, snapshotProjections, type FakeClock } from '../helpers/temp';
import { staffOffice, walker, type Walker } from '../helpers/office';

async function eventCount(ctx: BackendContext): Promise<number> {
  return Number((ctx.opened.sqlite.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n);
}

describe('office, sessions and registration', () => {
  let ctx: BackendContext;
  let token: string;
  let clock: FakeClock;
  beforeAll(async () => {
    clock = fakeClock(START);
    ({ ctx, token } = await newOffice('balangan', clock));
  });
  afterAll(() => ctx.opened.close());

  it('creates the preset units, one post per role, and an admin on the desk', async () => {
    const ov = await call(ctx, 'office.overview', token, {});
    expect(ov.units.filter((u) => u.kind === 'hub')).toHaveLength(1);
    expect(ov.units.filter((u) => u.kind === 'opd').length).toBe(ov.preset.opdUnits.length);
    for (const u of ov.units) {
      const roles = ov.preset.roles
        .filter((r) => r.scope === u.kind)
        .map((r) => r.id)
        .sort();
      expect(
        ov.positions
          .filter((p) => p.unitId === u.id)
          .map((p) => p.roleId)
          .sort(),
      ).toEqual(roles);
    }
    const me = await call(ctx, 'session.me', token, {});
    expect(me.user.isAdmin).toBe(true);
    expect(me.positions.map((p) => p.roleId)).toContain(ov.preset.roles.find((r) => r.desk)?.id);
  });

  it('refuses a second office in the same folder', async () => {
    const r = await dispatch(ctx, 'office.create', null, {
      presetId: 'kaltim',
      officeName: 'X',
      admin: { username: 'xyz', fullName: 'X', password: 'abcdefgh1' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ALREADY_INITIALIZED');
  });

  it('refuses a wrong password and an unknown user with the same message, and opens no session', async () => {
    const sessions = ctx.sessions.size;
    const a = await dispatch(ctx, 'session.login', null, { username: 'admin', password: 'salah-sekali' });
    const b = await dispatch(ctx, 'session.login', null, { username: 'tidak-ada', password: ADMIN_PASSWORD });
    expect(a).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Nama pengguna atau kata sandi salah.' } });
    expect(b).toEqual(a);
    expect(ctx.sessions.size).toBe(sessions);
  });

  it('refuses calls without a session and with a forged token', async () => {
    for (const t of [null, 'f'.repeat(64)]) {
      const r = await dispatch(ctx, 'case.list', t, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses malformed input with VALIDATION and writes nothing', async () => {
    const before = await eventCount(ctx);
    const bad: unknown[] = [
      caseInput({ description: '' }),
      caseInput({ description: 'x'.repeat(1_000_000) }),
      caseInput({ privacy: 'anonim' }),
      caseInput({ privacy: 'biasa', complainant: null }),
      caseInput({ channel: 'lapor', laporId: null }),
      { ...caseInput(), extra: 'field' },
      'not even an object',
    ];
    for (const input of bad) {
      const r = await dispatch(ctx, 'case.register', token, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    expect(await eventCount(ctx)).toBe(before);
  });

  it('registers a case with a tracking number, and an anonymous one keeps no identity', async () => {
    const a = await call(ctx, 'case.register', token, caseInput());
    expect(a.ref).toMatch(/^ADU-2026-[0-9A-F]{2}00001$/);
    const b = await call(ctx, 'case.register', token, caseInput({ privacy: 'anonim', complainant: null, title: 'Pungli di pasar' }));
    expect(b.ref).toMatch(/00002$/);
    const da = await call(ctx, 'case.get', token, { caseId: a.caseId });
    expect(da.identity?.name).toBe('Rahmat Hidayat');
    expect(da.case.status).toBe('registered');
    expect(da.timeline.map((t) => t.type)).toEqual(['case.registered', 'case.identity_recorded']);
    const db = await call(ctx, 'case.get', token, { caseId: b.caseId });
    expect(db.identity).toBeNull();
    expect(ctx.opened.sqlite.prepare('SELECT count(*) AS n FROM identity WHERE case_id = ?').get(b.caseId)).toEqual({ n: 0 });
    const inbox = await call(ctx, 'inbox.list', token, {});
    expect(inbox.map((r) => r.id)).toEqual(expect.arrayContaining([a.caseId, b.caseId]));
  });

  it('refuses a second case with the same LAPOR! tracking id', async () => {
    await call(ctx, 'case.register', token, caseInput({ channel: 'lapor', laporId: '4455667' }));
    const before = await eventCount(ctx);
    const r = await dispatch(ctx, 'case.register', token, caseInput({ channel: 'lapor', laporId: '4455667' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/4455667 sudah terdaftar/);
    expect(await eventCount(ctx)).toBe(before);
  });

  it('finds cases by full text, treating query syntax as plain words', async () => {
    const hits = await call(ctx, 'case.list', token, { search: 'murung jamb' });
    expect(hits.total).toBeGreaterThan(0);
    expect(hits.rows.every((r) => r.title.includes('Murung Jambu'))).toBe(true);
    for (const q of ['"unterminated', 'NEAR( x', '* OR -', 'a:b']) {
      const r = await dispatch(ctx, 'case.list', token, { search: q });
      expect(r.ok).toBe(true);
    }
  });

  it('locks a session idle longer than the office allows (issue 13: locked, not ended)', async () => {
    const s = await call(ctx, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD });
    clock.advance(16 * 60_000);
    const r = await dispatch(ctx, 'inbox.counts', s.token, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'SESSION_LOCKED', message: expect.stringMatching(/terkunci/) });
    clock.set(START);
  });
});

describe('the Balangan chain, end to end through the services', () => {
  let ctx: BackendContext;
  let w: Walker;
  let tokens: Map<string, string>;
  let opdIds: string[];
  const clock = fakeClock(START);
  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    const staff = await staffOffice(ctx, o.token, 2);
    tokens = new Map([['admin', o.token], ...staff.tokens]);
    const ov = await call(ctx, 'office.overview', o.token, {});
    opdIds = ov.units
      .filter((u) => u.kind === 'opd')
      .slice(0, 2)
      .map((u) => u.id);
    w = walker(ctx, tokens, opdIds);
  }, 120_000);
  afterAll(() => ctx.opened.close());

  it('walks a case from registration to the answer, each act by the post whose job it is', async () => {
    const { caseId } = await call(ctx, 'case.register', tokens.get('admin') ?? null, caseInput({ privacy: 'rahasia' }));
    const actors: string[] = [];
    for (let i = 0; i < 30; i++) {
      const d = await w.detail(caseId);
      if (d.case.status === 'answered' || d.case.status === 'closed') break;
      actors.push((await w.step(caseId)).who);
    }
    const d = await w.detail(caseId);
    expect(['answered', 'closed']).toContain(d.case.status);
    expect(d.case.answer).toMatch(/diperbaiki/);
    // Desk side and OPD side both took part, and every act is on the timeline with its author.
    expect(actors.some((a) => a.includes('.'))).toBe(true);
    const acts = d.timeline.filter((t) => t.actionLabel !== null);
    expect(acts.length).toBe(actors.length);
    expect(acts.every((t) => t.authorName !== null && t.positionTitle !== null && t.tookMinutes !== null)).toBe(true);
    // The OPD saw the case but never the rahasia identity; the desk did, and that read was audited.
    const opdUser = [...tokens.keys()].find((k) => k.includes('.'));
    const asOpd = await call(ctx, 'case.get', tokens.get(opdUser ?? '') ?? null, { caseId });
    expect(asOpd.identityHidden).toBe(true);
    expect(asOpd.identity).toBeNull();
    const reads = ctx.opened.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'identity.read' AND target = ?").get(caseId) as {
      n: number;
    };
    expect(reads.n).toBeGreaterThan(0);
    expect((await checkAudit(ctx, { server: false })).findings).toEqual([]);
  });

  it('refuses an act by someone whose post may not do it, and changes nothing', async () => {
    const { caseId } = await call(ctx, 'case.register', tokens.get('admin') ?? null, caseInput());
    const d = await w.detail(caseId);
    const task = d.allowed[0];
    expect(task).toBeDefined();
    const outsider = [...tokens.entries()].find(([k]) => k !== 'admin');
    const me = await call(ctx, 'session.me', outsider?.[1] ?? null, {});
    const before = await eventCount(ctx);
    const r = await dispatch(ctx, 'case.act', outsider?.[1] ?? null, {
      caseId,
      taskId: task?.taskId ?? '',
      actionId: task?.action.id ?? '',
      asPositionId: me.positions[0]?.positionId ?? '',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['FORBIDDEN', 'INVALID_ACTION']).toContain(r.error.code);
    expect(await eventCount(ctx)).toBe(before);
  });

  it('hides a case from an OPD it was never disposed to', async () => {
    const { caseId } = await call(ctx, 'case.register', tokens.get('admin') ?? null, caseInput({ title: 'Khusus OPD pertama' }));
    for (let i = 0; i < 10; i++) {
      const d = await w.detail(caseId);
      if (d.case.opdUnitIds.length) break;
      await w.step(caseId);
    }
    const ov = await call(ctx, 'office.overview', tokens.get('admin') ?? null, {});
    const second = ov.units.find((u) => u.id === opdIds[1]);
    const otherUser = [...tokens.keys()].find((k) => second && k.endsWith(`.${second.code.toLowerCase()}`));
    expect(otherUser).toBeDefined();
    const t = tokens.get(otherUser ?? '') ?? null;
    const r = await dispatch(ctx, 'case.get', t, { caseId });
    expect(r.ok).toBe(false);
    const list = await call(ctx, 'case.list', t, { search: 'Khusus OPD pertama' });
    expect(list.total).toBe(0);
  });

  it('rebuilds every projection from the log with identical results', async () => {
    const before = await snapshotProjections(ctx);
    expect((before.cases as unknown[]).length).toBeGreaterThan(0);
    const r = await rebuildProjections(ctx.db, await ctx.projection(), ctx.writer);
    expect(r.cases).toBe((before.cases as unknown[]).length);
    expect(await snapshotProjections(ctx)).toEqual(before);
  });
});
