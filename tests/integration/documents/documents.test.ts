/**
 * Documents from a demo office, read back the way a person or another program would: text
 * through pdftotext, QR codes decoded from the rendered page, the DOCX unzipped, and files
 * checked by `alur verify` (exit 0 only for a valid, unaltered, validly signed document).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { unzipSync, strFromU8 } from 'fflate';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { dispatch } from '../../../src/main/backend/backend';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { letterContent } from '../../../src/main/backend/documents/letter-content';
import { letterPdf } from '../../../src/main/backend/documents/letter-pdf';
import { letterDocx } from '../../../src/main/backend/documents/letter-docx';
import { highestSeenSeq } from '../../../src/main/backend/documents/letter-number';
import { listRefs } from '../../../src/main/backend/refdata/ref-store';
import { issuedCopyQuery } from '../../../src/main/backend/documents/document.service';
import { blobPath } from '../../../src/main/backend/services/attachment.service';
import { DEMO_PASSWORD } from '../../../src/main/cli/demo/generator';
import { call, openTestContext, REPO, tempDir } from '../../helpers/temp';

const ARTIFACTS = path.join(REPO, 'tests', 'e2e', 'artifacts');
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The CLI's output as text: the PDF checks below search it whole. */
async function alur(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(args);
  return { code: r.code, out: r.out.join('\n'), err: r.err.join('\n') };
}

/** The PDF's text with runs of white space made one space (lines wrap where the layout says). */
const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
/** The same, read line by line as laid out (a page header is then a line of its own). */
const layoutText = (file: string, page?: number) =>
  execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8' })
    .replace(/\u2011/g, '-')
    .replace(/\s+/g, ' ');

