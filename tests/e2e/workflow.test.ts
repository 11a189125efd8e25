/**
 * The daily work on a seeded office: log in (a wrong password is refused with the backend's
 * message), the inbox, a case and its timeline, acting on a case from the inbox, search,
 * registration, settings. Screenshots of each main screen go to tests/e2e/artifacts/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { apiCall, launchBrowser, makeDataDir, newPage, removeDir, screenshot, seedDemo, startDevServer, uiLogin, type DevServer } from './harness';

describe('daily work', () => {
  let dir: string;
  let server: DevServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = makeDataDir();
    await seedDemo(dir, 60, 7);
    server = await startDevServer(dir);
    browser = await launchBrowser();
    page = await newPage(browser);
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeDir(dir);
  });

  it('refuses a wrong password with the backend message, then logs in', async () => {
    await page.getByTestId('login-card').waitFor();
    const refused = await apiCall(server, 'session.login', { username: 'admin', password: 'salah-sekali' });
    const backendMessage = (refused.body as { error: { message: string } }).error.message;
    await uiLogin(page, 'admin', 'salah-sekali');
    // expect.poll, not a filtered waitFor: a wrong message fails with the two texts side by side.
    await expect.poll(() => page.getByTestId('login-error').innerText(), { timeout: 15_000 }).toContain(backendMessage);
    await screenshot(page, '03-login-refused');
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.getByTestId('header-user').innerText(), { timeout: 15_000 }).toContain('Administrator Sistem');
  });

  it('shows the inbox sorted by urgency with due badges, and opens a case with its timeline', async () => {
    await page.getByTestId('inbox-table').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, '04-inbox');
    const rows = page.getByTestId('inbox-table').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('inbox-table').locator('[data-due]').count()).toBeGreaterThan(0);

    await page.getByText(/^Terlambat \(\d+\)$/).click();
    await screenshot(page, '05-inbox-overdue');
    await page.getByText(/^Perlu ditindaklanjuti \(\d+\)$/).click();

    await rows.first().click();
    await page.getByTestId('case-ref').waitFor();
    await page.getByTestId('timeline-entry').first().waitFor();
    expect(await page.getByTestId('timeline-entry').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="timeline-entry"][data-type="case.registered"]').waitFor();
    await screenshot(page, '06-case-detail');
  });

  it('acts on the case opened from the inbox and sees the timeline grow', async () => {
    const before = await page.getByTestId('timeline-entry').count();
    const actions = page.getByTestId('allowed-actions').getByRole('button');
    expect(await actions.count()).toBeGreaterThan(0);
    // Prefer a non-return act: it needs the fewest assumptions about the preset.
    const forwardish = actions.filter({ hasNotText: /Kembalikan|Tolak/ });
    await ((await forwardish.count()) > 0 ? forwardish.first() : actions.first()).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const targets = dialog.locator('.ant-select-multiple');
    if ((await targets.count()) > 0) {
      await targets.first().click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await page.keyboard.press('Escape');
      const firstInstruction = dialog.locator('.ant-checkbox-wrapper').first();
      if ((await firstInstruction.count()) > 0) await firstInstruction.click();
    }
    for (const area of await dialog.locator('textarea').all()) await area.fill('Mohon ditindaklanjuti sesuai SOP. (uji e2e)');
    await screenshot(page, '07-act-modal');
    await dialog.getByRole('button', { name: 'Kirim' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('timeline-entry').count(), { timeout: 15_000 }).toBeGreaterThan(before);
    await page.getByTestId('timeline-entry').last().filter({ hasText: 'uji e2e' }).waitFor();
    await screenshot(page, '08-case-after-act');
  });

  it('finds a case by a word of its title', async () => {
    await page.getByRole('menuitem', { name: 'Cari' }).click();
    const table = page.getByTestId('case-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, '09-case-list');
    const titles = await table.locator('tbody tr.ant-table-row [data-testid="case-title-cell"]').allTextContents();
    const title = titles[titles.length - 1] ?? '';
    const word = title
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 5)
      .sort((a, b) => b.length - a.length)[0];
    expect(word, `a searchable word in "${title}"`).toBeTruthy();
    await page
      .getByTestId('case-search')
      .locator('input')
      .fill(word ?? '');
    await page.getByTestId('case-search').locator('input').press('Enter');
    // What the backend answers for that word is what the table must show. The title was already
    // on the unfiltered page, so waiting for it alone read the table before the search ran.
    const login = await apiCall(server, 'session.login', { username: 'admin', password: DEMO_PASSWORD });
    const token = (login.body as { value: { token: string } }).value.token;
    const found = await apiCall(server, 'case.list', { search: word, limit: 500 }, { token });
    const expected = (found.body as { value: { rows: Array<{ title: string }> } }).value.rows.map((r) => r.title);
    expect(expected).toContain(title);
    const rows = table.locator('tbody tr.ant-table-row [data-testid="case-title-cell"]');
    const matches = (shown: string[]) => shown.length > 0 && shown.every((t, i) => t.includes(expected[i] ?? '\u0000'));
    await expect.poll(async () => matches(await rows.allTextContents()), { timeout: 20_000 }).toBe(true);
    await screenshot(page, '10-search');
  });

  it('registers a new complaint and lands on its page', async () => {
    await page.getByRole('menuitem', { name: 'Registrasi' }).click();
    const form = page.getByTestId('register-form');
    await form.waitFor();
    await form.getByLabel('Judul').fill('Lampu jalan padam di Jalan Uji Coba E2E');
    await form.getByLabel('Uraian').fill('Sudah tiga malam lampu jalan di depan sekolah padam.');
    await form.getByLabel('Nama', { exact: true }).fill('Budi Santoso');
    await form.getByLabel('NIK').fill('6308011234567890');
    await screenshot(page, '11-register');
    await page.getByTestId('register-submit').click();
    await expect.poll(() => page.getByTestId('case-title').innerText(), { timeout: 15_000 }).toContain('Lampu jalan padam di Jalan Uji Coba E2E');
    expect(await page.getByTestId('complainant').innerText()).toContain('Budi Santoso');
  });

  it('shows the settings screens to the administrator', async () => {
    await page.getByRole('menuitem', { name: 'Pengaturan' }).click();
    await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('users-table').innerText()).toContain('admin');
    await screenshot(page, '12-settings-users');
    await page.getByRole('tab', { name: 'Unit & jabatan' }).click();
    await page.getByText(/^Unit \(\d+\)$/).waitFor();
    expect(Number(/\d+/.exec(await page.getByText(/^Unit \(\d+\)$/).innerText())?.[0])).toBeGreaterThan(1);
    await screenshot(page, '13-settings-org');
    await page.getByRole('tab', { name: 'Kalender kerja' }).click();
    await page.getByText(/^Hari libur \(\d+\)$/).waitFor();
    // The national holidays come with the preset.
    expect(Number(/\d+/.exec(await page.getByText(/^Hari libur \(\d+\)$/).innerText())?.[0])).toBeGreaterThan(0);
    await screenshot(page, '14-settings-calendar');
  });

  it('switches the whole UI to English and back', async () => {
    await page.locator('.ant-segmented-item').filter({ hasText: 'EN' }).first().click();
    await page.getByRole('menuitem', { name: 'Inbox' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('menuitem', { name: 'Inbox' }).click();
    await page.getByText(/^To do \(\d+\)$/).waitFor();
    await screenshot(page, '15-inbox-en');
    await page.locator('.ant-segmented-item').filter({ hasText: 'ID' }).first().click();
    await page.getByRole('menuitem', { name: 'Kotak Masuk' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('id');
  });
});
