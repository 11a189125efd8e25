/**
 * One case through the whole Balangan SOP in the real UI, each official logging in in turn:
 * registration with a photo (and a disguised executable refused with the backend's message)
 * after the likely-duplicates warning, the desk chain, a disposition to the wrong OPD
 * returned as *bukan kewenangan*, the Kepala Dinas' new disposition written on paper and
 * recorded with its scan through the paper dialog, the OPD chain with a draft returned for
 * revision, the signed approval, and the answer to the complainant.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { scanPdf } from '../../src/main/cli/demo/scan';
import { ARTIFACTS, apiCall, apiLogin, newPage, screenshot, uiLogin, useDemoHarness } from './harness';

type Ok<T> = { ok: true; value: T };
type Refused = { ok: false; error: { message: string } };

/** A 2x2 PNG, a stand-in for the complainant's photo. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4UaEBRAwQCgAp7gWhjAnOiAAAAABJRU5ErkJggg==', 'base64');
/** The start of a Windows executable, named as if it were a PDF. */
const DISGUISED = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(64),
  Buffer.from('PE\0\0'),
  Buffer.alloc(200),
]);

const COMPLAINANT = { name: 'Siti Rahmah', nik: '6311014506880002', phone: '081251234567' };

describe('Balangan: one case through every official', () => {
  const h = useDemoHarness(5, 21);
  let caseId = '';
  /** One window per official, logged in once and kept (as on their own desks). */
  const windows = new Map<string, Page>();

  /** `username`'s window, on the case page freshly loaded. */
  async function as(username: string): Promise<Page> {
    let p = windows.get(username);
    if (!p) {
      p = await newPage(h.browser);
      await p.goto(`${h.server.url}#/cases/${caseId}`);
      await uiLogin(p, username, DEMO_PASSWORD);
      windows.set(username, p);
    } else {
      // Away and back: the case page mounts again and reads the case afresh.
      await p.evaluate(() => (window.location.hash = '#/inbox'));
      await p.getByTestId('case-ref').waitFor({ state: 'detached' });
      await p.evaluate((id) => (window.location.hash = `#/cases/${id}`), caseId);
    }
    await p.getByTestId('case-ref').waitFor();
    return p;
  }

  /** Closes the window of an official whose part is over (fewer windows reloading on every change). */
  async function retire(...usernames: string[]): Promise<void> {
    for (const u of usernames) {
      await windows.get(u)?.context().close();
      windows.delete(u);
    }
  }

  /** Does one allowed act from the case page's buttons; signed acts get the signer's password. */
  async function act(p: Page, label: string, fill: { target?: string; instruction?: string; note?: string; response?: string } = {}): Promise<void> {
    const before = await p.getByTestId('timeline-entry').count();
    await p
      .getByTestId('allowed-actions')
      .getByRole('button', { name: new RegExp(`^${label.replace(/[()/]/g, '.')}`) })
      .click();
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    if (fill.target) {
      await dialog.getByTestId('act-targets').click();
      await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: fill.target }).first().click();
      await p.keyboard.press('Escape');
    }
    if (fill.instruction) await dialog.getByLabel(fill.instruction).check();
    if (fill.response !== undefined) await dialog.locator('textarea').first().fill(fill.response);
    if (fill.note) await dialog.getByLabel(/^(Catatan|Alasan pengembalian)$/).fill(fill.note);
    await dialog.getByRole('button', { name: 'Kirim' }).waitFor();
    const password = dialog.getByLabel(/Kata sandi untuk tanda tangan/);
    if (await password.isVisible()) await password.fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Kirim' }).click();
    // Closed when the act is recorded; a refusal or a field left empty keeps it open: say which.
    const refused = dialog.locator('[data-testid="act-error"], .ant-form-item-explain-error');
    await expect
      .poll(
        async () =>
          (await refused.count())
            ? `"${label}" refused: ${(await refused.allInnerTexts()).join('; ')}`
            : (await dialog.isVisible())
              ? 'open'
              : 'closed',
        { timeout: 30_000 },
      )
      .toBe('closed');
    await expect.poll(() => p.getByTestId('timeline-entry').count(), { timeout: 15_000 }).toBeGreaterThan(before);
  }

  it('registers with an attachment after the duplicate warning; a disguised file is refused', async () => {
    // An earlier complaint of the same person about the same road, registered through the contract.
    const desk = await apiLogin(h.server, 'admin.aduan', DEMO_PASSWORD);
    const prior = (
      await apiCall(
        h.server,
        'case.register',
        {
          channel: 'phone',
          receivedAt: Date.now() - 86_400_000,
          type: 'pengaduan',
          title: 'Jalan berlubang di depan SDN 2 Paringin',
          description: 'Lubang besar di jalan depan SDN 2 Paringin, murid hampir terjatuh.',
          privacy: 'biasa',
          complainant: COMPLAINANT,
        },
        { token: desk },
      )
    ).body as Ok<{ caseId: string; ref: string }>;
    const refused = (
      await apiCall(h.server, 'attachment.upload', { name: 'surat-keterangan.pdf', dataBase64: DISGUISED.toString('base64') }, { token: desk })
    ).body as Refused;
    expect(refused.ok).toBe(false);

    const page = await newPage(h.browser);
    await page.goto(`${h.server.url}#/register`);
    await uiLogin(page, 'admin.aduan', DEMO_PASSWORD);
    windows.set('admin.aduan', page);
    const form = page.getByTestId('register-form');
    await form.waitFor();
    await form.getByLabel('Judul').fill('Jalan berlubang dekat SDN 2 Paringin membahayakan murid');
    await form
      .getByLabel('Uraian')
      .fill('Lubang di jalan depan SDN 2 Paringin makin lebar setelah hujan; pagi tadi seorang murid terjatuh dari sepeda.');
    await form.getByLabel('Lokasi').fill('Jl. Jend. A. Yani, Paringin');
    await form.getByLabel('Nama', { exact: true }).fill(COMPLAINANT.name);
    await form.getByLabel('NIK').fill(COMPLAINANT.nik);
    await form.getByLabel('Telepon').fill(COMPLAINANT.phone);
    await page
      .getByTestId('register-attachments')
      .locator('input[type=file]')
      .setInputFiles([
        { name: 'foto-jalan-berlubang.png', mimeType: 'image/png', buffer: PHOTO },
        { name: 'surat-keterangan.pdf', mimeType: 'application/pdf', buffer: DISGUISED },
      ]);
    await page.locator('[data-testid="attachment-item"][data-state="done"]').filter({ hasText: 'foto-jalan-berlubang.png' }).waitFor();
    const refusedAlert = page.getByTestId('attachment-refused');
    await refusedAlert.filter({ hasText: 'surat-keterangan.pdf' }).filter({ hasText: refused.error.message }).waitFor();
    expect(await page.getByTestId('attachment-item').count()).toBe(1);

    const warning = page.getByTestId('duplicate-warning');
    await warning.getByTestId('duplicate-candidate').filter({ hasText: prior.value.ref }).filter({ hasText: 'pengadu sama' }).waitFor();
    await expect.poll(() => page.getByTestId('register-submit').innerText()).toContain('Tetap simpan');
    // The candidate can be looked at without losing the form.
    await warning.getByTestId('duplicate-candidate').filter({ hasText: prior.value.ref }).getByRole('button', { name: 'Lihat' }).click();
    await page.getByTestId('duplicate-preview').getByText('murid hampir terjatuh').waitFor();
    await page.getByTestId('duplicate-preview').getByRole('button', { name: 'Kembali' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await refusedAlert.scrollIntoViewIfNeeded();
    await screenshot(page, 'desk-01-register-duplicate');

    await page.getByTestId('register-submit').click();
    await page.getByTestId('case-title').filter({ hasText: 'Jalan berlubang dekat SDN 2 Paringin' }).waitFor();
    caseId = decodeURIComponent(new URL(page.url()).hash.replace('#/cases/', ''));
    await page
      .locator('.ant-message')
      .filter({ hasText: /Aduan terdaftar dengan nomor ADU-/ })
      .waitFor();
    const detail = (await apiCall(h.server, 'case.get', { caseId }, { token: desk })).body as Ok<{
      case: { attachments: Array<{ name: string; mime: string }> };
    }>;
    expect(detail.value.case.attachments).toEqual([expect.objectContaining({ name: 'foto-jalan-berlubang.png', mime: 'image/png' })]);
  });

  it('goes up the desk chain to the Kepala Dinas, who disposes to the wrong OPD; it comes back as bukan kewenangan', async () => {
    await act(await as('admin.aduan'), 'Teruskan ke Kepala Seksi untuk diperiksa');
    await act(await as('kasi'), 'Teruskan ke Kepala Bidang IKP');
    await act(await as('kabid.ikp'), 'Laporkan kepada Kepala Dinas');
    await act(await as('kadis'), 'Disposisi ke OPD/Instansi/BUMD terkait', { target: 'DISHUB', instruction: 'Untuk ditindaklanjuti' });
    const p = await as('dishub.admin');
    await act(p, 'Kembalikan ke Diskominfo: bukan kewenangan', { note: 'Jalan kabupaten adalah kewenangan Dinas PUPR, bukan Dinas Perhubungan.' });
    await p.locator('[data-testid="timeline-entry"][data-type="case.returned"]').filter({ hasText: 'bukan kewenangan' }).waitFor();
    await retire('kasi', 'kabid.ikp', 'dishub.admin');
  });

  it('records the Kepala Dinas’ new disposition, written on paper, with its scan', async () => {
    const p = await as('admin.aduan');
    await p.getByTestId('paper-step').click();
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByTestId('paper-action').filter({ hasText: 'Disposisi ke OPD/Instansi/BUMD terkait' }).waitFor();
    await dialog.getByTestId('paper-official').filter({ hasText: 'Kepala Dinas' }).waitFor();
    await dialog.getByTestId('paper-targets').click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'PUPR' }).first().click();
    await p.keyboard.press('Escape');
    await dialog.getByLabel('Selesaikan').check();
    await dialog.getByLabel('Catatan', { exact: true }).fill('Ditulis tangan pada lembar disposisi; aslinya diarsipkan di Bidang IKP.');
    // Saving without the scan is refused in the form.
    await dialog.getByRole('button', { name: 'Simpan catatan kertas' }).click();
    await dialog.getByText('Unggah pindaian lembarnya.').waitFor();
    const scan = scanPdf(['LEMBAR DISPOSISI', 'Kepada: Dinas PUPR Kabupaten Balangan', 'Selesaikan', 'ttd. Kepala Dinas']);
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'lembar-disposisi-kadis.pdf', mimeType: 'application/pdf', buffer: Buffer.from(scan) });
    await dialog.locator('[data-testid="attachment-item"][data-state="done"]').waitFor();
    await dialog.getByText('Unggah pindaian lembarnya.').waitFor({ state: 'hidden' });
    await dialog.getByText('Langkah dan tindakan').scrollIntoViewIfNeeded();
    await screenshot(p, 'desk-02-paper-dialog');
    await dialog.getByRole('button', { name: 'Simpan catatan kertas' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const entry = p.locator('[data-testid="timeline-entry"][data-type="case.disposed"]').filter({ hasText: 'Kertas' });
    await entry.waitFor();
    expect(await entry.innerText()).toContain('Dinas Pekerjaan Umum');
  });

  it('runs the OPD chain with a draft returned for revision, approves it signed, and answers the complainant', async () => {
    await act(await as('pupr.admin'), 'Sampaikan kepada pimpinan OPD melalui Sekretaris');
    await act(await as('pupr.sekretaris'), 'Teruskan kepada Kepala OPD');
    await retire('pupr.sekretaris');
    await act(await as('pupr.kepala'), 'Disposisi ke Kepala Bidang teknis terkait', { target: 'Bidang Teknis', instruction: 'Siapkan jawaban' });
    await act(await as('pupr.kabid.teknis'), 'Kirim konsep surat tanggapan untuk disetujui', { response: 'Lubang di Jl. A. Yani akan ditambal.' });
    await act(await as('pupr.kepala'), 'Kembalikan konsep untuk diperbaiki', { note: 'Sebutkan jadwal penambalan dan rambu sementara.' });
    await act(await as('pupr.kabid.teknis'), 'Kirim konsep surat tanggapan untuk disetujui', {
      response:
        'Lubang di Jl. Jend. A. Yani depan SDN 2 Paringin dipasangi rambu hari ini dan ditambal paling lambat Jumat pekan ini oleh UPT Jalan Dinas PUPR.',
    });
    await act(await as('pupr.kepala'), 'Setujui dan tandatangani surat tanggapan');
    await retire('pupr.kepala', 'pupr.kabid.teknis');
    await act(await as('pupr.admin'), 'Kirim surat tanggapan ke Diskominfo');
    await act(await as('kadis'), 'Disposisi kepada admin untuk menanggapi pengadu', { target: 'Admin Layanan Aduan' });
    const p = await as('admin.aduan');
    await act(p, 'Kirim jawaban kepada pengadu');
    await p.getByTestId('case-fields').getByText('Selesai').waitFor();

    const types = await p.getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types.filter((x) => x === 'case.returned')).toHaveLength(2);
    expect(types.filter((x) => x === 'case.drafted')).toHaveLength(2);
    expect(types.at(-1)).toBe('case.answered');
    expect(await p.getByTestId('timeline-entry').filter({ hasText: 'Kertas' }).count()).toBe(1);
    // The paper act says when the official wrote it, who entered it, and offers the scan.
    const paperAct = p.getByTestId('timeline-entry').filter({ hasText: 'Kertas' });
    await paperAct.getByText(/ditulis \d{1,2} \w+ \d{4}, dicatat oleh .+; pindaian:/).waitFor();
    await paperAct.getByTestId('attachment-link').filter({ hasText: 'lembar-disposisi-kadis.pdf' }).waitFor();
    // The whole timeline card, without the toasts floating over it.
    await p.addStyleTag({ content: '.ant-notification, .ant-message { display: none !important; }' });
    // A window tall enough for the whole history (the app scrolls inside its own content pane).
    await p.setViewportSize({ width: 1440, height: 3600 });
    await p
      .getByTestId('timeline')
      .locator('xpath=ancestor::div[contains(@class,"ant-card")][1]')
      .screenshot({ path: path.join(ARTIFACTS, 'desk-03-final-timeline.png') });
    for (const w of windows.values()) await w.context().close();
  });
});
