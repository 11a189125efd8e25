/** Logging in, sessions that lock after idle time, and who a user may act as today. */
import crypto from 'node:crypto';
import type { SessionInfo } from '../../../shared/api/views';
import type { Actor, ActorPosition, User } from '../../../shared/domain/org';
import { localDate } from '../../../shared/calendar/working-time';
import { AppError } from '../../../shared/result';
import { getRef, listRefs } from '../refdata/ref-store';
import type { BackendContext } from './context';
import { unlockWithPassword } from './password';
import type { OpenKey } from '../keys/key-crypto';
import { activeKeyOf, createRootKey, enrolUserKey, openRootKey, openUserKey, someoneHoldsRoot } from '../keys/key.service';
import { guardLogin } from './login-throttle';
import { ALLOWED_WHEN_LOCKED, BACKGROUND_METHODS } from '../../../shared/api/methods/session';

export interface Caller {
  token: string;
  user: User;
  actor: Actor;
}

const WRONG = 'Nama pengguna atau kata sandi salah.';

/** Posts a user holds on `date` (office-local 'YYYY-MM-DD'): definitive ones and Plt./Plh. in range. */
export async function actorFor(ctx: BackendContext, user: User): Promise<Actor> {
  const proj = await ctx.projection();
  const today = localDate(proj.engine.calendar, ctx.now());
  const positions = new Map((await listRefs(ctx.db, 'position')).map((p) => [p.id, p]));
  const out: ActorPosition[] = [];
  for (const a of await listRefs(ctx.db, 'assignment')) {
    if (a.userId !== user.id) continue;
    if ((a.from && today < a.from) || (a.until && today > a.until)) continue;
    const p = positions.get(a.positionId);
    if (!p || !p.active) continue;
    out.push({ positionId: p.id, unitId: p.unitId, roleId: p.roleId, title: p.title, acting: a.acting });
  }
  out.sort((x, y) => Number(x.acting !== null) - Number(y.acting !== null) || x.title.localeCompare(y.title));
  return { userId: user.id, isAdmin: user.isAdmin, positions: out };
}

async function sessionInfo(ctx: BackendContext, token: string, user: User): Promise<SessionInfo> {
  const office = await ctx.office();
  const actor = await actorFor(ctx, user);
  return {
    token,
    user: { id: user.id, username: user.username, fullName: user.fullName, nip: user.nip, rank: user.rank, isAdmin: user.isAdmin },
    positions: actor.positions,
    idleLockMinutes: office.idleLockMinutes,
  };
}

async function findUser(ctx: BackendContext, username: string): Promise<User | null> {
  const name = username.trim().toLowerCase();
  return (await listRefs(ctx.db, 'user')).find((u) => u.username === name) ?? null;
}

/** Checks the password; a wrong one and an unknown user get the same answer. */
export async function authenticate(ctx: BackendContext, username: string, password: string): Promise<{ user: User; wrapKey: Buffer }> {
  await ctx.office();
  const user = await findUser(ctx, username);
  const cred = user ? await getRef(ctx.db, 'credential', user.id) : null;
  const wrapKey = user && cred && user.active ? await unlockWithPassword(password, cred.hash) : null;
  if (!user || !wrapKey) throw new AppError('UNAUTHENTICATED', WRONG);
  return { user, wrapKey };
}

/**
 * Keys at login, where the password is at hand: an administrator opens the office root key
 * (an office from before signatures gets one now), and a user without a signing key gets one
 * (certified when the user is that administrator).
 */
async function keysAtLogin(ctx: BackendContext, user: User, wrapKey: Buffer): Promise<OpenKey | undefined> {
  return ctx.db.transaction().execute(async (trx) => {
    const keys = await listRefs(trx, 'signing_key');
    let root: OpenKey | null = null;
    if (user.isAdmin) {
      root = await openRootKey(trx, user.id, wrapKey);
      // A new root only when no administrator can open one any more (e.g. every copy was
      // dropped with a password reset); keys certified by an older root stay valid.
      if (!root && !(await someoneHoldsRoot(trx))) root = await createRootKey(trx, ctx, user.id, wrapKey);
    }
    if (!activeKeyOf(keys, user.id)) await enrolUserKey(trx, ctx, user.id, wrapKey, root);
    return root ?? undefined;
  });
}

export async function login(ctx: BackendContext, username: string, password: string): Promise<SessionInfo> {
  const { user, wrapKey } = await guardLogin(ctx, username, () => authenticate(ctx, username, password));
  const rootKey = await keysAtLogin(ctx, user, wrapKey);
  // Held for the session only, to seal what this user writes (keys/seal.ts); dropped on lock.
  const signingKey = await openUserKey(ctx.db, user.id, wrapKey);
  const token = crypto.randomBytes(32).toString('hex');
  ctx.sessions.set(token, { userId: user.id, lastSeen: ctx.now(), ...(rootKey ? { rootKey } : {}), ...(signingKey ? { signingKey } : {}) });
  return sessionInfo(ctx, token, user);
}

export function logout(ctx: BackendContext, token: string): void {
  ctx.sessions.delete(token);
}

/**
 * Resolves a token to its user for a call of `method`. A session idle longer than the office
 * allows is locked, not ended: every call but unlock (and logout) is refused until the same
 * user's password is given again. Background calls (see BACKGROUND_METHODS) never count as activity.
 */
export async function requireCaller(ctx: BackendContext, token: string | null, method = ''): Promise<Caller> {
  const s = token ? ctx.sessions.get(token) : undefined;
  if (!token || !s) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
  const office = await ctx.office();
  if (ctx.now() - s.lastSeen > office.idleLockMinutes * 60_000) {
    s.locked = true;
    delete s.signingKey;
  }
  if (s.locked && !ALLOWED_WHEN_LOCKED.has(method)) throw new AppError('SESSION_LOCKED', 'Layar terkunci. Masukkan kata sandi untuk melanjutkan.');
  const user = await getRef(ctx.db, 'user', s.userId);
  if (!user || !user.active) {
    ctx.sessions.delete(token);
    throw new AppError('UNAUTHENTICATED', 'Akun tidak aktif lagi.');
  }
  if (!s.locked && !BACKGROUND_METHODS.has(method)) s.lastSeen = ctx.now();
  return { token, user, actor: await actorFor(ctx, user) };
}

export async function me(ctx: BackendContext, caller: Caller): Promise<SessionInfo> {
  return sessionInfo(ctx, caller.token, caller.user);
}
