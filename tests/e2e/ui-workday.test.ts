/**
 * A working day at the common office screen (1366x768), issue 16: one seeded office and one
 * browser window walking the screens as the officials do.
 * - every main screen: no critical or serious axe-core finding, no sideways scrolling, deadline
 *   and status tags at body text size; screenshots in tests/e2e/artifacts;
 * - nothing typed is lost: the Registrasi draft survives leaving and a restart, "Kosongkan" asks;
 *   Esc on an act dialog asks and its draft comes back; the user gets no toast about their own case;
 * - dates: a typed date alone is the end of that office day, an unreadable one is refused with a
 *   message, a picked day is not midnight;
 * - keyboard: rows take focus with a visible ring and open on Enter; Ctrl+K goes to Cari's search;
 * - settings and session: office settings saved, users searched and sorted, text size per user,
 *   another user lands on their own inbox;
 * - numbers: decimal commas, SOP standards in their own units, the final response's label, no
 *   future weeks in the trend.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import type { CaseDetail, CaseRow, OfficeSettingsView } from '../../src/shared/api/views';
import type { DashboardStats } from '../../src/shared/api/views-reports';
import { apiCall, apiLogin, screenshot, uiLogin, useDemoHarness } from './harness';
import { axeSerious, horizontalOverflow, newOfficePage } from './ui-check';

type Ok<T> = { ok: true; value: T };
const WITA = 8 * 3_600_000;

/** Six months back to the end of this month: a Beranda period with every chart drawn. */
function halfYear(): { from: string; to: string } {
  const now = new Date();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    from: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1))),
    to: day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0))),
  };
}

/** Screens of an administrator, with what shows they are ready. */
const SCREENS: Array<[name: string, hash: string, ready: string]> = [
  ['home', `#/home?from=${halfYear().from}&to=${halfYear().to}`, '[data-testid="chart-status"] .recharts-bar-rectangle'],
  ['inbox', '#/inbox', '[data-testid="inbox-table"]'],
  ['register', '#/register', '[data-testid="register-form"]'],
  ['cases', '#/cases', '[data-testid="case-table"] .ant-table-row'],
  ['reports', '#/reports', '[data-testid="report-header"]'],
  ['import', '#/import', '[data-testid="import-page"]'],
  ['verify', '#/verify', '[data-testid="verify-code"]'],
  ['settings', '#/settings', '[data-testid="users-table"] .ant-table-row'],
];

async function go(page: Page, hash: string, ready: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.locator(ready).first().waitFor();
  // Let late queries (counts, sync state) land before measuring.
  await page.waitForTimeout(200);
}

/** The axe findings and sideways overflow of the screen as it is, named for the message. */
async function check(page: Page, name: string): Promise<void> {
  expect({ name, findings: await axeSerious(page) }).toEqual({ name, findings: [] });
  expect({ name, overflow: await horizontalOverflow(page) }).toEqual({ name, overflow: 0 });
  await screenshot(page, `ui-${name}`);
}

async function pick(page: Page, select: ReturnType<Page['getByTestId']>, option: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Keluar' }).click();
  await page.getByTestId('login-card').waitFor();
}

