/**
 * The production password cost. Every other test makes cheap hashes (passwordCost 'test'); this
 * one opens a backend the way the app does (no cost given) and checks what it stores.
 */
import { describe, expect, it } from 'vitest';
import { dispatch, openContext } from '../../src/main/backend/backend';
import { getRef, listRefs } from '../../src/main/backend/refdata/ref-store';
import { passwordCostFromEnv } from '../../src/main/backend/services/password';
import { RESOURCES, tempDir } from '../helpers/temp';

describe('password hashing cost', () => {
  it('hashes at OWASP parameters (scrypt N=2^17) unless a test asks otherwise, and both kinds verify', async () => {
    const ctx = await openContext({ dataDir: tempDir(), resourcesDir: RESOURCES, appVersion: 'test' });
    try {
      const created = await dispatch(ctx, 'office.create', null, {
        presetId: 'balangan',
        officeName: 'Kantor Uji',
        admin: { username: 'admin', fullName: 'Admin', password: 'sandi-produksi-1' },
      });
      expect(created.ok).toBe(true);
      const admin = (await listRefs(ctx.db, 'user')).find((u) => u.username === 'admin');
      const cred = admin ? await getRef(ctx.db, 'credential', admin.id) : null;
      expect(cred?.hash.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
      expect((await dispatch(ctx, 'session.login', null, { username: 'admin', password: 'sandi-produksi-1' })).ok).toBe(true);
      expect((await dispatch(ctx, 'session.login', null, { username: 'admin', password: 'salah' })).ok).toBe(false);
    } finally {
      await ctx.opened.close();
    }
  });

  it('takes the cheap cost only from ALUR_PASSWORD_COST=test', () => {
    expect(passwordCostFromEnv({})).toBe('owasp');
    expect(passwordCostFromEnv({ ALUR_PASSWORD_COST: 'cheap' })).toBe('owasp');
    expect(passwordCostFromEnv({ ALUR_PASSWORD_COST: 'test' })).toBe('test');
  });
});
