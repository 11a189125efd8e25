/**
 * The hash-chained audit trail: each entry's hash covers the previous entry's hash, so
 * removing or altering an entry breaks the chain (and the table refuses UPDATE/DELETE too).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

interface AuditEntry {
  userId: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

function hashOf(prev: string, at: number, e: AuditEntry): string {
  return crypto.createHash('sha256').update(JSON.stringify([prev, at, e.userId, e.action, e.target, e.detail])).digest('hex');
}

export async function appendAudit(db: Kysely<Database>, at: number, e: AuditEntry): Promise<void> {
  const last = await db.selectFrom('audit').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? '0'.repeat(64);
  await db
    .insertInto('audit')
    .values({ at, user_id: e.userId, action: e.action, target: e.target, detail: JSON.stringify(e.detail), prev_hash: prev, hash: hashOf(prev, at, e) })
    .execute();
}

/** Recomputes the chain; returns the seq of the first broken entry, or null when intact. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<number | null> {
  const rows = await db.selectFrom('audit').selectAll().orderBy('seq').execute();
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const detail: unknown = JSON.parse(r.detail);
    const entry: AuditEntry = { userId: r.user_id, action: r.action, target: r.target, detail: typeof detail === 'object' && detail !== null ? { ...detail } : {} };
    if (r.prev_hash !== prev || r.hash !== hashOf(prev, r.at, entry)) return r.seq;
    prev = r.hash;
  }
  return null;
}
