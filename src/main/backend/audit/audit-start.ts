/**
 * The audit trail at start: checked before anything else runs, and keyed from here on. On the
 * first start with a workstation key (a new data folder, the upgrade to migration 7, or a data
 * folder moved from another computer) an anchor entry is appended, naming the key, and its seq
 * is kept with the key itself (secrets/workstation-secret.ts), so deleting the anchor, or
 * rewriting the whole trail in the old unkeyed form, is seen at the next start.
 */
import type { AuditFinding } from '../../../shared/api/methods/audit';
import type { BackendContext } from '../services/context';
import { ANCHOR_ACTION, appendAudit, auditKey, keyIdOf } from '../services/audit';
import { setAuditAnchor, workstationSecret, type WorkstationSecret } from '../secrets/workstation-secret';
import { checkChain, isAnchorOf, loadAuditRows, recordFindings } from './audit-check';

function openSecret(ctx: BackendContext): WorkstationSecret | null {
  try {
    return workstationSecret(ctx.options.dataDir);
  } catch {
    return null;
  }
}

/** Checks the trail, records what is wrong (never repairs it), and anchors a new key. */
export async function openAuditTrail(ctx: BackendContext): Promise<AuditFinding[]> {
  const secret = openSecret(ctx);
  if (!secret) {
    ctx.log.warn('audit.key_unavailable', {});
    return [{ kind: 'key_unavailable' }];
  }
  const key = auditKey(ctx);
  const rows = await loadAuditRows(ctx.db);
  const findings = checkChain(rows, key, secret.auditAnchor);
  if (await recordFindings(ctx, ctx.db, findings)) ctx.log.warn('audit.broken', { count: findings.length, at: 'start' });
  if (secret.auditAnchor === null) {
    // An anchor appended by an earlier start that stopped before keeping its seq is reused.
    const keyId = keyIdOf(key);
    const existing = rows.findLast((r) => isAnchorOf(r, keyId));
    const seq =
      existing?.seq ??
      (await appendAudit(ctx, ctx.db, ctx.now(), {
        userId: null,
        action: ANCHOR_ACTION,
        target: 'workstation',
        detail: { keyId, store: secret.store },
      }));
    await setAuditAnchor(ctx.options.dataDir, seq);
  }
  return findings;
}
