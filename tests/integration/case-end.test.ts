/**
 * Issue 15's SOP gaps through the contract on a real Magetan office: the way out of the Super
 * Admin step, the complainant's reaction (reopen within the window, close by hand), who may
 * do it, and the recaps titled by the office's own preset.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import { ADMIN_PASSWORD, call, fakeClock, newOffice } from '../helpers/temp';
import { staffOffice, walker, type Walker } from '../helpers/office';

const START = Date.UTC(2026, 10, 3, 3, 0); // Tuesday 3 Nov 2026, 10:00 WIB
const DAY = 86_400_000;

describe('the end of a case (Magetan)', () => {
  let ctx: BackendContext;
  let admin: string;
  let opdUser: string;
  let w: Walker;
  const clock = fakeClock(START);

  let seq = 0;
  async function register(title: string): Promise<string> {
    seq += 1;
    const r = await call(ctx, 'case.register', admin, {
      channel: 'lapor',
      laporId: `LAP-2026-${seq}`,
      receivedAt: clock.now(),
      type: 'pengaduan',
      title,
      description: `${title}, mohon ditindaklanjuti.`,
      privacy: 'biasa',
      complainant: { name: 'Sri Wahyuni', phone: '081234567890' },
    });
    return r.caseId;
  }

  async function answered(title: string): Promise<string> {
    const id = await register(title);
    await w.step(id); // terima (the Super Admin's disposition received)
    await w.step(id); // disposisi ke pejabat penghubung
    await w.step(id); // tindak lanjut
    await w.step(id); // jawab
    expect((await w.detail(id)).case.status).toBe('answered');
    return id;
  }

  beforeAll(async () => {
    const o = await newOffice('magetan', clock);
    ctx = o.ctx;
    admin = o.token;
    const staff = await staffOffice(ctx, admin, 1);
    const ov = await call(ctx, 'office.overview', admin, {});
    const opdIds = ov.units
      .filter((u) => u.kind === 'opd')
      .slice(0, 1)
      .map((u) => u.id);
    w = walker(ctx, new Map([['admin', admin], ...staff.tokens]), opdIds);
    opdUser = [...staff.tokens.values()][0] ?? '';
  }, 120_000);
  afterAll(() => ctx.opened.close());

  it('closes a case the Super Admin forwarded to another agency, which then never goes to the Ombudsman', async () => {
    const id = await register('Jalan provinsi rusak di Maospati');
    await w.step(id);
    await w.step(id, { kind: 'return', note: 'Kewenangan Pemerintah Provinsi Jawa Timur.' });
    const d = await w.detail(id);
    expect(d.tasks.filter((t) => t.state === 'open').map((t) => t.stepId)).toEqual(['disposisi_pusat']);
    expect(await call(ctx, 'case.endOptions', admin, { caseId: id })).toEqual({
      closeReasons: ['manual', 'duplicate', 'transferred', 'not_competent'],
      reopenUntil: null,
    });
    const empty = await dispatch(ctx, 'case.close', admin, { caseId: id, reason: 'transferred', note: '  ' });
    expect(empty.ok).toBe(false);
    await call(ctx, 'case.close', admin, {
      caseId: id,
      reason: 'transferred',
      note: 'Diteruskan Super Admin ke Dinas PU Bina Marga Provinsi Jawa Timur.',
    });
    const closed = await w.detail(id);
    expect(closed.case.status).toBe('closed');
    expect(closed.timeline.at(-1)).toMatchObject({ type: 'case.closed' });
    expect(await call(ctx, 'case.endOptions', admin, { caseId: id })).toEqual({ closeReasons: [], reopenUntil: null });
  });

  it('refuses a reason the step does not offer, and refuses the OPD', async () => {
    const id = await register('Lampu jalan padam di Plaosan');
    await w.step(id);
    const r = await dispatch(ctx, 'case.close', admin, { caseId: id, reason: 'not_competent', note: 'Bukan kewenangan.' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ACTION', message: 'Alasan penutupan ini tidak berlaku pada langkah aduan sekarang.' },
    });
    await w.step(id); // now at the OPD
    expect(await call(ctx, 'case.endOptions', opdUser, { caseId: id })).toEqual({ closeReasons: [], reopenUntil: null });
    const byOpd = await dispatch(ctx, 'case.close', opdUser, { caseId: id, reason: 'manual', note: 'Sudah selesai.' });
    expect(byOpd).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it("reopens an answered case with the complainant's words within the window; closes one by hand; not after the window", async () => {
    const id = await answered('Saluran air tersumbat di Panekan');
    const opts = await call(ctx, 'case.endOptions', admin, { caseId: id });
    expect(opts.closeReasons).toEqual(['manual', 'duplicate']);
    expect(opts.reopenUntil).toBeGreaterThan(clock.now());
    await call(ctx, 'case.reopen', admin, { caseId: id, words: 'Saluran masih tersumbat, air meluap ke rumah saya.' });
    const d = await w.detail(id);
    expect(d.case.status).toBe('in_process');
    expect(d.tasks.filter((t) => t.state === 'open')).toMatchObject([
      { stepId: 'verifikasi_kab', note: 'Saluran masih tersumbat, air meluap ke rumah saya.' },
    ]);
    expect(d.timeline.at(-1)).toMatchObject({ type: 'case.reopened' });

    const satisfied = await answered('Pohon tumbang di Jalan Yos Sudarso');
    await call(ctx, 'case.close', admin, { caseId: satisfied, reason: 'manual', note: 'Pelapor menyatakan puas melalui telepon.' });
    expect((await w.detail(satisfied)).case.status).toBe('closed');

    const late = await answered('Sampah menumpuk di pasar Sayur');
    clock.advance(20 * DAY);
    admin = (await call(ctx, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD })).token; // the idle lock ended the session
    expect((await call(ctx, 'case.endOptions', admin, { caseId: late })).reopenUntil).toBeNull();
    const r = await dispatch(ctx, 'case.reopen', admin, { caseId: late, words: 'Belum diangkut.' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ACTION', message: 'Masa tanggapan pengadu atas jawaban ini sudah lewat.' } });
  });

  it("titles the recaps after the office's own SOP", async () => {
    const d = await call(ctx, 'report.data', admin, { kind: 'bulanan', period: '2026-11' });
    expect(d.title).toBe('Rekapitulasi Bulanan Layanan Aspirasi dan Pengaduan Online Rakyat (SP4N-LAPOR!)');
  });

  it("exports the period's answers for LAPOR! (one row per tracking id) and the case list, as XLSX", async () => {
    const read = async (b64: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      if (!ws) throw new Error('no sheet');
      const rows: string[][] = [];
      ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v instanceof Date ? 'date' : String(v ?? '')))));
      return rows;
    };
    const answers = await call(ctx, 'answers.exportLapor', admin, { from: '2026-11-01', to: '2026-11-30' });
    expect(answers.fileName).toBe('jawaban-lapor-2026-11-01-2026-11-30.xlsx');
    const a = await read(answers.dataBase64);
    expect(a[0]).toEqual(['Tracking ID LAPOR!', 'Jawaban', 'Dijawab', 'No. registrasi', 'Judul']);
    // The three cases answered in November, each once, with the answer text.
    expect(
      a
        .slice(1)
        .map((r) => r[4])
        .sort(),
    ).toEqual(['Pohon tumbang di Jalan Yos Sudarso', 'Saluran air tersumbat di Panekan', 'Sampah menumpuk di pasar Sayur']);
    expect(
      a
        .slice(1)
        .every(
          (r) => /^LAP-2026-\d+$/.test(r[0] ?? '') && r[1] === 'Jalan telah diperbaiki oleh tim pemeliharaan pada minggu ini.' && r[2] === 'date',
        ),
    ).toBe(true);
    expect(await read((await call(ctx, 'answers.exportLapor', admin, { from: '2026-10-01', to: '2026-10-31' })).dataBase64)).toHaveLength(1);

    const list = await read((await call(ctx, 'case.exportList', admin, { status: 'closed' })).dataBase64);
    expect(list[0]?.slice(0, 3)).toEqual(['No. registrasi', 'No. LAPOR!', 'Diterima']);
    expect(
      list
        .slice(1)
        .map((r) => r[5])
        .sort(),
    ).toEqual(['Jalan provinsi rusak di Maospati', 'Pohon tumbang di Jalan Yos Sudarso']);
    expect(list.slice(1).every((r) => r[6] === 'Selesai')).toBe(true);
  });
});
