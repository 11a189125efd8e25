/**
 * The LAN server in the UI: the status bar says plainly that the data is local while no server
 * is set, and the Settings form tests a connection and answers in words a user understands.
 * Backups (Pengaturan › Cadangan) and the audit log's check (Pengaturan › Log audit) in the
 * same session: the office is already seeded.
 */
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { makeDataDir, newPage, screenshot, uiLogin, useDemoHarness } from './harness';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('LAN server settings', () => {
  const h = useDemoHarness(8, 21);

  it('shows local-only in the status bar and refuses an unreachable server with a clear message, saving nothing', async () => {
    const page = await newPage(h.browser);
    await page.goto(h.server.url);
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('sync-state').innerText()).toContain('Lokal (tanpa server)');
    await page.getByRole('menuitem', { name: /Pengaturan/ }).click();
    await page.getByRole('tab', { name: 'Server LAN' }).click();
    const form = page.getByTestId('sync-form');
    await form.getByLabel('Alamat server').fill('127.0.0.1');
    await form.getByLabel('Port').fill(String(await closedPort()));
    await form.getByLabel('Basis data').fill('alur');
    await form.getByLabel('Login unit').fill('alur_u_pupr');
    await form.getByLabel('Kata sandi').fill('sembarang-sandi');
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    const outcome = page.getByTestId('sync-outcome');
    await outcome.waitFor();
    expect(await outcome.innerText()).toMatch(/server|hubung|jangkau/i);
    await screenshot(page, '18-settings-sync');
    await page.getByRole('button', { name: 'Simpan dan sinkronkan' }).click();
    await expect.poll(() => outcome.innerText()).toMatch(/server|hubung|jangkau/i);
    // Refused settings are not kept: the workstation is still local only.
    await page.getByRole('tab', { name: 'Kalender kerja' }).click();
    await page.getByRole('tab', { name: 'Server LAN' }).click();
    await expect.poll(() => page.getByTestId('sync-state').innerText()).toContain('Lokal (tanpa server)');
    expect(await page.getByText(/Tersambung ke/).count()).toBe(0);

    // Log audit: checked locally when the tab opens; the button asks for the server too, and
    // says plainly that there is none.
    await page.getByRole('tab', { name: 'Log audit' }).click();
    const audit = page.getByTestId('audit-result');
    await expect.poll(() => audit.innerText()).toMatch(/^Log audit utuh: \d+ entri \(sampai #\d+\)\.\s+Pemeriksaan lokal\./);
    await page.getByRole('button', { name: 'Periksa log audit' }).click();
    await expect.poll(() => audit.innerText()).toMatch(/Server LAN belum diatur: hanya pemeriksaan lokal\./);
    await screenshot(page, '18-settings-audit');
    await page.close();
  });

  it('Cadangan: picks a folder, backs up now (checked), lists it, and restores it after a confirmation', async () => {
    const page = await newPage(h.browser);
    await page.goto(h.server.url);
    await uiLogin(page, 'admin', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: /Pengaturan/ }).click();
    await page.getByRole('tab', { name: 'Cadangan' }).click();
    await page.getByText('Belum pernah ada cadangan dari workstation ini.').waitFor();
    const form = page.getByTestId('backup-form');
    await form.getByLabel('Folder cadangan').fill(path.join(makeDataDir(), 'cadangan'));
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    const outcome = page.getByTestId('backup-outcome');
    await outcome.waitFor();
    expect(await outcome.innerText()).toMatch(/^Cadangan alur-cadangan-\d{8}T\d{6}Z\.db dibuat dan diperiksa utuh \(8 aduan/);
    await page.getByRole('cell', { name: /^alur-cadangan-/ }).waitFor();
    await expect.poll(() => page.getByText(/^Cadangan terakhir: /).count()).toBe(1);
    await screenshot(page, '18-settings-backup');
    await page.getByRole('button', { name: 'Pulihkan' }).click();
    await page.getByText(/^Pulihkan data dari cadangan .*semua pengguna perlu masuk lagi\.$/).waitFor();
    await page.getByRole('button', { name: 'Pulihkan' }).last().click();
    await expect.poll(() => outcome.innerText()).toMatch(/^Data dipulihkan dari alur-cadangan-.*\(8 aduan\)\.\s+Silakan masuk lagi\.$/);
    await page.close();
  });
});
