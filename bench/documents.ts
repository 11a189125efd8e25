/**
 * Bench rows for documents (DESIGN.md section 10: one response letter, PDF under 100 ms warm,
 * DOCX under 30 ms). A small demo office made through the real services supplies a signed
 * letter; each row times gathering the letter from the log and rendering it, beside a raw
 * baseline that renders only the same body text with the same library.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { openContext } from '../src/main/backend/backend';
import { letterContent } from '../src/main/backend/documents/letter-content';
import { letterDocx } from '../src/main/backend/documents/letter-docx';
import { letterPdf } from '../src/main/backend/documents/letter-pdf';
import { renderPdf } from '../src/main/backend/documents/pdf-render';
import { generateDemo } from '../src/main/cli/demo/generator';
import { sample, type Row } from './stats';

export async function benchLetters(resourcesDir: string, out: (s: string) => void): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alur-bench-docs-'));
  const now = Date.UTC(2026, 10, 20, 3, 0);
  try {
    await generateDemo((o) => openContext({ dataDir: dir, resourcesDir, appVersion: 'bench', random: o.random, now: o.now }), {
      cases: 25,
      seed: 3,
      now,
      presetId: 'balangan',
      officeName: 'Bench',
    });
    const ctx = await openContext({ dataDir: dir, resourcesDir, appVersion: 'bench', now: () => now });
    try {
      const row = ctx.opened.sqlite.prepare("SELECT case_id FROM event WHERE type = 'case.approved' AND signature IS NOT NULL LIMIT 1").get() as
        { case_id: string } | undefined;
      if (!row) throw new Error('demo tanpa surat bertanda tangan');
      const caseId = row.case_id;
      const first = await letterContent(ctx, caseId, null);
      const text = [first.opening, ...first.body, first.closing].filter((t): t is string => t !== null);
      out(`  surat: ${first.letter.number}, ${first.body.join(' ').length} karakter isi`);
      const pdf = await sample(30, 5, async () => letterPdf(resourcesDir, await letterContent(ctx, caseId, null)));
      const rawPdf = await sample(30, 5, () => renderPdf(resourcesDir, { content: text }));
      const docx = await sample(30, 5, async () => letterDocx(await letterContent(ctx, caseId, null)));
      const rawDocx = await sample(30, 5, () => Packer.toBuffer(new Document({ sections: [{ children: text.map((t) => new Paragraph(t)) }] })));
      return [
        { work: 'surat tanggapan, PDF (warm)', measure: 'p95 ms', value: pdf.p95, baseline: rawPdf.p95, budget: '< 100 ms', pass: pdf.p95 < 100 },
        { work: 'surat tanggapan, DOCX (warm)', measure: 'p95 ms', value: docx.p95, baseline: rawDocx.p95, budget: '< 30 ms', pass: docx.p95 < 30 },
      ];
    } finally {
      await ctx.opened.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
