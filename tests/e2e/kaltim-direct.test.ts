/**
 * Kalimantan Timur's direct answer (SOP row 3): the operator registers a submission, classifies
 * it as an information request and passes it on; the Tim Pelayanan Aspirasi hands it back to
 * the operator, who answers it directly, without any OPD, and the case is finished. Then the operator keeps a saved search
 * for information requests, applies it and deletes it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import {
  alurCli,
  apiCall,
  apiLogin,
  launchBrowser,
  makeDataDir,
  newPage,
  removeDir,
  screenshot,
  startDevServer,
  uiLogin,
  type DevServer,
} from './harness';

type Ok<T> = { ok: true; value: T };

const TITLE = 'Jadwal perekaman KTP-el pada hari Sabtu di Samarinda';

describe('Kalimantan Timur: an information request answered directly', () => {
  let dir: string;
  let server: DevServer;
  let browser: Browser;
  let caseId = '';
  const windows: Page[] = [];

  beforeAll(async () => {
    dir = makeDataDir();
    await alurCli([
      'demo',
      '--cases',
      '4',
      '--seed',
      '5',
      '--preset',
      'kaltim',
      '--office',
      'Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur',
      '--data',
      dir,
    ]);
    server = await startDevServer(dir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const w of windows) await w.context().close();
    await browser?.close();
    await server?.stop();
    if (dir) removeDir(dir);
  });

  async function login(username: string, hash: string): Promise<Page> {
    const p = await newPage(browser);
    windows.push(p);
    await p.goto(`${server.url}${hash}`);
    await uiLogin(p, username, DEMO_PASSWORD);
    return p;
  }

  async function pickOption(p: Page, field: ReturnType<Page['getByLabel']>, option: string): Promise<void> {
    await field.click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  }

  it('the operator registers the submission, classifies it as an information request and passes it on', async () => {
    const p = await login('operator', '#/register');
    const form = p.getByTestId('register-form');
    await form.waitFor();
    await pickOption(p, form.getByLabel('Kanal'), 'Situs web');
    await form.getByLabel('Judul').fill(TITLE);
    await form.getByLabel('Uraian').fill('Apakah Disdukcapil membuka layanan perekaman KTP-el pada hari Sabtu, dan di kantor mana?');
    await form.getByLabel('Nama', { exact: true }).fill('Rudi Hartono');
    await form.getByLabel('Surel').fill('rudi.hartono@contoh.id');
    await p.getByTestId('register-submit').click();
    await expect.poll(() => p.getByTestId('case-title').innerText(), { timeout: 15_000 }).toContain(TITLE);
    caseId = decodeURIComponent(new URL(p.url()).hash.replace('#/cases/', ''));

    await p.getByRole('button', { name: /(^|\s)Klasifikasi$/ }).click();
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    await pickOption(p, dialog.getByLabel('Jenis'), 'Permintaan informasi');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => p.getByTestId('case-fields').innerText(), { timeout: 15_000 }).toContain('Permintaan informasi');

    await p.getByTestId('allowed-actions').getByRole('button', { name: 'Teruskan ke Tim Pelayanan Aspirasi untuk diklasifikasi' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Kirim' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const forwarded = p.locator('[data-testid="timeline-entry"][data-type="case.forwarded"]');
    await forwarded.waitFor();
    expect(await forwarded.innerText()).toContain('Teruskan ke Tim Pelayanan Aspirasi untuk diklasifikasi');
  });

  it('the Tim Pelayanan Aspirasi hands it to the operator, who answers it directly; the case is finished without any OPD', async () => {
    const t = await login('tim.aspirasi', `#/cases/${caseId}`);
    const teamActions = t.getByTestId('allowed-actions');
    await teamActions.getByRole('button', { name: 'Teruskan ke Tim Pelayanan Aspirasi Pengaduan OPD' }).waitFor();
    await expect.poll(() => teamActions.getByRole('button', { name: /^Jawab/ }).count()).toBe(0);
    await teamActions.getByRole('button', { name: 'Permintaan informasi: serahkan ke Operator untuk dijawab langsung' }).click();
    const teamDialog = t.getByRole('dialog');
    await teamDialog.waitFor();
    await teamDialog.getByRole('button', { name: 'Kirim' }).click();
    await teamDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => teamActions.getByRole('button').count()).toBe(0);

    const p = windows[0];
    if (!p) throw new Error('operator window missing');
    // The operator's case page follows the change by itself (cases.changed).
    const actions = p.getByTestId('allowed-actions');
    await actions.getByRole('button', { name: 'Jawab langsung kepada pelapor' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    await dialog
      .getByLabel('Jawaban kepada pengadu')
      .fill('Perekaman KTP-el hari Sabtu dilayani di Mal Pelayanan Publik Samarinda pukul 08.00–12.00 WITA; bawa kartu keluarga asli.');
    await dialog.getByRole('button', { name: 'Kirim' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await p.locator('[data-testid="timeline-entry"][data-type="case.answered"]').filter({ hasText: 'Mal Pelayanan Publik' }).waitFor();
    await p.getByTestId('case-fields').getByText('Selesai').waitFor();
    await expect.poll(() => p.getByTestId('allowed-actions').getByRole('button').count()).toBe(0);
    // Kalimantan Timur's SOP issues no response letter: the case page promises none.
    expect(await p.getByTestId('letter-none').innerText()).toContain('tidak menerbitkan surat tanggapan');
    await screenshot(p, 'desk-04-kaltim-direct-answer');

    const token = await apiLogin(server, 'operator', DEMO_PASSWORD);
    const detail = (await apiCall(server, 'case.get', { caseId }, { token })).body as Ok<{
      case: { status: string; type: string; opdUnitIds: string[]; answer: string };
    }>;
    expect(detail.value.case).toMatchObject({ status: 'closed', type: 'informasi', opdUnitIds: [] });
    expect(detail.value.case.answer).toContain('Mal Pelayanan Publik');
  });

  it('the operator saves a search for information requests, applies it and deletes it', async () => {
    const p = windows[0];
    if (!p) throw new Error('operator window missing');
    await p.getByRole('menuitem', { name: 'Cari' }).click();
    const table = p.getByTestId('case-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await pickOption(p, p.locator('.ant-select').filter({ hasText: 'Jenis' }), 'Permintaan informasi');
    await table.locator('tbody tr.ant-table-row').filter({ hasText: TITLE }).waitFor();
    await p.getByTestId('saved-search-save').click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Nama pencarian').fill('Permintaan informasi');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await p.getByTestId('saved-search-select').filter({ hasText: 'Permintaan informasi' }).waitFor();

    // A fresh list (all types), then the saved search brings the filter back.
    await p.getByRole('menuitem', { name: 'Kotak Masuk' }).click();
    await p.getByRole('menuitem', { name: 'Cari' }).click();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await pickOption(p, p.getByTestId('saved-search-select'), 'Permintaan informasi');
    await p.locator('.ant-select').filter({ hasText: 'Permintaan informasi' }).first().waitFor();
    await expect
      .poll(async () =>
        (await table.locator('tbody tr.ant-table-row [data-testid="case-meta"]').allTextContents()).every((x) =>
          x.startsWith('Permintaan informasi · '),
        ),
      )
      .toBe(true);
    await table.locator('tbody tr.ant-table-row').filter({ hasText: TITLE }).waitFor();
    await screenshot(p, 'desk-05-saved-search');

    await p.getByTestId('saved-search-delete').click();
    await p.locator('.ant-popconfirm').getByRole('button', { name: 'Hapus' }).click();
    await p.locator('.ant-message').filter({ hasText: 'Pencarian tersimpan dihapus.' }).waitFor();
    const token = await apiLogin(server, 'operator', DEMO_PASSWORD);
    const saved = (await apiCall(server, 'search.saved.list', {}, { token })).body as Ok<unknown[]>;
    expect(saved.value).toEqual([]);
  });

  it('the operator finds the case as they type a word form, and closes another case by hand with a reason', async () => {
    const p = windows[0];
    if (!p) throw new Error('operator window missing');
    await p.getByRole('menuitem', { name: 'Cari' }).click();
    const table = p.getByTestId('case-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    // No Enter: the search runs when typing pauses; "rekam" finds "perekaman" by its stem.
    await p.getByTestId('case-search').locator('input').pressSequentially('rekam ktp', { delay: 20 });
    await table.locator('tbody tr.ant-table-row').filter({ hasText: TITLE }).waitFor();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);

    const token = await apiLogin(server, 'operator', DEMO_PASSWORD);
    const reg = (
      await apiCall(
        server,
        'case.register',
        {
          channel: 'whatsapp',
          receivedAt: Date.now(),
          type: 'informasi',
          title: 'Usul jam layanan Samsat keliling',
          description: 'Apakah Samsat keliling buka sampai sore?',
          privacy: 'biasa',
          complainant: { name: 'Rina', phone: '081299990000' },
        },
        { token },
      )
    ).body as Ok<{ caseId: string }>;
    const target = { id: reg.value.caseId };
    // Opened from Cari (the saved search's type filter, information requests, is still on): found by its title, then its row.
    const box = p.getByTestId('case-search').locator('input');
    await box.fill('Usul jam layanan Samsat');
    await box.press('Enter');
    await table.locator('tbody tr.ant-table-row').filter({ hasText: 'Usul jam layanan Samsat keliling' }).click();
    await p.getByTestId('case-title').filter({ hasText: 'Usul jam layanan Samsat keliling' }).waitFor();
    expect(decodeURIComponent(new URL(p.url()).hash)).toBe(`#/cases/${target.id}`);
    await screenshot(p, 'desk-06-case-before-close');
    await p.getByTestId('case-close').click();
    const dialog = p.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.getByText('Wajib diisi').first().waitFor();
    await dialog.getByLabel('Keterangan').fill('Pelapor menyatakan masalah sudah selesai melalui telepon.');
    await screenshot(p, 'desk-06-close-by-hand');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await p.locator('[data-testid="timeline-entry"][data-type="case.closed"]').filter({ hasText: 'Ditutup petugas' }).waitFor();
    await p.getByTestId('case-fields').getByText('Selesai').waitFor();
    await expect.poll(() => p.getByTestId('case-close').count()).toBe(0);
  });
});
