/**
 * Offline verification of a signed act: the signature matches the event as stored, the key
 * belongs to the author and is certified by an office root key, it was not revoked when the
 * act was done, and the author held the position (as recorded, including Plt./Plh.) that day.
 * A paper act is checked as a record: who recorded it, and whether the official held the post.
 */
import type { Kysely } from 'kysely';
import { localDate, type WorkCalendar } from '../../../shared/calendar/working-time';
import type { CaseEvent } from '../../../shared/domain/events';
import type { Assignment, Position, User } from '../../../shared/domain/org';
import { certificateText, SIGNATURE_RE, signedText, type SignatureCheck } from '../../../shared/signing/canonical';
import type { Database } from '../db/schema';
import type { SigningKey } from '../refdata/kinds';
import { getRef, listRefs } from '../refdata/ref-store';
import { verifyText } from './key-crypto';
import type { WorkflowPreset } from '../../../shared/workflow/preset';

export interface TrustRefs {
  keys: Map<string, SigningKey>;
  users: Map<string, User>;
  positions: Map<string, Position>;
  assignments: Assignment[];
  calendar: WorkCalendar;
  /** The desk's unit: its staff record paper acts for any unit. */
  hubUnitId: string | null;
}

/** The reference data checks need; a caller that already read users or posts passes them in. */
export async function loadTrust(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  known: Partial<Pick<TrustRefs, 'users' | 'positions'>> = {},
): Promise<TrustRefs> {
  return {
    keys: new Map((await listRefs(db, 'signing_key')).map((k) => [k.id, k])),
    users: known.users ?? new Map((await listRefs(db, 'user')).map((u) => [u.id, u])),
    positions: known.positions ?? new Map((await listRefs(db, 'position')).map((p) => [p.id, p])),
    assignments: await listRefs(db, 'assignment'),
    calendar,
    hubUnitId: (await getRef(db, 'office', 'office'))?.hubUnitId ?? null,
  };
}

function heldOn(a: Assignment, day: string): boolean {
  return !(a.from && day < a.from) && !(a.until && day > a.until);
}

/** Whether the author held the event's post (as recorded, Plt./Plh. included) on `day`. */
export function heldPosition(t: TrustRefs, e: CaseEvent, day = localDate(t.calendar, e.at)): boolean {
  return t.assignments.some((a) => a.userId === e.authorId && a.positionId === e.positionId && a.acting === e.acting && heldOn(a, day));
}

/** What a paper act records about itself (`PaperRecord` in the event schema). */
interface PaperRecord {
  writtenOn: string;
  recordedBy: string;
}

export function paperOf(e: CaseEvent): PaperRecord | null {
  return 'payload' in e && typeof e.payload === 'object' && e.payload !== null && 'paper' in e.payload && e.payload.paper
    ? (e.payload.paper as PaperRecord)
    : null;
}

/**
 * An act signed in ink and recorded from its scan. It is never an electronic signature: the
 * clerk who recorded it answers for the record, so it holds only when that clerk could record
 * it (on that day a post at the desk's unit, or in the official's own unit) and the official
 * named held the post on the date written on the sheet. Otherwise an invented "ink" approval
 * by an invented signer would pass for genuine.
 */
function checkPaper(t: TrustRefs, e: CaseEvent, paper: PaperRecord, base: Omit<SignatureCheck, 'status' | 'keyId' | 'message'>): SignatureCheck {
  const out = (status: SignatureCheck['status'], message: string): SignatureCheck => ({ ...base, status, keyId: null, message });
  const recorder = t.users.get(paper.recordedBy);
  const unit = e.positionId ? t.positions.get(e.positionId)?.unitId : undefined;
  const day = localDate(t.calendar, e.at);
  const mayRecord = t.assignments.some((a) => {
    const at = t.positions.get(a.positionId)?.unitId;
    return a.userId === paper.recordedBy && heldOn(a, day) && at !== undefined && (at === t.hubUnitId || at === unit);
  });
  if (!recorder || !mayRecord) return out('invalid', 'Tindakan kertas ini dicatat oleh pengguna yang tidak berwenang mencatatnya.');
  if (!e.authorId || !heldPosition(t, e, paper.writtenOn))
    return out('not_holder', 'Penanda tangan di kertas tidak memegang jabatan itu pada tanggal yang tertulis.');
  // 'paper', not 'valid' nor 'missing': shown as a clerk's record, never as the official's e-signature.
  return out(
    'paper',
    `Ditandatangani di kertas (${paper.writtenOn}); dicatat oleh ${recorder.fullName} dari pindaiannya, bukan tanda tangan elektronik.`,
  );
}

/**
 * An act done before the office had any root key could not be signed: its office ran a release
 * from before signatures (an upgraded database). Such an act is shown as "sebelum tanda tangan
 * elektronik", never as a failure and never as signed. A new office makes its root key with the
 * office, before any act, so nothing of it qualifies. The limit: `at` is the author's clock, so
 * an unsigned act backdated before the root key reads as pre-signing too (still not as signed).
 */
function beforeSigning(t: TrustRefs, e: CaseEvent): boolean {
  let first = Infinity;
  for (const k of t.keys.values()) if (k.userId === null && k.createdAt < first) first = k.createdAt;
  return e.at < first;
}

/** Whether the preset says this act must carry an electronic signature (a digital, signed act). */
export function signatureRequired(preset: WorkflowPreset, e: CaseEvent): boolean {
  if (!('payload' in e) || typeof e.payload !== 'object' || e.payload === null || !('actionId' in e.payload)) return false;
  const p = e.payload as { stepId: string; actionId: string; paper: unknown };
  if (p.paper) return false;
  return preset.steps.find((s) => s.id === p.stepId)?.actions.find((a) => a.id === p.actionId)?.signed ?? false;
}

/** Whether a user's key carries a valid certificate of an office root key not revoked before the key was made. */
export function keyCertified(t: Pick<TrustRefs, 'keys'>, key: SigningKey): boolean {
  const root = key.certifiedBy ? t.keys.get(key.certifiedBy) : undefined;
  return (
    !!root &&
    root.userId === null &&
    key.userId !== null &&
    !!key.cert &&
    (root.revokedAt === null || root.revokedAt > key.createdAt) &&
    verifyText(root.publicKey, certificateText({ id: key.id, userId: key.userId, publicKey: key.publicKey, createdAt: key.createdAt }), key.cert)
  );
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
  const paper = paperOf(e);
  if (paper && !e.signature) return checkPaper(t, e, paper, base);
  if (!e.signature && required && beforeSigning(t, e))
    return {
      ...base,
      status: 'before_signing',
      keyId: null,
      message: 'Dilakukan sebelum tanda tangan elektronik dipakai di kantor ini (data dari versi Alur sebelumnya).',
    };
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
  if (!keyCertified(t, key)) return out('uncertified', 'Kunci penanda tangan tidak disertifikasi oleh kunci kantor.');
  if (key.revokedAt !== null && e.at >= key.revokedAt) return out('revoked', 'Kunci penanda tangan sudah dicabut saat tindakan ini dilakukan.');
  // A key replaced by a newer one (password reset) signs nothing after that moment.
  if (key.retiredAt !== null && e.at >= key.retiredAt)
    return out('revoked', 'Kunci penanda tangan sudah diganti kunci baru saat tindakan ini dilakukan.');
  if (!heldPosition(t, e)) return out('not_holder', 'Penanda tangan tidak memegang jabatan itu pada tanggal tersebut.');
  return out('valid', 'Tanda tangan sah.');
}
