/** Contract methods of the audit trail's check (issue 12, item 6), administrators only. */
import { z } from 'zod';
import { method } from '../method';

/**
 * One difference found in the audit trail. `missing`: entries removed from the middle;
 * `altered`: an entry whose content no longer matches its MAC; `relinked`: an entry that no
 * longer follows the one before it (inserted or reordered); `unkeyed`: an entry in the old
 * unkeyed form after keyed ones (a rewrite that dodges the key); `other_key`: entries made under
 * another workstation key (a data folder from another computer, or a lost key), not checkable
 * here; `anchor_missing`: the entry where this key began is gone or replaced; `rewound`: the
 * server holds checkpoints past the local end (entries removed from the end); `differs`: an
 * entry differs from the server's checkpoint of it (the chain was rewritten);
 * `key_unavailable`: this process cannot open the workstation secret.
 */
export type AuditFinding =
  | { kind: 'missing'; from: number; to: number }
  | { kind: 'altered'; seq: number }
  | { kind: 'relinked'; seq: number }
  | { kind: 'unkeyed'; seq: number }
  | { kind: 'other_key'; from: number; to: number }
  | { kind: 'anchor_missing'; seq: number }
  | { kind: 'rewound'; localLast: number; serverLast: number }
  | { kind: 'differs'; seq: number; login: string }
  | { kind: 'key_unavailable' };

export interface AuditCheck {
  checkedAt: number;
  /** Entries in the local trail, and the last seq. */
  entries: number;
  lastSeq: number;
  /** Whether the server's checkpoints were compared, and how many there were. */
  server: { compared: true; checkpoints: number } | { compared: false; reason: 'not_asked' | 'not_configured' | 'failed'; message: string | null };
  findings: AuditFinding[];
}

export const auditMethods = {
  /** Checks the local trail (and, with `server`, against the server's checkpoints); a problem found is recorded. */
  'audit.check': method<AuditCheck>()(z.object({ server: z.boolean() }).strict(), 'admin'),
} as const;
