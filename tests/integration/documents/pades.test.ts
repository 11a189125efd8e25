/**
 * PAdES with an office certificate (.p12): the letter PDF is signed so a standard reader
 * (poppler's pdfsig here) validates it, and Alur still verifies the signed copy. A wrong
 * certificate password or a file that is not a certificate is refused and nothing is recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendContext } from '../../../src/main/backend/services/context';
import { PDFDict, PDFDocument, PDFName, type PDFHexString } from 'pdf-lib';
import { letterContent } from '../../../src/main/backend/documents/letter-content';
import { letterPdf, SIGNATURE_BOX } from '../../../src/main/backend/documents/letter-pdf';
import { signPdfPades } from '../../../src/main/backend/documents/pades';
import { openTestContext, REPO, tempDir } from '../../helpers/temp';
import { makeP12 } from '../../helpers/p12';
import { runCli } from '../../helpers/cli';

/** The CLI with its output as one string per stream. */
async function alur(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(args, env);
  return { code: r.code, out: r.out.join('\n'), err: r.err.join('\n') };
}

const ARTIFACTS = path.join(REPO, 'tests', 'e2e', 'artifacts');

describe('PAdES letters', () => {
  const dir = tempDir();
  const data = path.join(dir, 'data');
  const p12 = path.join(dir, 'kantor.p12');
  let ref = '';
  let ctx: BackendContext;
  const issued = () =>
    Number((ctx.opened.sqlite.prepare("SELECT count(*) AS n FROM event WHERE type = 'case.document_issued'").get() as { n: number }).n);

  beforeAll(async () => {
    expect((await alur(['--data', data, 'demo', '--cases', '20', '--seed', '5'])).code).toBe(0);
    fs.writeFileSync(p12, makeP12('sandi-p12-uji'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    ctx = await openTestContext(data);
    ref = (
      ctx.opened.sqlite
        .prepare(
          "SELECT c.ref FROM cases c JOIN event e ON e.case_id = c.id WHERE e.type = 'case.approved' GROUP BY c.id HAVING count(*) = 1 ORDER BY c.ref LIMIT 1",
        )
        .get() as { ref: string }
    ).ref;
  }, 180_000);
  afterAll(() => ctx.opened.close());

  it('signs the letter PDF so a standard reader validates it, and Alur verifies the signed copy', async () => {
    const file = path.join(dir, 'surat-pades.pdf');
    const r = await alur(['--data', data, 'letter', ref, '--out', file, '--p12', p12, '--p12-password-env', 'ALUR_TEST_P12'], {
      ALUR_TEST_P12: 'sandi-p12-uji',
    });
    expect(r.code, r.err).toBe(0);
    const sig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(sig.stdout).toContain('Signer Certificate Common Name: Dinas Kominfo Uji');
    expect(sig.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(ref);
    expect((await alur(['--data', data, 'verify', file])).code).toBe(0);
  });

  it('draws a visible signature box on the signature block, with the signature widget over it', async () => {
    const file = path.join(dir, 'surat-pades-terlihat.pdf');
    const r = await alur(['--data', data, 'letter', ref, '--out', file, '--p12', p12, '--p12-password-env', 'ALUR_TEST_P12', '--p12-visible'], {
      ALUR_TEST_P12: 'sandi-p12-uji',
    });
    expect(r.code, r.err).toBe(0);
    expect(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout).toContain('Signature Validation: Signature is Valid.');
    const doc = await PDFDocument.load(fs.readFileSync(file));
    const widget = doc
      .getForm()
      .getFields()
      .find((f) => f.acroField.dict.has(PDFName.of('V')))
      ?.acroField.getWidgets()[0];
    const rect = widget?.getRectangle();
    expect(rect?.width).toBe(SIGNATURE_BOX.width);
    expect(rect?.height).toBe(SIGNATURE_BOX.height);
    // The box's text lies inside the widget's rectangle on its page (pdftotext -bbox, top-down y).
    const pageIndex = doc.getPages().findIndex((p) => p.ref === widget?.P());
    const pageHeight = doc.getPages()[pageIndex]?.getHeight() ?? 0;
    const bbox = execFileSync('pdftotext', ['-bbox', '-f', String(pageIndex + 1), '-l', String(pageIndex + 1), file, '-'], { encoding: 'utf8' });
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">secara<\/word>/.exec(bbox);
    if (!word || !rect) throw new Error('no box text');
    expect(Number(word[1])).toBeGreaterThan(rect.x);
    expect(Number(word[1])).toBeLessThan(rect.x + rect.width);
    expect(pageHeight - Number(word[3])).toBeGreaterThan(rect.y);
    expect(pageHeight - Number(word[2])).toBeLessThan(rect.y + rect.height);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Ditandatangani secara elektronik');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      String(pageIndex + 1),
      '-l',
      String(pageIndex + 1),
      file,
      path.join(ARTIFACTS, 'letter-pades-visible'),
    ]);
    // The flag alone (no certificate) is refused.
    expect((await alur(['--data', data, 'letter', ref, '--out', path.join(dir, 'v.pdf'), '--p12-visible'])).err).toMatch(/hanya bersama --p12/);
  });

  it('keeps a signer name outside Latin-1 in the signature, which still validates', async () => {
    const caseId = (ctx.opened.sqlite.prepare('SELECT id FROM cases WHERE ref = ?').get(ref) as { id: string }).id;
    const pdf = await letterPdf(ctx.options.resourcesDir, await letterContent(ctx, caseId, null));
    const name = 'Ḥusain Ṣāliḥ, S.H.';
    const signed = await signPdfPades(pdf, {
      p12: fs.readFileSync(p12),
      passphrase: 'sandi-p12-uji',
      reason: 'Surat tanggapan 1/Ḥ/2026',
      name,
      location: 'Ṭanjung',
      contactInfo: 'pos-el · telepon',
      signingTime: new Date(Date.UTC(2026, 0, 5)),
    });
    const file = path.join(dir, 'surat-husain.pdf');
    fs.writeFileSync(file, signed);
    expect(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout).toContain('Signature Validation: Signature is Valid.');
    const doc = await PDFDocument.load(signed);
    const field = doc
      .getForm()
      .getFields()
      .find((f) => f.acroField.dict.has(PDFName.of('V')));
    const v = field?.acroField.dict.lookup(PDFName.of('V'), PDFDict);
    const text = (k: string) => (v?.lookup(PDFName.of(k)) as PDFHexString | undefined)?.decodeText();
    expect(text('Name')).toBe(name);
    expect(text('Reason')).toBe('Surat tanggapan 1/Ḥ/2026');
    expect(text('Location')).toBe('Ṭanjung');
  });

  it('refuses a wrong certificate password and a file that is not a certificate, recording nothing', async () => {
    const before = issued();
    const wrong = await alur(['--data', data, 'letter', ref, '--out', path.join(dir, 'x.pdf'), '--p12', p12, '--p12-password-env', 'ALUR_TEST_P12'], {
      ALUR_TEST_P12: 'salah',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/sertifikat \.p12 salah|tidak dapat dibuka/);
    const notP12 = path.join(dir, 'bukan.p12');
    fs.writeFileSync(notP12, 'ini bukan sertifikat');
    const bad = await alur(
      ['--data', data, 'letter', ref, '--out', path.join(dir, 'y.pdf'), '--p12', notP12, '--p12-password-env', 'ALUR_TEST_P12'],
      { ALUR_TEST_P12: 'x' },
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bukan sertifikat/);
    expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
    expect(issued()).toBe(before);
  });
});