describe('a working day at 1366x768', () => {
  const h = useDemoHarness(30, 16);
  let page: Page;
  let caseId = '';

  it('every main screen: no critical or serious axe finding, no sideways scrolling, tags at body size', async () => {
    page = await newOfficePage(h.browser);
    await page.goto(h.server.url);
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    for (const [name, hash, ready] of SCREENS) {
      await go(page, hash, ready);
      await check(page, name);
    }
    await page.getByRole('tab', { name: 'Kantor' }).click();
    await page.getByTestId('office-settings').waitFor();
    await check(page, 'settings-office');

    // A case with a history: the case page, and its tags against the body text.
    const token = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const rows = ((await apiCall(h.server, 'case.list', { status: 'closed', limit: 20, offset: 0 }, { token })).body as Ok<{ rows: CaseRow[] }>).value
      .rows;
    const closed = rows[0];
    if (!closed) throw new Error('the demo has no closed case');
    await go(page, `#/cases/${closed.id}`, '[data-testid="timeline-entry"]');
    await check(page, 'case');
    const sizes = await page.evaluate(() => {
      const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
      return {
        body: px(document.querySelector('.ant-descriptions-item-content')),
        tag: px(document.querySelector('.ant-descriptions-item-content .ant-tag')),
      };
    });
    expect(sizes.tag).toBeGreaterThanOrEqual(sizes.body);

    // Cari: the title is cut with an ellipsis, its whole text on hover; the deadline column is on screen.
    await go(page, '#/cases', '[data-testid="case-table"] .ant-table-row');
    const due = page.getByTestId('case-table').locator('thead th').filter({ hasText: 'Batas waktu' });
    const box = await due.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1366);
    const title = page.getByTestId('case-title-cell').first();
    expect(await title.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
    await title.hover();
    await page
      .locator('.ant-tooltip:visible')
      .filter({ hasText: (await title.innerText()).trim() })
      .waitFor();
  });

  it('keyboard: rows take focus with a visible ring and open on Enter; Ctrl+K goes to the search box', async () => {
    await go(page, '#/cases', '[data-testid="case-table"] .ant-table-row');
    const row = page.getByTestId('case-table').locator('tbody tr.ant-table-row').first();
    await page.getByRole('checkbox', { name: 'Hanya yang terlambat' }).focus();
    // Tab from the last filter reaches the rows (the table has nothing focusable before them).
    for (let i = 0; i < 5 && !(await row.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await row.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await row
        .locator('td')
        .first()
        .evaluate((el) => getComputedStyle(el).outlineStyle),
    ).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByTestId('case-ref').waitFor();
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^#\/cases\/./);

    await page.keyboard.press('Control+k');
    const search = page.getByTestId('case-search').locator('input');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('jalan');
    await page.keyboard.press('Enter');
    await page.getByTestId('case-table').locator('.ant-table-row').first().waitFor();
  });

  it('Registrasi: the draft survives leaving and a restart, "Kosongkan" asks, and no toast about one\'s own case', async () => {
    await go(page, '#/register', '[data-testid="register-form"]');
    const form = page.getByTestId('register-form');
    await form.getByLabel('Judul').fill('Drainase tersumbat di Jalan Ahmad Yani');
    await form.getByLabel('Uraian').fill('Air meluap ke jalan setiap hujan deras sejak minggu lalu.');
    await form.getByLabel('Nama', { exact: true }).fill('Siti Rahmah');
    // Another screen, and back: the form is as it was.
    await page.getByRole('menuitem', { name: 'Cari' }).click();
    await page.getByTestId('case-table').waitFor();
    await page.getByRole('menuitem', { name: 'Registrasi' }).click();
    await page.getByTestId('register-draft-restored').waitFor();
    expect(await form.getByLabel('Judul').inputValue()).toBe('Drainase tersumbat di Jalan Ahmad Yani');
    // A restart (the window reloads, the session is gone): still there after logging in.
    await page.reload();
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    await page.getByTestId('register-draft-restored').waitFor();
    expect(await form.getByLabel('Uraian').inputValue()).toBe('Air meluap ke jalan setiap hujan deras sejak minggu lalu.');
    expect(await form.getByLabel('Nama', { exact: true }).inputValue()).toBe('Siti Rahmah');

    // "Kosongkan" asks first; cancelling keeps everything.
    await page.getByTestId('register-reset').click();
    const ask = page.locator('.ant-popconfirm:visible');
    await ask.getByRole('button', { name: 'Batal' }).click();
    expect(await form.getByLabel('Judul').inputValue()).toBe('Drainase tersumbat di Jalan Ahmad Yani');
    await page.getByTestId('register-reset').click();
    await ask.getByRole('button', { name: 'Kosongkan' }).click();
    expect(await form.getByLabel('Judul').inputValue()).toBe('');

    // Typed again and registered with Ctrl+Enter: the draft is gone, and no "new task" toast about it.
    await form.getByLabel('Judul').fill('Lampu jalan mati di depan SDN 2 Paringin');
    await form.getByLabel('Uraian').fill('Sudah tiga malam gelap, rawan kecelakaan.');
    await form.getByLabel('Nama', { exact: true }).fill('Rahmat Hidayat');
    await form.getByLabel('Uraian').press('Control+Enter');
    const saveAnyway = page.getByRole('button', { name: 'Tetap simpan' });
    await Promise.race([page.getByTestId('case-ref').waitFor(), saveAnyway.waitFor().then(() => saveAnyway.click())]);
    await page.getByTestId('case-ref').waitFor();
    caseId = decodeURIComponent((await page.evaluate(() => window.location.hash)).replace('#/cases/', ''));
    await page.waitForTimeout(1500);
    expect(await page.locator('.ant-notification-notice').filter({ hasText: 'Aduan masuk ke kotak masuk' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Registrasi' }).click();
    await page.getByTestId('register-form').waitFor();
    expect(await page.getByTestId('register-draft-restored').count()).toBe(0);
    expect(await form.getByLabel('Judul').inputValue()).toBe('');
  });

  it('Teks baku: the administrator adds a standard note in Pengaturan, office-wide', async () => {
    await go(page, '#/settings', '[data-testid="users-table"] .ant-table-row');
    await page.getByRole('tab', { name: 'Teks baku' }).click();
    const tab = page.getByTestId('canned-tab');
    await tab.getByText('Belum ada teks baku.').waitFor();
    await tab.getByTestId('canned-add').click();
    const form = page.getByTestId('canned-form');
    await pick(page, form.getByLabel('Jenis'), 'Catatan');
    await form.getByLabel('Judul').fill('Cek lapangan');
    await form.getByLabel('Teks').fill('Mohon dicek ke lapangan dan dilaporkan hasilnya.');
    await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => tab.locator('.ant-table-row').allInnerTexts()).toEqual([expect.stringContaining('Cek lapangan')]);
    await check(page, 'settings-canned');
  });

  it('act dialog: Esc asks, the draft comes back; a typed date is taken as the end of that office day or refused', async () => {
    await go(page, `#/cases/${caseId}`, '[data-testid="case-ref"]');
    const open = () =>
      page
        .getByTestId('allowed-actions')
        .getByRole('button', { name: /Jalur cepat/ })
        .click();
    await open();
    const dialog = page.getByTestId('act-modal');
    await dialog.getByRole('textbox', { name: 'Catatan' }).fill('Mohon segera ditangani, lokasi dekat sekolah.');
    await page.keyboard.press('Escape');
    // Not closed silently: the question, and "keep as draft".
    const ask = page.locator('.ant-modal-confirm');
    await ask.getByRole('button', { name: 'Simpan sebagai draf' }).click();
    await dialog.waitFor({ state: 'detached' });
    await open();
    await page.getByTestId('act-draft-restored').waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Catatan' }).inputValue()).toBe('Mohon segera ditangani, lokasi dekat sekolah.');
    // The office's standard note is offered above the field and added to what was typed.
    await pick(page, dialog.getByTestId('canned-note'), 'Cek lapangan');
    expect(await dialog.getByRole('textbox', { name: 'Catatan' }).inputValue()).toBe(
      'Mohon segera ditangani, lokasi dekat sekolah.\n\nMohon dicek ke lapangan dan dilaporkan hasilnya.',
    );

    // A day picked in the calendar is that day's closing time, not midnight (Monday: 16.00).
    const due = page.getByTestId('act-due').locator('input').first();
    const dueText = async () =>
      (
        await page
          .getByTestId('act-due')
          .locator('input')
          .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))
      ).join(' ');
    await due.click();
    await page.locator('.ant-picker-dropdown:visible td[title="2026-12-14"]').click();
    await expect.poll(dueText).toBe('14/12/2026 16.00');
    // A typed date alone: 11/12/2026 is a Friday, the office closes at 16.30.
    await due.click();
    await due.fill('11/12/2026');
    await due.press('Enter');
    await expect.poll(dueText).toBe('11/12/2026 16.30');
    // Not a date: refused with a message naming what was typed, never dropped silently.
    await due.fill('31/13/2026');
    await due.press('Enter');
    await page.getByTestId('act-due-error').filter({ hasText: '31/13/2026' }).waitFor();
    // A date with a time is taken as typed.
    await due.fill('11/12/2026 10.00');
    await due.press('Enter');
    await due.blur();
    await expect.poll(dueText).toBe('11/12/2026 10.00');
    expect(await page.getByTestId('act-due-error').count()).toBe(0);
    // The same day typed again (key by key) without a time: the end of that office day again.
    await due.fill('');
    await due.pressSequentially('11/12/2026');
    await due.press('Enter');
    await expect.poll(dueText).toBe('11/12/2026 16.30');

    await pick(page, page.getByTestId('act-targets'), 'PUPR');
    await page.keyboard.press('Escape');
    await dialog.getByRole('textbox', { name: 'Catatan' }).press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    const token = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const d = ((await apiCall(h.server, 'case.get', { caseId }, { token })).body as Ok<CaseDetail>).value;
    const opened = d.tasks.filter((t) => t.state === 'open');
    expect(opened.map((t) => t.dueAt)).toContain(Date.UTC(2026, 11, 11, 16, 30) - WITA);
    // The act is done: its draft is gone.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('alur.draft.')))).toEqual([]);
  });

  it('settings and session: office settings, user search and sort, text size per user, another user lands on their inbox (rows checked, opened with Enter)', async () => {
    await go(page, '#/settings', '[data-testid="users-table"] .ant-table-row');
    const users = page.getByTestId('users-table');
    await page.getByTestId('users-search').locator('input').fill('kadis');
    await expect.poll(() => users.locator('tbody tr.ant-table-row').count()).toBe(1);
    await page.getByTestId('users-search').locator('input').fill('');
    await users.locator('thead th').filter({ hasText: 'Nama pengguna' }).click();
    const names = await users.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'id')));

    await page.getByRole('tab', { name: 'Kantor' }).click();
    const office = page.getByTestId('office-settings');
    await office.getByLabel('Kunci layar setelah tidak aktif').fill('20');
    await office.getByLabel('Alamat server pembaruan').fill('http://update.balangan.local/alur/');
    await page.getByTestId('office-settings-save').click();
    await page.locator('.ant-message').filter({ hasText: 'Pengaturan kantor tersimpan' }).waitFor();
    const token = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const saved = ((await apiCall(h.server, 'settings.get', {}, { token })).body as Ok<OfficeSettingsView>).value;
    expect(saved).toMatchObject({ idleLockMinutes: 20, updateUrl: 'http://update.balangan.local/alur/' });
    expect(await page.getByTestId('office-ref-example').innerText()).toMatch(/^ADU-\d{4}-[A-Z0-9]{1,4}00042$/);

    // Text size: 120% for the admin; the next user keeps their own (standard) size.
    const cellSize = () =>
      page.evaluate(() => getComputedStyle(document.body.querySelector('.ant-layout-content .ant-card') ?? document.body).fontSize);
    await pick(page, page.getByTestId('font-size'), '120%');
    await expect.poll(cellSize).toBe('16px');
    await screenshot(page, 'ui-settings-120');

    // The admin was on a case page; PUPR's desk logs in here next and starts on its own inbox,
    // which holds the fast-lane case: rows checked like every screen, and opened from the keyboard.
    await go(page, `#/cases/${caseId}`, '[data-testid="case-ref"]');
    await logout(page);
    await uiLogin(page, 'pupr.admin', DEMO_PASSWORD);
    const row = page.getByTestId('inbox-table').locator('tbody tr.ant-table-row').filter({ hasText: 'Lampu jalan mati di depan SDN 2 Paringin' });
    await row.waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe('#/inbox');
    await expect.poll(cellSize).toBe('13px');
    await check(page, 'inbox-opd');
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('case-ref').waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/cases/${caseId}`);
    await logout(page);
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    await page.getByTestId('inbox-table').waitFor();
    await expect.poll(cellSize).toBe('16px');
    await pick(page, page.getByTestId('font-size'), '100%');
  });

  it('numbers: decimal commas, SOP standards in their own units, the final response label, no future weeks in the trend', async () => {
    const token = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const rows = ((await apiCall(h.server, 'case.list', { status: 'closed', limit: 30, offset: 0 }, { token })).body as Ok<{ rows: CaseRow[] }>).value
      .rows;
    let final: CaseDetail | null = null;
    for (const r of rows) {
      const d = ((await apiCall(h.server, 'case.get', { caseId: r.id }, { token })).body as Ok<CaseDetail>).value;
      if (d.case.response && d.timeline.some((e) => e.standard)) {
        final = d;
        break;
      }
    }
    if (!final) throw new Error('no closed case with a response');
    await go(page, `#/cases/${final.case.id}`, '[data-testid="timeline-entry"]');
    const fields = page.getByTestId('case-fields');
    await fields
      .locator('th')
      .filter({ hasText: /^Tanggapan$/ })
      .waitFor();
    expect(await fields.innerText()).not.toContain('Draf tanggapan');
    // Standards as the SOP states them: minutes for minute steps, working days for day steps.
    const timeline = await page.getByTestId('timeline').innerText();
    const standards = [...timeline.matchAll(/dari standar ([^\n]+)/g)].map((m) => m[1] ?? '');
    expect(standards.length).toBeGreaterThan(0);
    for (const s of standards) expect(s).toMatch(/^\d+ (menit|hari kerja)$/);

    // The trend stops at the current week, even when the period runs past today.
    const now = new Date();
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0)).toISOString().slice(0, 10);
    const stats = ((await apiCall(h.server, 'dashboard.stats', { from, to }, { token })).body as Ok<DashboardStats>).value;
    const today = new Date(Date.now() + WITA).toISOString().slice(0, 10);
    const past = stats.trend.points.filter((p) => p.start <= today).map((p) => p.start);
    expect(past.length).toBeLessThan(stats.trend.points.length);
    await go(page, `#/home?from=${from}&to=${to}`, '[data-testid="chart-trend"]');
    expect(await page.getByTestId('chart-trend').getAttribute('data-points')).toBe(past.join(';'));
    const rate = await page.getByTestId('kpi-ontime').innerText();
    expect(rate).not.toMatch(/\d\.\d/);

    // Reports: percentages and days with a decimal comma.
    await go(page, '#/reports', '[data-testid="report-header"]');
    await pick(page, page.getByTestId('report-kind'), 'Rekapitulasi bulanan');
    await page.getByTestId('report-header').filter({ hasText: 'Bulanan' }).waitFor();
    await page.keyboard.press('Escape');
    const text = await page.getByTestId('reports-page').innerText();
    expect(text).not.toMatch(/\d\.\d+ ?%|\d\.\d+ hari/);
    expect(text).toMatch(/\d+(,\d)?%/);
    await screenshot(page, 'ui-reports-monthly');
  });

  it('desk work: a duplicate linked from its page (both pages linked), delivery of an answer, a bulk forward with its summary', async () => {
    const token = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const original = ((await apiCall(h.server, 'case.get', { caseId }, { token })).body as Ok<CaseDetail>).value.case;
    const reg = {
      channel: 'walkin',
      receivedAt: Date.now(),
      type: 'pengaduan',
      title: 'Lampu jalan mati di depan SDN 2 Paringin',
      description: 'Masih gelap.',
      privacy: 'biasa',
      complainant: { name: 'Rahmat Hidayat' },
    };
    const dup = ((await apiCall(h.server, 'case.register', reg, { token })).body as Ok<{ caseId: string }>).value.caseId;
    await go(page, `#/cases/${dup}`, '[data-testid="link-duplicate"]');
    await page.getByTestId('link-duplicate').click();
    await page.getByTestId('original-ref').fill(original.ref);
    await page.locator('.ant-modal:visible').getByRole('button', { name: 'Tandai duplikat' }).click();
    await page.getByTestId('duplicate-of').filter({ hasText: original.ref }).waitFor();
    // The dialog fades out: measured half-transparent, its text failed the contrast scan below once.
    await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(0);
    expect(await page.getByTestId('case-links').innerText()).toContain('Rahmat Hidayat');
    await go(page, `#/cases/${caseId}`, '[data-testid="duplicates"]');
    expect(await page.getByTestId('duplicates').innerText()).toMatch(/Rahmat Hidayat/);
    await check(page, 'desk-duplicate-links');

    // An answered case: how the answer reached the complainant.
    const closed = ((await apiCall(h.server, 'case.list', { status: 'closed', limit: 30, offset: 0 }, { token })).body as Ok<{ rows: CaseRow[] }>)
      .value.rows;
    let answered: string | null = null;
    for (const r of closed) {
      const d = ((await apiCall(h.server, 'case.get', { caseId: r.id }, { token })).body as Ok<CaseDetail>).value;
      if (d.case.answeredAt !== null) {
        answered = r.id;
        break;
      }
    }
    if (!answered) throw new Error('no answered case in the demo');
    await go(page, `#/cases/${answered}`, '[data-testid="record-delivery"]');
    await page.getByTestId('record-delivery').click();
    await pick(page, page.getByTestId('delivery-channel'), 'WhatsApp');
    await page.locator('.ant-modal:visible').getByRole('button', { name: 'Simpan' }).click();
    await page.getByTestId('delivery').filter({ hasText: 'lewat WhatsApp' }).waitFor();

    // Cari: two new cases forwarded at once; the summary says what was done.
    for (const title of ['Sampah menumpuk di pasar Paringin', 'Sampah belum diangkut di Batumandi']) {
      const reg = {
        channel: 'walkin',
        receivedAt: Date.now(),
        type: 'pengaduan',
        title,
        description: `${title} sejak kemarin.`,
        privacy: 'anonim',
        complainant: null,
      };
      expect((await apiCall(h.server, 'case.register', reg, { token })).body).toMatchObject({ ok: true });
    }
    await go(page, '#/cases', '[data-testid="case-table"] .ant-table-row');
    await page.getByTestId('case-table').filter({ hasText: 'Sampah belum diangkut di Batumandi' }).waitFor();
    const boxes = page.getByTestId('case-table').locator('.ant-table-tbody .ant-checkbox-input');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    // Ticking a row selects it; it does not open the case.
    expect(await page.evaluate(() => window.location.hash)).toBe('#/cases');
    await page.getByTestId('bulk-open').click();
    await page.getByTestId('bulk-choice').waitFor();
    // Axe before the option list opens: antd's open list box carries no name of its own.
    expect(await axeSerious(page)).toEqual([]);
    await pick(page, page.getByTestId('bulk-choice'), 'Teruskan');
    await page.locator('.ant-modal:visible').getByRole('button', { name: 'Jalankan' }).click();
    await page
      .locator('.ant-modal:visible')
      .filter({ hasText: /\d+ berhasil, \d+ gagal/ })
      .waitFor();
    await screenshot(page, 'desk-bulk-summary');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
  });
});
