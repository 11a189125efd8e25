/**
 * Offline verification of a signed act: the signature matches the event as stored, the key
 * belongs to the author and is certified by an office root key, it was not revoked when the
 * act was done, and the author held the position (as recorded, including Plt./Plh.) that day.
 */
import type { Kysely } from 'kysely';
import { localDate, type WorkCalendar } from '../../../shared/calendar/working-time';
import type { CaseEvent } from '../../../shared/domain/events';
import type { Assignment, Position, User } from '../../../shared/domain/org';
import { certificateText, SIGNATURE_RE, signedText, type SignatureCheck } from '../../../shared/signing/canonical';
import type { Database } from '../db/schema';
import type { SigningKey } from '../refdata/kinds';
import { listRefs } from '../refdata/ref-store';
import { verifyText } from './key-crypto';
import type { WorkflowPreset } from '../../../shared/workflow/preset';

export interface TrustRefs {
  keys: Map<string, SigningKey>;
  users: Map<string, User>;
  positions: Map<string, Position>;
  assignments: Assignment[];
  calendar: WorkCalendar;
}

/** The reference data checks need; a caller that already read users or posts passes them in. */
export async function loadTrust(db: Kysely<Database>, calendar: WorkCalendar, known: Partial<Pick<TrustRefs, 'users' | 'positions'>> = {}): Promise<TrustRefs> {
  return {
    keys: new Map((await listRefs(db, 'signing_key')).map((k) => [k.id, k])),
    users: known.users ?? new Map((await listRefs(db, 'user')).map((u) => [u.id, u])),
    positions: known.positions ?? new Map((await listRefs(db, 'position')).map((p) => [p.id, p])),
    assignments: await listRefs(db, 'assignment'),
    calendar,
  };
}

function heldPosition(t: TrustRefs, e: CaseEvent): boolean {
  const day = localDate(t.calendar, e.at);
  return t.assignments.some(
    (a) => a.userId === e.authorId && a.positionId === e.positionId && a.acting === e.acting && !(a.from && day < a.from) && !(a.until && day > a.until),
  );
}

/** Whether the preset says this act must carry an electronic signature (a digital, signed act). */
export function signatureRequired(preset: WorkflowPreset, e: CaseEvent): boolean {
  if (!('payload' in e) || typeof e.payload !== 'object' || e.payload === null || !('actionId' in e.payload)) return false;
  const p = e.payload as { stepId: string; actionId: string; paper: unknown };
  if (p.paper) return false;
  return preset.steps.find((s) => s.id === p.stepId)?.actions.find((a) => a.id === p.actionId)?.signed ?? false;
}

function paperRecord(e: CaseEvent): { recordedBy: string; writtenOn: string } | null {
  if (!('payload' in e) || typeof e.payload !== 'object' || e.payload === null || !('paper' in e.payload)) return null;
  const p = e.payload.paper;
  return typeof p === 'object' && p !== null && 'recordedBy' in p && 'writtenOn' in p ? { recordedBy: String(p.recordedBy), writtenOn: String(p.writtenOn) } : null;
}

/**
 * Checks one act's signature. `required`: the preset says this act is signed electronically
 * (see {@link signatureRequired}), so a missing signature is a failure, not "signed in ink".
 */
export function checkSignature(t: TrustRefs, e: CaseEvent, required = false): SignatureCheck {
  const base = {
    signerName: e.authorId ? (t.users.get(e.authorId)?.fullName ?? null) : null,
    positionTitle: e.positionId ? (t.positions.get(e.positionId)?.title ?? null) : null,
    signedAt: e.at,
  };
  const paper = paperRecord(e);
  if (paper) {
    // Whatever the event carries, a paper act vouches only that a clerk entered it: never shown
    // as the official's electronic signature (a signature on it is ignored, not trusted).
    const clerk = t.users.get(paper.recordedBy)?.fullName ?? paper.recordedBy;
    return { ...base, status: 'paper', keyId: null, message: `Dicatat dari lembar kertas (${paper.writtenOn}) oleh ${clerk}, dengan pindaian; bukan tanda tangan elektronik.` };
  }
  if (!e.signature)
    return required
      ? { ...base, status: 'invalid', keyId: null, message: 'Tindakan ini wajib ditandatangani secara elektronik, tetapi tidak bertanda tangan.' }
      : { ...base, status: 'missing', keyId: null, message: 'Tindakan ini tidak ditandatangani secara elektronik.' };
  const m = SIGNATURE_RE.exec(e.signature);
  if (!m) return { ...base, status: 'invalid', keyId: null, message: 'Format tanda tangan tidak dikenal.' };
  const keyId = m[1] ?? '';
  const sig = m[2] ?? '';
  const out = (status: SignatureCheck['status'], message: string): SignatureCheck => ({ ...base, status, keyId, message });
  const key = t.keys.get(keyId);
  if (!key) return out('unknown_key', 'Kunci penanda tangan tidak dikenal di instalasi ini (belum tersinkron?).');
  if (key.userId === null || key.userId !== e.authorId) return out('invalid', 'Kunci itu bukan milik penanda tangan yang tercatat.');
  if (!verifyText(key.publicKey, signedText(e), sig)) return out('invalid', 'Tanda tangan tidak cocok: isi tindakan telah diubah.');
  const root = key.certifiedBy ? t.keys.get(key.certifiedBy) : undefined;
  const certOk =
    !!root &&
    root.userId === null &&
    !!key.cert &&
    (root.revokedAt === null || root.revokedAt > key.createdAt) &&
    verifyText(root.publicKey, certificateText({ id: key.id, userId: key.userId, publicKey: key.publicKey, createdAt: key.createdAt }), key.cert);
  if (!certOk) return out('uncertified', 'Kunci penanda tangan tidak disertifikasi oleh kunci kantor.');
  if (key.revokedAt !== null && e.at >= key.revokedAt) return out('revoked', 'Kunci penanda tangan sudah dicabut saat tindakan ini dilakukan.');
  // A key replaced by a newer one (password reset) signs nothing after that moment.
  if (key.retiredAt !== null && e.at >= key.retiredAt) return out('revoked', 'Kunci penanda tangan sudah diganti kunci baru saat tindakan ini dilakukan.');
  if (!heldPosition(t, e)) return out('not_holder', 'Penanda tangan tidak memegang jabatan itu pada tanggal tersebut.');
  return out('valid', 'Tanda tangan sah.');
}
