/** Administration: users and passwords, units, posts, acting officials, the working calendar. */
import { localDate } from '../../../shared/calendar/working-time';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { CalendarView } from '../../../shared/api/views';
import type { Assignment, Position, Unit, User } from '../../../shared/domain/org';
import { buildCalendar } from '../../../shared/calendar/default-calendar';
import { AppError } from '../../../shared/result';
import { deleteRef, getRef, listRefs, putRef } from '../refdata/ref-store';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { appendAudit } from './audit';
import { newId, persistClock } from './commit';
import { hashPasswordWithKey } from './password';
import { dropRootCopy, enrolUserKey, shareRootKey } from '../keys/key.service';

export async function audited<T>(
  ctx: BackendContext,
  caller: Caller,
  action: string,
  target: string,
  detail: Record<string, unknown>,
  write: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const out = await write(trx);
    await appendAudit(ctx, trx, ctx.now(), { userId: caller.user.id, action, target, detail });
    await persistClock(trx, ctx);
    return out;
  });
}

export async function listUsers(ctx: BackendContext): Promise<Array<User & { assignments: Assignment[] }>> {
  const assignments = await listRefs(ctx.db, 'assignment');
  return (await listRefs(ctx.db, 'user')).map((u) => ({ ...u, assignments: assignments.filter((a) => a.userId === u.id) }));
}

export async function saveUser(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'user.save'>): Promise<{ id: string }> {
  const users = await listRefs(ctx.db, 'user');
  const clash = users.find((u) => u.username === input.username && u.id !== input.id);
  if (clash) throw new AppError('CONFLICT', `Nama pengguna ${input.username} sudah dipakai.`);
  const existing = input.id ? users.find((u) => u.id === input.id) : undefined;
  if (input.id && !existing) throw new AppError('NOT_FOUND', 'Pengguna tidak ditemukan.');
  if (!existing && !input.password) throw new AppError('VALIDATION', 'Kata sandi wajib diisi untuk pengguna baru.');
  if (existing?.id === caller.user.id && (!input.isAdmin || !input.active))
    throw new AppError('INVALID_ACTION', 'Anda tidak dapat mencabut hak admin atau menonaktifkan akun Anda sendiri.');
  const keys = input.password ? await hashPasswordWithKey(input.password, ctx.options.passwordCost) : null;
  const hash = keys?.hash ?? null;
  // A new password means a new signing key (the old one cannot be opened without the old
  // password), certified with the root key this administrator's session holds.
  const root = ctx.sessions.get(caller.token)?.rootKey ?? null;
  const id = existing?.id ?? newId(ctx);
  const user: User = {
    id,
    username: input.username,
    fullName: input.fullName,
    nip: input.nip,
    rank: input.rank,
    isAdmin: input.isAdmin,
    active: input.active,
  };
  await audited(
    ctx,
    caller,
    existing ? 'user.update' : 'user.create',
    id,
    { username: input.username, passwordChanged: hash !== null },
    async (trx) => {
      await putRef(trx, 'user', id, user, ctx.clock.tick());
      if (keys) {
        await putRef(trx, 'credential', id, { hash: keys.hash }, ctx.clock.tick());
        await enrolUserKey(trx, ctx, id, keys.wrapKey, root);
        // The old copy of the root key was wrapped under the old password: replace or drop it.
        await dropRootCopy(trx, ctx, id);
        if (root && input.isAdmin && input.active) await shareRootKey(trx, ctx, root, id, keys.wrapKey);
      }
      // No longer an administrator, or no longer active: no copy of the office key either.
      if (!input.isAdmin || !input.active) await dropRootCopy(trx, ctx, id);
    },
  );
  if (hash) for (const [token, s] of ctx.sessions) if (s.userId === id && token) ctx.sessions.delete(token);
  return { id };
}

export async function saveUnit(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'unit.save'>): Promise<Unit> {
  const existing = input.id ? await getRef(ctx.db, 'unit', input.id) : null;
  if (input.id && !existing) throw new AppError('NOT_FOUND', 'Unit tidak ditemukan.');
  const unit: Unit = { id: existing?.id ?? newId(ctx), code: input.code, name: input.name, kind: existing?.kind ?? 'opd', active: input.active };
  await audited(ctx, caller, existing ? 'unit.update' : 'unit.create', unit.id, { code: unit.code, name: unit.name }, (trx) =>
    putRef(trx, 'unit', unit.id, unit, ctx.clock.tick()),
  );
  return unit;
}

