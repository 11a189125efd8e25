/**
 * Whom a disposition may address, as select options, and back: one place for the act dialog
 * and the signature book's batch dialog. Values are "unitId" (an OPD) or "unitId/positionId".
 */
import type { OfficeOverview } from '../../shared/api/views';
import type { ActorPosition } from '../../shared/domain/org';
import type { PresetAction } from '../../shared/workflow/preset';

export function parseTarget(v: string): { unitId: string; positionId: string | null } {
  const [unitId, positionId] = v.split('/');
  return { unitId: unitId ?? v, positionId: positionId ?? null };
}

/** OPDs for an `opd_units` disposition, else the other posts of the signer's own unit. */
export function disposeTargetOptions(
  action: PresetAction,
  asPositionId: string,
  overview: OfficeOverview,
  myPositions: readonly ActorPosition[],
): Array<{ value: string; label: string }> {
  if (action.targets === 'opd_units')
    return overview.units.filter((u) => u.kind === 'opd' && u.active).map((u) => ({ value: u.id, label: `${u.code} · ${u.name}` }));
  const unit = myPositions.find((p) => p.positionId === asPositionId)?.unitId;
  return overview.positions
    .filter((p) => p.active && p.unitId === unit && p.id !== asPositionId)
    .map((p) => ({ value: `${p.unitId}/${p.id}`, label: p.title }));
}
