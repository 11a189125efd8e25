/**
 * Beranda and Laporan on a seeded office: the KPI cards show what `dashboard.stats` answers,
 * a bar opens the case list filtered to what it counts (and the list agrees), and a monthly
 * report shows its tables and downloads as XLSX and PDF.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import type { DashboardStats, ReportData } from '../../src/shared/api/views-reports';
import { apiCall, apiLogin, newPage, screenshot, uiLogin, useDemoHarness } from './harness';

type Ok<T> = { ok: true; value: T };

/** `YYYY-MM-DD` of a UTC date shifted into WITA/WIB is close enough for picking a period. */
function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

async function downloadFirstBytes(page: Page, testId: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = await dl.path();
  return fs.readFileSync(file).subarray(0, 4).toString('latin1');
}

describe('Beranda and Laporan', () => {
  const h = useDemoHarness(80, 11);

  it('shows the dashboard figures of the API, and a bar opens the matching case list', async () => {
    const now = new Date();
    const from = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1)));
    const to = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)));
    const token = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const stats = ((await apiCall(h.server, 'dashboard.stats', { from, to }, { token })).body as Ok<DashboardStats>).value;
    expect(stats.measures.received).toBeGreaterThan(0);

    const page = await newPage(h.browser);
    await page.goto(h.server.url);
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: 'Beranda' }).click();
    await page.getByTestId('home-page').waitFor();
    // The period through the range picker, typed the way a user may type it.
    const inputs = page.getByTestId('home-range').locator('input');
    const dmy = (s: string) => s.split('-').reverse().join('/');
    await inputs.nth(0).click();
    await inputs.nth(0).fill(dmy(from));
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill(dmy(to));
    await inputs.nth(1).press('Enter');
    await page.waitForFunction((h) => window.location.hash === h, `#/home?from=${from}&to=${to}`);

    const kpi = (id: string) => page.getByTestId(`kpi-${id}`);
    await kpi('total')
      .and(page.locator(`[data-value="${stats.measures.received}"]`))
      .waitFor();
    expect(await kpi('open').getAttribute('data-value')).toBe(String(stats.measures.open));
    expect(await kpi('finished').getAttribute('data-value')).toBe(String(stats.measures.finished));
    expect(await kpi('overdue').getAttribute('data-value')).toBe(String(stats.measures.overdue));
    expect(await kpi('total').innerText()).toContain(String(stats.measures.received));
    await page.getByTestId('chart-status').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByTestId('chart-steps').waitFor();
    await screenshot(page, '20-home');

    // The first status bar: its count is the list's total.
    const first = stats.byStatus.filter((r) => r.count > 0)[0];
    if (!first) throw new Error('no status with cases');
    await page.getByTestId('chart-status').locator('.recharts-bar-rectangle').first().click();
    await page.waitForFunction(() => window.location.hash.startsWith('#/cases?'));
    const hash = await page.evaluate(() => window.location.hash);
    expect(hash).toContain(`status=${first.key}`);
    expect(hash).toContain(`from=${from}`);
    await page
      .locator('.ant-pagination-total-text')
      .filter({ hasText: new RegExp(`^${first.count} aduan$`) })
      .waitFor();
    await screenshot(page, '21-cases-from-home');

    // An OPD bar: the list filtered by the unit agrees too.
    await page.goBack();
    const opd = stats.byOpd[0];
    if (opd) {
      await page.getByTestId('chart-opd').locator('.recharts-bar-rectangle').first().click();
      await page.waitForFunction(() => window.location.hash.includes('unit='));
      await page
        .locator('.ant-pagination-total-text')
        .filter({ hasText: new RegExp(`^${opd.count} aduan$`) })
        .waitFor();
    }
    await page.close();
  });

  it('shows a monthly report as tables and downloads it as XLSX and PDF', async () => {
    const now = new Date();
    const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
    const period = prev.toISOString().slice(0, 7);
    const token = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const data = ((await apiCall(h.server, 'report.data', { kind: 'bulanan', period }, { token })).body as Ok<ReportData>).value;
    if (data.kind !== 'bulanan') throw new Error('wrong kind');

    const page = await newPage(h.browser);
    await page.goto(h.server.url);
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: 'Laporan' }).click();
    await page.getByTestId('reports-page').waitFor();
    await page.getByTestId('report-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Rekapitulasi bulanan' }).click();
    const month = page.getByTestId('report-period').locator('input');
    await month.click();
    await month.fill(`${period.slice(5, 7)}/${period.slice(0, 4)}`);
    await month.press('Enter');
    await page.getByTestId('report-header').filter({ hasText: data.period.label }).waitFor();
    const received = page.getByTestId('report-measures').locator('tr').filter({ hasText: 'Diterima' }).first();
    expect(await received.innerText()).toContain(String(data.measures.received));
    await screenshot(page, '22-reports-monthly');

    expect(await downloadFirstBytes(page, 'report-xlsx')).toMatch(/^PK/);
    expect(await downloadFirstBytes(page, 'report-pdf')).toBe('%PDF');
    await page.close();
  });
});
