/** Handlers of the foundation's methods (office, sessions, cases, inbox, administration). */
import type { coreMethods } from '../../../shared/api/contract';
import { schemaVersion } from '../db/database';
import type { BackendContext } from '../services/context';
import type { Caller } from '../services/auth.service';
import { login, logout, me } from '../services/auth.service';
import { createOffice, listPresets, officeOverview } from '../services/office.service';
import { actOnCase, caseLevelAct } from '../services/case.service';
import { registerCase } from '../services/register.service';
import { inbox, inboxCounts } from '../services/inbox.service';
import { listCases } from '../services/query.service';
import { caseDetail } from '../services/detail.service';
import { deleteAssignment, getCalendar, listUsers, saveAssignment, saveCalendar, savePosition, saveUnit, saveUser } from '../services/admin.service';
import { canSeeCase, visibilityOf } from '../services/visibility';
import { getRef } from '../refdata/ref-store';
import { need, type HandlersOf } from './types';

/** A predicate for "the caller may see this case", for case-level acts. */
export async function canSee(ctx: BackendContext, caller: Caller) {
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  return (st: Parameters<typeof canSeeCase>[1]) => canSeeCase(v, st);
}

export const coreHandlers: HandlersOf<typeof coreMethods> = {
  'app.info': async (ctx) => {
    const office = await getRef(ctx.db, 'office', 'office');
    const n = await ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      version: ctx.options.appVersion,
      schemaVersion: schemaVersion(ctx.opened.sqlite),
      initialized: office !== null,
      officeName: office?.name ?? null,
      presetId: office?.presetId ?? null,
      deviceId: ctx.deviceId,
      dataDir: ctx.options.dataDir,
      caseCount: Number(n.n),
      updateUrl: office?.updateUrl ?? null,
    };
  },
  'office.presets': async (ctx) => listPresets(ctx.options.resourcesDir),
  'office.create': (ctx, _c, input) => createOffice(ctx, input),
  'session.login': (ctx, _c, input) => login(ctx, input.username, input.password),
  'session.logout': async (ctx, c) => {
    logout(ctx, need(c).token);
    return null;
  },
  'session.me': (ctx, c) => me(ctx, need(c)),
  'office.overview': (ctx) => officeOverview(ctx.db, ctx),
  'case.register': (ctx, c, input) => registerCase(ctx, need(c), input),
  'case.list': (ctx, c, input) => listCases(ctx, need(c), input),
  'case.get': (ctx, c, input) => caseDetail(ctx, need(c), input.caseId),
  'case.act': (ctx, c, input) => actOnCase(ctx, need(c), input),
  'case.classify': async (ctx, c, input) => {
    const { caseId, ...payload } = input;
    return caseLevelAct(ctx, need(c), caseId, { type: 'case.classified', payload }, 'desk', await canSee(ctx, need(c)));
  },
  'case.pause': async (ctx, c, input) =>
    caseLevelAct(ctx, need(c), input.caseId, { type: 'case.paused', payload: { reason: input.reason } }, 'desk', await canSee(ctx, need(c))),
  'case.resume': async (ctx, c, input) =>
    caseLevelAct(ctx, need(c), input.caseId, { type: 'case.resumed', payload: { note: input.note } }, 'desk', await canSee(ctx, need(c))),
  'case.note': async (ctx, c, input) =>
    caseLevelAct(ctx, need(c), input.caseId, { type: 'case.note_added', payload: { text: input.text } }, 'viewer', await canSee(ctx, need(c))),
  'case.extend': async (ctx, c, input) =>
    caseLevelAct(ctx, need(c), input.caseId, { type: 'case.extended', payload: { reason: input.reason } }, 'desk', await canSee(ctx, need(c))),
  'inbox.list': (ctx, c) => inbox(ctx, need(c)),
  'inbox.counts': (ctx, c) => inboxCounts(ctx, need(c)),
  'user.list': (ctx) => listUsers(ctx),
  'user.save': (ctx, c, input) => saveUser(ctx, need(c), input),
  'unit.save': (ctx, c, input) => saveUnit(ctx, need(c), input),
  'position.save': (ctx, c, input) => savePosition(ctx, need(c), input),
  'assignment.save': (ctx, c, input) => saveAssignment(ctx, need(c), input),
  'assignment.delete': (ctx, c, input) => deleteAssignment(ctx, need(c), input.id),
  'calendar.get': (ctx) => getCalendar(ctx),
  'calendar.save': (ctx, c, input) => saveCalendar(ctx, need(c), input),
};
