/**
 * Issue #18 item 6: a stalled round does not hold a manual sync, and the first round after
 * the server returns comes promptly. The loop runs with a stand-in round (what a round does
 * against PostgreSQL is tested in tests/integration/sync); the timing logic is the loop's.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { cancelStalledRound, startSyncLoop } from '../../../src/main/backend/sync/sync-loop';
import type { BackendContext } from '../../../src/main/backend/services/context';
import type { SyncResult } from '../../../src/main/backend/sync/sync-errors';
import type { SyncReport } from '../../../src/main/backend/sync/sync-engine';

const REPORT: SyncReport = { pushed: { events: 0, refs: 0 }, pulled: { events: 0, refs: 0 }, refused: { count: 0, first: null }, ms: 1 };
const DOWN: SyncResult<SyncReport> = { ok: false, error: { code: 'UNREACHABLE', message: 'Server tidak dapat dihubungi.' } };

function fakeCtx(): BackendContext {
  // The loop uses only the event bus, and the context as the key of its registry.
  return { bus: new EventEmitter() } as unknown as BackendContext;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(ok: () => boolean, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

describe('sync loop stalls', () => {
  it('a manual sync cuts a round stalled on a silent server and runs a new one at once', async () => {
    const ctx = fakeCtx();
    let cut: (() => void) | null = null;
    const started: number[] = [];
    const loop = startSyncLoop(ctx, {
      intervalMs: 60_000,
      stallMs: 50,
      round: async () => {
        started.push(Date.now());
        if (started.length > 1) return { ok: true, value: REPORT };
        // The first round hangs until its connection is cut, as on a silent server.
        return new Promise((resolve) => (cut = () => resolve(DOWN)));
      },
      abort: () => cut?.(),
    });
    try {
      await until(() => started.length === 1);
      expect(cancelStalledRound(ctx)).toBe(false); // not stalled yet
      await sleep(80);
      const asked = Date.now();
      loop.kick();
      await until(() => started.length === 2);
      expect((started[1] ?? 0) - asked).toBeLessThan(500);
    } finally {
      await loop.stop();
    }
  });

  it('while the server is away, new local work brings the next attempt forward', async () => {
    const ctx = fakeCtx();
    const started: number[] = [];
    const loop = startSyncLoop(ctx, {
      intervalMs: 60_000,
      minBackoffMs: 10_000,
      debounceMs: 30,
      round: async () => (started.push(Date.now()), DOWN),
    });
    try {
      await until(() => started.length === 1);
      await sleep(20);
      const worked = Date.now();
      ctx.bus.emit('event', { type: 'cases.changed', caseIds: ['c1'] });
      await until(() => started.length === 2);
      expect((started[1] ?? 0) - worked).toBeLessThan(1_000);
    } finally {
      await loop.stop();
    }
  });
});
