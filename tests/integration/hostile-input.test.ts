/**
 * Hostile input (issue 13): an XLSX bomb, numbers that lost digits, photo metadata and hostile
 * file names each get a clear answer; nothing half-read is written.
 */
import zlib from 'node:zlib';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import { blobPath } from '../../src/main/backend/services/attachment.service';
import { pngChunk } from '../../src/main/backend/services/image-metadata';
import { MAX_ROWS, MAX_UNPACKED_MB } from '../../src/main/backend/imports/xlsx-guard';
import { refusedRowsCsv } from '../../src/shared/api/views-imports';
import { call, fakeClock, newOffice } from '../helpers/temp';

const NOW = Date.UTC(2026, 11, 1, 2, 0);
const b64 = (b: Buffer) => b.toString('base64');

/** A ZIP built entry by entry, each pushed in chunks (a bomb never has to exist in memory whole). */
function zipOf(entries: Array<[string, () => Iterable<Uint8Array>]>): Buffer {
  const out: Uint8Array[] = [];
  const zip = new Zip((e, chunk) => {
    if (e) throw e;
    out.push(chunk);
  });
  for (const [name, chunks] of entries) {
    const f = new ZipDeflate(name, { level: 1 });
    zip.add(f);
    let last: Uint8Array | null = null;
    for (const c of chunks()) {
      if (last) f.push(last);
      last = c;
    }
    f.push(last ?? new Uint8Array(), true);
  }
  zip.end();
  return Buffer.concat(out);
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const once = (s: string) => () => [Buffer.from(s)];

function* rowsXml(n: number): Iterable<Uint8Array> {
  yield Buffer.from('<?xml version="1.0"?><worksheet><sheetData>');
  for (let i = 1; i <= n; i += 10_000) {
    let s = '';
    for (let r = i; r < i + 10_000 && r <= n; r++) s += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    yield Buffer.from(s);
  }
  yield Buffer.from('</sheetData></worksheet>');
}

/**
 * A ZIP with one entry of `mb` MiB of spaces, made without ever holding them: one MiB is
 * deflated once into non-final blocks (a sync flush, no back-references before its start), and
 * that compressed block is repeated, then closed by an empty final block.
 */
function spacesBomb(name: string, mb: number): Buffer {
  const mib = Buffer.alloc(1024 * 1024, 0x20);
  const block = zlib.deflateRawSync(mib, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const data = Buffer.concat([...Array.from({ length: mb }, () => block), Buffer.from([0x03, 0x00])]);
  let crc = 0;
  for (let i = 0; i < mb; i++) crc = zlib.crc32(mib, crc);
  const size = mb * 1024 * 1024;
  const fname = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(fname.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(fname.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fname.length, 12);
  end.writeUInt32LE(30 + fname.length + data.length, 16);
  return Buffer.concat([local, fname, data, central, fname, end]);
}

/** JPEG: SOI, an Exif APP1 (orientation 6, a camera make, a GPS pointer), an XMP APP1, a comment, then scan data. */
function jpegWithExif(): Buffer {
  const tiff = Buffer.alloc(64);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(3, 8);
  const entry = (i: number, tag: number, type: number, count: number, value: number) => {
    const o = 10 + i * 12;
    tiff.writeUInt16BE(tag, o);
    tiff.writeUInt16BE(type, o + 2);
    tiff.writeUInt32BE(count, o + 4);
    if (type === 3) tiff.writeUInt16BE(value, o + 8);
    else tiff.writeUInt32BE(value, o + 8);
  };
  entry(0, 0x010f, 2, 12, 50); // Make -> offset 50
  entry(1, 0x0112, 3, 1, 6); // Orientation: rotate 90
  entry(2, 0x8825, 4, 1, 0); // GPS IFD pointer
  tiff.write('KAMERA-GPS-X', 50, 'latin1');
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, exif),
    seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>lokasi-rumah</x:xmpmeta>', 'latin1')),
    seg(0xfe, Buffer.from('komentar-pemilik', 'latin1')),
    Buffer.from([0xff, 0xda, 0, 2, 1, 2, 3, 4, 0xff, 0xd9]),
  ]);
}

const ORIENTATION_6 = Buffer.from('4d4d002a00000008000101120003000000010006000000000000', 'hex');

