/**
 * Signing and documents in the real UI: an OPD head approves a response (a wrong signing
 * password is refused and saves nothing), the timeline marks the signature valid, the letter
 * is saved as PDF, and the Verifikasi screen accepts it and refuses an altered copy. Then the
 * same head signs two approvals and a disposition at once from the Buku tanda tangan (issue
 * 15) and sees what they passed on in Disposisi keluar, at 1366x768 with an axe scan.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { apiCall, apiLogin, newPage, screenshot, uiLogin, useDemoHarness } from './harness';
import { axeSerious, horizontalOverflow, newOfficePage } from './ui-check';
import { apiWalker } from './walk-api';

interface InboxRowLite {
  id: string;
  stepId: string;
  ref: string;
}

/** How many pixels of the canvases under `selector` are dark: a drawn page has text, a blank one has none. */
async function inkedPixels(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const px = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if ((px[i] ?? 255) < 128 && (px[i + 3] ?? 0) > 0) n++;
      return n;
    });
}

describe('signing and documents', () => {
  const h = useDemoHarness(60, 21);
  let page: Page;
  let head = '';
  let caseId = '';
  let ref = '';
  let letterFile = '';
  let opdUnitId = '';

  beforeAll(async () => {
    const admin = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const ov = (await apiCall(h.server, 'office.overview', {}, { token: admin })).body as {
      value: { units: Array<{ id: string; code: string; kind: string }> };
    };
    // A case being drafted in an OPD: the field sends its draft (through the API), and the
    // head (or the Plt. when the post is vacant) then approves it in the UI.
    for (const u of ov.value.units.filter((x) => x.kind === 'opd')) {
      const code = u.code.toLowerCase();
      const field = (await apiCall(h.server, 'session.login', { username: `${code}.kabid.teknis`, password: DEMO_PASSWORD })).body as {
        ok: boolean;
        value?: { token: string };
      };
      if (!field.ok || !field.value) continue;
      const token = field.value.token;
      const inbox = (await apiCall(h.server, 'inbox.list', {}, { token })).body as { value: InboxRowLite[] };
      const row = inbox.value.find((r) => r.stepId === 'penyusunan');
      if (!row) continue;
      const detail = (await apiCall(h.server, 'case.get', { caseId: row.id }, { token })).body as {
        value: { allowed: Array<{ taskId: string; asPositionId: string; action: { id: string; kind: string } }> };
      };
      const draft = detail.value.allowed.find((a) => a.action.kind === 'draft');
      if (!draft) continue;
      const acted = (
        await apiCall(
          h.server,
          'case.act',
          {
            caseId: row.id,
            taskId: draft.taskId,
            actionId: draft.action.id,
            asPositionId: draft.asPositionId,
            response: 'Perbaikan telah dilaksanakan oleh tim lapangan pada hari ini.',
          },
          { token },
        )
      ).body as { ok: boolean };
      expect(acted.ok).toBe(true);
      for (const who of [`${code}.kepala`, `${code}.sekretaris`]) {
        const login = (await apiCall(h.server, 'session.login', { username: who, password: DEMO_PASSWORD })).body as {
          ok: boolean;
          value?: { token: string };
        };
        if (!login.ok || !login.value) continue;
        const theirs = (await apiCall(h.server, 'inbox.list', {}, { token: login.value.token })).body as { value: InboxRowLite[] };
        if (theirs.value.some((r) => r.id === row.id && r.stepId === 'persetujuan')) {
          head = who;
          opdUnitId = u.id;
          caseId = row.id;
          ref = row.ref;
          break;
        }
      }
      if (head) break;
    }
    if (!head) throw new Error('the demo has no response waiting for approval');
    // A photo and a scanned PDF on the case, for the viewer beside it.
    const headToken = await apiLogin(h.server, head, DEMO_PASSWORD);
    const png = new PNG({ width: 120, height: 80 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([200, 40, 40, 255], i);
    const scan = await PDFDocument.create();
    const font = await scan.embedFont(StandardFonts.Helvetica);
    scan.addPage([300, 200]).drawText('Surat pengadu', { x: 40, y: 120, size: 28, font });
    for (const [name, bytes] of [
      ['foto-jalan.png', PNG.sync.write(png)],
      ['surat-pengadu.pdf', Buffer.from(await scan.save())],
    ] as const) {
      const up = (await apiCall(h.server, 'attachment.upload', { name, dataBase64: bytes.toString('base64') }, { token: headToken })).body as {
        ok: boolean;
        value: unknown;
      };
      expect(up.ok).toBe(true);
      const attached = (await apiCall(h.server, 'case.attach', { caseId, attachment: up.value }, { token: headToken })).body as { ok: boolean };
      expect(attached.ok).toBe(true);
    }
    page = await newPage(h.browser);
    await page.goto(h.server.url);
    await uiLogin(page, head, DEMO_PASSWORD);
    await page.getByTestId('header-user').waitFor();
  });

  it('refuses a wrong signing password, then signs the approval and marks it valid on the timeline', async () => {
    await page.evaluate((id) => (window.location.hash = `#/cases/${id}`), caseId);
    await page.getByTestId('case-ref').filter({ hasText: ref }).waitFor();
    const before = await page.getByTestId('timeline-entry').count();
    await page
      .getByTestId('allowed-actions')
      .getByRole('button', { name: /Setujui/ })
      .click();
    const modal = page.getByTestId('act-modal');
    await modal.getByText('Persetujuan ini menandatangani surat tanggapan').waitFor();
    await modal.getByLabel('Kata sandi untuk tanda tangan').fill('bukan-sandi-saya');
    await screenshot(page, 'doc-01-sign-approval');
    await modal.getByRole('button', { name: 'Kirim' }).click();
    await modal.getByTestId('act-error').filter({ hasText: 'Kata sandi untuk tanda tangan salah' }).waitFor();
    expect(await page.getByTestId('timeline-entry').count()).toBe(before);
    // The approver corrects the draft before signing; the corrected text is what is signed.
    const text = modal.getByTestId('act-approve-text');
    expect(await text.inputValue()).toBe('Perbaikan telah dilaksanakan oleh tim lapangan pada hari ini.');
    await text.fill('Perbaikan telah dilaksanakan oleh tim lapangan pada hari Senin.');
    // The letter as it will be issued, drawn inside the dialog from the corrected text.
    await modal.getByTestId('letter-preview').click();
    await modal.locator('[data-testid="letter-preview-pages"][data-status="ready"]').waitFor();
    expect(await inkedPixels(page, '[data-testid="letter-preview-pages"] canvas')).toBeGreaterThan(1000);
    await screenshot(page, 'doc-01a-preview-in-dialog');
    await modal.getByLabel('Kata sandi untuk tanda tangan').fill(DEMO_PASSWORD);
    await modal.getByRole('button', { name: 'Kirim' }).click();
    const approval = page.locator('[data-testid="timeline-entry"][data-type="case.approved"]').last();
    await approval.getByTestId('signature-valid').waitFor();
    // The timeline says the approver changed the text and shows what changed.
    await approval.getByTestId('approver-edit-toggle').click();
    const diff = approval.getByTestId('approver-edit-diff');
    expect(await diff.locator('del').allTextContents()).toEqual(['ini.']);
    expect(await diff.locator('ins').allTextContents()).toEqual(['Senin.']);
    await screenshot(page, 'doc-01b-approver-edit');
    // Still logged in: a refused signing password is not a lost session.
    await page.getByTestId('header-user').waitFor();
  });

  it('shows the photo as a thumbnail and opens the photo and the PDF in the viewer beside the case', async () => {
    const card = page.getByTestId('documents-card');
    await card.getByTestId('attachment-thumb').waitFor();
    const item = (name: string) => card.locator(`[data-testid="case-file"][data-name="${name}"]`);
    await item('surat-pengadu.pdf').getByTestId('attachment-view').click();
    const viewer = page.getByTestId('attachment-viewer');
    await viewer.locator('[data-testid="attachment-pdf"][data-status="ready"]').waitFor();
    expect(await inkedPixels(page, '[data-testid="attachment-pdf"] canvas')).toBeGreaterThan(100);
    // Beside the case: the case page is still there and usable.
    await page.getByTestId('case-ref').filter({ hasText: ref }).waitFor();
    await screenshot(page, 'doc-01c-attachment-pdf');
    await item('foto-jalan.png').getByTestId('attachment-view').click();
    await viewer.getByTestId('attachment-image').waitFor();
    expect(await viewer.getByTestId('attachment-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    await screenshot(page, 'doc-01d-attachment-photo');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
  });

  it('saves the response letter as PDF with its number', async () => {
    const card = page.getByTestId('documents-card');
    await card.getByTestId('letter-pdf').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('letter-pdf').click()]);
    letterFile = path.join(h.dir, 'surat-unduhan.pdf');
    await download.saveAs(letterFile);
    const bytes = fs.readFileSync(letterFile);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [letterFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Tanggapan atas Aduan Nomor ${ref}`);
    expect(text).toContain('tim lapangan pada hari Senin.');
    const number = (await card.textContent()) ?? '';
    expect(number).toMatch(/\/\d{4}/);
    // Saving a copy records it on the case, so the file can be verified later.
    await page.locator('[data-testid="timeline-entry"][data-type="case.document_issued"]').first().waitFor();
    await screenshot(page, 'doc-02-case-documents');
  });

  it('verifies the saved letter on the Verifikasi screen and refuses an altered copy', async () => {
    await page.getByRole('menuitem', { name: /Verifikasi/ }).click();
    await page.getByRole('heading', { name: /Verifikasi dokumen/ }).waitFor();
    // antd passes the test id to the file input inside the drop zone.
    const input = page.locator('input[type="file"][data-testid="verify-drop"]');
    await input.setInputFiles(letterFile);
    await page.locator('[data-testid="verify-result"][data-valid="yes"]').getByText('Dokumen sah').waitFor();
    await screenshot(page, 'doc-03-verify-valid');
    const altered = path.join(h.dir, 'surat-diubah.pdf');
    const bytes = fs.readFileSync(letterFile);
    bytes[Math.floor(bytes.length / 3)] = (bytes[Math.floor(bytes.length / 3)] ?? 0) ^ 0x20;
    fs.writeFileSync(altered, bytes);
    await input.setInputFiles(altered);
    await page
      .locator('[data-testid="verify-result"][data-valid="no"]')
      .getByText(/telah diubah/)
      .waitFor();
    await screenshot(page, 'doc-04-verify-altered');
  });

  it('signs two approvals and a disposition at once as the head, one password entry, each its own signed act; shows Disposisi keluar', async () => {
    // Two drafted letters to approve and one case to dispose to the field, in the OPD whose head
    // (or Plt.) signed above; moved there through the API by the holders of each post.
    const walk = await apiWalker(h.server, opdUnitId);
    const ids = [
      await walk.toStep('Saluran air tersumbat di Paringin', 'persetujuan'),
      await walk.toStep('Trotoar rusak di Batumandi', 'persetujuan'),
      await walk.toStep('Papan nama jalan hilang di Juai', 'disposisi_opd'),
    ];
    const headToken = await apiLogin(h.server, head, DEMO_PASSWORD);
    const refOf = async (id: string) =>
      ((await apiCall(h.server, 'case.get', { caseId: id }, { token: headToken })).body as { value: { case: { ref: string } } }).value.case.ref;
    const refs = [await refOf(ids[0] ?? ''), await refOf(ids[1] ?? ''), await refOf(ids[2] ?? '')];

    const page = await newOfficePage(h.browser);
    await page.goto(h.server.url);
    await uiLogin(page, head, DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: /Buku tanda tangan/ }).click();
    const table = page.getByTestId('signbook-table');
    for (const ref of refs) await table.getByText(ref).waitFor();
    // Keyboard: a row takes focus and Enter shows its document beside the list.
    const row = table.locator('tr.alur-clickable-row', { hasText: refs[1] });
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('signbook-selected').getByText('Trotoar rusak di Batumandi').first().waitFor();
    await page.getByTestId('signbook-document-text').getByText('perbaikan dijadwalkan').waitFor();
    // "Kembalikan" opens the case's act dialog, where the reason is required.
    await page.getByTestId('signbook-return').click();
    const actModal = page.getByTestId('act-modal');
    await actModal.getByRole('button', { name: 'Kirim' }).click();
    await actModal.getByText('Wajib diisi').first().waitFor();
    await actModal.getByRole('button', { name: 'Batal' }).click();
    await actModal.waitFor({ state: 'hidden' });

    for (const ref of refs) await page.getByRole('checkbox', { name: `Pilih untuk ditandatangani sekaligus ${ref}` }).check();
    expect(await axeSerious(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'signbook-01-queue');
    await page.getByTestId('signbook-batch').click();
    const modal = page.getByTestId('batch-sign-modal');
    // A wrong password signs nothing and says so; the right one signs both.
    // The disposition needs its addressee: refused until one is chosen.
    await modal.getByTestId('batch-sign-password').fill('bukan-sandi-saya');
    await modal.getByRole('button', { name: 'Tandatangani 3' }).click();
    await modal.getByText('Wajib diisi').first().waitFor();
    await modal.getByTestId('batch-sign-targets').click();
    await page.locator('.ant-select-item-option', { hasText: 'Bidang Teknis' }).first().click();
    await page.keyboard.press('Escape');
    await modal.getByRole('checkbox', { name: 'Proses lebih lanjut' }).check();
    await screenshot(page, 'signbook-02-batch-dialog');
    await modal.getByRole('button', { name: 'Tandatangani 3' }).click();
    await modal.getByTestId('batch-sign-error').filter({ hasText: 'Kata sandi untuk tanda tangan salah' }).waitFor();
    await modal.getByTestId('batch-sign-password').fill(DEMO_PASSWORD);
    await modal.getByRole('button', { name: 'Tandatangani 3' }).click();
    await modal.getByTestId('batch-sign-summary').getByText('3 dari 3 berhasil ditandatangani.').waitFor();
    expect(await modal.getByTestId('batch-sign-item').filter({ hasText: 'Ditandatangani' }).count()).toBe(3);
    await screenshot(page, 'signbook-03-batch-done');
    await modal.locator('.ant-modal-footer').getByRole('button', { name: 'Tutup' }).click();
    for (const ref of refs) await table.getByText(ref).waitFor({ state: 'detached' });

    // Each is its own act with its own valid signature and letter number.
    type Timeline = {
      value: { timeline: Array<{ id: string; type: string; signature: { status: string } | null; summary: Record<string, unknown> }> };
    };
    const timelines = await Promise.all(
      ids.map(async (id) => ((await apiCall(h.server, 'case.get', { caseId: id }, { token: headToken })).body as Timeline).value.timeline),
    );
    const signedNow = timelines.map((tl, i) => tl.filter((e) => e.type === (i < 2 ? 'case.approved' : 'case.disposed')).at(-1));
    for (const e of signedNow) expect(e?.signature?.status).toBe('valid');
    expect(new Set(signedNow.map((e) => e?.id)).size).toBe(3);

    await page.getByRole('tab', { name: 'Disposisi keluar' }).click();
    const out = page.getByTestId('outgoing-table');
    for (const ref of refs) await out.getByText(ref).first().waitFor();
    // The disposition just signed is there, with its addressee and the case now in the field.
    await out.locator('tr', { hasText: refs[2] }).filter({ hasText: 'Bidang Teknis' }).first().waitFor();
    expect(await axeSerious(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'signbook-04-outgoing');
    await page.context().close();
  });
});
