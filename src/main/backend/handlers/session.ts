/** Handlers of the session lock and login throttle methods (src/shared/api/methods/session.ts). */
import type { sessionMethods } from '../../../shared/api/methods/session';
import { liftLoginLock, listLoginLocks } from '../services/login-throttle';
import { lockSession, sessionActivity, unlockSession } from '../services/session-lock';
import { need, type HandlersOf } from './types';

export const sessionHandlers: HandlersOf<typeof sessionMethods> = {
  'session.lock': async (ctx, c) => lockSession(ctx, need(c)),
  'session.unlock': (ctx, c, input) => unlockSession(ctx, need(c), input.password),
  'session.activity': async (_ctx, c) => {
    need(c);
    return sessionActivity();
  },
  'login.locks': (ctx) => listLoginLocks(ctx),
  'login.unlock': (ctx, c, input) => liftLoginLock(ctx, need(c).user.id, input.username),
};
