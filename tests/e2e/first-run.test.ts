/** First run: an empty data folder shows the office setup, which creates the office and its admin; then log in. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, launchBrowser, makeDataDir, newPage, removeDir, screenshot, startDevServer, uiLogin, type DevServer } from './harness';

describe('first run', () => {
  let dir: string;
  let server: DevServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = makeDataDir();
    server = await startDevServer(dir);
    browser = await launchBrowser();
    page = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeDir(dir);
  });

  it('creates the office from a preset, then logs the new admin in', async () => {
    await page.goto(server.url);
    // The dev token leaves the address bar as soon as the page has it.
    await expect.poll(() => new URL(page.url()).searchParams.has('token'), { timeout: 10_000 }).toBe(false);
    await page.getByTestId('first-run').waitFor();

    await page.getByLabel('SOP alur kerja').click();
    const option = page
      .locator('.ant-select-item-option')
      .filter({ hasText: /Balangan/ })
      .first();
    await option.click();
    await page.getByLabel('Nama kantor').fill('Diskominfo Kabupaten Uji Coba');
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Nama lengkap').fill('Rina Administrator');
    await page.getByLabel('Kata sandi', { exact: true }).fill('rahasia-sekali');
    await page.getByLabel('Ulangi kata sandi').fill('rahasia-beda');
    await screenshot(page, '01-first-run');
    await page.getByRole('button', { name: 'Buat kantor' }).click();
    // Mismatched passwords are caught before anything is sent.
    await page.getByText('Kedua kata sandi tidak sama').waitFor();
    await page.getByLabel('Ulangi kata sandi').fill('rahasia-sekali');
    await page.getByRole('button', { name: 'Buat kantor' }).click();

    await page.getByTestId('login-card').waitFor();
    await page.getByText('Kantor berhasil dibuat').waitFor();
    await page.getByText('Diskominfo Kabupaten Uji Coba').waitFor();
    await uiLogin(page, 'admin', 'rahasia-sekali');
    await page.getByTestId('header-user').filter({ hasText: 'Rina Administrator' }).waitFor();
    await page.getByTestId('status-bar').filter({ hasText: 'Lokal (tanpa server)' }).waitFor();
    await page.getByTestId('status-bar').filter({ hasText: 'Diskominfo Kabupaten Uji Coba' }).waitFor();
    await screenshot(page, '02-empty-inbox');

    const info = await apiCall(server, 'app.info', {});
    expect(info.body).toMatchObject({ ok: true, value: { initialized: true, officeName: 'Diskominfo Kabupaten Uji Coba' } });
  });
});
