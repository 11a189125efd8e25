/**
 * Quarantined items that may heal, retried every round:
 * - what arrived with a clock (or an act time) too far ahead, more than MAX_AHEAD_MS past
 *   this workstation's wall clock: adopting it would drag every later local timestamp ahead
 *   with it, so it waits until this clock has come within the bound;
 * - an event whose inserting login could not be shown to speak for its author
 *   (login-check.ts), or whose writer's seal did not hold (keys/seal.ts: an unknown or
 *   uncertified key, a post not held), which may pass once reference data explains it (a key
 *   or an assignment that arrived later, a certification or correction by the administrator).
 * Each is kept in `sync_rejected` with its raw row; what passes now is applied through the
 * same path as a pull. So a PC whose clock ran fast loses nothing, and a forged clock or a
 * forged author gains nothing.
 */
import type pg from 'pg';
import { MAX_AHEAD_MS } from '../../../shared/hlc';
import { mergeRef } from '../refdata/ref-store';
import { persistClock } from '../services/commit';
import type { BackendContext } from '../services/context';
import { checkRefChange } from './ref-check';
import { loadLoginRules, LOGIN_MARK, loginRefusal, type LoginRules } from './login-check';
import { recordRejections, type Rejection } from './settings-store';
import { SEAL_MARK, SealChecker } from '../keys/seal';
import { beforeSealing, loadSealCutoff } from './seal-cutoff';
import { loadTrust } from '../keys/verify';
import { AHEAD_MARK, aheadReason, parseServerEvent, reapplyEvents, type ServerEventRow } from './sync-pull';

interface Held {
  seq: number;
  kind: string;
  reason: string;
  raw: string | null;
}

async function held(ctx: BackendContext): Promise<Held[]> {
  return ctx.db
    .selectFrom('sync_rejected')
    .select(['seq', 'kind', 'reason', 'raw'])
    .where('direction', '=', 'pull')
    .where('resolved_at', 'is', null)
    .where((eb) => eb.or([eb('reason', 'like', `${AHEAD_MARK}%`), eb('reason', 'like', `${LOGIN_MARK}%`), eb('reason', 'like', `${SEAL_MARK}%`)]))
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
 * Applies the quarantined events and reference changes that pass now. Returns how many were
 * taken out. What fails again goes back, with its new reason.
 */
export async function retryQuarantine(ctx: BackendContext, client: pg.ClientBase): Promise<number> {
  const due: Array<{ h: Held; row: Record<string, unknown> }> = [];
  let rules: LoginRules | null = null;
  let seals: SealChecker | null = null;
  const cutoff = await loadSealCutoff(ctx.db);
  for (const h of await held(ctx)) {
    const row = parse(h.raw);
    if (!row) continue;
    const clocks = clocksOf(h.kind, row);
    const at = h.kind === 'event' ? Number(row['at']) : 0;
    if (!clocks.length || clocks.some((c) => ctx.clock.aheadBy(c) > MAX_AHEAD_MS) || at - ctx.now() > MAX_AHEAD_MS) continue;
    if (h.reason.startsWith(LOGIN_MARK) || h.reason.startsWith(SEAL_MARK)) {
      const parsed = h.kind === 'event' ? parseServerEvent(row as unknown as ServerEventRow) : null;
      if (!parsed?.ok) continue;
      rules ??= await loadLoginRules(client, ctx.db);
      if (loginRefusal(rules, parsed.event, typeof row['pushed_by'] === 'string' ? row['pushed_by'] : undefined)) continue;
      // Still unsealed, or the key or post that would explain it has not arrived: it stays.
      seals ??= new SealChecker(await loadTrust(ctx.db, (await ctx.projection()).engine.calendar));
      if (!beforeSealing(parsed.event.seal, Number(row['seq']), cutoff) && seals.problem(parsed.event)) continue;
    }
    due.push({ h, row });
  }
  if (due.length === 0) return 0;
  // Out of quarantine first: a refusal below puts the same item back (same key, resolved_at null).
  await ctx.db
    .updateTable('sync_rejected')
    .set({ resolved_at: ctx.now() })
    .where(
      'seq',
      'in',
      due.map((d) => d.h.seq),
    )
    .execute();
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
        else
          refused.push({
            direction: 'pull',
            kind: 'ref',
            itemId: `${kind}/${id}`,
            caseId: null,
            serverSeq: Number(row['seq']),
            reason: c.ok ? aheadReason(ctx.clock.aheadBy(late ?? '')) : c.reason,
            raw: JSON.stringify(row),
          });
      }
      await recordRejections(trx, ctx.now(), refused);
      await persistClock(trx, ctx);
    });
    ctx.invalidate();
  }
  return due.length;
}
