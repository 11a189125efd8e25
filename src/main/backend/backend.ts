/**
 * The backend behind the contract: parses every input with the contract's schema, checks
 * who may call, runs the service, and answers a `Result` (it never throws across a
 * transport). The same object serves Electron IPC, the CLI and tests in-process, and the
 * loopback dev transport.
 */
import type { ServerEvent, MethodName } from '../../shared/api/contract';
import { contract } from '../../shared/api/contract';
import { AppError, err, ok, type ApiError, type Result } from '../../shared/result';
import { openDatabase, LATEST_SCHEMA_VERSION, type OpenedDatabase } from './db/database';
import { storageError } from './db/storage-errors';
import { fillMissingHashes } from './projection/event-hash';
import { afterRestore, checkCounters, placeBackup, scheduledBackup, type PlacedBackup } from './backup/backup.service';
import { verifyBackupFile } from './backup/backup-file';
import { acquireFolderLock } from './db/folder-lock';
import type { RestoreReport } from '../../shared/api/views-backup';
import { BackendContext, newDeviceId, type BackendOptions } from './services/context';
import { authenticate, requireCaller, type Caller } from './services/auth.service';
import { runAutomation, warnDueSoon } from './services/automation';
import { startSyncLoop, type SyncLoop } from './sync/sync-loop';
import { syncStatus } from './sync/sync-api';
import { coreHandlers } from './handlers/core';
import { deskHandlers } from './handlers/desk';
import { documentHandlers } from './handlers/documents';
import { reportHandlers } from './handlers/reports';
import { syncHandlers } from './handlers/sync';
import { importHandlers } from './handlers/imports';
import { sessionHandlers } from './handlers/session';
import { backupHandlers } from './handlers/backup';
import { reactionHandlers } from './handlers/reaction';
import { exportHandlers } from './handlers/exports';
import { deskWorkHandlers } from './handlers/desk-work';
import { restemFtsIfPending } from './projection/fts-stems';
import { reprojectEndsIfPending } from './projection/desk-ends';
import { supportHandlers } from './handlers/support';
import { signbookHandlers } from './handlers/signbook';
import { auditHandlers } from './handlers/audit';
import { openAuditTrail } from './audit/audit-start';
import { rebuildIfStale } from './integrity/projection-version';
import { sweepProjections } from './integrity/projection-check';
import { backupForAdmin, repairStatus } from './integrity/repair';
import { repairHandlers } from './handlers/repair';
import { startOwnerChannel, type OwnerChannel } from './integrity/owner-channel';
import { ownerRun } from './integrity/owner-work';
import type { Handler } from './handlers/types';
import { Logger } from './log/logger';

export interface Backend {
  call(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (e: ServerEvent) => void): () => void;
  close(): void;
}

