/**
 * What the status bar shows about sync: configured or not, online or offline, events waiting
 * to push, the last successful sync, and the last error in words a user understands. The
 * cursors and last outcome are in the database (they survive a restart); whether a round is
 * running and whether the last attempt reached the server are kept in memory per context.
 */
import type { BackendContext } from '../services/context';
import { loadConfig } from './settings-store';
import { pendingCount } from './sync-push';
import { SYNC_ERROR_CODES, type SyncErrorCode } from './sync-errors';
import type { SyncStatus } from '../../../shared/api/sync-types';
export type { SyncStatus };

interface Runtime {
  online: boolean | null;
  running: Promise<unknown> | null;
}

const runtimes = new WeakMap<BackendContext, Runtime>();

function runtime(ctx: BackendContext): Runtime {
  let r = runtimes.get(ctx);
  if (!r) {
    r = { online: null, running: null };
    runtimes.set(ctx, r);
  }
  return r;
}

export function setRuntime(ctx: BackendContext, values: Partial<Pick<Runtime, 'online'>>): void {
  Object.assign(runtime(ctx), values);
}

/**
 * Runs one sync job at a time per workstation (the loop, "Sinkronkan sekarang" and the CLI
 * must not move the same cursors concurrently); a second caller waits for the first.
 */
export async function runExclusive<T>(ctx: BackendContext, fn: () => Promise<T>): Promise<T> {
  const r = runtime(ctx);
  while (r.running) await r.running.catch(() => undefined);
  const p = fn();
  r.running = p;
  try {
    return await p;
  } finally {
    r.running = null;
  }
}

function isCode(s: string): s is SyncErrorCode {
  return (SYNC_ERROR_CODES as readonly string[]).includes(s);
}

export async function syncStatus(ctx: BackendContext): Promise<SyncStatus> {
  const cfg = await loadConfig(ctx.db, ctx.options.dataDir);
  const state = await ctx.db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirst();
  const rejected = await ctx.db
    .selectFrom('sync_rejected')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  const code = state?.last_error_code ?? null;
  const lastError = code && isCode(code) ? { code, message: state?.last_error_message ?? '' } : null;
  const r = runtime(ctx);
  return {
    configured: cfg !== null,
    server: cfg?.server ?? null,
    unitCode: cfg?.unitCode ?? null,
    // Before any attempt in this process, the last recorded outcome stands in.
    online: r.online ?? (cfg !== null && lastError === null && (state?.last_sync_at ?? null) !== null),
    syncing: r.running !== null,
    pending: await pendingCount(ctx),
    rejected: Number(rejected.n),
    lastSyncAt: state?.last_sync_at ?? null,
    lastError,
  };
}
