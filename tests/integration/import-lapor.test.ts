import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import { runCli as alur } from '../helpers/cli';
import type { LaporPreview } from '../../src/shared/api/views-imports';
import { refusedRowsCsv } from '../../src/shared/api/views-imports';
import { parseLaporDate } from '../../src/main/backend/imports/lapor-dates';
import { call, fakeClock, newOffice, tempDir } from '../helpers/temp';

const NOW = Date.UTC(2026, 11, 1, 2, 0); // Tuesday 1 Dec 2026, 10:00 WITA
const WITA = 8 * 3_600_000;
/** The instant of a WITA wall-clock time. */
const wita = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi) - WITA;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const HEADERS = [
  'No. Tracking',
  'Tanggal Laporan',
  'Judul Laporan',
  'Isi Laporan',
  'Kategori',
  'Lokasi Kejadian',
  'Nama Pelapor',
  'Email',
  'No. Telepon',
  'Anonim',
  'Rahasia',
  'Instansi Tujuan',
  'Status',
];

const b64 = (b: Buffer) => b.toString('base64');
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function csv(rows: string[][], delimiter = ','): string {
  return rows.map((r) => r.map((c) => (/["\n,;]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)).join('\r\n');
}

/** A LAPOR! dashboard export: a title block, the header row, then the reports. */
async function laporXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Laporan');
  ws.addRow(['Daftar Laporan SP4N-LAPOR! Kabupaten Balangan']);
  ws.addRow([]);
  ws.addRow(HEADERS);
  // A date cell (exceljs keeps wall-clock time as UTC fields), then text dates in each format.
  ws.addRow([
    'LPR-1001',
    new Date(Date.UTC(2026, 10, 24, 14, 5)),
    'Jalan berlubang di Paringin',
    'Jalan poros desa berlubang besar.',
    'infrastruktur',
    'Paringin',
    'Siti Aisyah',
    'siti@example.id',
    '0812-1',
    'Tidak',
    'Tidak',
    'Dinas PUPR',
    'Proses',
  ]);
  ws.addRow([
    'LPR-1002',
    '2026-11-24',
    'Lampu jalan padam',
    'Sudah dua minggu gelap.',
    'Lampu Lalu Lintas',
    'Batumandi',
    'Budi',
    '',
    '',
    'Ya',
    'Tidak',
    '',
    '',
  ]);
  ws.addRow([
    'LPR-1003',
    '24/11/2026',
    'Pungutan di sekolah',
    'Ada pungutan seragam.',
    'Kategori Aneh',
    '',
    'Rina',
    'bukan-email',
    '',
    'Tidak',
    'Ya',
    '',
    '',
  ]);
  ws.addRow([
    'LPR-1004',
    '24-11-2026 14:05',
    { formula: 'A7&" judul"', result: 'LPR-1004 judul' },
    'Isi dengan judul dari rumus.',
    '',
    '',
    'Andi',
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
  ws.addRow(['LPR-1005', 46350.5, 'Serial Excel', 'Tanggal sebagai angka seri.', '', '', 'Wati', '', '', 'Tidak', 'Tidak', '', '']);
  ws.addRow([
    'LPR-1006',
    '24 November 2026',
    '',
    'Hanya isi tanpa judul, judul diambil dari isi laporan ini.',
    '',
    '',
    'Joko',
    '',
    '',
    'Tidak',
    'Tidak',
    '',
    '',
  ]);
  ws.addRow(['LPR-1007', '31/02/2026', 'Tanggal salah', 'Tanggal tidak ada.', '', '', 'Ani', '', '', 'Tidak', 'Tidak', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('LAPOR! import', () => {
  let ctx: BackendContext;
  let admin: string;
  let dataDir: string;
  const clock = fakeClock(NOW);

  const eventCount = () => Number((ctx.opened.sqlite.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n);
  const caseByLapor = (id: string) =>
    ctx.opened.sqlite.prepare('SELECT * FROM cases WHERE lapor_id = ?').get(id) as Record<string, unknown> | undefined;
  const identityOf = (caseId: unknown) =>
    ctx.opened.sqlite.prepare('SELECT * FROM identity WHERE case_id = ?').get(caseId) as Record<string, unknown> | undefined;
  const preview = (fileName: string, bytes: Buffer, mapping: Record<string, string | null> | null = null) =>
    dispatch(ctx, 'import.lapor.preview', admin, { fileName, dataBase64: b64(bytes), mapping });
  async function previewOk(fileName: string, bytes: Buffer, mapping: Record<string, string | null> | null = null): Promise<LaporPreview> {
    return call(ctx, 'import.lapor.preview', admin, { fileName, dataBase64: b64(bytes), mapping });
  }
  const commit = (p: LaporPreview, bytes: Buffer) =>
    call(ctx, 'import.lapor.commit', admin, { fileName: p.fileName, dataBase64: b64(bytes), mapping: p.mapping, sha256: p.sha256 });

  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    admin = o.token;
    dataDir = o.dataDir;
  }, 120_000);
  afterAll(() => ctx.opened.close());

  it('reads every date format in the office time zone', () => {
    expect(parseLaporDate('2026-11-24', 'WITA')).toBe(wita(2026, 11, 24));
    expect(parseLaporDate('24/11/2026', 'WITA')).toBe(wita(2026, 11, 24));
    expect(parseLaporDate('24-11-2026 14:05', 'WITA')).toBe(wita(2026, 11, 24, 14, 5));
    expect(parseLaporDate('24.11.2026 14.05', 'WITA')).toBe(wita(2026, 11, 24, 14, 5));
    expect(parseLaporDate('46350', 'WITA')).toBe(wita(2026, 11, 24));
    expect(parseLaporDate('46350.5', 'WITA')).toBe(wita(2026, 11, 24, 12));
    expect(parseLaporDate('24 November 2026', 'WITA')).toBe(wita(2026, 11, 24));
    expect(parseLaporDate('Selasa, 24 Agustus 2026 14:05 WIB', 'WITA')).toBe(Date.UTC(2026, 7, 24, 14, 5) - 7 * 3_600_000);
    expect(parseLaporDate('5 Mei 2026', 'WIT')).toBe(Date.UTC(2026, 4, 5) - 9 * 3_600_000);
    for (const bad of ['31/02/2026', '2026-13-01', '24 Foo 2026', '24/11/26', 'kemarin', '24-11-2026 25:00'])
      expect(parseLaporDate(bad, 'WITA')).toBeNull();
  });

  it('previews an XLSX export without writing, then imports the accepted rows', async () => {
    const file = await laporXlsx();
    const before = eventCount();
    const p = await previewOk('laporan.xlsx', file);
    expect(eventCount()).toBe(before);
    expect(p.format).toBe('xlsx');
    expect(p.headerRow).toBe(3);
    expect(p.mapping.laporId).toBe('No. Tracking');
    expect(p.mapping.location).toBe('Lokasi Kejadian');
    expect(p.fileErrors).toEqual([]);
    expect(p.rows).toBe(7);
    expect(p.accepted).toBe(6);
    expect(p.duplicates).toBe(0);
    // The impossible date is refused with its spreadsheet row number; the others still import.
    expect(p.refused).toEqual([
      { row: 10, laporId: 'LPR-1007', title: 'Tanggal salah', reason: expect.stringMatching(/tanggal "31\/02\/2026" tidak dikenali/) },
    ]);
    expect(p.warnings).toEqual(
      expect.arrayContaining([
        { row: 6, message: expect.stringMatching(/kategori "Kategori Aneh" tidak ada di preset/) },
        { row: 6, message: expect.stringMatching(/email "bukan-email" tidak valid/) },
      ]),
    );
    expect(p.sample).toHaveLength(6);
    expect(p.sample[0]).toMatchObject({
      row: 4,
      laporId: 'LPR-1001',
      categoryId: 'infrastruktur',
      complainantName: 'Siti Aisyah',
      agency: 'Dinas PUPR',
      laporStatus: 'Proses',
    });
    // A subcategory name names its category too; a confidential name is not echoed back.
    expect(p.sample[1]).toMatchObject({ privacy: 'anonim', categoryId: 'perhubungan', subcategoryId: expect.any(String), complainantName: null });
    expect(p.sample[2]).toMatchObject({ privacy: 'rahasia', categoryId: null, complainantName: null });

    const r = await commit(p, file);
    expect(r).toMatchObject({ imported: 6, duplicates: 0, refused: p.refused });
    expect(r.firstRef).toMatch(/^ADU-2026-/);

    const c1 = caseByLapor('LPR-1001');
    expect(c1).toMatchObject({
      channel: 'lapor',
      title: 'Jalan berlubang di Paringin',
      privacy: 'biasa',
      category_id: 'infrastruktur',
      location: 'Paringin',
      received_at: wita(2026, 11, 24, 14, 5),
    });
    expect(String(c1?.['ref'])).toMatch(/^ADU-2026-/);
    expect(identityOf(c1?.['id'])).toMatchObject({ name: 'Siti Aisyah', email: 'siti@example.id', phone: '0812-1' });
    // Anonim = Ya keeps no identity at all, even though the export had a name.
    const c2 = caseByLapor('LPR-1002');
    expect(c2).toMatchObject({ privacy: 'anonim', received_at: wita(2026, 11, 24) });
    expect(identityOf(c2?.['id'])).toBeUndefined();
    const c3 = caseByLapor('LPR-1003');
    expect(c3).toMatchObject({ privacy: 'rahasia', category_id: null, received_at: wita(2026, 11, 24) });
    expect(identityOf(c3?.['id'])).toMatchObject({ name: 'Rina', email: null });
    // The formula's cached result, as text; never evaluated.
    expect(caseByLapor('LPR-1004')).toMatchObject({ title: 'LPR-1004 judul', received_at: wita(2026, 11, 24, 14, 5) });
    expect(caseByLapor('LPR-1005')).toMatchObject({ received_at: wita(2026, 11, 24, 12) });
    expect(caseByLapor('LPR-1006')).toMatchObject({
      title: 'Hanya isi tanpa judul, judul diambil dari isi laporan ini.',
      received_at: wita(2026, 11, 24),
    });
    expect(caseByLapor('LPR-1007')).toBeUndefined();
    // Every imported case is in the desk's inbox like one registered by hand.
    const tasks = ctx.opened.sqlite
      .prepare("SELECT count(*) AS n FROM case_task t JOIN cases c ON c.id = t.case_id WHERE c.lapor_id LIKE 'LPR-10%'")
      .get() as { n: number };
    expect(tasks.n).toBeGreaterThanOrEqual(6);
  });

  it('importing the same file again adds nothing', async () => {
    const file = await laporXlsx();
    const before = eventCount();
    const p = await previewOk('laporan.xlsx', file);
    expect(p).toMatchObject({ accepted: 0, duplicates: 6, sample: [] });
    expect(p.duplicateRows[0]).toMatchObject({ row: 4, laporId: 'LPR-1001', ref: expect.stringMatching(/^ADU-/) });
    const r = await commit(p, file);
    expect(r).toMatchObject({ imported: 0, duplicates: 6 });
    expect(eventCount()).toBe(before);
    expect(Number((ctx.opened.sqlite.prepare("SELECT count(*) AS n FROM cases WHERE lapor_id = 'LPR-1001'").get() as { n: number }).n)).toBe(1);
  });

  it('a missing required column is a file error and nothing is written', async () => {
    const file = Buffer.from(
      csv([
        ['Judul Laporan', 'Isi Laporan', 'Nama Pelapor'],
        ['Judul', 'Isi', 'Nama'],
      ]),
    );
    const before = eventCount();
    const p = await previewOk('tanpa-id.csv', file);
    expect(p.fileErrors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Kolom wajib Tracking ID tidak ditemukan/),
        expect.stringMatching(/Kolom wajib Tanggal Laporan/),
      ]),
    );
    expect(p.accepted).toBe(0);
    const r = await dispatch(ctx, 'import.lapor.commit', admin, {
      fileName: 'tanpa-id.csv',
      dataBase64: b64(file),
      mapping: p.mapping,
      sha256: p.sha256,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/Tracking ID/) });
    expect(eventCount()).toBe(before);
  });

  it('a header the mapping names must exist; a mapping maps renamed columns and is saved for the office', async () => {
    const file = Buffer.from(
      csv([
        ['Kode Aduan', 'Waktu', 'Perihal', 'Pelapor'],
        ['M-1', '20/11/2026', 'Drainase tersumbat', 'Dewi'],
      ]),
    );
    const auto = await previewOk('lain.csv', file);
    expect(auto.fileErrors.length).toBeGreaterThan(0);
    const wrong = await previewOk('lain.csv', file, { laporId: 'Tidak Ada' });
    expect(wrong.fileErrors).toContainEqual(expect.stringMatching(/Kolom "Tidak Ada" untuk Tracking ID tidak ada di berkas/));
    const mapping = { laporId: 'kode aduan', receivedAt: 'Waktu', title: 'Perihal', name: 'Pelapor' };
    const saved = await call(ctx, 'import.lapor.mapping.save', admin, { mapping });
    expect(saved.saved).toMatchObject(mapping);
    expect((await call(ctx, 'import.lapor.mapping.get', admin, {})).saved).toMatchObject(mapping);
    // No mapping given: the saved one applies.
    const p = await previewOk('lain.csv', file);
    expect(p.fileErrors).toEqual([]);
    expect(p.mapping).toMatchObject({ laporId: 'Kode Aduan', receivedAt: 'Waktu', title: 'Perihal', description: null });
    expect(p.accepted).toBe(1);
    // A saved header missing from another file falls back to the default LAPOR! names.
    const std = await previewOk(
      'std.csv',
      Buffer.from(
        csv([
          ['Tracking ID', 'Tanggal', 'Judul', 'Nama Pelapor'],
          ['S-1', '20/11/2026', 'Judul', 'Nama'],
        ]),
      ),
    );
    expect(std.mapping).toMatchObject({ laporId: 'Tracking ID', receivedAt: 'Tanggal', title: 'Judul' });
    // Only an administrator.
    const s = await call(ctx, 'user.save', admin, { id: null, username: 'petugas', fullName: 'Petugas', password: 'petugas-uji-1' });
    expect(s.id).toBeTruthy();
    const login = await call(ctx, 'session.login', null, { username: 'petugas', password: 'petugas-uji-1' });
    const denied = await dispatch(ctx, 'import.lapor.preview', login.token, { fileName: 'lain.csv', dataBase64: b64(file) });
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    await call(ctx, 'import.lapor.mapping.save', admin, { mapping: { laporId: null, receivedAt: null, title: null, name: null } });
  });

  it('imports a windows-1252 CSV with semicolons, keeping "Dédé" and a cell starting with "=" as text', async () => {
    const text = csv(
      [
        ['ID Laporan', 'Tanggal', 'Judul', 'Isi', 'Nama Pelapor', 'Anonim', 'Rahasia'],
        ['W-1', '23/11/2026 09:30', 'Saluran air mampet', 'Air meluap ke jalan; warga resah.', 'Dédé Façade', 'Tidak', 'Tidak'],
        ['W-2', '23-11-2026', '=1+1', '=HYPERLINK("http://contoh")', 'Renée', 'Tidak', 'Ya'],
      ],
      ';',
    );
    const file = iconv.encode(text, 'windows-1252');
    expect(file.includes(Buffer.from('Dédé', 'utf8'))).toBe(false);
    const p = await previewOk('ekspor.csv', file);
    expect(p).toMatchObject({ format: 'csv', delimiter: ';', accepted: 2, refused: [] });
    expect(p.encoding).toMatch(/windows-1252|iso-8859/);
    await commit(p, file);
    const w1 = caseByLapor('W-1');
    expect(w1).toMatchObject({
      title: 'Saluran air mampet',
      description: 'Air meluap ke jalan; warga resah.',
      received_at: wita(2026, 11, 23, 9, 30),
    });
    expect(identityOf(w1?.['id'])).toMatchObject({ name: 'Dédé Façade' });
    expect(caseByLapor('W-2')).toMatchObject({ title: '=1+1', description: '=HYPERLINK("http://contoh")', privacy: 'rahasia' });
  });

  it('reads a UTF-16 CSV (as Excel saves "Unicode text")', async () => {
    const text = csv(
      [
        ['Tracking ID', 'Tanggal Laporan', 'Judul Laporan', 'Nama Pelapor'],
        ['U-1', '22/11/2026', 'Jembatan retak', 'Ñoño Dédé'],
      ],
      '\t',
    );
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const p = await previewOk('unicode.txt', file);
    expect(p).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', accepted: 1 });
    expect(p.sample[0]).toMatchObject({ complainantName: 'Ñoño Dédé' });
  });

  it('refuses a PNG renamed .xlsx, by its content', async () => {
    const before = eventCount();
    const r = await preview('laporan.xlsx', PNG);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/bukan lembar kerja.*image\/png/) });
    const bin = await preview('data.csv', crypto.randomBytes(4096));
    expect(bin.ok).toBe(false);
    expect(eventCount()).toBe(before);
  });

  it('refuses a file that changed since the preview, and one over the size cap', async () => {
    const a = Buffer.from(
      csv([
        ['Tracking ID', 'Tanggal', 'Judul', 'Nama Pelapor'],
        ['C-1', '20/11/2026', 'Judul', 'Nama'],
      ]),
    );
    const p = await previewOk('a.csv', a);
    const b = Buffer.from(
      csv([
        ['Tracking ID', 'Tanggal', 'Judul', 'Nama Pelapor'],
        ['C-2', '20/11/2026', 'Judul', 'Nama'],
      ]),
    );
    const r = await dispatch(ctx, 'import.lapor.commit', admin, { fileName: 'a.csv', dataBase64: b64(b), mapping: p.mapping, sha256: p.sha256 });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/berubah sejak pratinjau/) });
    expect(caseByLapor('C-2')).toBeUndefined();
    expect(sha(a)).toBe(p.sha256);
    const big = await dispatch(ctx, 'import.lapor.preview', admin, { fileName: 'besar.csv', dataBase64: 'A'.repeat(28 * 1024 * 1024) });
    expect(big.ok ? null : big.error.message).toMatch(/berkas terlalu besar \(maks\. 20 MB\)/);
  });

  it('a row-level problem list covers each reason, and exports as CSV safe to open in a spreadsheet', async () => {
    const file = Buffer.from(
      csv([
        ['Tracking ID', 'Tanggal', 'Judul', 'Isi', 'Nama Pelapor', 'Anonim'],
        ['R-1', '', 'Tanpa tanggal', 'x', 'A', 'Tidak'],
        ['', '20/11/2026', 'Tanpa ID', 'x', 'A', 'Tidak'],
        ['R-3', '20/11/2026', '', '', 'A', 'Tidak'],
        ['R-4', '20/11/2026', 'Tanpa nama', 'x', '', 'Tidak'],
        ['R-5', '20/11/2026', 'Anonim aneh', 'x', 'A', 'Mungkin'],
        ['R-6', '20/11/2030', 'Masa depan', 'x', 'A', 'Tidak'],
        ['R-7', '20/11/2026', 'Baik', 'x', 'A', 'Tidak'],
        ['R-7', '21/11/2026', 'Ganda', 'x', 'A', 'Tidak'],
        ['=cmd', '20/11/2026', 'Rumus', 'x', 'A', 'Tidak'],
      ]),
    );
    const p = await previewOk('campur.csv', file);
    expect(p.accepted).toBe(2);
    const reasons = Object.fromEntries(p.refused.map((r) => [r.row, r.reason]));
    expect(reasons).toEqual({
      2: expect.stringMatching(/tanggal laporan kosong/),
      3: expect.stringMatching(/Tracking ID kosong/),
      4: expect.stringMatching(/judul dan isi laporan kosong/),
      5: expect.stringMatching(/nama pelapor kosong/),
      6: expect.stringMatching(/Anonim "Mungkin" bukan Ya\/Tidak/),
      7: expect.stringMatching(/di luar rentang wajar/),
      9: 'Tracking ID sama dengan baris 8',
    });
    const out = refusedRowsCsv([...p.refused, { row: 99, laporId: '=cmd', title: '+x', reason: 'contoh' }]);
    expect(out.startsWith('\uFEFFBaris,Tracking ID,Judul,Alasan\r\n')).toBe(true);
    expect(out).toContain("99,'=cmd,'+x,contoh");
  });

  it('all or nothing: a row failing inside the transaction rolls back the rows before it', async () => {
    const file = Buffer.from(
      csv([
        ['Tracking ID', 'Tanggal', 'Judul', 'Nama Pelapor'],
        ['T-1', '20/11/2026', 'Pertama', 'A'],
        ['T-BOOM', '20/11/2026', 'Kedua', 'B'],
        ['T-3', '20/11/2026', 'Ketiga', 'C'],
      ]),
    );
    const p = await previewOk('atom.csv', file);
    expect(p.accepted).toBe(3);
    // A real SQLite trigger stands in for any failure half-way (a full disk, a constraint).
    ctx.opened.sqlite.exec("CREATE TRIGGER boom BEFORE INSERT ON cases WHEN NEW.lapor_id = 'T-BOOM' BEGIN SELECT RAISE(ABORT, 'disk penuh'); END");
    const before = eventCount();
    const seq = ctx.opened.sqlite.prepare("SELECT value FROM local_meta WHERE key LIKE 'seq:%'").all();
    try {
      const r = await dispatch(ctx, 'import.lapor.commit', admin, {
        fileName: 'atom.csv',
        dataBase64: b64(file),
        mapping: p.mapping,
        sha256: p.sha256,
      });
      expect(r.ok).toBe(false);
    } finally {
      ctx.opened.sqlite.exec('DROP TRIGGER boom');
    }
    expect(eventCount()).toBe(before);
    expect(caseByLapor('T-1')).toBeUndefined();
    expect(ctx.opened.sqlite.prepare("SELECT value FROM local_meta WHERE key LIKE 'seq:%'").all()).toEqual(seq);
    expect((await commit(p, file)).imported).toBe(3);
  });

  it('previews 100k rows of CSV quickly', async () => {
    const rows = [HEADERS];
    for (let i = 0; i < 100_000; i++) {
      rows.push([
        `BIG-${i}`,
        `${1 + (i % 28)}/11/2026 10:${String(i % 60).padStart(2, '0')}`,
        `Laporan nomor ${i}`,
        `Isi laporan nomor ${i} tentang jalan rusak.`,
        'Infrastruktur',
        'Paringin',
        `Warga ${i}`,
        '',
        '',
        'Tidak',
        i % 10 === 0 ? 'Ya' : 'Tidak',
        '',
        'Proses',
      ]);
    }
    rows.push(['BIG-X', 'bukan tanggal', 'x', 'x', '', '', 'A', '', '', 'Tidak', 'Tidak', '', '']);
    const file = Buffer.from(csv(rows));
    const started = Date.now();
    const p = await previewOk('besar.csv', file);
    const ms = Date.now() - started;
    expect(p).toMatchObject({ rows: 100_001, accepted: 100_000, duplicates: 0 });
    expect(p.refused).toEqual([expect.objectContaining({ row: 100_002, laporId: 'BIG-X' })]);
    expect(p.sample).toHaveLength(50);
    expect(ms).toBeLessThan(15_000);
  }, 60_000);

  describe('alur import lapor', () => {
    beforeAll(() => ctx.opened.close());

    it('dry run writes nothing; a real run imports and lists refused rows; exit 1 on a file error', async () => {
      const help = await alur(['import', 'lapor', '--help']);
      expect(help.code).toBe(0);
      expect(help.out.join('\n')).toMatch(/--dry-run/);
      const dir = tempDir();
      const good = path.join(dir, 'ekspor.csv');
      fs.writeFileSync(
        good,
        csv([
          ['Tracking ID', 'Tanggal Laporan', 'Judul Laporan', 'Nama Pelapor'],
          ['CLI-1', '20/11/2026', 'Dari CLI', 'Nur'],
          ['CLI-2', 'besok', 'Tanggal salah', 'Nur'],
        ]),
      );
      const dry = await alur(['--data', dataDir, 'import', 'lapor', good, '--dry-run']);
      expect(dry.err).toEqual([]);
      expect(dry.code).toBe(0);
      expect(dry.out.join('\n')).toMatch(/2 baris: 1 diterima, 0 sudah terdaftar, 1 ditolak/);
      expect(dry.out.join('\n')).toMatch(/DITOLAK baris 3 \(CLI-2\): tanggal "besok" tidak dikenali/);
      expect(dry.out.join('\n')).toMatch(/tidak ada yang ditulis/);

      const refusedOut = path.join(dir, 'ditolak.csv');
      const real = await alur(['--data', dataDir, 'import', 'lapor', good, '--refused-out', refusedOut]);
      expect(real.err).toEqual([]);
      expect(real.code).toBe(0);
      expect(real.out.join('\n')).toMatch(/Diimpor: 1 aduan \(ADU-2026-\w+\); 0 sudah terdaftar; 1 ditolak/);
      expect(fs.readFileSync(refusedOut, 'utf8')).toMatch(/3,CLI-2,Tanggal salah,"?tanggal ""besok"" tidak dikenali/);
      const again = await alur(['--data', dataDir, 'import', 'lapor', good]);
      expect(again.out.join('\n')).toMatch(/Diimpor: 0 aduan; 1 sudah terdaftar/);

      const show = await alur(['--data', dataDir, 'case', 'show', 'CLI-1']);
      expect(show.code).toBe(0);
      expect(show.out.join('\n')).toMatch(/Dari CLI/);

      const noId = path.join(dir, 'tanpa-id.csv');
      fs.writeFileSync(
        noId,
        csv([
          ['Judul', 'Tanggal'],
          ['x', '20/11/2026'],
        ]),
      );
      const bad = await alur(['--data', dataDir, 'import', 'lapor', noId]);
      expect(bad.code).toBe(1);
      expect(bad.err[0]).toMatch(/^alur: Kolom wajib Tracking ID tidak ditemukan/);

      const png = path.join(dir, 'gambar.xlsx');
      fs.writeFileSync(png, PNG);
      expect((await alur(['--data', dataDir, 'import', 'lapor', png])).code).toBe(1);

      const mapFile = path.join(dir, 'map.json');
      fs.writeFileSync(mapFile, JSON.stringify({ laporId: 'Judul', receivedAt: 'Tanggal', title: 'Judul', bogus: 'x' }));
      const badMap = await alur(['--data', dataDir, 'import', 'lapor', noId, '--mapping', mapFile]);
      expect(badMap.code).toBe(1);
      expect(badMap.err[0]).toMatch(/Pemetaan tidak valid/);
    });
  });
});