/** Renders page 1 at 150 dpi and decodes the first QR code found. */
function qrOf(pdf: string, keepAs?: string): string | null {
  const prefix = path.join(path.dirname(pdf), `${path.basename(pdf, '.pdf')}-page`);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdf, prefix]);
  const file = fs
    .readdirSync(path.dirname(pdf))
    .map((f) => path.join(path.dirname(pdf), f))
    .find((f) => f.startsWith(prefix) && f.endsWith('.png'));
  if (!file) return null;
  if (keepAs) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.copyFileSync(file, path.join(ARTIFACTS, keepAs));
  }
  const png = PNG.sync.read(fs.readFileSync(file));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('documents from a demo office', () => {
  const dir = tempDir();
  const data = path.join(dir, 'data');
  let ctx: BackendContext;
  let admin: string;
  let ref = '';
  let caseId = '';
  let approvalId = '';
  let letterNumber = '';
  let signedName = '';
  const issuedCount = () =>
    Number((ctx.opened.sqlite.prepare("SELECT count(*) AS n FROM event WHERE type = 'case.document_issued'").get() as { n: number }).n);

  beforeAll(async () => {
    const demo = await alur(['--data', data, 'demo', '--cases', '30', '--seed', '11']);
    expect(demo.code, demo.err).toBe(0);
    ctx = await openTestContext(data);
    const row = ctx.opened.sqlite
      .prepare(
        "SELECT c.id, c.ref, e.id AS eid, json_extract(e.payload, '$.letter.number') AS num FROM cases c JOIN event e ON e.case_id = c.id WHERE e.type = 'case.approved' AND e.signature IS NOT NULL AND c.privacy = 'biasa' ORDER BY c.ref LIMIT 1",
      )
      .get() as { id: string; ref: string; eid: string; num: string } | undefined;
    if (!row) throw new Error('demo has no signed approval');
    ({ id: caseId, ref, eid: approvalId, num: letterNumber } = row);
    admin = (await call(ctx, 'session.login', null, { username: 'admin', password: DEMO_PASSWORD })).token;
    // The signer is renamed after signing: a reprint still names them as they signed.
    const signerId = (ctx.opened.sqlite.prepare('SELECT author_id FROM event WHERE id = ?').get(approvalId) as { author_id: string }).author_id;
    const signer = (await call(ctx, 'user.list', admin, {})).find((u) => u.id === signerId);
    if (!signer) throw new Error('no signer');
    signedName = signer.fullName;
    const saved = await dispatch(ctx, 'user.save', admin, {
      id: signer.id,
      username: signer.username,
      fullName: 'Dédé Ñurhayati Pâturi, S.Sos.',
      nip: signer.nip,
      rank: signer.rank,
      isAdmin: false,
      active: true,
      password: null,
    });
    expect(saved.ok).toBe(true);
  }, 180_000);
  afterAll(() => ctx.opened.close());

  it('numbers letters per unit and year, in order, never twice', () => {
    const rows = ctx.opened.sqlite
      .prepare(
        "SELECT json_extract(payload, '$.letter.unitId') AS u, json_extract(payload, '$.letter.year') AS y, json_extract(payload, '$.letter.seq') AS s, json_extract(payload, '$.letter.number') AS n FROM event WHERE type = 'case.approved' ORDER BY hlc",
      )
      .all() as Array<{ u: string; y: number; s: number; n: string }>;
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.n)).size).toBe(rows.length);
    const byUnitYear = new Map<string, number[]>();
    for (const r of rows) byUnitYear.set(`${r.u}:${r.y}`, [...(byUnitYear.get(`${r.u}:${r.y}`) ?? []), r.s]);
    for (const seqs of byUnitYear.values()) expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
  });

  it('prints the response letter as PDF with the letter fields, the signer and a QR code that verifies', async () => {
    const file = path.join(dir, 'surat.pdf');
    const r = await alur(['--data', data, 'letter', ref, '--out', file]);
    expect(r.code, r.err).toBe(0);
    const text = pdfText(file);
    for (const s of [
      letterNumber,
      'Nomor',
      'Sifat',
      'Lampiran',
      'Hal',
      `Tanggapan atas Aduan Nomor ${ref}`,
      signedName,
      'NIP.',
      'Paringin',
      'Ditandatangani secara elektronik',
      'Tembusan',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('Dédé Ñurhayati');
    const qr = qrOf(file, 'doc-letter.png');
    expect(qr).toMatch(new RegExp(`^ALUR:L:${approvalId}:[0-9A-Z]{5}-[0-9A-Z]{5}$`));
    const code = qr?.split(':')[3] ?? '';
    expect(text).toContain(code);
    const byCode = await alur(['--data', data, 'verify', '--code', qr ?? '']);
    expect(byCode.code, byCode.out).toBe(0);
    expect(byCode.out).toContain(letterNumber);
    const ok = await alur(['--data', data, 'verify', file]);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toMatch(/^SAH: .*tanda tangan sah/);
  });

  it('makes the same letter as DOCX, which verifies too', async () => {
    const file = path.join(dir, 'surat.docx');
    const r = await alur(['--data', data, 'letter', ref, '--format', 'docx', '--out', file]);
    expect(r.code, r.err).toBe(0);
    const zip = unzipSync(fs.readFileSync(file));
    const xml = strFromU8(zip['word/document.xml'] ?? new Uint8Array());
    const text = xml.replace(/<w:noBreakHyphen\/>/g, '-').replace(/<[^>]+>/g, '');
    for (const s of [letterNumber, `Tanggapan atas Aduan Nomor ${ref}`, signedName, 'Paringin']) expect(text).toContain(s);
    expect(Object.keys(zip).some((k) => k.startsWith('word/media/'))).toBe(true);
    expect((await alur(['--data', data, 'verify', file])).code).toBe(0);
  });

  it('a case answered by two OPDs offers both letters: the CLI lists them and prints the one named', async () => {
    const two = ctx.opened.sqlite
      .prepare(
        "SELECT c.ref AS ref, group_concat(json_extract(e.payload, '$.letter.number'), '|') AS nums FROM event e JOIN cases c ON c.id = e.case_id WHERE e.type = 'case.approved' AND json_extract(e.payload, '$.letter.number') IS NOT NULL GROUP BY c.id HAVING count(*) > 1 ORDER BY c.ref LIMIT 1",
      )
      .get() as { ref: string; nums: string } | undefined;
    if (!two) throw new Error('demo has no case answered by two OPDs');
    const nums = two.nums.split('|');
    const file = path.join(dir, 'dua.pdf');
    const listed = await alur(['--data', data, 'letter', two.ref, '--out', file]);
    expect(listed.code).toBe(1);
    for (const n of nums) expect(listed.err).toContain(n);
    expect(fs.existsSync(file)).toBe(false);
    for (const n of nums) {
      const r = await alur(['--data', data, 'letter', two.ref, '--nomor', n, '--out', file]);
      expect(r.code, r.err).toBe(0);
      expect(pdfText(file)).toContain(n);
    }
  });

  it("the unit's outgoing letter register lists its letters in number order with addressee, case, signer and issued copies", async () => {
    const row = ctx.opened.sqlite
      .prepare("SELECT json_extract(payload, '$.letter.unitId') AS u, json_extract(payload, '$.letter.year') AS y FROM event WHERE id = ?")
      .get(approvalId) as { u: string; y: number };
    const code = (await listRefs(ctx.db, 'unit')).find((u) => u.id === row.u)?.code ?? '';
    const file = path.join(dir, 'agenda.xlsx');
    const r = await alur(['--data', data, 'letters', '--unit', code, '--year', String(row.y), '--out', file]);
    expect(r.code, r.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Surat Keluar');
    const values = (n: number) => ((ws?.getRow(n).values ?? []) as unknown[]).slice(1).map((v) => String(v ?? ''));
    expect(values(1)[0]).toBe('BUKU AGENDA SURAT KELUAR');
    expect(values(5)).toEqual(['No.', 'Nomor surat', 'Tanggal', 'Kepada', 'Nomor aduan', 'Hal', 'Penanda tangan', 'Salinan diterbitkan']);
    const letters = ctx.opened.sqlite
      .prepare(
        "SELECT id, json_extract(payload, '$.letter.number') AS n FROM event WHERE type = 'case.approved' AND json_extract(payload, '$.letter.unitId') = ? AND json_extract(payload, '$.letter.year') = ? ORDER BY json_extract(payload, '$.letter.seq')",
      )
      .all(row.u, row.y) as Array<{ id: string; n: string }>;
    expect(Array.from({ length: letters.length }, (_v, i) => values(6 + i)[1])).toEqual(letters.map((l) => l.n));
    const mine = letters.findIndex((l) => l.id === approvalId);
    const copies = (
      ctx.opened.sqlite
        .prepare("SELECT count(*) AS n FROM event WHERE type = 'case.document_issued' AND json_extract(payload, '$.sourceEventId') = ?")
        .get(approvalId) as { n: number }
    ).n;
    const line = values(6 + mine);
    expect(line[4]).toBe(ref);
    expect(line[6]).toContain(signedName);
    expect(line[3]).toMatch(/^Kepala Dinas/);
    expect(line[2]).toMatch(/^\d{1,2} [A-Z][a-z]+ 20\d\d$/);
    expect(Number(line[7])).toBe(copies);
  });

  it("previews the letter before signing: the rendered page with the drafter's text, marked KONSEP, unnumbered, not recorded, not verifiable", async () => {
    const open = ctx.opened.sqlite
      .prepare(
        "SELECT t.case_id AS id FROM case_task t WHERE t.state = 'open' AND t.step_id IN ('penyusunan', 'persetujuan') ORDER BY t.case_id LIMIT 1",
      )
      .get() as { id: string } | undefined;
    if (!open) throw new Error('demo has no case being drafted or approved');
    const before = issuedCount();
    const text = 'Jalan telah ditambal oleh tim lapangan pada tanggal 3 Februari 2026.';
    const preview = await call(ctx, 'document.preview', admin, { caseId: open.id, response: text });
    const file = path.join(dir, 'pratinjau.pdf');
    fs.writeFileSync(file, Buffer.from(preview.dataBase64, 'base64'));
    const shown = layoutText(file);
    // (The KONSEP watermark is drawn diagonally; pdftotext reads it letter by letter.)
    for (const s of ['Pratinjau konsep', '(nomor terbit saat ditandatangani)', text, 'Menindaklanjuti', 'belum ditandatangani'])
      expect(shown).toContain(s);
    expect(shown).not.toContain('Kode verifikasi');
    expect(issuedCount()).toBe(before);
    const v = await alur(['--data', data, 'verify', file]);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/bukan dokumen yang diterbitkan Alur/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(ARTIFACTS, 'letter-preview')]);
  });

  it('prints the disposition sheet with every disposition and a QR code naming the case', async () => {
    const file = path.join(dir, 'lembar.pdf');
    const r = await alur(['--data', data, 'sheet', ref, '--out', file]);
    expect(r.code, r.err).toBe(0);
    const text = pdfText(file);
    for (const s of [
      'LEMBAR DISPOSISI',
      ref,
      'Nomor agenda',
      'Aduan dari',
      'Surat dari',
      'Tanggal aduan',
      'Diterima tanggal',
      'Sifat',
      'Sangat Segera',
      'Rahasia',
      'Hal',
      'Diteruskan kepada',
      'Instruksi',
      'Catatan',
      'Paraf / tanggal',
      'TTE sah',
    ])
      expect(text).toContain(s);
    // One page per unit's part of the chain (the desk's and the OPD's), Indonesian dates only.
    const units = Number(
      (ctx.opened.sqlite.prepare('SELECT count(DISTINCT unit_id) AS n FROM case_task WHERE case_id = ?').get(caseId) as { n: number }).n,
    );
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])).toBe(units);
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(text).toMatch(/Nomor agenda \d+\/20\d\d/);
    // A forward names the post and the official who held it.
    expect(text).toMatch(/Sekretaris [^()]+\([^)]+\)/);
    expect(qrOf(file, 'doc-sheet.png')).toBe(`ALUR:S:${caseId}:${ref}`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', file, path.join(ARTIFACTS, 'sheet')]);
    expect((await alur(['--data', data, 'verify', file])).code).toBe(0);
  });

  it('a letter with one byte changed, a PDF that is not ours and a non-document all fail verification', async () => {
    const file = path.join(dir, 'surat.pdf');
    const altered = path.join(dir, 'surat-diubah.pdf');
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x01;
    fs.writeFileSync(altered, bytes);
    const r = await alur(['--data', data, 'verify', altered]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/TIDAK SAH: .*telah diubah/);
    const foreign = path.join(dir, 'asing.pdf');
    fs.writeFileSync(foreign, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const f = await alur(['--data', data, 'verify', foreign]);
    expect(f.code).toBe(1);
    expect(f.out).toMatch(/bukan dokumen yang diterbitkan Alur/);
    const notPdf = await alur(['--data', data, 'verify', path.join(REPO, 'package.json')]);
    expect(notPdf.code).toBe(1);
    expect((await alur(['--data', data, 'verify', path.join(dir, 'tidak-ada.pdf')])).code).toBe(1);
  });

  it('refuses a letterhead logo that is not an image, and a missing logo file stops the letter with a clear message', async () => {
    const lh = await call(ctx, 'letterhead.list', admin, {});
    const unitId = (
      ctx.opened.sqlite.prepare("SELECT json_extract(payload, '$.letter.unitId') AS u FROM event WHERE id = ?").get(approvalId) as { u: string }
    ).u;
    const head = lh.find((h) => h.unitId === unitId);
    if (!head) throw new Error('no letterhead');
    const { unitName: _n, ...base } = head;
    const pdfUp = await dispatch(ctx, 'attachment.upload', admin, {
      name: 'logo.pdf',
      dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
    });
    if (!pdfUp.ok) throw new Error(pdfUp.error.message);
    const refused = await dispatch(ctx, 'letterhead.save', admin, { ...base, logo: pdfUp.value });
    expect(!refused.ok && refused.error.message).toMatch(/PNG atau JPEG/);
    const png = await call(ctx, 'attachment.upload', admin, { name: 'logo.png', dataBase64: PNG_1PX.toString('base64') });
    expect((await dispatch(ctx, 'letterhead.save', admin, { ...base, logo: png })).ok).toBe(true);
    const withLogo = await dispatch(ctx, 'document.letter', admin, { caseId, eventId: null, format: 'pdf' });
    expect(withLogo.ok).toBe(true);
    fs.rmSync(blobPath(data, png.sha256));
    const before = issuedCount();
    const missing = await dispatch(ctx, 'document.letter', admin, { caseId, eventId: null, format: 'docx' });
    expect(!missing.ok && missing.error.message).toMatch(/logo kop surat tidak ditemukan/i);
    expect(issuedCount()).toBe(before);
    expect((await dispatch(ctx, 'letterhead.save', admin, { ...base, logo: null })).ok).toBe(true);
  });

  it('a long response runs over several pages with the signature block at the end, and a name with diacritics prints', async () => {
    const signed = await letterContent(ctx, caseId, null);
    const content = { ...signed, signer: { ...signed.signer, name: 'Dédé Ñurhayati Pâturi, S.Sos.' } };
    const long = Array.from({ length: 40 }, (_v, i) => `Paragraf ${i + 1}: ${'tanggapan yang panjang dan rinci mengenai tindak lanjut '.repeat(9)}`);
    const file = path.join(dir, 'panjang.pdf');
    fs.writeFileSync(file, await letterPdf(ctx.options.resourcesDir, { ...content, body: long }));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(2);
    const text = pdfText(file);
    expect(text.lastIndexOf('Dédé Ñurhayati Pâturi, S.Sos.')).toBeGreaterThan(text.indexOf('Paragraf 40:'));
    const docx = unzipSync(await letterDocx(content));
    expect(strFromU8(docx['word/document.xml'] ?? new Uint8Array())).toContain('Dédé Ñurhayati Pâturi, S.Sos.');
    // Page numbers from page 2 on ("- 2 -", which pdftotext reads as "-2-").
    expect(layoutText(file)).toMatch(new RegExp(`-\\s?${pages}\\s?-`));
    expect(layoutText(file)).not.toMatch(/-\s?1\s?-/);
  });

  it('the DOCX is the same letter as the PDF when LibreOffice reads it: text, fields, page numbers, pages, font, logo shape', async () => {
    const unitId = (
      ctx.opened.sqlite.prepare("SELECT json_extract(payload, '$.letter.unitId') AS u FROM event WHERE id = ?").get(approvalId) as { u: string }
    ).u;
    const head = (await call(ctx, 'letterhead.list', admin, {})).find((h) => h.unitId === unitId);
    if (!head) throw new Error('no letterhead');
    const { unitName: _n, ...base } = head;
    // A wide logo (3:1) must keep its shape; "Arsip" and a "Yth." never appear in the tembusan.
    const wide = new PNG({ width: 240, height: 80 });
    wide.data.fill(0x80);
    const logo = await call(ctx, 'attachment.upload', admin, { name: 'lambang.png', dataBase64: PNG.sync.write(wide).toString('base64') });
    const tembusan = ['Yth. Bupati Balangan (sebagai laporan)', 'Inspektur Kabupaten Balangan', 'Arsip'];
    const a = await letterContent(ctx, caseId, null);
    await call(ctx, 'letterhead.save', admin, {
      ...base,
      logo,
      tembusan,
      paper: 'F4',
      font: 'bookman',
      fontSize: 12,
      margins: { top: 20, right: 20, bottom: 20, left: 30 },
    });
    const signed = await letterContent(ctx, caseId, null);
    expect(signed.tembusan).toEqual(['Bupati Balangan (sebagai laporan)', 'Inspektur Kabupaten Balangan']);
    const long = Array.from(
      { length: 14 },
      (_v, i) => `Paragraf ${i + 1}: ${'tanggapan yang panjang dan rinci mengenai tindak lanjut '.repeat(6)}selesai.`,
    );
    const b = { ...signed, body: long };
    const out = path.join(dir, 'lo');
    fs.mkdirSync(out, { recursive: true });
    const files = { a, b };
    for (const [name, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, `${name}.pdf`), await letterPdf(ctx.options.resourcesDir, content));
      fs.writeFileSync(path.join(dir, `${name}.docx`), await letterDocx(content));
    }
    // One LibreOffice run for both files, with its own profile (another soffice may be running),
    // seeing the fonts the app ships (as a workstation with them installed would) besides the
    // system's, whose metric aliases map Arial and Bookman Old Style to them.
    const fontsConf = path.join(dir, 'fonts.conf');
    fs.writeFileSync(
      fontsConf,
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${path.join(ctx.options.resourcesDir, 'fonts')}</dir><cachedir>${path.join(dir, 'fc-cache')}</cachedir></fontconfig>`,
    );
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        path.join(dir, 'a.docx'),
        path.join(dir, 'b.docx'),
      ],
      {
        stdio: 'ignore',
        timeout: 90_000,
        env: { ...process.env, FONTCONFIG_FILE: fontsConf },
      },
    );
    const pages = (f: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))?.[1]);
    // Read line by line as laid out: the same words on the same lines in the same order.
    const words = (f: string) => layoutText(f).trim().split(' ');
    const pageText = (f: string, n: number) => layoutText(f, n);
    for (const name of Object.keys(files)) {
      const pdf = path.join(dir, `${name}.pdf`);
      const lo = path.join(out, `${name}.pdf`);
      expect(words(lo)).toEqual(words(pdf));
      expect(pages(lo)).toBe(pages(pdf));
      for (const f of [pdf, lo]) {
        const raw = execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).replace(/\u2011/g, '-');
        // "Hal" keeps the case number whole, fields keep their colon column.
        expect(raw).toContain(ref);
        for (const k of ['Nomor : ', 'Sifat : ', 'Lampiran : ', `Hal : ${a.hal}`]) expect(layoutText(f)).toContain(k);
        // No number on page 1; "- n -" from page 2 on; the signer shares a page with the closing words.
        expect(pageText(f, 1)).not.toMatch(/-\s?1\s?-/);
        const last = pages(f);
        if (last > 1) expect(pageText(f, 2)).toMatch(/-\s?2\s?-/);
        const end = pageText(f, last);
        expect(end).toContain(a.signer.name);
        expect(end).toMatch(/Demikian|terima kasih/);
      }
    }
    expect(pages(path.join(dir, 'a.pdf'))).toBe(1);
    expect(pages(path.join(dir, 'b.pdf'))).toBeGreaterThan(1);
    expect(pdfText(path.join(dir, 'b.pdf'))).not.toMatch(/Yth\. (Bupati|Inspektur|Arsip)|Arsip/);
    // The prescribed face is named in the DOCX and LibreOffice lays it out with the shipped metric twin.
    const zip = unzipSync(fs.readFileSync(path.join(dir, 'b.docx')));
    expect(strFromU8(zip['word/styles.xml'] ?? new Uint8Array())).toContain('Bookman Old Style');
    expect(execFileSync('pdffonts', [path.join(out, 'b.pdf')], { encoding: 'utf8' })).toMatch(/TeXGyreBonum/);
    expect(execFileSync('pdffonts', [path.join(dir, 'b.pdf')], { encoding: 'utf8' })).toMatch(/TeXGyreBonum/);
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(strFromU8(zip['word/document.xml'] ?? new Uint8Array()));
    expect(Number(extent?.[1]) / Number(extent?.[2])).toBeCloseTo(3, 1);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    for (const [f, as] of [
      [path.join(dir, 'a.pdf'), 'letter-pdf'],
      [path.join(out, 'a.pdf'), 'letter-docx-lo'],
      [path.join(dir, 'b.pdf'), 'letter-f4-pdf'],
      [path.join(out, 'b.pdf'), 'letter-f4-docx-lo'],
    ] as const)
      execFileSync('pdftoppm', ['-png', '-r', '60', f, path.join(ARTIFACTS, as)]);
    await call(ctx, 'letterhead.save', admin, base);
  }, 120_000);

  it('a letter whose signer key was revoked before it was signed no longer verifies', async () => {
    const keyId =
      /^ed25519:([0-9a-f]{16}):/.exec(
        (ctx.opened.sqlite.prepare('SELECT signature FROM event WHERE id = ?').get(approvalId) as { signature: string }).signature,
      )?.[1] ?? '';
    const at = (ctx.opened.sqlite.prepare('SELECT at FROM event WHERE id = ?').get(approvalId) as { at: number }).at;
    const revoked = await dispatch(ctx, 'key.revoke', admin, { keyId, reason: 'Kunci bocor sejak sebelum surat ditandatangani', from: at - 60_000 });
    expect(revoked.ok).toBe(true);
    const r = await alur(['--data', data, 'verify', path.join(dir, 'surat.pdf')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/dicabut/);
  });

  // Issue 13: who may record which paper act, and what a paper approval's letter claims.
  it("a head's approval recorded from paper by the OPD admin is marked as recorded by that clerk, never as the head's electronic signature", async () => {
    const task = ctx.opened.sqlite
      .prepare("SELECT id, case_id, unit_id, role_id FROM case_task WHERE state = 'open' AND step_id = 'persetujuan' LIMIT 1")
      .get() as { id: string; case_id: string; unit_id: string; role_id: string } | undefined;
    if (!task) throw new Error('demo has no case waiting for approval');
    const ov = await call(ctx, 'office.overview', admin, {});
    const users = await call(ctx, 'user.list', admin, {});
    const holderOf = (roleId: string) => {
      const pos = ov.positions.find((p) => p.unitId === task.unit_id && p.roleId === roleId);
      return { pos, user: users.find((u) => u.assignments.some((a) => a.positionId === pos?.id && a.acting === null)) };
    };
    const head = holderOf(task.role_id);
    const clerk = holderOf('admin_opd');
    if (!head.pos || !head.user || !clerk.user) throw new Error('demo unit lacks a head or an admin');
    const login = async (username: string) => (await call(ctx, 'session.login', null, { username, password: DEMO_PASSWORD })).token;
    const [headToken, clerkToken] = [await login(head.user.username), await login(clerk.user.username)];
    const scan = await call(ctx, 'attachment.upload', clerkToken, { name: 'persetujuan-tinta.png', dataBase64: PNG_1PX.toString('base64') });
    const input = {
      caseId: task.case_id,
      taskId: task.id,
      actionId: 'setujui',
      positionId: head.pos.id,
      writtenOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      scan,
    };
    // The head's own act goes through Alur with the signing password, not as a paper record.
    const own = await dispatch(ctx, 'case.recordPaper', headToken, input);
    expect(own.ok || own.error.code).toBe('FORBIDDEN');
    await call(ctx, 'case.recordPaper', clerkToken, input);
    const detail = await call(ctx, 'case.get', admin, { caseId: task.case_id });
    const approval = detail.timeline.findLast((e) => e.type === 'case.approved');
    expect(approval?.signature).toMatchObject({ status: 'paper', message: expect.stringContaining(clerk.user.fullName) });
    const letter = await call(ctx, 'document.letter', clerkToken, { caseId: task.case_id, format: 'pdf' });
    const file = path.join(dir, 'surat-kertas.pdf');
    fs.writeFileSync(file, Buffer.from(letter.dataBase64, 'base64'));
    expect(pdfText(file)).not.toMatch(/Ditandatangani secara elektronik/);
    // A genuine copy of a clerk's record, said as such: never "signed electronically by" the head.
    const byFile = await call(ctx, 'document.verify', admin, { fileName: 'surat-kertas.pdf', dataBase64: letter.dataBase64 });
    expect(byFile).toMatchObject({
      valid: true,
      signature: { status: 'paper' },
      message: expect.stringContaining(`dicatat oleh ${clerk.user.fullName}`),
    });
    expect(byFile.message).toMatch(/bukan tanda tangan elektronik/);
    expect(byFile.message).not.toMatch(/Ditandatangani secara elektronik/);
    const byCode = await call(ctx, 'document.verifyCode', admin, { code: letter.verifyCode ?? '' });
    expect(byCode).toMatchObject({ valid: true, signature: { status: 'paper' } });

    // case.duplicates, asked by an OPD admin: only cases the unit may see, never a rahasia identity.
    const rahasia = ctx.opened.sqlite
      .prepare(
        "SELECT c.id, c.title, c.description, i.name, i.phone, u.unit_id FROM cases c JOIN identity i ON i.case_id = c.id JOIN case_unit u ON u.case_id = c.id WHERE c.privacy = 'rahasia' ORDER BY c.ref LIMIT 1",
      )
      .get() as { id: string; title: string; description: string; name: string; phone: string | null; unit_id: string };
    const opdAdminPos = ov.positions.find((p) => p.unitId === rahasia.unit_id && p.roleId === 'admin_opd');
    const opdAdmin = users.find((u) => u.assignments.some((a) => a.positionId === opdAdminPos?.id));
    if (!opdAdmin) throw new Error('no OPD admin for the rahasia case');
    const opdToken = await login(opdAdmin.username);
    const who = { complainant: { name: rahasia.name, phone: rahasia.phone }, title: rahasia.title, description: rahasia.description };
    expect((await call(ctx, 'case.duplicates', admin, who)).find((d) => d.id === rahasia.id)?.reasons).toContain('complainant');
    const seen = await call(ctx, 'case.duplicates', opdToken, who);
    expect(seen.find((d) => d.id === rahasia.id)?.reasons).toEqual(['text']);
    const other = ctx.opened.sqlite
      .prepare('SELECT id, title, description FROM cases WHERE id NOT IN (SELECT case_id FROM case_unit WHERE unit_id = ?) ORDER BY ref LIMIT 1')
      .get(rahasia.unit_id) as { id: string; title: string; description: string };
    const asked = { title: other.title, description: other.description };
    expect((await call(ctx, 'case.duplicates', admin, asked)).map((d) => d.id)).toContain(other.id);
    expect((await call(ctx, 'case.duplicates', opdToken, asked)).map((d) => d.id)).not.toContain(other.id);
  });
});

describe('indexes for letters and issued copies', () => {
  it('issuing a letter number and finding an issued copy use their indexes, not a scan of the log', async () => {
    const ctx = await openTestContext(tempDir());
    try {
      const plan = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
        const c = q.compile();
        return (ctx.opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as Array<{ detail: string }>)
          .map((r) => r.detail)
          .join(' | ');
      };
      expect(plan(highestSeenSeq(ctx.db, 'unit-x', 2026))).toMatch(/USING (COVERING )?INDEX event_letter_seq/);
      expect(plan(issuedCopyQuery(ctx, 'a'.repeat(64)))).toMatch(/USING INDEX event_issued_sha/);
    } finally {
      await ctx.opened.close();
    }
  });
});
