/**
 * The background loop: a round every `intervalMs` while the server answers, soon after local
 * work (so an act reaches the others within seconds), and with exponential backoff (5 s
 * doubling to 5 min, with jitter so a room of workstations does not knock in step) while it
 * does not. It resumes by itself when the server is back; stopping waits for a running round.
 */
import type { ServerEvent } from '../../../shared/api/contract';
import type { BackendContext } from '../services/context';
import { syncRound, type SyncReport } from './sync-engine';
import type { SyncResult } from './sync-errors';

export interface SyncLoopOptions {
  intervalMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Delay after local work before a round, so a burst of acts goes in one round. */
  debounceMs?: number;
  /** Called after every round (the UI's status push). */
  onRound?: (r: SyncResult<SyncReport>) => void;
}

export interface SyncLoop {
  /** Runs a round soon (after local work, or "Sinkronkan sekarang"). */
  kick(): void;
  stop(): Promise<void>;
}

/** Delay before retry `attempt` (1, 2, ...): min * 2^(attempt-1), capped, +-20 % jitter. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

const loops = new WeakMap<BackendContext, SyncLoop>();

/** Asks the running loop (if any) for a round now: after the settings changed, say. */
export function kickSyncLoop(ctx: BackendContext): void {
  loops.get(ctx)?.kick();
}

export function startSyncLoop(ctx: BackendContext, opts: SyncLoopOptions = {}): SyncLoop {
  const interval = opts.intervalMs ?? 30_000;
  const minBackoff = opts.minBackoffMs ?? 5_000;
  const maxBackoff = opts.maxBackoffMs ?? 300_000;
  const debounce = opts.debounceMs ?? 1_500;
  let failures = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  const tick = () => {
    timer = null;
    if (stopped || current) return;
    current = (async () => {
      let next = interval;
      try {
        const r = await syncRound(ctx);
        // Not configured is not a failure to back off from: check again at the normal pace.
        if (r.ok || r.error.code === 'NOT_CONFIGURED') failures = 0;
        else next = backoffDelay(++failures, minBackoff, maxBackoff);
        opts.onRound?.(r);
      } catch {
        next = backoffDelay(++failures, minBackoff, maxBackoff);
      } finally {
        current = null;
        schedule(next);
      }
    })();
  };

  // Local work: push it soon, unless the server is known to be away (backoff decides then).
  const onLocal = (e: ServerEvent) => {
    if (e.type === 'cases.changed' && failures === 0 && !current) schedule(debounce);
  };
  ctx.bus.on('event', onLocal);
  schedule(0);

  const loop: SyncLoop = {
    kick() {
      failures = 0;
      if (!current) schedule(0);
    },
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