const handlers: { [M in MethodName]: Handler<M> } = {
  ...coreHandlers,
  ...deskHandlers,
  ...documentHandlers,
  ...reportHandlers,
  ...syncHandlers,
  ...importHandlers,
  ...supportHandlers,
  ...sessionHandlers,
  ...backupHandlers,
  ...reactionHandlers,
  ...exportHandlers,
  ...signbookHandlers,
  ...auditHandlers,
  ...repairHandlers,
  ...deskWorkHandlers,
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
    return err('VALIDATION', `Masukan tidak valid: ${msg}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  try {
    let caller: Caller | null = null;
    if (spec.access !== 'public') {
      caller = await requireCaller(ctx, token, method);
      if (spec.access === 'admin' && !caller.user.isAdmin) throw new AppError('FORBIDDEN', 'Hanya administrator yang dapat melakukan ini.');
    }
    // The handler table is keyed by method, so handlers[method] takes exactly this method's
    // parsed input; TypeScript cannot correlate the two through a union key.
    const handler = handlers[method] as Handler<MethodName>;
    return ok(await handler(ctx, caller, parsed.data as never));
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e.toApiError() };
    const storage = storageError(e);
    if (storage) return { ok: false, error: storage.toApiError() };
    return err('INTERNAL', `Kesalahan internal: ${(e as Error).message ?? String(e)}`);
  }
}

/** Opens the backend for a data directory and returns its context (for the CLI and tests). */
export async function openContext(opts: BackendOptions): Promise<BackendContext> {
  const opened = await openDatabase(opts.dataDir, undefined, opts.owner);
  try {
    return await contextOf(opened, opts);
  } catch (e) {
    await opened.close();
    throw e;
  }
}

async function contextOf(opened: OpenedDatabase, opts: BackendOptions): Promise<BackendContext> {
  fillMissingHashes(opened.sqlite);
  restemFtsIfPending(opened.sqlite);
  const meta = new Map((await opened.db.selectFrom('local_meta').selectAll().execute()).map((r) => [r.key, r.value]));
  let deviceId = meta.get('device_id');
  if (!deviceId) {
    deviceId = newDeviceId(opts.random);
    await opened.db.insertInto('local_meta').values({ key: 'device_id', value: deviceId }).execute();
  }
  const ctx = new BackendContext(opened, opts, deviceId, meta.get('hlc'), opts.now ?? Date.now);
  // A counter behind the log (an older database copied back) is raised before any work.
  await checkCounters(ctx);
  // The audit trail is checked (and a new key anchored) before any call can append to it.
  await openAuditTrail(ctx);
  // Projections made by older code are rebuilt before anything is read from them.
  await rebuildIfStale(ctx, opts.progress);
  await reprojectEndsIfPending(opened.db, () => ctx.projection(), ctx.writer);
  return ctx;
}

/** Automatic closes, escalations and due-soon warnings run this often (warnings an hour ahead). */
const AUTOMATION_INTERVAL_MS = 60_000;

function asResult(p: Promise<BackendContext>): Promise<Result<BackendContext>> {
  return p.then(
    (ctx) => ok(ctx),
    (e: unknown) => (e instanceof AppError ? { ok: false as const, error: e.toApiError() } : err<BackendContext>('STORAGE', (e as Error).message)),
  );
}

/**
 * The Backend interface the transports use; opening happens in the background. The open
 * context can be replaced once, in place, by a restore (Pengaturan › Cadangan): the loops stop,
 * the database closes with the folder's lock still held, the backup goes in, and a new
 * context opens; every session of the old one ends.
 */
export function openBackend(opts: BackendOptions): Backend {
  let ready = asResult(openContext(opts));
  const listeners = new Set<(e: ServerEvent) => void>();
  let timer: NodeJS.Timeout | null = null;
  let loop: SyncLoop | null = null;
  let channel: OwnerChannel | null = null;
  // Before the context exists (or when it cannot open) failures still reach the data folder's log.
  const log = new Logger(opts.dataDir);
  const start = (r: Result<BackendContext>): void => {
    if (!r.ok) {
      log.warn('backend.open_failed', { code: r.error.code });
      return;
    }
    const ctx = r.value;
    ctx.bus.on('event', (e: ServerEvent) => listeners.forEach((l) => l(e)));
    ctx.host = { restore: (file) => restoreInPlace(ctx, file) };
    // A cron `alur sync` or `alur backup` beside the app asks it to do the work (one owner, one clock).
    channel = startOwnerChannel(opts.dataDir, (command) => ownerRun(ctx, command), log.failure('owner_channel.failed'));
    // The sync loop runs only once the workstation has a server configured; until then each
    // round ends at once with NOT_CONFIGURED, which the status bar shows as "Lokal".
    loop = startSyncLoop(ctx, {
      onRound: () => {
        syncStatus(ctx)
          .then((status) => ctx.emit({ type: 'sync.status', status }))
          .catch(ctx.log.failure('sync.status_failed'));
      },
    });
    // A failed automation round is retried on the next tick; the log says why it failed.
    const tick = (): void => {
      runAutomation(ctx)
        .then(() => warnDueSoon(ctx))
        .then(() => scheduledBackup(ctx))
        .then(() => sweepProjections(ctx))
        .catch(ctx.log.failure('automation.failed'));
    };
    tick();
    timer = setInterval(tick, AUTOMATION_INTERVAL_MS);
    timer.unref();
  };
  const stop = async (): Promise<void> => {
    if (timer) clearInterval(timer);
    timer = null;
    channel?.close();
    channel = null;
    // Let a running sync round finish before the database closes under it.
    await loop?.stop();
    loop = null;
  };

  /** `old` is null when the folder could not open (repair of a damaged folder). */
  async function restoreInPlace(old: BackendContext | null, file: string): Promise<RestoreReport> {
    const lock = await acquireFolderLock(opts.dataDir, opts.owner);
    try {
      const verified = verifyBackupFile(file);
      await stop();
      await old?.opened.close();
      let placed: PlacedBackup | null = null;
      try {
        placed = placeBackup(opts.dataDir, file);
      } finally {
        // Reopen whatever is in place now: the backup, or the old database when placing failed.
        ready = asResult(openContext(opts));
        start(await ready);
      }
      const r = await ready;
      if (!r.ok) throw new AppError(r.error.code, r.error.message);
      const after = await afterRestore(r.value);
      return { file, cases: verified.cases, events: verified.events, setAside: placed.setAside, pulled: after.pulled, syncError: after.syncError };
    } finally {
      lock.release();
    }
  }

  /** The two repair methods answer while the folder cannot open; every other call gets the reason. */
  async function repairWhileClosed(method: 'repair.status' | 'repair.restore', input: unknown, why: ApiError): Promise<Result<unknown>> {
    try {
      if (method === 'repair.status') return ok(repairStatus(opts.dataDir, why));
      const parsed = contract['repair.restore'].input.safeParse(input ?? {});
      if (!parsed.success)
        return err('VALIDATION', 'Masukan tidak valid: pilih cadangan, isi nama dan kata sandi administrator, dan centang persetujuan.');
      if (why.code !== 'DAMAGED') return { ok: false, error: why };
      const file = await backupForAdmin(opts.dataDir, parsed.data.name, parsed.data.username, parsed.data.password);
      log.warn('repair.restore', { backup: parsed.data.name });
      return ok(await restoreInPlace(null, file));
    } catch (e) {
      return e instanceof AppError
        ? { ok: false, error: e.toApiError() }
        : err('INTERNAL', `Kesalahan internal: ${(e as Error).message ?? String(e)}`);
    }
  }

  ready.then(start).catch(log.failure('backend.start_failed'));
  return {
    async call(method, token, input) {
      const r = await ready;
      if (!r.ok) return method === 'repair.status' || method === 'repair.restore' ? repairWhileClosed(method, input, r.error) : r;
      return dispatch(r.value, method, token, input);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      (async () => {
        await stop();
        const r = await ready;
        if (r.ok) await r.value.opened.close();
      })().catch(log.failure('backend.close_failed'));
    },
  };
}

export { LATEST_SCHEMA_VERSION, authenticate };