describe('hostile input', () => {
  let ctx: BackendContext;
  let admin: string;
  const clock = fakeClock(NOW);
  const eventCount = () => Number((ctx.opened.sqlite.prepare('SELECT count(*) AS n FROM event').get() as { n: number }).n);
  const preview = (fileName: string, bytes: Buffer) =>
    dispatch(ctx, 'import.lapor.preview', admin, { fileName, dataBase64: b64(bytes), mapping: null });

  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    admin = o.token;
  }, 60_000);
  afterAll(() => ctx.opened.close());

  it('refuses an XLSX with too many rows before reading it', async () => {
    const bomb = zipOf([
      ['[Content_Types].xml', once(CONTENT_TYPES)],
      ['xl/worksheets/sheet1.xml', () => rowsXml(MAX_ROWS + 10)],
    ]);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const before = eventCount();
    const r = await preview('bom-baris.xlsx', bomb);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/lebih dari 200\.000 baris/) });
    expect(eventCount()).toBe(before);
  });

  it(`refuses an XLSX that unpacks past ${MAX_UNPACKED_MB} MB, counting real bytes`, async () => {
    const bomb = spacesBomb('xl/sharedStrings.xml', MAX_UNPACKED_MB + 1);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const r = await preview('bom-ukuran.xlsx', bomb);
    expect(r.ok ? null : r.error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/terlalu besar setelah dibuka/) });
  });

  it('refuses, with the row number, identifiers typed as numbers that lost digits; text ones stay text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Laporan');
    ws.addRow(['No. Tracking', 'Tanggal Laporan', 'Judul Laporan', 'Isi Laporan', 'Nama Pelapor', 'No. Telepon']);
    ws.addRow([Number('9201234567890123'), '24/11/2026', 'Nomor tracking angka', 'Isi.', 'Andi', '081234567890']);
    ws.addRow(['LPR-2002', '24/11/2026', 'Telepon angka', 'Isi.', 'Budi', Number('6281234567890123')]);
    ws.addRow(['LPR-2003', '24/11/2026', 'Telepon teks', 'Isi laporan dengan telepon teks.', 'Citra', '081234567890']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await call(ctx, 'import.lapor.preview', admin, { fileName: 'angka.xlsx', dataBase64: b64(xlsx), mapping: null });
    expect(p.refused.map((r) => r.row)).toEqual([2, 3]);
    expect(p.refused[0]?.reason).toMatch(/No\. Tracking.*digit terakhirnya sudah berubah/);
    expect(p.refused[1]?.reason).toMatch(/No\. Telepon/);
    // A CSV saved from such a sheet carries the scientific form: refused as well.
    const csv = Buffer.from('Tracking ID,Tanggal,Judul,Nama Pelapor,No. Telepon\r\nLPR-2004,24/11/2026,Judul,Dedi,"6,28123E+12"\r\n');
    expect((await call(ctx, 'import.lapor.preview', admin, { fileName: 'angka.csv', dataBase64: b64(csv), mapping: null })).refused[0]?.row).toBe(2);
    await call(ctx, 'import.lapor.commit', admin, { fileName: 'angka.xlsx', dataBase64: b64(xlsx), mapping: p.mapping, sha256: p.sha256 });
    const id = ctx.opened.sqlite
      .prepare("SELECT i.phone, typeof(i.phone) AS t FROM identity i JOIN cases c ON c.id = i.case_id WHERE c.lapor_id = 'LPR-2003'")
      .get();
    expect(id).toEqual({ phone: '081234567890', t: 'text' });
    // The refused rows' CSV keeps long digit strings as text for a spreadsheet.
    expect(refusedRowsCsv([{ row: 2, laporId: '9201234567890123', title: 'x', reason: 'y' }])).toContain("'9201234567890123");
  });

  it('strips location and camera metadata from JPEG, PNG and WebP photos, keeping the orientation', async () => {
    const stored = async (name: string, bytes: Buffer) => {
      const ref = await call(ctx, 'attachment.upload', admin, { name, dataBase64: b64(bytes) });
      const file = fs.readFileSync(blobPath(ctx.options.dataDir, ref.sha256));
      expect(ref.size).toBe(file.length);
      return file;
    };
    const jpeg = await stored('foto.jpg', jpegWithExif());
    for (const secret of ['KAMERA-GPS-X', 'lokasi-rumah', 'komentar-pemilik']) expect(jpeg.includes(secret)).toBe(false);
    expect(jpeg.includes(ORIENTATION_6)).toBe(true);
    expect(jpeg.subarray(-10).equals(Buffer.from([0xff, 0xda, 0, 2, 1, 2, 3, 4, 0xff, 0xd9]))).toBe(true);

    const onePx = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const ihdrEnd = 8 + 25;
    const png = Buffer.concat([
      onePx.subarray(0, ihdrEnd),
      pngChunk('tEXt', Buffer.from('GPS\0-2.33,115.47 lokasi-rumah', 'latin1')),
      pngChunk('eXIf', Buffer.concat([ORIENTATION_6, Buffer.from('KAMERA-GPS-X')])),
      onePx.subarray(ihdrEnd),
    ]);
    const cleanPng = await stored('foto.png', png);
    expect(cleanPng.includes('lokasi-rumah')).toBe(false);
    expect(cleanPng.includes('KAMERA-GPS-X')).toBe(false);
    expect(cleanPng.includes(ORIENTATION_6)).toBe(true);

    const riff = (type: string, data: Buffer) => {
      const h = Buffer.alloc(8);
      h.write(type, 0, 'latin1');
      h.writeUInt32LE(data.length, 4);
      return Buffer.concat([h, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x0c; // EXIF and XMP present
    const body = Buffer.concat([
      riff('VP8X', vp8x),
      riff('VP8L', Buffer.from('2f00000000', 'hex')),
      riff('EXIF', Buffer.concat([ORIENTATION_6, Buffer.from('KAMERA-GPS-X')])),
      riff('XMP ', Buffer.from('<x:xmpmeta>lokasi-rumah</x:xmpmeta>')),
    ]);
    const head = Buffer.alloc(12);
    head.write('RIFF', 0, 'latin1');
    head.writeUInt32LE(body.length + 4, 4);
    head.write('WEBP', 8, 'latin1');
    const webp = await stored('foto.webp', Buffer.concat([head, body]));
    expect(webp.includes('lokasi-rumah') || webp.includes('KAMERA-GPS-X')).toBe(false);
    expect(webp.includes(ORIENTATION_6)).toBe(true);
    expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
    expect((webp[20] ?? 0) & 0x0c).toBe(0x08);
  });

  it('sanitises hostile file names: bidi overrides, Windows device names, reserved characters', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const name = async (raw: string) => (await call(ctx, 'attachment.upload', admin, { name: raw, dataBase64: b64(png) })).name;
    expect(await name('foto\u202Egnp.exe.png')).toBe('fotognp.exe.png');
    expect(await name('CON.png')).toBe('_CON.png');
    expect(await name('nul')).toBe('_nul.png');
    expect(await name('com1 .tar.png')).toBe('_com1 .tar.png');
    expect(await name('a<b>:c?|*.png')).toBe('a_b__c___.png');
    expect(await name('laporan\u2066\u200B.png')).toBe('laporan.png');
  });
});
