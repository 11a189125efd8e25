/**
 * What arrived with a clock too far ahead (more than MAX_AHEAD_MS past this workstation's
 * wall clock) is quarantined in `sync_rejected` with its raw row, never adopted: adopting it
 * would drag every later local timestamp ahead with it. Each sync round takes back out what
 * this clock has since come within the bound of, and applies it through the same checks as
 * a pull. So a PC whose clock ran fast loses nothing, and a forged clock gains nothing.
 */
import { MAX_AHEAD_MS } from '../../../shared/hlc';
import { mergeRef } from '../refdata/ref-store';
import { persistClock } from '../services/commit';
import type { BackendContext } from '../services/context';
import { checkRefChange } from './ref-check';
import { recordRejections, type Rejection } from './settings-store';
import { AHEAD_MARK, aheadReason, reapplyEvents, type ServerEventRow } from './sync-pull';

interface Held {
  seq: number;
  kind: string;
  raw: string | null;
}

async function held(ctx: BackendContext): Promise<Held[]> {
  return ctx.db
    .selectFrom('sync_rejected')
    .select(['seq', 'kind', 'raw'])
    .where('direction', '=', 'pull')
    .where('resolved_at', 'is', null)
    .where('reason', 'like', `${AHEAD_MARK}%`)
    .orderBy('server_seq')
    .execute();
}

function parse(raw: string | null): Record<string, unknown> | null {
  try {
    const v: unknown = raw ? JSON.parse(raw) : null;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function clocksOf(kind: string, row: Record<string, unknown>): string[] {
  if (kind === 'event') return typeof row['hlc'] === 'string' ? [row['hlc']] : [];
  const c = row['clocks'];
  return c && typeof c === 'object' ? Object.values(c).filter((h): h is string => typeof h === 'string') : [];
}

/**
 * Applies the quarantined events and reference changes whose clocks are now within the bound.
 * Returns how many were taken out. What fails again goes back, with its new reason.
 */
export async function retryAhead(ctx: BackendContext): Promise<number> {
  const due: Array<{ h: Held; row: Record<string, unknown> }> = [];
  for (const h of await held(ctx)) {
    const row = parse(h.raw);
    if (!row) continue;
    const clocks = clocksOf(h.kind, row);
    const at = h.kind === 'event' ? Number(row['at']) : 0;
    if (clocks.length && clocks.every((c) => ctx.clock.aheadBy(c) <= MAX_AHEAD_MS) && !(at - ctx.now() > MAX_AHEAD_MS)) due.push({ h, row });
  }
  if (due.length === 0) return 0;
  // Out of quarantine first: a refusal below puts the same item back (same key, resolved_at null).
  await ctx.db.updateTable('sync_rejected').set({ resolved_at: ctx.now() }).where('seq', 'in', due.map((d) => d.h.seq)).execute();
  const events = due.filter((d) => d.h.kind === 'event').map((d) => d.row as unknown as ServerEventRow);
  if (events.length) await reapplyEvents(ctx, events);
  const refused: Rejection[] = [];
  const refs = due.filter((d) => d.h.kind === 'ref');
  if (refs.length) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const { row } of refs) {
        const kind = String(row['kind']);
        const id = String(row['id']);
        const c = checkRefChange(kind, id, row['fields'], row['clocks']);
        const late = c.ok ? Object.values(c.clocks).find((h) => !ctx.clock.receive(h)) : undefined;
        if (c.ok && !late) await mergeRef(trx, kind, id, c.fields, c.clocks);
        else refused.push({ direction: 'pull', kind: 'ref', itemId: `${kind}/${id}`, caseId: null, serverSeq: Number(row['seq']), reason: c.ok ? aheadReason(ctx.clock.aheadBy(late ?? '')) : c.reason, raw: JSON.stringify(row) });
      }
      await recordRejections(trx, ctx.now(), refused);
      await persistClock(trx, ctx);
    });
    ctx.invalidate();
  }
  return due.length;
}
