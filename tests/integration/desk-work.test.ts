/**
 * Issue 15's desk work through the contract on a real Balangan office (real SQLite): linking
 * duplicates (both pages, the complainant as each caller may see them), recording how the
 * answer reached the complainant, bulk acts decided per case by the engine, canned texts,
 * and that a rebuild from the log gives the same projections.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import { rebuildProjections } from '../../src/main/backend/projection/projector';
import type { BackendContext } from '../../src/main/backend/services/context';
import type { InputOf } from '../../src/shared/api/contract';
import type { MonthlyReport } from '../../src/shared/api/views-reports';
import { call, fakeClock, newOffice, snapshotProjections } from '../helpers/temp';
import { staffOffice } from '../helpers/office';

const START = Date.UTC(2026, 10, 3, 2, 0); // Tuesday 3 Nov 2026, 10:00 WITA
const HOUR = 5 * 60_000; // "an hour" short of the idle lock

describe('desk work (Balangan)', () => {
  let ctx: BackendContext;
  let admin: string;
  let opd: string;
  let opdUnitId: string;
  const clock = fakeClock(START);

  function registration(title: string, extra: Partial<InputOf<'case.register'>> = {}): InputOf<'case.register'> {
    return {
      channel: 'web',
      receivedAt: clock.now(),
      type: 'pengaduan',
      title,
      description: `${title}, mohon ditindaklanjuti.`,
      privacy: 'biasa',
      complainant: { name: 'Siti Rahmah', phone: '081234567890' },
      ...extra,
    };
  }
  const register = async (title: string, extra: Partial<InputOf<'case.register'>> = {}) =>
    (await call(ctx, 'case.register', admin, registration(title, extra))).caseId;
  /** The desk's fast lane straight to the OPD. */
  async function toOpd(caseId: string): Promise<void> {
    const d = await call(ctx, 'case.get', admin, { caseId });
    const a = d.allowed.find((x) => x.action.id === 'jalur_cepat');
    if (!a) throw new Error('no fast lane');
    await call(ctx, 'case.act', admin, {
      caseId,
      taskId: a.taskId,
      actionId: a.action.id,
      asPositionId: a.asPositionId,
      targets: [{ unitId: opdUnitId, positionId: null }],
    });
  }

  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    admin = o.token;
    const staff = await staffOffice(ctx, admin, 1);
    const ov = await call(ctx, 'office.overview', admin, {});
    opdUnitId = ov.units.find((u) => u.kind === 'opd')?.id ?? '';
    const opdAdmin = [...staff.tokens].find(([name]) => name.includes('.'))?.[1];
    if (!opdAdmin) throw new Error('no OPD user');
    opd = opdAdmin;
  }, 60_000);
  afterAll(() => ctx.opened.close());

  it('links a duplicate both ways, from registration and from a case page, and keeps chains one level deep', async () => {
    const original = await register('Jalan berlubang di Paringin');
    const fromRegistration = await call(ctx, 'case.registerDuplicate', admin, {
      registration: registration('Jalan rusak Paringin', { complainant: { name: 'Budi Santoso', phone: null } }),
      originalId: original,
      note: 'Lokasi sama.',
    });
    const dup = await call(ctx, 'case.get', admin, { caseId: fromRegistration.caseId });
    expect(dup.case.status).toBe('closed');
    const closed = dup.timeline.at(-1);
    expect(closed).toMatchObject({ type: 'case.closed', conflict: null });
    expect(closed?.summary).toMatchObject({ reason: 'duplicate', duplicateOf: original });
    expect(String(closed?.summary.kind === 'closed' ? closed.summary.note : null)).toMatch(/^Duplikat dari ADU-2026-.*: Lokasi sama\.$/);

    const later = await register('Jalan Paringin berlubang lagi');
    // Pointing at a duplicate links to its original.
    await call(ctx, 'case.linkDuplicate', admin, { caseId: later, originalId: fromRegistration.caseId, note: null });
    const links = await call(ctx, 'case.links', admin, { caseId: original });
    expect(links.duplicates.map((d) => [d.id, d.complainant])).toEqual([
      [fromRegistration.caseId, 'Budi Santoso'],
      [later, 'Siti Rahmah'],
    ]);
    expect(links.canLinkDuplicate).toBe(true);
    const back = await call(ctx, 'case.links', admin, { caseId: later });
    expect(back.duplicateOf).toMatchObject({ id: original, complainant: 'Siti Rahmah', complainantHidden: false });
    expect(back.canLinkDuplicate).toBe(false);

    const self = await dispatch(ctx, 'case.linkDuplicate', admin, { caseId: original, originalId: original, note: null });
    expect(self).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const again = await dispatch(ctx, 'case.linkDuplicate', admin, { caseId: later, originalId: original, note: null });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_ACTION' } });
  });

  it('shows an OPD only the links it may see, never a rahasia complainant, and lets only the desk link', async () => {
    const secret = await register('Pungutan liar di puskesmas', {
      privacy: 'rahasia',
      complainant: { name: 'Pelapor Rahasia', phone: '081299990000' },
    });
    const plain = await register('Pungli puskesmas');
    await toOpd(secret);
    await toOpd(plain);
    const refused = await dispatch(ctx, 'case.linkDuplicate', opd, { caseId: plain, originalId: secret, note: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await call(ctx, 'case.linkDuplicate', admin, { caseId: plain, originalId: secret, note: 'Sama.' });
    const seenByOpd = await call(ctx, 'case.links', opd, { caseId: plain });
    expect(seenByOpd.duplicateOf).toMatchObject({ id: secret, complainant: null, complainantHidden: true });
    expect(seenByOpd.canLinkDuplicate).toBe(false);
    const seenByDesk = await call(ctx, 'case.links', admin, { caseId: plain });
    expect(seenByDesk.duplicateOf).toMatchObject({ complainant: 'Pelapor Rahasia', complainantHidden: false });
    const audit = ctx.opened.sqlite.prepare("SELECT count(*) AS n FROM audit WHERE action = 'identity.read' AND target = ?").get(secret) as {
      n: number;
    };
    expect(audit.n).toBeGreaterThan(0);
    // A case the OPD never received is not listed to it.
    const other = await register('Pungli lagi');
    await call(ctx, 'case.linkDuplicate', admin, { caseId: other, originalId: secret, note: null });
    expect((await call(ctx, 'case.links', opd, { caseId: secret })).duplicates.map((d) => d.id)).toEqual([plain]);
    expect((await dispatch(ctx, 'case.links', opd, { caseId: other })).ok).toBe(false);
  });

  it('records how the answer reached the complainant, only on an answered case and not before the answer', async () => {
    const id = await register('Permohonan data jumlah sekolah', { type: 'informasi' });
    const early = await dispatch(ctx, 'case.recordDelivery', admin, { caseId: id, channel: 'whatsapp', deliveredAt: clock.now(), note: null });
    expect(early).toMatchObject({ ok: false, error: { code: 'INVALID_ACTION' } });
    clock.advance(HOUR);
    const d = await call(ctx, 'case.get', admin, { caseId: id });
    const a = d.allowed.find((x) => x.action.id === 'jawab_informasi');
    if (!a) throw new Error('no direct answer');
    await call(ctx, 'case.act', admin, {
      caseId: id,
      taskId: a.taskId,
      actionId: a.action.id,
      asPositionId: a.asPositionId,
      response: 'Jumlah sekolah 120.',
    });
    const answeredAt = clock.now();
    clock.advance(HOUR);
    expect((await call(ctx, 'case.links', admin, { caseId: id })).canRecordDelivery).toBe(true);
    const before = await dispatch(ctx, 'case.recordDelivery', admin, { caseId: id, channel: 'sms', deliveredAt: answeredAt - 1, note: null });
    expect(before).toMatchObject({ ok: false, error: { code: 'INVALID_ACTION' } });
    const future = await dispatch(ctx, 'case.recordDelivery', admin, { caseId: id, channel: 'sms', deliveredAt: clock.now() + HOUR, note: null });
    expect(future.ok).toBe(false);
    await call(ctx, 'case.recordDelivery', admin, {
      caseId: id,
      channel: 'whatsapp',
      deliveredAt: answeredAt + 60_000,
      note: 'Dikirim ke nomor pengadu.',
    });
    expect((await call(ctx, 'case.links', admin, { caseId: id })).delivery).toEqual({ channel: 'whatsapp', at: answeredAt + 60_000 });
    const after = await call(ctx, 'case.get', admin, { caseId: id });
    expect(after.timeline.at(-1)).toMatchObject({ type: 'case.answer_delivered', conflict: null, summary: { channel: 'whatsapp' } });
    const row = ctx.opened.sqlite.prepare('SELECT delivered_at, delivery_channel FROM cases WHERE id = ?').get(id);
    expect(row).toEqual({ delivered_at: answeredAt + 60_000, delivery_channel: 'whatsapp' });
  });

  it('runs a bulk forward case by case: refused cases are reported with the reason, the rest done', async () => {
    const ids = [await register('Sampah menumpuk 1'), await register('Sampah menumpuk 2'), await register('Sampah menumpuk 3')];
    const info = await register('Minta data', { type: 'informasi' });
    await toOpd(info); // no longer at the desk's registration step
    const opts = await call(ctx, 'case.bulkOptions', admin, { caseIds: [...ids, info] });
    expect(opts.find((o) => o.actionId === 'teruskan')).toMatchObject({ kind: 'forward', cases: 3 });
    const r = await call(ctx, 'case.bulk', admin, {
      caseIds: [...ids, info],
      op: { kind: 'act', actionKind: 'forward', actionId: 'teruskan', note: 'Mohon diperiksa.' },
    });
    expect(r.done).toBe(3);
    expect(r.failed).toBe(1);
    expect(r.outcomes.find((o) => !o.ok)).toMatchObject({ caseId: info, message: expect.stringMatching(/tidak tersedia/) });
    for (const id of ids)
      expect((await call(ctx, 'case.get', admin, { caseId: id })).tasks.filter((t) => t.state === 'open').map((t) => t.stepId)).toEqual([
        'pemeriksaan',
      ]);

    const more = [await register('Banjir 1'), await register('Banjir 2')];
    const target = await register('Banjir Paringin');
    const dup = await call(ctx, 'case.bulk', admin, { caseIds: [...more, target], op: { kind: 'closeDuplicate', originalId: target, note: null } });
    expect(dup).toMatchObject({ done: 2, failed: 1 });
    expect(dup.outcomes.find((o) => o.caseId === target)?.message).toMatch(/dirinya sendiri/);
    expect((await call(ctx, 'case.links', admin, { caseId: target })).duplicates.map((d) => d.id).sort()).toEqual([...more].sort());
  });

  it('keeps canned texts per office and per unit, edited only by an administrator', async () => {
    const office = await call(ctx, 'canned.save', admin, {
      id: null,
      kind: 'answer',
      unitId: null,
      title: 'Terima kasih',
      text: 'Terima kasih atas laporan Anda.',
    });
    const unit = await call(ctx, 'canned.save', admin, {
      id: null,
      kind: 'note',
      unitId: opdUnitId,
      title: 'Cek lapangan',
      text: 'Mohon dicek ke lapangan.',
    });
    const hubOnly = await call(ctx, 'canned.save', admin, {
      id: null,
      kind: 'note',
      unitId: (await call(ctx, 'office.overview', admin, {})).units.find((u) => u.kind === 'hub')?.id ?? null,
      title: 'Lengkapi',
      text: 'Mohon lengkapi berkas.',
    });
    expect((await call(ctx, 'canned.list', opd, { all: false })).map((c) => c.id).sort()).toEqual([office.id, unit.id].sort());
    expect((await call(ctx, 'canned.list', admin, { all: true })).map((c) => c.id).sort()).toEqual([office.id, unit.id, hubOnly.id].sort());
    expect(await dispatch(ctx, 'canned.save', opd, { id: null, kind: 'note', unitId: null, title: 'x', text: 'y' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await call(ctx, 'canned.save', admin, { ...office, text: 'Terima kasih, laporan Anda sudah kami tindak lanjuti.' });
    await call(ctx, 'canned.delete', admin, { id: unit.id });
    expect(await call(ctx, 'canned.list', opd, { all: false })).toEqual([
      { ...office, text: 'Terima kasih, laporan Anda sudah kami tindak lanjuti.' },
    ]);
  });

  it('counts duplicates, hand-closed and answered-but-undelivered cases in the monthly recap and its XLSX', async () => {
    const info = await register('Minta data anggaran', { type: 'informasi' });
    const d = await call(ctx, 'case.get', admin, { caseId: info });
    const a = d.allowed.find((x) => x.action.id === 'jawab_informasi');
    if (!a) throw new Error('no direct answer');
    await call(ctx, 'case.act', admin, {
      caseId: info,
      taskId: a.taskId,
      actionId: a.action.id,
      asPositionId: a.asPositionId,
      response: 'Data terlampir.',
    });
    const byHand = await register('Sudah selesai sendiri');
    await call(ctx, 'case.close', admin, { caseId: byHand, reason: 'manual', note: 'Pengadu menyatakan sudah beres.' });
    const m = ((await call(ctx, 'report.data', admin, { kind: 'bulanan', period: '2026-11' })) as MonthlyReport).measures;
    const rows = ctx.opened.sqlite.prepare('SELECT close_reason AS r, count(*) AS n FROM cases GROUP BY close_reason').all() as Array<{
      r: string | null;
      n: number;
    }>;
    const dups = rows.find((r) => r.r === 'duplicate')?.n;
    expect(dups).toBe(6);
    // Two answered cases, one delivered; duplicates are neither finished nor open.
    expect(m).toMatchObject({ closedDuplicate: 6, closedByHand: 1, reopened: 0, answeredNotDelivered: 1 });
    expect(m.finished + m.open + m.closedDuplicate).toBe(m.received);
    const f = await call(ctx, 'report.export', admin, { kind: 'bulanan', period: '2026-11', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(Buffer.from(f.dataBase64, 'base64')).buffer);
    const values = new Map<string, unknown>();
    wb.getWorksheet('Ringkasan')?.eachRow((r) => values.set(String(r.getCell(1).value), r.getCell(2).value));
    expect([
      values.get('Ditutup sebagai Duplikat'),
      values.get('Ditutup Manual'),
      values.get('Dibuka Kembali'),
      values.get('Dijawab, Belum Disampaikan'),
    ]).toEqual([6, 1, 0, 1]);
  });

  it('rebuilds the same projections from the log', async () => {
    const before = await snapshotProjections(ctx);
    await rebuildProjections(ctx.db, await ctx.projection(), ctx.writer);
    expect(await snapshotProjections(ctx)).toEqual(before);
  });
});
