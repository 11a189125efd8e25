/**
 * "Periksa log audit" (Pengaturan › Audit) and `alur audit verify`: the local walk, and with
 * `server` the comparison with the server's checkpoints over a fresh session with the stored
 * settings. What is found is recorded (once) and returned; nothing is repaired.
 */
import type { AuditCheck, AuditFinding } from '../../../shared/api/methods/audit';
import type { BackendContext } from '../services/context';
import { auditKey } from '../services/audit';
import { workstationSecret } from '../secrets/workstation-secret';
import { loadConfig } from '../sync/settings-store';
import { openSession } from '../sync/sync-engine';
import { disconnect } from '../sync/server-connection';
import { checkChain, loadAuditRows, recordFindings } from './audit-check';
import { compareWithServer, fetchCheckpoints } from './audit-server';

export async function checkAudit(ctx: BackendContext, opts: { server: boolean }): Promise<AuditCheck> {
  const checkedAt = ctx.now();
  let key: Buffer;
  let anchor: number | null;
  try {
    key = auditKey(ctx);
    anchor = workstationSecret(ctx.options.dataDir).auditAnchor;
  } catch (e) {
    return {
      checkedAt,
      entries: 0,
      lastSeq: 0,
      server: { compared: false, reason: 'failed', message: e instanceof Error ? e.message : String(e) },
      findings: [{ kind: 'key_unavailable' }],
    };
  }
  const rows = await loadAuditRows(ctx.db);
  const findings: AuditFinding[] = checkChain(rows, key, anchor);
  let server: AuditCheck['server'] = { compared: false, reason: 'not_asked', message: null };
  if (opts.server) {
    const cfg = await loadConfig(ctx.db, ctx.options.dataDir);
    if (!cfg?.settings) server = { compared: false, reason: 'not_configured', message: null };
    else {
      const opened = await openSession(cfg.settings);
      if (!opened.ok) server = { compared: false, reason: 'failed', message: opened.error.message };
      else {
        try {
          const checkpoints = await fetchCheckpoints(opened.value.client, ctx.deviceId);
          findings.push(...compareWithServer(rows, checkpoints));
          server = { compared: true, checkpoints: checkpoints.length };
        } catch (e) {
          server = { compared: false, reason: 'failed', message: e instanceof Error ? e.message : String(e) };
        } finally {
          await disconnect(opened.value.client);
        }
      }
    }
  }
  if (await recordFindings(ctx, ctx.db, findings)) ctx.log.warn('audit.broken', { count: findings.length, at: 'check' });
  return { checkedAt, entries: rows.length, lastSeq: rows.at(-1)?.seq ?? 0, server, findings };
}
