/**
 * Who may see which case. The desk side (Diskominfo) and administrators see every case; an
 * OPD user sees the cases disposed to their unit. A *rahasia* identity is shown only on the
 * desk side, and every read of one is audited.
 */
import type { Actor } from '../../../shared/domain/org';
import type { StoredCase } from '../projection/case-projection';

export interface Visibility {
  all: boolean;
  unitIds: string[];
  /** May see the identity of a rahasia complainant. */
  confidential: boolean;
}

export function visibilityOf(actor: Actor, hubUnitId: string): Visibility {
  const onDesk = actor.positions.some((p) => p.unitId === hubUnitId);
  return {
    all: onDesk || actor.isAdmin,
    unitIds: [...new Set(actor.positions.map((p) => p.unitId))],
    confidential: onDesk,
  };
}

export function canSeeCase(v: Visibility, st: StoredCase): boolean {
  return v.all || st.s.opdUnitIds.some((u) => v.unitIds.includes(u));
}
