/**
 * Login throttling, per username and per workstation. A password guessed at a desk costs the
 * guesser time: after a few wrong passwords every new attempt waits longer, and a username is
 * then locked for a while (an administrator can lift it sooner). The state lives in this
 * workstation's `local_meta` (never synced), so restarting the app does not reset it; every
 * wrong password, lock and lift is written to the audit trail.
 */
import type { Kysely } from 'kysely';
import type { LoginLockView } from '../../../shared/api/methods/session';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';
import { listRefs } from '../refdata/ref-store';
import { appendAudit } from './audit';
import type { BackendContext } from './context';

/** Wrong passwords for one username before attempts are slowed down. */
const USER_FREE_FAILURES = 3;
/** Wrong passwords in a row after which the username is locked. */
export const USER_LOCK_FAILURES = 8;
/** How long a lock lasts unless an administrator lifts it. */
export const USER_LOCK_MS = 30 * 60_000;
/** Wrong passwords on this workstation (any username) before every attempt is slowed down. */
export const DEVICE_FREE_FAILURES = 10;
/** A workstation's count is forgotten after this long without a wrong password. */
const DEVICE_QUIET_MS = 15 * 60_000;
const DEVICE_MAX_DELAY_MS = 60_000;
const USER_BASE_DELAY_MS = 5_000;
/** The workstation is never locked (an administrator must still be able to log in), only slowed. */
const DEVICE_BASE_DELAY_MS = 2_000;
/** Attempts checked at the same time on this workstation: a burst cannot outrun the counters. */
const MAX_PARALLEL = 2;

const PREFIX = 'login_throttle:';
const DEVICE_KEY = `${PREFIX}device`;

interface ThrottleState {
  failures: number;
  lastAt: number;
  lockedUntil: number | null;
}

function userKey(username: string): string {
  return `${PREFIX}user:${username.trim().toLowerCase()}`;
}

async function load(db: Kysely<Database>, key: string): Promise<ThrottleState | null> {
  const row = await db.selectFrom('local_meta').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  const v: unknown = JSON.parse(row.value);
  if (typeof v !== 'object' || v === null || !('failures' in v) || !('lastAt' in v)) return null;
  const locked = 'lockedUntil' in v && typeof v.lockedUntil === 'number' ? v.lockedUntil : null;
  return { failures: Number(v.failures), lastAt: Number(v.lastAt), lockedUntil: locked };
}

