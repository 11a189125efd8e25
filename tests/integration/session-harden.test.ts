/**
 * Sessions (issue 13): wrong passwords are throttled per username and per workstation and
 * audited; an administrator lifts a lock; an idle or "Kunci layar" session is refused by the
 * backend until unlocked, and background calls do not keep it alive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import { USER_LOCK_FAILURES, USER_LOCK_MS, DEVICE_FREE_FAILURES } from '../../src/main/backend/services/login-throttle';
import { ADMIN_PASSWORD, call, fakeClock, newOffice } from '../helpers/temp';

const START = Date.UTC(2026, 10, 3, 2, 0);

describe('hardened sessions', () => {
  let ctx: BackendContext;
  let admin: string;
  const clock = fakeClock(START);

  function audit(action: string): Array<{ target: string; user_id: string | null }> {
    return ctx.opened.sqlite.prepare('SELECT target, user_id FROM audit WHERE action = ? ORDER BY seq').all(action) as Array<{
      target: string;
      user_id: string | null;
    }>;
  }
  const login = (username: string, password: string) => dispatch(ctx, 'session.login', null, { username, password });

  beforeAll(async () => {
    const o = await newOffice('balangan', clock);
    ctx = o.ctx;
    admin = o.token;
    // A long idle window, so the administrator's session outlives the clock jumps below.
    await call(ctx, 'settings.save', admin, { ...(await call(ctx, 'settings.get', admin, {})), idleLockMinutes: 240 });
  }, 60_000);
  afterAll(() => ctx.opened.close());

  it('slows a username down after three wrong passwords, even for the right one, and audits each', async () => {
    for (let i = 0; i < 3; i++) expect((await login('admin', 'salah-sekali')).ok).toBe(false);
    const refused = await login('admin', ADMIN_PASSWORD);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('FORBIDDEN');
      expect(refused.error.message).toMatch(/Coba lagi dalam 5 detik/);
    }
    expect(audit('login.failed').filter((a) => a.target === 'admin')).toHaveLength(3);
    expect(audit('login.failed')[0]?.user_id).not.toBeNull();
    clock.advance(5_001);
    const s = await login('admin', ADMIN_PASSWORD);
    expect(s.ok).toBe(true);
    // A right password clears the username's count.
    expect((await call(ctx, 'login.locks', admin, {})).filter((l) => l.username === 'admin')).toEqual([]);
  });

  it('locks a username after repeated wrong passwords until an administrator lifts it', async () => {
    for (let i = 0; i < USER_LOCK_FAILURES; i++) {
      if (i > 0) clock.advance(10 * 60_000); // past every delay
      expect((await login('hantu', 'tebakan')).ok).toBe(false);
      await call(ctx, 'session.activity', admin, {});
    }
    const r = await login('hantu', 'tebakan');
    expect(r.ok || r.error.message).toMatch(/dikunci sementara/);
    const locks = await call(ctx, 'login.locks', admin, {});
    expect(locks.find((l) => l.username === 'hantu')).toMatchObject({ locked: true, failures: USER_LOCK_FAILURES });
    expect(audit('login.locked').map((a) => a.target)).toEqual(['hantu']);
    // Only an administrator may see or lift locks.
    expect((await dispatch(ctx, 'login.unlock', null, { username: 'hantu' })).ok).toBe(false);
    await call(ctx, 'login.unlock', admin, { username: 'hantu' });
    expect(audit('login.unlocked').map((a) => a.target)).toEqual(['hantu']);
    clock.advance(61_000); // the workstation's own delay (eleven wrong passwords by now)
    const again = await login('hantu', 'tebakan');
    expect(again.ok || again.error.code).toBe('UNAUTHENTICATED');
    expect(USER_LOCK_MS).toBeGreaterThanOrEqual(15 * 60_000);
  });

  it('slows the whole workstation down when many usernames are guessed', async () => {
    clock.advance(60 * 60_000);
    await call(ctx, 'session.activity', admin, {});
    for (let i = 0; i < DEVICE_FREE_FAILURES; i++) await login(`tamu${i}`, 'tebakan');
    const r = await login('tamu-lain', 'tebakan');
    expect(r.ok || r.error.code).toBe('FORBIDDEN');
    expect((await call(ctx, 'login.locks', admin, {})).some((l) => l.username === null)).toBe(true);
    await call(ctx, 'login.unlock', admin, { username: null });
    expect((await login('tamu-lain', 'tebakan')).ok || 'refused').toBe('refused');
  });

  it('locks an idle session on the backend: every call but unlock is refused', async () => {
    const token = admin;
    const { idleLockMinutes } = await call(ctx, 'settings.get', token, {});
    clock.advance((idleLockMinutes + 1) * 60_000);
    for (const m of ['office.overview', 'case.list', 'sync.status', 'session.me'] as const) {
      const r = await dispatch(ctx, m, token, {});
      expect(r.ok || r.error.code).toBe('SESSION_LOCKED');
    }
    const back = await call(ctx, 'session.unlock', token, { password: ADMIN_PASSWORD });
    expect(back.token).toBe(token);
    await call(ctx, 'office.overview', token, {});
  });

  it('does not let status polling keep a session alive; input reports do', async () => {
    const token = admin;
    const { idleLockMinutes } = await call(ctx, 'settings.get', token, {});
    const step = Math.ceil(idleLockMinutes / 3) * 60_000;
    for (let i = 0; i < 4; i++) {
      clock.advance(step);
      await call(ctx, 'session.activity', token, {});
    }
    await call(ctx, 'office.overview', token, {});
    for (let i = 0; i < 4; i++) {
      clock.advance(step);
      await dispatch(ctx, 'sync.status', token, {});
      await dispatch(ctx, 'inbox.counts', token, {});
      await dispatch(ctx, 'session.me', token, {});
    }
    const r = await dispatch(ctx, 'office.overview', token, {});
    expect(r.ok || r.error.code).toBe('SESSION_LOCKED');
    // Logout is allowed while locked (switching user); the token is then gone.
    await call(ctx, 'session.logout', token, {});
    expect((await dispatch(ctx, 'session.unlock', token, { password: ADMIN_PASSWORD })).ok).toBe(false);
  });

  it('"Kunci layar" locks the session at once', async () => {
    admin = (await call(ctx, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD })).token;
    await call(ctx, 'session.lock', admin, {});
    const r = await dispatch(ctx, 'user.list', admin, {});
    expect(r.ok || r.error.code).toBe('SESSION_LOCKED');
    // A wrong password at the lock screen counts like a wrong login.
    const wrong = await dispatch(ctx, 'session.unlock', admin, { password: 'bukan-ini-sandinya' });
    // VALIDATION, not UNAUTHENTICATED: the session is not over, the UI stays on the lock screen.
    expect(wrong.ok || wrong.error.code).toBe('VALIDATION');
    expect(audit('login.failed').at(-1)?.target).toBe('admin');
  });
});
