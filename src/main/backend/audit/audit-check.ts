/**
 * Checking the audit trail: walks every entry and names every difference it can see (see
 * AuditFinding). Nothing here repairs anything: a broken chain stays broken, is recorded once
 * (an `audit.broken` entry, appended after the damage, so the record itself is keyed) and is
 * shown to an administrator (Pengaturan › Audit, `alur audit verify`).
 *
 * What the local walk can see: an entry removed from the middle (a gap in seq), an entry
 * altered, inserted or reordered, entries rewritten in the old unkeyed form, and the anchor of
 * this workstation's key removed. What it cannot see alone: entries removed from the end (the
 * chain is shorter but whole), or a chain rewritten by someone holding the key (the running
 * session). The server's checkpoints (audit-server.ts) catch those up to the last checkpoint.
 */
import type { Kysely } from 'kysely';
import type { AuditFinding } from '../../../shared/api/methods/audit';
import { assertNever } from '../../../shared/result';
import type { Database } from '../db/schema';
import { ANCHOR_ACTION, GENESIS, appendAudit, keyIdOf, macOf, plainHashOf, type AuditHost, type AuditRow } from '../services/audit';

export type { AuditFinding };

export const BROKEN_ACTION = 'audit.broken';
/** At most this many findings go into one `audit.broken` record. */
const RECORDED_FINDINGS = 50;

export async function loadAuditRows(db: Kysely<Database>): Promise<AuditRow[]> {
  return db.selectFrom('audit').select(['seq', 'at', 'user_id', 'action', 'target', 'detail', 'prev_hash', 'hash', 'keyed']).orderBy('seq').execute();
}

function anchorKeyId(r: AuditRow): string | null {
  try {
    const d: unknown = JSON.parse(r.detail);
    return typeof d === 'object' && d !== null && 'keyId' in d && typeof d.keyId === 'string' ? d.keyId : null;
  } catch {
    return null;
  }
}

function plainHashMatches(r: AuditRow): boolean {
  try {
    return plainHashOf(r) === r.hash;
  } catch {
    return false;
  }
}

/** Whether `r` is an anchor of the key `keyId`. */
export function isAnchorOf(r: AuditRow, keyId: string): boolean {
  return r.keyed === 1 && r.action === ANCHOR_ACTION && anchorKeyId(r) === keyId;
}

/**
 * The local walk. `key` is this workstation's chain key; `anchor` the seq where it began
 * (null before its first anchor).
 */
export function checkChain(rows: readonly AuditRow[], key: Buffer, anchor: number | null): AuditFinding[] {
  const keyId = keyIdOf(key);
  const out: AuditFinding[] = [];
  let prevSeq = 0;
  let prevHash = GENESIS;
  let seenKeyed = false;
  // Keyed entries are checkable only in a stretch opened by an anchor of this key.
  let mine = false;
  let foreign: { from: number; to: number } | null = null;
  const closeForeign = (): void => {
    if (foreign) out.push({ kind: 'other_key', ...foreign });
    foreign = null;
  };
  for (const r of rows) {
    if (r.seq > prevSeq + 1) out.push({ kind: 'missing', from: prevSeq + 1, to: r.seq - 1 });
    else if (r.prev_hash !== prevHash) out.push({ kind: 'relinked', seq: r.seq });
    if (r.keyed !== 1) {
      if (seenKeyed) out.push({ kind: 'unkeyed', seq: r.seq });
      else if (!plainHashMatches(r)) out.push({ kind: 'altered', seq: r.seq });
    } else {
      seenKeyed = true;
      if (r.action === ANCHOR_ACTION) mine = anchorKeyId(r) === keyId;
      if (mine) {
        closeForeign();
        if (macOf(key, r) !== r.hash) out.push({ kind: 'altered', seq: r.seq });
      } else if (foreign) foreign.to = r.seq;
      else foreign = { from: r.seq, to: r.seq };
    }
    prevSeq = r.seq;
    prevHash = r.hash;
  }
  closeForeign();
  if (anchor !== null) {
    const a = rows.find((r) => r.seq === anchor);
    if (!a || !isAnchorOf(a, keyId)) out.push({ kind: 'anchor_missing', seq: anchor });
  }
  return out;
}

/**
 * Records what was found as an `audit.broken` entry, unless the last such record already says
 * exactly this (a check at every start must not fill the trail with the same news).
 */
export async function recordFindings(host: AuditHost & { now(): number }, db: Kysely<Database>, findings: readonly AuditFinding[]): Promise<boolean> {
  if (findings.length === 0) return false;
  const detail = { findings: findings.slice(0, RECORDED_FINDINGS), count: findings.length };
  const last = await db.selectFrom('audit').select('detail').where('action', '=', BROKEN_ACTION).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (last?.detail === JSON.stringify(detail)) return false;
  await appendAudit(host, db, host.now(), { userId: null, action: BROKEN_ACTION, target: 'audit', detail });
  return true;
}

/** Indonesian words for one finding, for the CLI and the support log (the UI has its own locale keys). */
export function describeFinding(f: AuditFinding): string {
  switch (f.kind) {
    case 'missing':
      return f.from === f.to ? `Entri #${f.from} hilang (dihapus dari log).` : `Entri #${f.from}–#${f.to} hilang (dihapus dari log).`;
    case 'altered':
      return `Entri #${f.seq} diubah setelah dicatat.`;
    case 'relinked':
      return `Entri #${f.seq} tidak lagi menyambung ke entri sebelumnya (disisipkan atau diurutkan ulang).`;
    case 'unkeyed':
      return `Entri #${f.seq} ditulis ulang tanpa kunci audit.`;
    case 'other_key':
      return `Entri #${f.from}–#${f.to} dibuat dengan kunci audit lain (data dari komputer lain atau kunci hilang); tidak dapat diperiksa di sini.`;
    case 'anchor_missing':
      return `Entri #${f.seq}, awal rantai berkunci workstation ini, hilang atau diganti.`;
    case 'rewound':
      return `Log diputar mundur: server mencatat sampai entri #${f.serverLast}, di sini hanya sampai #${f.localLast}.`;
    case 'differs':
      return `Entri #${f.seq} berbeda dari catatan server (dicatat oleh login ${f.login}): rantai ditulis ulang.`;
    case 'key_unavailable':
      return 'Kunci audit workstation tidak dapat dibuka di sini; log tidak dapat diperiksa.';
    default:
      return assertNever(f, 'audit finding');
  }
}
