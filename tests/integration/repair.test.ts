/**
 * Issue #18 item 3: a damaged data folder is repaired from the app. The backend that cannot
 * open answers `repair.status` (the reason in words, the backups) and `repair.restore`, which
 * takes an administrator's name and password checked against the chosen backup, restores it
 * in place and says what was recovered; then the app works again. Real files, the real backend.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBackend } from '../../src/main/backend/backend';
import { DB_FILE } from '../../src/main/backend/db/database';
import { ADMIN_PASSWORD, call, newOffice, RESOURCES, tempDir } from '../helpers/temp';

function input(title: string) {
  return {
    channel: 'walkin' as const,
    receivedAt: Date.now() - 60_000,
    type: 'pengaduan' as const,
    title,
    description: `${title}: belum ditangani.`,
    privacy: 'biasa' as const,
    urgency: 'biasa' as const,
    complainant: { name: 'Siti Aminah' },
  };
}

describe('repair of a damaged folder from the app', () => {
  it('says what is wrong, restores the last backup for an administrator, and states what came back', async () => {
    const { ctx, token, dataDir } = await newOffice();
    const folder = tempDir();
    await call(ctx, 'backup.configure', token, { folder, everyHours: 0, keep: 3 });
    await call(ctx, 'case.register', token, input('Jalan rusak'));
    const made = await call(ctx, 'backup.now', token, {});
    await ctx.opened.close();
    fs.truncateSync(path.join(dataDir, DB_FILE), 0);

    const backend = openBackend({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', passwordCost: 'test' });
    try {
      expect(await backend.call('app.info', null, {})).toMatchObject({ ok: false, error: { code: 'DAMAGED' } });
      const status = await backend.call('repair.status', null, {});
      expect(status).toMatchObject({ ok: true, value: { damaged: true, folder, backups: [{ name: made.name }] } });
      if (status.ok) expect((status.value as { message: string }).message).toMatch(/kosong \(0 byte\)/);

      const wrong = await backend.call('repair.restore', null, { name: made.name, username: 'admin', password: 'salah-sandi-1', confirm: true });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await backend.call('app.info', null, {})).toMatchObject({ ok: false, error: { code: 'DAMAGED' } });

      const r = await backend.call('repair.restore', null, { name: made.name, username: 'admin', password: ADMIN_PASSWORD, confirm: true });
      expect(r).toMatchObject({ ok: true, value: { cases: 1, pulled: null } });
      expect(await backend.call('app.info', null, {})).toMatchObject({ ok: true, value: { initialized: true } });
      const login = await backend.call('session.login', null, { username: 'admin', password: ADMIN_PASSWORD });
      expect(login.ok).toBe(true);
      // Open again: nothing to repair, and a restore goes through Pengaturan › Cadangan.
      expect(await backend.call('repair.status', null, {})).toMatchObject({ ok: true, value: { damaged: false, message: null } });
      expect(
        await backend.call('repair.restore', null, { name: made.name, username: 'admin', password: ADMIN_PASSWORD, confirm: true }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_ACTION' } });
      // The damaged file is still there under its own name.
      expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${DB_FILE}.rusak-`))).toBe(true);
    } finally {
      backend.close();
    }
  }, 60_000);
});
