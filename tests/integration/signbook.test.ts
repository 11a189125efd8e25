/**
 * The signature book through the contract on a real Balangan office (issue 15): what awaits a
 * head's signature across their posts (a Plt. post included), batch signing with one password
 * (each act its own signed event, failures reported per item, nothing half-done), and
 * "Disposisi keluar" with where each case is now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import type { SignBookItem } from '../../src/shared/api/methods/signbook';
import { call, fakeClock, newOffice } from '../helpers/temp';
import { STAFF_PASSWORD, staffOffice, walker, type Walker } from '../helpers/office';

const START = Date.UTC(2026, 10, 3, 1, 0); // Tuesday 3 Nov 2026, 09:00 WITA
const DAY = 86_400_000;

describe('the signature book (Balangan)', () => {
  let ctx: BackendContext;
  let admin: string;
  let head: string; // the Kepala of the OPD
  let opdCode: string;
  let opdName: string;
  let kadis: string;
  let kasi: string;
  let w: Walker;
  const clock = fakeClock(START);
  const cases: string[] = [];

  async function register(title: string): Promise<string> {
    const r = await call(ctx, 'case.register', admin, {
      channel: 'sms1708',
      receivedAt: clock.now(),
      type: 'pengaduan',
      title,
      description: `${title}, mohon ditindaklanjuti.`,
      privacy: 'biasa',
      complainant: { name: 'Siti Aminah', phone: '081234567890' },
    });
    return r.caseId;
  }

  async function events(): Promise<number> {
    const r = await ctx.db
      .selectFrom('event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    admin = o.token;
    const staff = await staffOffice(ctx, admin, 1);
    const ov = await call(ctx, 'office.overview', admin, {});
    const opdIds = ov.units
      .filter((u) => u.kind === 'opd')
      .slice(0, 1)
      .map((u) => u.id);
    w = walker(ctx, new Map([['admin', admin], ...staff.tokens]), opdIds);
    // The first OPD of the office (its units are listed by id, so which one varies).
    opdCode = (ov.units.find((u) => u.id === opdIds[0])?.code ?? '').toLowerCase();
    opdName = ov.units.find((u) => u.id === opdIds[0])?.name ?? '';
    head = staff.tokens.get(`kepala_opd.${opdCode}`) ?? '';
    kadis = staff.tokens.get('kadis') ?? '';
    kasi = staff.tokens.get('kasi') ?? '';
    // Three drafted letters waiting for the head's approval, one case at the Kepala Dinas.
    for (const title of ['Jalan berlubang di Paringin', 'Drainase tersumbat di Lampihong', 'Jembatan retak di Juai']) {
      const id = await register(title);
      for (let i = 0; i < 8; i++) await w.step(id);
      cases.push(id);
    }
    const atKadis = await register('Lampu jalan padam di Awayan');
    for (let i = 0; i < 3; i++) await w.step(atKadis);
    cases.push(atKadis);
    // The Kepala Seksi stands in for the Kepala Dinas (Plt.) this month.
    const kadisPost = ov.positions.find((p) => p.roleId === 'kadis');
    const kasiUser = (await call(ctx, 'user.list', admin, {})).find((u) => u.username === 'kasi');
    await call(ctx, 'assignment.save', admin, {
      id: null,
      userId: kasiUser?.id ?? '',
      positionId: kadisPost?.id ?? '',
      acting: 'plt',
      from: '2026-11-01',
      until: '2026-11-30',
    });
  }, 180_000);
  afterAll(() => ctx.opened.close());

  it("lists what awaits each head's signature, with who sent it, when and the deadline", async () => {
    const book = await call(ctx, 'signbook.list', head, {});
    expect(book.map((b) => b.caseId).sort()).toEqual(cases.slice(0, 3).sort());
    for (const b of book) {
      expect(b).toMatchObject({ stepName: 'Menyetujui dan menandatangani tanggapan aduan', batchable: true, acting: null, overdue: false });
      expect(b.action).toMatchObject({ kind: 'approve', signed: true });
      expect(b.returnAction).toMatchObject({ kind: 'return', requiresNote: true });
      expect(b.sentBy).toMatchObject({ name: `Pejabat kabid_teknis.${opdCode}` });
      expect(b.dueAt).toBeGreaterThan(b.sentAt);
    }
    // The Kepala Dinas sees the disposition awaiting him; it needs targets, so it is not batchable.
    const kd = await call(ctx, 'signbook.list', kadis, {});
    expect(kd).toHaveLength(1);
    expect(kd[0]).toMatchObject({
      caseId: cases[3],
      batchable: false,
      acting: null,
      action: { kind: 'dispose', signed: true },
      returnAction: null,
      sentBy: { name: 'Pejabat kabid_ikp' },
    });
    // The Plt. sees it too, as Plt. of that post; the desk has nothing to sign.
    const plt = await call(ctx, 'signbook.list', kasi, {});
    expect(plt.map((b) => [b.caseId, b.acting])).toEqual([[cases[3], 'plt']]);
    expect(await call(ctx, 'signbook.list', admin, {})).toEqual([]);
  });

  it('signs several acts with one password: each its own signed event, failures reported per item', async () => {
    const book = await call(ctx, 'signbook.list', head, {});
    const [a, b, c] = cases.map((id) => book.find((x) => x.caseId === id)) as [SignBookItem, SignBookItem, SignBookItem];
    const item = (x: SignBookItem, actionId = x.action.id) => ({ caseId: x.caseId, taskId: x.taskId, actionId, asPositionId: x.asPositionId });

    // A wrong password writes nothing at all.
    const before = await events();
    const wrong = await dispatch(ctx, 'signbook.signBatch', head, { items: [item(a), item(b)], signingPassword: 'bukan-sandinya' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await events()).toBe(before);
    const twice = await dispatch(ctx, 'signbook.signBatch', head, { items: [item(a), item(a)], signingPassword: STAFF_PASSWORD });
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    // C was sent back for revision meanwhile: its task in the book is stale.
    await w.step(c.caseId, { kind: 'return', note: 'Lampirkan foto hasil perbaikan.' });
    const results = await call(ctx, 'signbook.signBatch', head, {
      items: [item(a), item(c), item(b), { ...item(b), taskId: `${b.taskId.split(':')[0] ?? ''}:9`, actionId: 'revisi' }],
      signingPassword: STAFF_PASSWORD,
    });
    expect(results.map((r) => [r.caseId, r.ok])).toEqual([
      [a.caseId, true],
      [c.caseId, false],
      [b.caseId, true],
      [b.caseId, false],
    ]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: expect.stringMatching(/INVALID_ACTION|CONFLICT/) as unknown } });
    expect(results[3]).toMatchObject({ ok: false });

    // Each approval is its own act: own event, own valid signature, own letter number.
    const signed = await Promise.all([a, b].map(async (x) => (await w.detail(x.caseId)).timeline.find((e) => e.type === 'case.approved')));
    for (const e of signed) expect(e?.signature).toMatchObject({ status: 'valid', signerName: `Pejabat kepala_opd.${opdCode}` });
    const rows = await ctx.db.selectFrom('event').select(['id', 'signature', 'payload']).where('type', '=', 'case.approved').execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.signature)).size).toBe(2);
    expect(new Set(rows.map((r) => (JSON.parse(r.payload) as { letter: { number: string } }).letter.number)).size).toBe(2);
    expect((await w.detail(c.caseId)).case.status).not.toBe('answered');
    // Signed ones left the book; the returned one is with the drafter again.
    expect((await call(ctx, 'signbook.list', head, {})).map((x) => x.caseId)).toEqual([]);
  });

  it('refuses an act that is not signed, and a post the signer does not hold', async () => {
    const kd = await call(ctx, 'signbook.list', kadis, {});
    const x = kd[0] as SignBookItem;
    const ov = await call(ctx, 'office.overview', admin, {});
    const opd = ov.units.find((u) => u.name === opdName);
    const r = await call(ctx, 'signbook.signBatch', head, {
      items: [
        {
          caseId: x.caseId,
          taskId: x.taskId,
          actionId: x.action.id,
          asPositionId: x.asPositionId,
          targets: [{ unitId: opd?.id ?? '', positionId: null }],
        },
      ],
      signingPassword: STAFF_PASSWORD,
    });
    expect(r).toMatchObject([{ ok: false, error: { code: 'FORBIDDEN' } }]);
    // The Plt. signs the disposition as Plt.: the event says so.
    const ok = await call(ctx, 'signbook.signBatch', kasi, {
      items: [
        {
          caseId: x.caseId,
          taskId: x.taskId,
          actionId: x.action.id,
          asPositionId: x.asPositionId,
          targets: [{ unitId: opd?.id ?? '', positionId: null }],
          instructions: ['Proses lebih lanjut'],
        },
      ],
      signingPassword: STAFF_PASSWORD,
    });
    expect(ok).toMatchObject([{ ok: true }]);
    const e = (await w.detail(x.caseId)).timeline.find((t) => t.type === 'case.disposed');
    expect(e).toMatchObject({ acting: 'plt', signature: { status: 'valid' } });
  });

  it('lists what I passed on in a period and where each case is now', async () => {
    const period = { from: START, to: clock.now() + DAY };
    const out = await call(ctx, 'signbook.outgoing', head, period);
    // The head disposed each of the three cases to the field once.
    expect(out.truncated).toBe(false);
    expect(out.rows.map((r) => r.caseId).sort()).toEqual(cases.slice(0, 3).sort());
    const a = out.rows.find((r) => r.caseId === cases[0]);
    expect(a).toMatchObject({
      actionLabel: expect.any(String) as unknown,
      asTitle: expect.any(String) as unknown,
      acting: null,
      targets: [expect.stringMatching(/Bidang/i) as unknown],
      status: 'in_process',
      overdue: false,
    });
    expect(a?.now.map((p) => p.unitName)).toEqual([opdName as unknown]);
    const c = out.rows.find((r) => r.caseId === cases[2]);
    expect(c?.now.map((p) => p.stepName)).toEqual(['Menyusun tanggapan aduan sesuai arahan pimpinan']);
    // The Kepala Seksi's list: their own forward of the case, and their disposition as Plt.
    const plt = await call(ctx, 'signbook.outgoing', kasi, period);
    const mine = plt.rows.filter((r) => r.caseId === cases[3]).map((r) => [r.acting, r.targets]);
    expect(mine).toHaveLength(2);
    expect(mine).toEqual(
      expect.arrayContaining([
        ['plt', [opdName]],
        [null, []],
      ]),
    );
    // Weeks later the cases still open there are overdue; a period before any act is empty.
    clock.advance(30 * DAY);
    await call(ctx, 'session.unlock', head, { password: STAFF_PASSWORD }); // idle that long, the session locked
    const late = await call(ctx, 'signbook.outgoing', head, period);
    expect(late.rows.find((r) => r.caseId === cases[2])).toMatchObject({ overdue: true, now: [{ overdue: true }] });
    expect((await call(ctx, 'signbook.outgoing', head, { from: START - 10 * DAY, to: START - DAY })).rows).toEqual([]);
    const bad = await dispatch(ctx, 'signbook.outgoing', head, { from: START, to: START - 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
