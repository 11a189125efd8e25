/**
 * A case arriving in an official's inbox is announced in their window (a toast; the desktop
 * app adds a system notification when it is in the background), and only in theirs.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { apiCall, apiLogin, newPage, screenshot, uiLogin, useDemoHarness } from './harness';

type Ok<T> = { ok: true; value: T };

describe('inbox notifications', () => {
  const h = useDemoHarness(6, 31);

  it('tells the Kepala Seksi when a case reaches them, and not the Kepala Dinas', async () => {
    const kasi = await newPage(h.browser);
    await kasi.goto(h.server.url);
    await uiLogin(kasi, 'kasi', DEMO_PASSWORD);
    await kasi.getByTestId('inbox-table').waitFor();
    const kadis = await newPage(h.browser);
    await kadis.goto(h.server.url);
    await uiLogin(kadis, 'kadis', DEMO_PASSWORD);
    await kadis.getByTestId('inbox-table').waitFor();

    // Both windows' event sockets must be open before the act, or the event goes to nobody.
    await kasi.locator('html[data-alur-events="open"]').waitFor({ state: 'attached' });
    await kadis.locator('html[data-alur-events="open"]').waitFor({ state: 'attached' });

    // The desk registers a case and forwards it to the Kepala Seksi, through the contract.
    const desk = await apiLogin(h.server, 'admin.aduan', DEMO_PASSWORD);
    const reg = (
      await apiCall(
        h.server,
        'case.register',
        {
          channel: 'phone',
          receivedAt: Date.now(),
          type: 'pengaduan',
          title: 'Notifikasi untuk Kasi',
          description: 'Uji pemberitahuan kotak masuk.',
          privacy: 'anonim',
          complainant: null,
        },
        { token: desk },
      )
    ).body as Ok<{ caseId: string }>;
    const detail = (await apiCall(h.server, 'case.get', { caseId: reg.value.caseId }, { token: desk })).body as Ok<{
      allowed: Array<{ taskId: string; asPositionId: string; action: { id: string; kind: string; fastLane: boolean } }>;
    }>;
    const fwd = detail.value.allowed.find((a) => a.action.kind === 'forward' && !a.action.fastLane);
    const acted = (
      await apiCall(
        h.server,
        'case.act',
        { caseId: reg.value.caseId, taskId: fwd?.taskId, actionId: fwd?.action.id, asPositionId: fwd?.asPositionId },
        { token: desk },
      )
    ).body as { ok: boolean };
    expect(acted.ok).toBe(true);

    const toast = kasi.locator('.ant-notification-notice').filter({ hasText: 'Notifikasi untuk Kasi' });
    await toast.waitFor();
    expect(await toast.innerText()).toContain('Aduan masuk ke kotak masuk');
    await screenshot(kasi, '19-inbox-toast');
    await kadis.waitForTimeout(1500);
    expect(await kadis.locator('.ant-notification-notice').filter({ hasText: 'Notifikasi untuk Kasi' }).count()).toBe(0);
    await kasi.close();
    await kadis.close();
  });
});
