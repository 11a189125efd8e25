/**
 * The backend behind the contract: parses every input with the contract's schema, checks
 * who may call, runs the service, and answers a `Result` (it never throws across a
 * transport). The same object serves Electron IPC, the CLI and tests in-process, and the
 * loopback dev transport.
 */
import type { ServerEvent, MethodName, ParsedInputOf, ResultOf } from '../../shared/api/contract';
import { contract } from '../../shared/api/contract';
import { AppError, err, ok, type Result } from '../../shared/result';
import { openDatabase, schemaVersion, LATEST_SCHEMA_VERSION } from './db/database';
import { BackendContext, newDeviceId, type BackendOptions } from './services/context';
import { authenticate, login, logout, me, requireCaller, type Caller } from './services/auth.service';
import { createOffice, listPresets, officeOverview } from './services/office.service';
import { actOnCase, caseLevelAct, registerCase } from './services/case.service';
import { inbox, inboxCounts, listCases } from './services/query.service';
import { caseDetail } from './services/detail.service';
import { deleteAssignment, getCalendar, listUsers, saveAssignment, saveCalendar, savePosition, saveUnit, saveUser } from './services/admin.service';
import { canSeeCase, visibilityOf } from './services/visibility';
import { runAutomation } from './services/automation';
import { getRef } from './refdata/ref-store';

export interface Backend {
  call(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (e: ServerEvent) => void): () => void;
  close(): void;
}

type Handler<M extends MethodName> = (ctx: BackendContext, caller: Caller | null, input: ParsedInputOf<M>) => Promise<ResultOf<M>>;

function need(caller: Caller | null): Caller {
  if (!caller) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
  return caller;
}

async function canSee(ctx: BackendContext, caller: Caller) {
  const office = await ctx.office();
  const v = visibilityOf(caller.actor, office.hubUnitId);
  return (st: Parameters<typeof canSeeCase>[1]) => canSeeCase(v, st);
}

const handlers: { [M in MethodName]: Handler<M> } = {
  'app.info': async (ctx) => {
    const office = await getRef(ctx.db, 'office', 'office');
    const n = await ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return {
      version: ctx.options.appVersion,
      schemaVersion: schemaVersion(ctx.opened.sqlite),
      initialized: office !== null,
      officeName: office?.name ?? null,
      presetId: office?.presetId ?? null,
      deviceId: ctx.deviceId,
      dataDir: ctx.options.dataDir,
      caseCount: Number(n.n),
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

function isMethod(m: string): m is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, m);
}

/** Runs one contract call against a context. Exposed for the CLI, which already holds one. */
export async function dispatch(ctx: BackendContext, method: string, token: string | null, input: unknown): Promise<Result<unknown>> {
  if (!isMethod(method)) return err('NOT_FOUND', `Metode tidak dikenal: ${method.slice(0, 60)}`);
  const spec = contract[method];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    return err('VALIDATION', `Masukan tidak valid: ${msg}`, { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
  }
  try {
    let caller: Caller | null = null;
    if (spec.access !== 'public') {
      caller = await requireCaller(ctx, token);
      if (spec.access === 'admin' && !caller.user.isAdmin) throw new AppError('FORBIDDEN', 'Hanya administrator yang dapat melakukan ini.');
    }
    // The handler table is keyed by method, so handlers[method] takes exactly this method's
    // parsed input; TypeScript cannot correlate the two through a union key.
    const handler = handlers[method] as Handler<MethodName>;
    return ok(await handler(ctx, caller, parsed.data as never));
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toApiError() };
    return err('INTERNAL', `Kesalahan internal: ${(e as Error).message ?? String(e)}`);
  }
}

/** Opens the backend for a data directory and returns its context (for the CLI and tests). */
export async function openContext(opts: BackendOptions): Promise<BackendContext> {
  const opened = await openDatabase(opts.dataDir);
  const meta = new Map((await opened.db.selectFrom('local_meta').selectAll().execute()).map((r) => [r.key, r.value]));
  let deviceId = meta.get('device_id');
  if (!deviceId) {
    deviceId = newDeviceId(opts.random);
    await opened.db.insertInto('local_meta').values({ key: 'device_id', value: deviceId }).execute();
  }
  return new BackendContext(opened, opts, deviceId, meta.get('hlc'), opts.now ?? Date.now);
}

const AUTOMATION_INTERVAL_MS = 5 * 60_000;

/** The Backend interface the transports use; opening happens in the background. */
export function openBackend(opts: BackendOptions): Backend {
  const ready: Promise<Result<BackendContext>> = openContext(opts).then(
    (ctx) => ok(ctx),
    (e: unknown) => (e instanceof AppError ? { ok: false as const, error: e.toApiError() } : err<BackendContext>('STORAGE', (e as Error).message)),
  );
  const listeners = new Set<(e: ServerEvent) => void>();
  let timer: NodeJS.Timeout | null = null;
  void ready.then((r) => {
    if (!r.ok) return;
    r.value.bus.on('event', (e: ServerEvent) => listeners.forEach((l) => l(e)));
    const tick = () => void runAutomation(r.value).catch(() => undefined);
    tick();
    timer = setInterval(tick, AUTOMATION_INTERVAL_MS);
    timer.unref();
  });
  return {
    async call(method, token, input) {
      const r = await ready;
      if (!r.ok) return r;
      return dispatch(r.value, method, token, input);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (timer) clearInterval(timer);
      void ready.then((r) => (r.ok ? r.value.opened.close() : undefined));
    },
  };
}

export { LATEST_SCHEMA_VERSION, authenticate };
