/**
 * Impor LAPOR! through the screen: a CSV with one bad row is previewed (the refused row with
 * its row number and the backend's reason, nothing written yet), imported after the confirm,
 * announced as one summary toast instead of one per case, and found in the case list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import type { LaporPreview } from '../../src/shared/api/views-imports';
import { apiCall, apiLogin, newPage, screenshot, uiLogin, useDemoHarness } from './harness';

type Ok<T> = { ok: true; value: T };

function csvOf(rows: string[][]): string {
  return `${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n')}\n`;
}

describe('Impor LAPOR!', () => {
  const h = useDemoHarness(8, 5);

  it('previews a CSV with a refused row, imports the rest after the confirm, and finds it', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const stamp = String(Date.now()).slice(-6);
    const good = [
      'Jalan berlubang di Jl. Ahmad Yani',
      'Lampu jalan padam di Paringin',
      'Sampah menumpuk di pasar',
      'Air PDAM keruh sepekan',
      'Pungutan liar di terminal',
    ];
    const rows = [
      ['Tracking ID', 'Tanggal Laporan', 'Judul Laporan', 'Isi Laporan', 'Kategori', 'Lokasi', 'Nama Pelapor', 'Anonim', 'Rahasia'],
      ...good.map((title, i) => [
        `E2E${stamp}${i}`,
        yesterday,
        `${title} ${stamp}`,
        `Mohon ditindaklanjuti: ${title.toLowerCase()}.`,
        'Infrastruktur',
        'Paringin',
        `Warga ${i + 1}`,
        'Tidak',
        'Tidak',
      ]),
      [`E2E${stamp}X`, 'bukan tanggal', `Baris rusak ${stamp}`, 'Tanggal tidak terbaca.', '', '', 'Warga 9', 'Tidak', 'Tidak'],
    ];
    const file = path.join(h.dir, `lapor-${stamp}.csv`);
    fs.writeFileSync(file, csvOf(rows));

    // What the backend says about the file, for comparing the screen with.
    const token = await apiLogin(h.server, 'admin', DEMO_PASSWORD);
    const expected = (
      (
        await apiCall(
          h.server,
          'import.lapor.preview',
          { fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') },
          { token },
        )
      ).body as Ok<LaporPreview>
    ).value;
    expect(expected.accepted).toBe(5);
    const refused = expected.refused[0];
    if (!refused) throw new Error('the bad row was not refused');

    const page = await newPage(h.browser);
    await page.goto(h.server.url);
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: 'Impor LAPOR!' }).click();
    await page.getByTestId('import-page').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);

    await page.locator('[data-testid="import-count-accepted"][data-value="5"]').waitFor();
    expect(await page.getByTestId('import-count-refused').getAttribute('data-value')).toBe('1');
    expect(await page.getByTestId('import-count-rows').getAttribute('data-value')).toBe('6');
    const refusedRow = page.getByTestId('import-refused').locator('tbody tr.ant-table-row');
    expect(await refusedRow.count()).toBe(1);
    const refusedText = await refusedRow.innerText();
    expect(refusedText).toContain(String(refused.row));
    expect(refusedText).toContain(refused.reason);
    expect(await page.getByTestId('import-sample').locator('tbody tr.ant-table-row').count()).toBe(5);
    // The mapping shows the file's own columns.
    expect(await page.getByTestId('import-map-laporId').innerText()).toContain('Tracking ID');

    // The refused rows as CSV, formula-safe, as the CLI writes them.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-export-refused').click()]);
    const csv = fs.readFileSync(await dl.path(), 'utf8');
    expect(csv.startsWith('\uFEFFBaris,Tracking ID,Judul,Alasan')).toBe(true);
    expect(csv).toContain(`${refused.row},E2E${stamp}X`);
    await refusedRow.scrollIntoViewIfNeeded();
    await screenshot(page, '23-import-preview');

    // Nothing is written before the confirm.
    const before = ((await apiCall(h.server, 'case.list', { search: stamp }, { token })).body as Ok<{ total: number }>).value.total;
    expect(before).toBe(0);
    await page.getByTestId('import-commit').click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.filter({ hasText: 'Impor 5 aduan?' }).waitFor();
    await dialog.getByRole('button', { name: 'Impor' }).click();
    const result = page.getByTestId('import-result');
    await result.filter({ hasText: '5 aduan diimpor' }).waitFor();
    expect(await result.innerText()).toMatch(/ADU-\d{4}-\w+ sampai ADU-\d{4}-\w+/);

    // Five new desk tasks arrive as a burst; that it becomes three toasts and one summary is
    // tested on BurstGate (tests/unit/renderer), not here, where it depends on event timing.
    await screenshot(page, '24-import-result');

    await page.getByRole('button', { name: 'Lihat aduan LAPOR!' }).click();
    await page.getByTestId('case-search').locator('input').fill(`Pungutan liar di terminal ${stamp}`);
    await page.getByTestId('case-search').locator('input').press('Enter');
    // The list first shows every LAPOR! case (the link's filter), then the search's one match.
    await page
      .locator('.ant-pagination-total-text')
      .filter({ hasText: /^1 aduan$/ })
      .waitFor();
    const found = page.getByTestId('case-table').locator('tbody tr.ant-table-row');
    expect(await found.count()).toBe(1);
    expect(await found.innerText()).toContain('SP4N-LAPOR!');
    await page.close();
  });
});
