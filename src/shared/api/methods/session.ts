/**
 * Contract methods of the hardened session (issue 13): the screen lock, the input-driven
 * activity report, and the administrator's view of throttled logins.
 */
import { z } from 'zod';
import { method } from '../method';
import type { SessionInfo } from '../views';

const Empty = z.object({}).strict();

/** A username or workstation whose logins are being slowed down or locked after wrong passwords. */
export interface LoginLockView {
  /** The username typed (lowercase), or null for the whole workstation. */
  username: string | null;
  /** The user's id when the username exists. */
  userId: string | null;
  fullName: string | null;
  failures: number;
  lastFailureAt: number;
  /** The earliest time a new attempt is accepted (a delay or a lock). */
  retryAt: number;
  /** True when locked (not only delayed): an administrator can lift it. */
  locked: boolean;
}

export const sessionMethods = {
  /** "Kunci layar": the backend refuses every call of this session until `session.unlock`. */
  'session.lock': method<null>()(Empty, 'user'),
  /** The same user's password again; throttled like a login. The only call a locked session may make (with logout). */
  'session.unlock': method<SessionInfo>()(z.object({ password: z.string().min(1).max(200) }).strict(), 'user'),
  /** Sent by the UI only after keyboard or mouse input: the one report that keeps a session from idling. */
  'session.activity': method<null>()(Empty, 'user'),
  'login.locks': method<LoginLockView[]>()(Empty, 'admin'),
  /** Lifts the delay or lock of a username (null: of this workstation). */
  'login.unlock': method<null>()(z.object({ username: z.string().trim().min(1).max(40).nullable() }).strict(), 'admin'),
} as const;

/** Calls a locked session may still make: everything else is refused with SESSION_LOCKED. */
export const ALLOWED_WHEN_LOCKED: ReadonlySet<string> = new Set(['session.unlock', 'session.logout', 'session.lock']);

/**
 * Calls the UI makes on its own (status polling, reloads when the server reports a change):
 * they never count as activity, or a busy office would keep an abandoned desk unlocked.
 * The user's own clicks and typing are reported with `session.activity`.
 */
export const BACKGROUND_METHODS: ReadonlySet<string> = new Set([
  'session.me',
  'sync.status',
  'inbox.counts',
  'inbox.list',
  'case.list',
  'case.get',
  'dashboard.stats',
]);
