/**
 * Acts of the system itself: closing an answered case when the complainant's reaction period
 * has run out, and escalating to the Ombudsman a case unfinished past the preset's limit.
 * Idempotent: two workstations doing it for the same case add events the engine ignores.
 */
import { automaticEvents } from '../../../shared/workflow/engine';
import type { StoredCase } from '../projection/case-projection';
import type { BackendContext } from './context';
import { commitEvents, makeEvent } from './commit';

/** Appends every automatic event due now; returns how many were added. */
export async function runAutomation(ctx: BackendContext): Promise<number> {
  const office = await ctx.office().catch(() => null);
  if (!office) return 0;
  const proj = await ctx.projection();
  const now = ctx.now();
  const preset0 = proj.preset(office.presetId, office.presetVersion);
  const days = preset0.rules.ombudsmanAfterDays;
  // Only candidates are read: answered cases (reaction period), and unfinished ones at least
  // N calendar days old (N working days are never fewer calendar days).
  const rows = await ctx.db
    .selectFrom('cases')
    .select('state')
    .where((eb) =>
      eb.or([
        eb('status', '=', 'answered'),
        ...(days ? [eb.and([eb('status', '!=', 'closed'), eb('escalated_at', 'is', null), eb('registered_at', '<', now - days * 86_400_000)])] : []),
      ]),
    )
    .execute();
  let added = 0;
  for (const r of rows) {
    const st = JSON.parse(r.state) as StoredCase;
    const preset = proj.preset(st.s.presetId, st.s.presetVersion);
    const bodies = automaticEvents(preset, st.s, now, proj.engine);
    if (bodies.length === 0) continue;
    const res = await commitEvents(ctx, async () => bodies.map((b) => makeEvent(ctx, st.s.id, { userId: null, positionId: null, acting: null }, b, now)));
    added += res.events.length;
  }
  return added;
}
