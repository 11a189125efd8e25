/** Administration: users and passwords, units, posts, acting officials, the working calendar. */
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
import { enrolUserKey, shareRootKey } from '../keys/key.service';

export async function audited<T>(ctx: BackendContext, caller: Caller, action: string, target: string, detail: Record<string, unknown>, write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const out = await write(trx);
    await appendAudit(trx, ctx.now(), { userId: caller.user.id, action, target, detail });
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
  const keys = input.password ? await hashPasswordWithKey(input.password) : null;
  const hash = keys?.hash ?? null;
  // A new password means a new signing key (the old one cannot be opened without the old
  // password), certified with the root key this administrator's session holds.
  const root = ctx.sessions.get(caller.token)?.rootKey ?? null;
  const id = existing?.id ?? newId(ctx);
  const user: User = { id, username: input.username, fullName: input.fullName, nip: input.nip, rank: input.rank, isAdmin: input.isAdmin, active: input.active };
  await audited(ctx, caller, existing ? 'user.update' : 'user.create', id, { username: input.username, passwordChanged: hash !== null }, async (trx) => {
    await putRef(trx, 'user', id, user, ctx.clock.tick());
    if (keys) {
      await putRef(trx, 'credential', id, { hash: keys.hash }, ctx.clock.tick());
      await enrolUserKey(trx, ctx, id, keys.wrapKey, root);
      if (root && input.isAdmin) await shareRootKey(trx, ctx, root, id, keys.wrapKey);
    }
  });
  if (hash) for (const [token, s] of ctx.sessions) if (s.userId === id && token) ctx.sessions.delete(token);
  return { id };
}

export async function saveUnit(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'unit.save'>): Promise<Unit> {
  const existing = input.id ? await getRef(ctx.db, 'unit', input.id) : null;
  if (input.id && !existing) throw new AppError('NOT_FOUND', 'Unit tidak ditemukan.');
  const unit: Unit = { id: existing?.id ?? newId(ctx), code: input.code, name: input.name, kind: existing?.kind ?? 'opd', active: input.active };
  await audited(ctx, caller, existing ? 'unit.update' : 'unit.create', unit.id, { code: unit.code, name: unit.name }, (trx) => putRef(trx, 'unit', unit.id, unit, ctx.clock.tick()));
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
  await audited(ctx, caller, existing ? 'position.update' : 'position.create', pos.id, { title: pos.title }, (trx) => putRef(trx, 'position', pos.id, pos, ctx.clock.tick()));
  return pos;
}

export async function saveAssignment(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'assignment.save'>): Promise<Assignment> {
  if (!(await getRef(ctx.db, 'user', input.userId))) throw new AppError('NOT_FOUND', 'Pengguna tidak ditemukan.');
  if (!(await getRef(ctx.db, 'position', input.positionId))) throw new AppError('NOT_FOUND', 'Jabatan tidak ditemukan.');
  const a: Assignment = { id: input.id ?? newId(ctx), userId: input.userId, positionId: input.positionId, acting: input.acting, from: input.from, until: input.until };
  await audited(ctx, caller, 'assignment.save', a.id, { ...a }, (trx) => putRef(trx, 'assignment', a.id, a, ctx.clock.tick()));
  return a;
}

export async function deleteAssignment(ctx: BackendContext, caller: Caller, id: string): Promise<null> {
  if (!(await getRef(ctx.db, 'assignment', id))) throw new AppError('NOT_FOUND', 'Penugasan tidak ditemukan.');
  await audited(ctx, caller, 'assignment.delete', id, {}, (trx) => deleteRef(trx, 'assignment', id, ctx.clock.tick()));
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