export async function savePosition(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'position.save'>): Promise<Position> {
  const office = await ctx.office();
  const preset = (await ctx.projection()).preset(office.presetId, office.presetVersion);
  const unit = await getRef(ctx.db, 'unit', input.unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'Unit tidak ditemukan.');
  const role = preset.roles.find((r) => r.id === input.roleId);
  if (!role || role.scope !== unit.kind) throw new AppError('VALIDATION', 'Peran tidak sesuai dengan jenis unit.');
  const existing = input.id ? await getRef(ctx.db, 'position', input.id) : null;
  if (input.id && !existing) throw new AppError('NOT_FOUND', 'Jabatan tidak ditemukan.');
  const pos: Position = { id: existing?.id ?? newId(ctx), unitId: input.unitId, roleId: input.roleId, title: input.title, active: input.active };
  await audited(ctx, caller, existing ? 'position.update' : 'position.create', pos.id, { title: pos.title }, (trx) =>
    putRef(trx, 'position', pos.id, pos, ctx.clock.tick()),
  );
  return pos;
}

/** Office-local today ('YYYY-MM-DD'). */
async function today(ctx: BackendContext): Promise<{ today: string }> {
  return { today: localDate((await ctx.projection()).engine.calendar, ctx.now()) };
}

/** Whether anyone has acted under this assignment (its holder, as its post): then it is history. */
async function usedInLog(ctx: BackendContext, a: Assignment): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('event')
    .select('id')
    .where('author_id', '=', a.userId)
    .where('position_id', '=', a.positionId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The last day of an assignment closed now: today (acts already done today under it stay
 * covered), or its first day if that is later.
 */
function closingDay(a: Assignment, d: { today: string }): string {
  return a.from && a.from > d.today ? a.from : d.today;
}

/**
 * Assignments are history: signatures are checked against who held which post on the day.
 * So an assignment under which someone has already acted is never rewritten in what it says
 * (who, which post, Plt./Plh., since when): a change ends it and starts a new one; only its end
 * may move. One nobody has acted under is edited (or deleted) in place.
 */
export async function saveAssignment(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'assignment.save'>): Promise<Assignment> {
  if (!(await getRef(ctx.db, 'user', input.userId))) throw new AppError('NOT_FOUND', 'Pengguna tidak ditemukan.');
  if (!(await getRef(ctx.db, 'position', input.positionId))) throw new AppError('NOT_FOUND', 'Jabatan tidak ditemukan.');
  const existing = input.id ? await getRef(ctx.db, 'assignment', input.id) : null;
  const d = await today(ctx);
  const started = existing !== null && (existing.from === null || existing.from <= d.today);
  const rewrites =
    existing !== null &&
    (existing.userId !== input.userId ||
      existing.positionId !== input.positionId ||
      existing.acting !== input.acting ||
      existing.from !== input.from);
  const replace = started && rewrites && existing !== null && (await usedInLog(ctx, existing));
  const a: Assignment = {
    id: replace ? newId(ctx) : (input.id ?? newId(ctx)),
    userId: input.userId,
    positionId: input.positionId,
    acting: input.acting,
    from: input.from,
    until: input.until,
  };
  await audited(ctx, caller, 'assignment.save', a.id, { ...a, replaces: replace ? existing.id : null }, async (trx) => {
    if (replace) await putRef(trx, 'assignment', existing.id, { until: closingDay(existing, d) }, ctx.clock.tick());
    await putRef(trx, 'assignment', a.id, a, ctx.clock.tick());
  });
  return a;
}

/** Removes an assignment nobody has acted under; one that has been used is ended instead (it is history). */
export async function deleteAssignment(ctx: BackendContext, caller: Caller, id: string): Promise<null> {
  const a = await getRef(ctx.db, 'assignment', id);
  if (!a) throw new AppError('NOT_FOUND', 'Penugasan tidak ditemukan.');
  const d = await today(ctx);
  if ((a.from !== null && a.from > d.today) || !(await usedInLog(ctx, a))) {
    await audited(ctx, caller, 'assignment.delete', id, {}, (trx) => deleteRef(trx, 'assignment', id, ctx.clock.tick()));
    return null;
  }
  const until = closingDay(a, d);
  if (a.until !== null && a.until <= until) return null;
  await audited(ctx, caller, 'assignment.end', id, { until }, (trx) => putRef(trx, 'assignment', id, { until }, ctx.clock.tick()));
  return null;
}

export async function getCalendar(ctx: BackendContext): Promise<CalendarView> {
  const cal = await getRef(ctx.db, 'calendar', 'calendar');
  if (!cal) throw new AppError('NOT_INITIALIZED', 'Kalender kerja belum ada.');
  return cal;
}

/**
 * Saves the calendar. Due times of open work are projections, so the admin rebuilds them
 * (`alur rebuild`) to apply a changed calendar to cases already running; new acts use it at once.
 */
export async function saveCalendar(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'calendar.save'>): Promise<CalendarView> {
  try {
    buildCalendar(input.timeZone, input.officeHours, input.holidays);
  } catch (e) {
    throw new AppError('VALIDATION', (e as Error).message);
  }
  await audited(ctx, caller, 'calendar.save', 'calendar', { holidays: input.holidays.length, timeZone: input.timeZone }, (trx) =>
    putRef(trx, 'calendar', 'calendar', { timeZone: input.timeZone, officeHours: input.officeHours, holidays: input.holidays }, ctx.clock.tick()),
  );
  ctx.invalidate();
  return getCalendar(ctx);
}
