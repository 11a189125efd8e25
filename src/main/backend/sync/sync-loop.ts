/**
 * The background loop: a round every `intervalMs` while the server answers, soon after local
 * work (so an act reaches the others within seconds), and with exponential backoff (2 s
 * doubling to 20 s, with jitter so a room of workstations does not knock in step) while it
 * does not. It resumes by itself when the server is back; stopping waits for a running round.
 *
 * Stalls (issue 18): the backoff used to reach 5 min, so the first round after the server came
 * back waited up to that long (38 s measured), and local work did not bring it forward; a
 * round on a server gone silent held everything for 120 s. Now the backoff stops at 20 s (a
 * failed attempt is one TCP probe), local work during an outage tries again after the debounce,
 * queries time out after 20 s (server-connection.ts), and a manual sync (`kick`) cuts a round
 * that has run longer than `stallMs` and starts a new one at once.
 */
import type { ServerEvent } from '../../../shared/api/contract';
import type { BackendContext } from '../services/context';
import { syncRound, type SyncReport } from './sync-engine';
import type { SyncResult } from './sync-errors';
import { abortServerConnections } from './server-connection';

interface SyncLoopOptions {
  intervalMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Delay after local work before a round, so a burst of acts goes in one round. */
  debounceMs?: number;
  /** A round running longer than this is stalled: a manual sync cuts it. */
  stallMs?: number;
  /** Called after every round (the UI's status push). */
  onRound?: (r: SyncResult<SyncReport>) => void;
  /** The round and how to cut it; the real ones unless a test replaces them. */
  round?: (ctx: BackendContext) => Promise<SyncResult<SyncReport>>;
  abort?: () => void;
}

export interface SyncLoop {
  /** Runs a round now ("Sinkronkan sekarang"); a stalled round is cut first. */
  kick(): void;
  stop(): Promise<void>;
}

/** Delay before retry `attempt` (1, 2, ...): min * 2^(attempt-1), capped, +-20 % jitter. */
function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

const loops = new WeakMap<BackendContext, SyncLoop & { cancelStalled(): boolean }>();

/**
 * Before a manual sync: cuts the loop's round when it is stalled, so the manual one does not
 * wait behind it. Returns whether one was cut.
 */
export function cancelStalledRound(ctx: BackendContext): boolean {
  return loops.get(ctx)?.cancelStalled() ?? false;
}

/** Asks the running loop (if any) for a round now: after the settings changed, say. */
export function kickSyncLoop(ctx: BackendContext): void {
  loops.get(ctx)?.kick();
}

export function startSyncLoop(ctx: BackendContext, opts: SyncLoopOptions = {}): SyncLoop {
  const interval = opts.intervalMs ?? 30_000;
  const minBackoff = opts.minBackoffMs ?? 2_000;
  const maxBackoff = opts.maxBackoffMs ?? 20_000;
  const debounce = opts.debounceMs ?? 1_500;
  const stallMs = opts.stallMs ?? 10_000;
  const round = opts.round ?? syncRound;
  const abort = opts.abort ?? abortServerConnections;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let dueAt = 0;
  let current: Promise<void> | null = null;
  let startedAt = 0;
  let again = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    dueAt = Date.now() + ms;
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  const tick = () => {
    timer = null;
    if (stopped || current) return;
    startedAt = Date.now();
    current = (async () => {
      let next = interval;
      try {
        const r = await round(ctx);
        // Not configured is not a failure to back off from: check again at the normal pace.
        if (r.ok || r.error.code === 'NOT_CONFIGURED') failures = 0;
        else next = backoffDelay(++failures, minBackoff, maxBackoff);
        opts.onRound?.(r);
      } catch {
        next = backoffDelay(++failures, minBackoff, maxBackoff);
      } finally {
        current = null;
        // A manual sync asked during this round: the next one starts now.
        schedule(again ? 0 : next);
        again = false;
      }
    })();
  };

  const cancelStalled = (): boolean => {
    if (!current || Date.now() - startedAt < stallMs) return false;
    abort();
    return true;
  };

  // Local work: push it soon; while the server is away, try again after the debounce instead
  // of waiting out the backoff (the server may be back, and this work should reach it).
  const onLocal = (e: ServerEvent) => {
    if (e.type !== 'cases.changed' || current) return;
    if (!timer || dueAt - Date.now() > debounce) schedule(debounce);
  };
  ctx.bus.on('event', onLocal);
  schedule(0);

  const loop: SyncLoop & { cancelStalled(): boolean } = {
    kick() {
      failures = 0;
      if (!current) return schedule(0);
      again = true;
      cancelStalled();
    },
    cancelStalled,
    async stop() {
      stopped = true;
      loops.delete(ctx);
      ctx.bus.off('event', onLocal);
      if (timer) clearTimeout(timer);
      await current;
    },
  };
  loops.set(ctx, loop);
  return loop;
}