async function store(db: Kysely<Database>, key: string, s: ThrottleState | null): Promise<void> {
  if (!s) {
    await db.deleteFrom('local_meta').where('key', '=', key).execute();
    return;
  }
  const value = JSON.stringify(s);
  await db
    .insertInto('local_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The earliest time the next attempt for a username is accepted (its lock or its growing delay). */
function userRetryAt(s: ThrottleState | null, now: number): number {
  if (!s) return 0;
  if (s.lockedUntil !== null && s.lockedUntil > now) return s.lockedUntil;
  if (s.lockedUntil !== null) return 0;
  if (s.failures < USER_FREE_FAILURES) return 0;
  return s.lastAt + USER_BASE_DELAY_MS * 2 ** (s.failures - USER_FREE_FAILURES);
}

/** The earliest time the next attempt on this workstation is accepted. */
function deviceRetryAt(s: ThrottleState | null, now: number): number {
  if (!s || now - s.lastAt > DEVICE_QUIET_MS || s.failures < DEVICE_FREE_FAILURES) return 0;
  return s.lastAt + Math.min(DEVICE_MAX_DELAY_MS, DEVICE_BASE_DELAY_MS * 2 ** (s.failures - DEVICE_FREE_FAILURES));
}

function waitMessage(ms: number, locked: boolean): string {
  const minutes = Math.ceil(ms / 60_000);
  const when = ms >= 90_000 ? `${minutes} menit` : `${Math.ceil(ms / 1000)} detik`;
  return locked
    ? `Akun ini dikunci sementara karena terlalu banyak kata sandi salah. Coba lagi dalam ${when} atau minta administrator membuka kuncinya.`
    : `Terlalu banyak kata sandi salah. Coba lagi dalam ${when}.`;
}

let inFlight = 0;
const inFlightUsers = new Set<string>();

/**
 * Runs one password check for `username` under the throttle: refused at once (without
 * checking the password) while the username or the workstation must wait; a wrong password
 * (the attempt throws UNAUTHENTICATED) is counted and audited, a right one clears the
 * username's count. The workstation's count only fades with time, so one valid account cannot
 * reset it between guesses at others.
 */
export async function guardLogin<T>(ctx: BackendContext, username: string, attempt: () => Promise<T>): Promise<T> {
  const name = username.trim().toLowerCase();
  const key = userKey(name);
  const now = ctx.now();
  const user = await load(ctx.db, key);
  const device = await load(ctx.db, DEVICE_KEY);
  const retryAt = Math.max(userRetryAt(user, now), deviceRetryAt(device, now));
  if (retryAt > now) {
    const locked = user?.lockedUntil !== null && user?.lockedUntil !== undefined && user.lockedUntil > now;
    throw new AppError('FORBIDDEN', waitMessage(retryAt - now, locked), { retryAfterMs: retryAt - now, locked });
  }
  if (inFlightUsers.has(name) || inFlight >= MAX_PARALLEL)
    throw new AppError('FORBIDDEN', waitMessage(1000, false), { retryAfterMs: 1000, locked: false });
  inFlight++;
  inFlightUsers.add(name);
  try {
    const out = await attempt();
    if (user) await store(ctx.db, key, null);
    return out;
  } catch (e) {
    if (e instanceof AppError && e.code === 'UNAUTHENTICATED') await recordFailure(ctx, name, user, device);
    throw e;
  } finally {
    inFlight--;
    inFlightUsers.delete(name);
  }
}

async function recordFailure(ctx: BackendContext, name: string, user: ThrottleState | null, device: ThrottleState | null): Promise<void> {
  const at = ctx.now();
  // A lock that ran out starts the count again; a lock still running (cannot happen here) is kept.
  const prior = user && user.lockedUntil !== null && user.lockedUntil <= at ? 0 : (user?.failures ?? 0);
  const failures = prior + 1;
  const lockedUntil = failures >= USER_LOCK_FAILURES ? at + USER_LOCK_MS : null;
  const deviceFailures = device && at - device.lastAt <= DEVICE_QUIET_MS ? device.failures + 1 : 1;
  const userId = (await listRefs(ctx.db, 'user')).find((u) => u.username === name)?.id ?? null;
  await ctx.db.transaction().execute(async (trx) => {
    await store(trx, userKey(name), { failures, lastAt: at, lockedUntil });
    await store(trx, DEVICE_KEY, { failures: deviceFailures, lastAt: at, lockedUntil: null });
    await appendAudit(ctx, trx, at, {
      userId,
      action: 'login.failed',
      target: name.slice(0, 40),
      detail: { failures, deviceFailures, device: ctx.deviceId },
    });
    if (lockedUntil !== null)
      await appendAudit(ctx, trx, at, {
        userId,
        action: 'login.locked',
        target: name.slice(0, 40),
        detail: { until: lockedUntil, device: ctx.deviceId },
      });
  });
}

/** Usernames (and the workstation) that must wait or are locked now, for Pengaturan › Pengguna. */
export async function listLoginLocks(ctx: BackendContext): Promise<LoginLockView[]> {
  const now = ctx.now();
  const users = await listRefs(ctx.db, 'user');
  const rows = await ctx.db.selectFrom('local_meta').select('key').where('key', 'like', `${PREFIX}%`).execute();
  const out: LoginLockView[] = [];
  for (const { key } of rows) {
    const s = await load(ctx.db, key);
    if (!s) continue;
    const isDevice = key === DEVICE_KEY;
    const retryAt = isDevice ? deviceRetryAt(s, now) : userRetryAt(s, now);
    if (retryAt <= now) continue;
    const username = isDevice ? null : key.slice(`${PREFIX}user:`.length);
    const u = username === null ? undefined : users.find((x) => x.username === username);
    out.push({
      username,
      userId: u?.id ?? null,
      fullName: u?.fullName ?? null,
      failures: s.failures,
      lastFailureAt: s.lastAt,
      retryAt,
      locked: !isDevice && s.lockedUntil !== null,
    });
  }
  return out.sort((a, b) => b.lastFailureAt - a.lastFailureAt);
}

/** An administrator lifts a username's (or, null, the workstation's) delay or lock; audited. */
export async function liftLoginLock(ctx: BackendContext, adminId: string, username: string | null): Promise<null> {
  const key = username === null ? DEVICE_KEY : userKey(username);
  const at = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const s = await load(trx, key);
    if (!s) throw new AppError('NOT_FOUND', 'Tidak ada kuncian masuk untuk nama pengguna itu.');
    await store(trx, key, null);
    await appendAudit(ctx, trx, at, {
      userId: adminId,
      action: 'login.unlocked',
      target: username ?? 'workstation',
      detail: { failures: s.failures, device: ctx.deviceId },
    });
  });
  return null;
}
