/**
 * The screen lock on the backend: a locked session (idle, or "Kunci layar") is refused by the
 * dispatcher until the same user's password is given again here. Unlocking keeps the session
 * (and the unsaved work behind the lock screen); it is throttled like a login.
 */
import type { SessionInfo } from '../../../shared/api/views';
import { AppError } from '../../../shared/result';
import { actorFor, authenticate, me, type Caller } from './auth.service';
import type { BackendContext } from './context';
import { guardLogin } from './login-throttle';
import { openUserKey } from '../keys/key.service';

export function lockSession(ctx: BackendContext, caller: Caller): null {
  const s = ctx.sessions.get(caller.token);
  if (s) {
    s.locked = true;
    // The user's key leaves memory with the lock; unlocking opens it again from the password.
    delete s.signingKey;
  }
  return null;
}

export async function unlockSession(ctx: BackendContext, caller: Caller, password: string): Promise<SessionInfo> {
  const s = ctx.sessions.get(caller.token);
  if (!s) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
  const { user, wrapKey } = await guardLogin(ctx, caller.user.username, () => authenticate(ctx, caller.user.username, password)).catch(
    (e: unknown) => {
      // A wrong password here is not an ended session: UNAUTHENTICATED would send the UI to login.
      if (e instanceof AppError && e.code === 'UNAUTHENTICATED') throw new AppError('VALIDATION', e.message);
      throw e;
    },
  );
  // authenticate looked the user up by name: it must still be this session's user.
  if (user.id !== caller.user.id) throw new AppError('UNAUTHENTICATED', 'Sesi ini milik pengguna lain.');
  s.locked = false;
  s.lastSeen = ctx.now();
  const key = await openUserKey(ctx.db, user.id, wrapKey);
  if (key) s.signingKey = key;
  return me(ctx, { token: caller.token, user, actor: await actorFor(ctx, user) });
}

/** Keyboard or mouse input seen by the UI: the session stays active (the dispatcher already noted it). */
export function sessionActivity(): null {
  return null;
}
