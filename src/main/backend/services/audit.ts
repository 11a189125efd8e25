/**
 * The keyed, chained audit trail. Each entry's `hash` is an HMAC-SHA256, under a key taken from
 * the workstation secret (secrets/workstation-secret.ts), of the previous entry's hash, its own
 * seq and its content: removing, altering or reordering an entry breaks the chain, and someone
 * editing the SQLite file without the secret cannot compute a new one. The table refuses
 * UPDATE and DELETE too, but that only stops honest mistakes (anyone with the file can drop a
 * trigger). Entries from before migration 7 keep their plain SHA-256 (`keyed` = 0); the
 * first keyed entry of a key is an anchor (`audit.keyed`, see audit/audit-start.ts).
 * The checks are in audit/audit-check.ts.
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditTable, Database } from '../db/schema';
import { deriveKey, workstationSecret } from '../secrets/workstation-secret';

interface AuditEntry {
  userId: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/** What appending needs from the context: where the workstation secret is. */
export interface AuditHost {
  readonly options: { readonly dataDir: string };
}

/** The action of an anchor entry: the first one keyed by a workstation key. */
export const ANCHOR_ACTION = 'audit.keyed';
export const GENESIS = '0'.repeat(64);

/** The chain key of this workstation (throws when only the app can open the secret). */
export function auditKey(host: AuditHost): Buffer {
  return deriveKey(workstationSecret(host.options.dataDir), 'alur-audit-chain-v1');
}

/** A short public name of a chain key, written in its anchor so entries can name their key. */
export function keyIdOf(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('alur-audit-key-id').digest('hex').slice(0, 16);
}

/** The stored form of one entry, as the MAC and the plain hash see it. */
export type AuditRow = Selectable<AuditTable>;

export function macOf(key: Buffer, r: Omit<AuditRow, 'hash' | 'keyed'>): string {
  // The detail is MACed as stored (exact bytes), not re-serialised.
  return crypto
    .createHmac('sha256', key)
    .update(JSON.stringify([r.prev_hash, r.seq, r.at, r.user_id, r.action, r.target, r.detail]))
    .digest('hex');
}

/** The unkeyed hash of entries written before migration 7. */
export function plainHashOf(r: AuditRow): string {
  const parsed: unknown = JSON.parse(r.detail);
  const detail = typeof parsed === 'object' && parsed !== null ? { ...parsed } : {};
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([r.prev_hash, r.at, r.user_id, r.action, r.target, detail]))
    .digest('hex');
}

/** Appends one entry inside the caller's transaction; returns its seq. */
export async function appendAudit(host: AuditHost, db: Kysely<Database>, at: number, e: AuditEntry): Promise<number> {
  const key = auditKey(host);
  const last = await db.selectFrom('audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  // Never reuse a number (AUTOINCREMENT remembers the highest): entries removed from the end
  // then show as a gap before the next one instead of being silently renumbered over.
  const used = (await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'audit'`.execute(db)).rows[0]?.seq ?? 0;
  const row = {
    seq: Math.max(last?.seq ?? 0, used) + 1,
    at,
    user_id: e.userId,
    action: e.action,
    target: e.target,
    detail: JSON.stringify(e.detail),
    prev_hash: last?.hash ?? GENESIS,
  };
  await db
    .insertInto('audit')
    .values({ ...row, hash: macOf(key, row), keyed: 1 })
    .execute();
  return row.seq;
}
