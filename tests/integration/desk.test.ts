import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import type { ServerEvent } from '../../src/shared/api/contract';
import type { AttachmentRef } from '../../src/shared/domain/events';
import { call, fakeClock, newOffice } from '../helpers/temp';
import { STAFF_PASSWORD, staffOffice, walker, type Walker } from '../helpers/office';
import { appendEvents, loadCaseEvents } from '../../src/main/backend/projection/event-store';
import { projectEvents } from '../../src/main/backend/projection/projector';

const START = Date.UTC(2026, 10, 3, 2, 0); // Tuesday 3 Nov 2026, 10:00 WITA
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(200)]);
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(62),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from('PE\0\0'),
  Buffer.alloc(300),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const b64 = (b: Buffer) => b.toString('base64');

describe('the complaint desk', () => {
  let ctx: BackendContext;
  let admin: string;
  let tokens: Map<string, string>;
  let w: Walker;
  let opdIds: string[];
  const clock = fakeClock(START);
  const events: ServerEvent[] = [];

  async function eventCount(): Promise<number> {
    return Number((ctx.opened.sqlite.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n);
  }

  async function register(title = 'Lampu jalan padam di Paringin', extra: Record<string, unknown> = {}) {
    return call(ctx, 'case.register', admin, {
      channel: 'phone',
      receivedAt: clock.now(),
      type: 'pengaduan',
      title,
      description: `${title}. Sudah dua minggu gelap dan rawan.`,
      privacy: 'biasa',
      complainant: { name: 'Siti Aisyah', phone: '0812-3456-7890' },
      ...extra,
    });
  }

  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    admin = o.token;
    const staff = await staffOffice(ctx, admin, 2);
    tokens = new Map([['admin', admin], ...staff.tokens]);
    const ov = await call(ctx, 'office.overview', admin, {});
    opdIds = ov.units
      .filter((u) => u.kind === 'opd')
      .slice(0, 2)
      .map((u) => u.id);
    w = walker(ctx, tokens, opdIds);
    ctx.bus.on('event', (e: ServerEvent) => events.push(e));
  }, 120_000);
  afterAll(() => ctx.opened.close());

  describe('attachments', () => {
    it('stores a photo by its content hash, once', async () => {
      const a = await call(ctx, 'attachment.upload', admin, { name: 'foto lokasi.png', dataBase64: b64(PNG) });
      const b = await call(ctx, 'attachment.upload', admin, { name: 'lagi.png', dataBase64: b64(PNG) });
      expect(a).toMatchObject({ mime: 'image/png', size: PNG.length, name: 'foto lokasi.png' });
      expect(b.sha256).toBe(a.sha256);
      expect(fs.existsSync(path.join(ctx.options.dataDir, 'blobs', a.sha256.slice(0, 2), a.sha256))).toBe(true);
    });

    it('refuses an executable named .pdf, a photo named .pdf, and a file over the limit', async () => {
      const exe = await dispatch(ctx, 'attachment.upload', admin, { name: 'surat.pdf', dataBase64: b64(EXE) });
      expect(exe.ok).toBe(false);
      if (!exe.ok) expect(exe.error.message).toMatch(/Jenis berkas tidak diterima/);
      const jpg = await dispatch(ctx, 'attachment.upload', admin, { name: 'scan.pdf', dataBase64: b64(JPEG) });
      expect(jpg.ok).toBe(false);
      if (!jpg.ok) expect(jpg.error.message).toMatch(/tidak sesuai dengan namanya/);
      const s = await call(ctx, 'settings.get', admin, {});
      await call(ctx, 'settings.save', admin, { ...s, attachmentLimitMb: 1 });
      const big = Buffer.concat([PDF, Buffer.alloc(1_200_000)]);
      const tooBig = await dispatch(ctx, 'attachment.upload', admin, { name: 'besar.pdf', dataBase64: b64(big) });
      expect(tooBig.ok).toBe(false);
      if (!tooBig.ok) expect(tooBig.error.message).toMatch(/terlalu besar.*batas 1 MB/);
      await call(ctx, 'settings.save', admin, { ...s, attachmentLimitMb: 10 });
      const blobs = fs
        .readdirSync(path.join(ctx.options.dataDir, 'blobs'))
        .flatMap((d) => fs.readdirSync(path.join(ctx.options.dataDir, 'blobs', d)));
      expect(blobs).toHaveLength(1);
    });

    it('makes hostile file names harmless and refuses ones with nothing left', async () => {
      const a = await call(ctx, 'attachment.upload', admin, { name: '../../etc/\u0000pass\u0007wd<1>.pdf', dataBase64: b64(PDF) });
      expect(a.name).toBe('pass_wd_1_.pdf'.replace('pass_wd', 'passwd'));
      const bad = await dispatch(ctx, 'attachment.upload', admin, { name: '../..//', dataBase64: b64(PDF) });
      expect(bad.ok).toBe(false);
      const notB64 = await dispatch(ctx, 'attachment.upload', admin, { name: 'x.pdf', dataBase64: '%%%not base64%%%' });
      expect(notB64.ok).toBe(false);
    });

    it('registers with attachments, serves them only through their case, and refuses unknown blobs', async () => {
      const photo = await call(ctx, 'attachment.upload', admin, { name: 'lampu.png', dataBase64: b64(PNG) });
      const fake: AttachmentRef = { ...photo, sha256: 'a'.repeat(64) };
      const before = await eventCount();
      const r = await dispatch(ctx, 'case.register', admin, {
        channel: 'web',
        receivedAt: clock.now(),
        type: 'pengaduan',
        title: 'x',
        description: 'y',
        privacy: 'anonim',
        complainant: null,
        attachments: [fake],
      });
      expect(r.ok).toBe(false);
      expect(await eventCount()).toBe(before);
      const { caseId } = await register('Tiang listrik miring di Juai', { attachments: [photo] });
      const d = await call(ctx, 'case.get', admin, { caseId });
      expect(d.case.attachments.map((a) => a.sha256)).toEqual([photo.sha256]);
      expect(d.timeline[0]?.summary).toMatchObject({
        kind: 'registered',
        files: [{ name: 'lampu.png', sha256: photo.sha256, mime: 'image/png', size: PNG.length }],
      });
      const got = await call(ctx, 'attachment.get', admin, { caseId, sha256: photo.sha256 });
      expect(Buffer.from(got.dataBase64, 'base64').equals(PNG)).toBe(true);
      const other = await register('Kasus lain tanpa lampiran');
      const denied = await dispatch(ctx, 'attachment.get', admin, { caseId: other.caseId, sha256: photo.sha256 });
      expect(denied.ok).toBe(false);
    });
  });

  it('records a step done on paper as the official’s act, marked as paper, with the scan', async () => {
    const { caseId } = await register('Drainase tersumbat di Lampihong');
    for (let i = 0; i < 3; i++) await w.step(caseId); // desk, Kasi, Kabid: now at the Kepala Dinas
    const d = await call(ctx, 'case.get', tokens.get('kadis') ?? null, { caseId });
    const act = d.allowed.find((a) => a.action.kind === 'dispose');
    expect(act).toBeDefined();
    const scan = await call(ctx, 'attachment.upload', admin, { name: 'disposisi-kadis.pdf', dataBase64: b64(PDF) });
    const input = {
      caseId,
      taskId: act?.taskId ?? '',
      actionId: act?.action.id ?? '',
      positionId: act?.asPositionId ?? '',
      writtenOn: '2026-11-03',
      scan,
      targets: [{ unitId: opdIds[0] ?? '', positionId: null }],
      instructions: ['Proses lebih lanjut'],
      note: 'Segera tangani',
    };
    const fromOpd = await dispatch(ctx, 'case.recordPaper', tokens.get([...tokens.keys()].find((k) => k.includes('.')) ?? '') ?? null, input);
    expect(fromOpd.ok).toBe(false);
    if (!fromOpd.ok) expect(fromOpd.error.code).toBe('FORBIDDEN');
    const future = await dispatch(ctx, 'case.recordPaper', admin, { ...input, writtenOn: '2026-12-01' });
    expect(future.ok).toBe(false);
    await call(ctx, 'case.recordPaper', admin, input);
    const after = await call(ctx, 'case.get', admin, { caseId });
    const entry = after.timeline[after.timeline.length - 1];
    expect(entry).toMatchObject({ type: 'case.disposed', paper: true, authorName: 'Pejabat kadis' });
    // As complete as a digital act: the date on the sheet, who entered it, the scan to open.
    expect(entry?.summary).toMatchObject({
      kind: 'act',
      instructions: ['Proses lebih lanjut'],
      paper: { writtenOn: '2026-11-03', recordedBy: 'Admin Uji', scan: { name: 'disposisi-kadis.pdf', sha256: scan.sha256 } },
    });
    expect(after.case.attachments.map((a) => a.sha256)).toContain(scan.sha256);
    expect(after.case.opdUnitIds).toEqual([opdIds[0]]);
  });

  it('shows likely duplicates before saving: same LAPOR! id, same person about the same thing', async () => {
    await register('Jembatan kayu rusak di Desa Galumbang', { channel: 'lapor', laporId: '7788991' });
    const byLapor = await call(ctx, 'case.duplicates', admin, { laporId: '7788991', title: 'apa saja' });
    expect(byLapor[0]?.reasons).toContain('lapor');
    const byPerson = await call(ctx, 'case.duplicates', admin, {
      complainant: { name: 'siti aisyah', phone: '+62 812 3456 7890' },
      title: 'Jembatan rusak di Galumbang',
      description: 'Papan jembatan kayu banyak yang patah',
    });
    expect(byPerson[0]?.title).toBe('Jembatan kayu rusak di Desa Galumbang');
    expect(byPerson[0]?.reasons).toEqual(expect.arrayContaining(['complainant', 'text']));
    const none = await call(ctx, 'case.duplicates', admin, {
      title: 'Permohonan informasi jadwal vaksinasi',
      description: 'kapan jadwal vaksinasi balita',
    });
    expect(none.every((d) => !d.reasons.includes('complainant'))).toBe(true);
    // Sharing one word (the village) with an existing case is not "the same thing".
    const place = await call(ctx, 'case.duplicates', admin, {
      title: 'Pungutan liar di sekolah Galumbang',
      description: 'Orang tua murid diminta membayar seragam',
    });
    expect(place.find((d) => d.title === 'Jembatan kayu rusak di Desa Galumbang')).toBeUndefined();
  });

  it('keeps saved searches per user', async () => {
    const s = await call(ctx, 'search.saved.save', admin, { id: null, name: 'Terlambat via LAPOR!', filters: { channel: 'lapor', overdue: true } });
    expect((await call(ctx, 'search.saved.list', admin, {})).map((x) => x.name)).toEqual(['Terlambat via LAPOR!']);
    const kasi = tokens.get('kasi') ?? null;
    expect(await call(ctx, 'search.saved.list', kasi, {})).toEqual([]);
    const steal = await dispatch(ctx, 'search.saved.delete', kasi, { id: s.id });
    expect(steal.ok).toBe(false);
    await call(ctx, 'search.saved.delete', admin, { id: s.id });
    expect(await call(ctx, 'search.saved.list', admin, {})).toEqual([]);
  });

  it('issues tracking numbers in the format and station the admin sets', async () => {
    const s = await call(ctx, 'settings.get', admin, {});
    await call(ctx, 'settings.save', admin, { ...s, refFormat: '{SEQ:4}/ADU/{UNIT}/{YYYY}', station: 'B2' });
    const r = await register('Format nomor baru');
    expect(r.ref).toMatch(/^\d{4}\/ADU\/[A-Z0-9.-]+\/2026$/);
    const bad = await dispatch(ctx, 'settings.save', admin, { ...s, refFormat: 'ADU-{YYYY}' });
    expect(bad.ok).toBe(false);
    await call(ctx, 'settings.save', admin, s);
  });

  it('tells the UIs which tasks a case opened', async () => {
    events.length = 0;
    const { caseId } = await register('Notifikasi kotak masuk');
    const opened = events.filter((e): e is Extract<ServerEvent, { task: unknown }> => e.type === 'task.opened');
    expect(opened.map((e) => e.task.caseId)).toEqual([caseId]);
    expect(opened[0]?.task.stepName).toMatch(/Menerima aduan/);
  });

  it('lets an acting official (Plt.) work the post, recorded as acting', async () => {
    const ov = await call(ctx, 'office.overview', admin, {});
    const kadisPost = ov.positions.find((p) => p.roleId === 'kadis');
    const users = await call(ctx, 'user.list', admin, {});
    const kabid = users.find((u) => u.username === 'kabid_ikp');
    const plt = await call(ctx, 'assignment.save', admin, {
      id: null,
      userId: kabid?.id ?? '',
      positionId: kadisPost?.id ?? '',
      acting: 'plt',
      from: '2026-11-01',
      until: '2026-11-30',
    });
    const t = tokens.get('kabid_ikp') ?? null;
    const me = await call(ctx, 'session.me', t, {});
    expect(me.positions.find((p) => p.positionId === kadisPost?.id)?.acting).toBe('plt');
    const { caseId } = await register('Kasus untuk Plt.');
    for (let i = 0; i < 3; i++) await w.step(caseId);
    const d = await call(ctx, 'case.get', t, { caseId });
    const act = d.allowed.find((a) => a.asPositionId === kadisPost?.id);
    expect(act?.acting).toBe('plt');
    await call(ctx, 'case.act', t, {
      caseId,
      taskId: act?.taskId ?? '',
      actionId: act?.action.id ?? '',
      asPositionId: kadisPost?.id ?? '',
      targets: [{ unitId: opdIds[0] ?? '', positionId: null }],
      instructions: ['Koordinasikan'],
      signingPassword: STAFF_PASSWORD,
    });
    const after = await call(ctx, 'case.get', admin, { caseId });
    expect(after.timeline[after.timeline.length - 1]).toMatchObject({ acting: 'plt', authorName: 'Pejabat kabid_ikp' });
    expect(after.timeline[after.timeline.length - 1]?.signature?.status).toBe('valid');
    // The Plt. is made definitive: the used Plt. assignment is ended, not rewritten, so the
    // disposition signed as Plt. stays valid; deleting a used assignment ends it too.
    const definitive = await call(ctx, 'assignment.save', admin, {
      id: plt.id,
      userId: kabid?.id ?? '',
      positionId: kadisPost?.id ?? '',
      acting: null,
      from: '2026-11-04',
      until: null,
    });
    expect(definitive.id).not.toBe(plt.id);
    const kept = (await call(ctx, 'user.list', admin, {})).find((u) => u.id === kabid?.id)?.assignments.find((a) => a.id === plt.id);
    expect(kept).toMatchObject({ acting: 'plt', from: '2026-11-01', until: '2026-11-03' });
    const again = await call(ctx, 'case.get', admin, { caseId });
    expect(again.timeline[again.timeline.length - 1]?.signature?.status).toBe('valid');
    await call(ctx, 'assignment.delete', admin, { id: definitive.id });
  });

  it('two officials acting on the same step at once: one act is saved, the other refused', async () => {
    const { caseId } = await register('Dua pejabat sekaligus');
    const d = await call(ctx, 'case.get', admin, { caseId });
    const a = d.allowed.find((x) => x.action.kind === 'forward');
    const me = await call(ctx, 'session.me', admin, {});
    const second = await call(ctx, 'session.login', null, { username: 'admin', password: 'rahasia-admin-1' });
    const input = { caseId, taskId: a?.taskId ?? '', actionId: a?.action.id ?? '', asPositionId: me.positions[0]?.positionId ?? '' };
    const before = await eventCount();
    const results = await Promise.all([dispatch(ctx, 'case.act', admin, input), dispatch(ctx, 'case.act', second.token, input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    if (refused && !refused.ok) expect(refused.error.code).toBe('INVALID_ACTION');
    expect(await eventCount()).toBe(before + 1);
  });
});

describe('conflicts from another workstation', () => {
  it('keeps a late act on an already-done step, flags it on the case and lists it under conflicts', async () => {
    const clock = fakeClock(START);
    const o = await newOffice('balangan', clock);
    const ctx = o.ctx;
    const { caseId } = await call(ctx, 'case.register', o.token, {
      channel: 'web',
      receivedAt: START,
      type: 'pengaduan',
      title: 'Konflik dua pejabat',
      description: 'Dua pejabat bertindak pada langkah yang sama saat luring.',
      privacy: 'anonim',
      complainant: null,
    });
    const d = await call(ctx, 'case.get', o.token, { caseId });
    const a = d.allowed.find((x) => x.action.kind === 'forward');
    await call(ctx, 'case.act', o.token, { caseId, taskId: a?.taskId ?? '', actionId: a?.action.id ?? '', asPositionId: a?.asPositionId ?? '' });
    // The same act, done offline on another workstation, arrives later by sync.
    const [first] = (await loadCaseEvents(ctx.db, caseId)).filter((e) => e.type === 'case.forwarded');
    if (!first) throw new Error('no act');
    const late = {
      ...first,
      id: '01a19a00-0000-7000-8000-000000000001',
      hlc: `${String(START + 3_600_000).padStart(15, '0')}-000000-otherdevice`,
      deviceId: 'otherdevice',
    };
    await ctx.db.transaction().execute(async (trx) => {
      const added = await appendEvents(trx, [late], false);
      await projectEvents(trx, await ctx.projection(), ctx.writer, added);
    });
    const after = await call(ctx, 'case.get', o.token, { caseId });
    expect(after.conflicts).toHaveLength(1);
    expect(after.timeline.find((t) => t.id === late.id)?.conflict).toMatch(/sudah/);
    expect(after.timeline).toHaveLength(d.timeline.length + 2); // both acts are in the log
    const list = await call(ctx, 'case.list', o.token, { conflicts: true });
    expect(list.rows.map((r) => r.id)).toEqual([caseId]);
    expect(list.rows[0]?.conflictCount).toBe(1);
    await ctx.opened.close();
  });
});
