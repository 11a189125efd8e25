/**
 * The audit trail against the server's checkpoints (server migration 0004). Each sync round,
 * after pushing, runs `auditSyncStep`: the local walk, then every checkpoint the server holds
 * for this workstation compared with the local entries; a clean trail sends its head as a new
 * checkpoint, a broken one sends nothing (the server keeps the last good checkpoint as
 * evidence) and the problem is recorded. The round itself goes on: a broken audit trail must
 * not stop the office's work, it must be seen.
 */
import type pg from 'pg';
import type { AuditFinding } from '../../../shared/api/methods/audit';
import type { BackendContext } from '../services/context';
import { auditKey, type AuditRow } from '../services/audit';
import { workstationSecret } from '../secrets/workstation-secret';
import { checkChain, loadAuditRows, recordFindings } from './audit-check';

interface Checkpoint {
  seq: number;
  hash: string;
  login: string;
}

type Client = Pick<pg.ClientBase, 'query'>;

export async function fetchCheckpoints(client: Client, deviceId: string): Promise<Checkpoint[]> {
  const r = await client.query<{ seq: string; hash: string; login: string }>('SELECT seq::text AS seq, hash, login FROM alur.audit_checkpoints($1)', [
    deviceId,
  ]);
  return r.rows.map((c) => ({ seq: Number(c.seq), hash: c.hash, login: c.login }));
}

/** Differences between the local entries and the server's checkpoints of them. */
export function compareWithServer(rows: readonly AuditRow[], checkpoints: readonly Checkpoint[]): AuditFinding[] {
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const localLast = rows.at(-1)?.seq ?? 0;
  const out: AuditFinding[] = [];
  let serverLast = 0;
  for (const c of checkpoints) {
    serverLast = Math.max(serverLast, c.seq);
    const r = bySeq.get(c.seq);
    // An entry gone from the middle is already named by the walk ("missing"); past the end it is a rewind.
    if (r && r.hash !== c.hash) out.push({ kind: 'differs', seq: c.seq, login: c.login });
  }
  if (serverLast > localLast) out.push({ kind: 'rewound', localLast, serverLast });
  return out;
}

/** Local walk plus server comparison, with the rows it read. */
async function checkAgainstServer(
  ctx: BackendContext,
  client: Client,
): Promise<{ rows: AuditRow[]; checkpoints: Checkpoint[]; findings: AuditFinding[] }> {
  const rows = await loadAuditRows(ctx.db);
  const checkpoints = await fetchCheckpoints(client, ctx.deviceId);
  const local = checkChain(rows, auditKey(ctx), workstationSecret(ctx.options.dataDir).auditAnchor);
  return { rows, checkpoints, findings: [...local, ...compareWithServer(rows, checkpoints)] };
}

/** The sync round's audit step (see the file comment); returns what it found. */
export async function auditSyncStep(ctx: BackendContext, client: Client): Promise<AuditFinding[]> {
  const { rows, checkpoints, findings } = await checkAgainstServer(ctx, client);
  if (findings.length > 0) {
    if (await recordFindings(ctx, ctx.db, findings)) ctx.log.warn('audit.broken', { count: findings.length, at: 'sync' });
    return findings;
  }
  const head = rows.at(-1);
  const sent = checkpoints.reduce((m, c) => Math.max(m, c.seq), 0);
  if (head && head.seq > sent) await client.query('SELECT alur.put_audit_checkpoint($1, $2, $3)', [ctx.deviceId, head.seq, head.hash]);
  return findings;
}
