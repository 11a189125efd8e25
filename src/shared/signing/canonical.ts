/**
 * What a signature covers. A signed act is signed over a canonical text of its decision: the
 * event's identity, author, position, time and payload, as JSON with sorted keys, behind a
 * version tag. Any installation rebuilds the same text from the stored event and checks it.
 */
import type { CaseEvent } from '../domain/events';

/** JSON with object keys sorted and no whitespace; undefined members are left out. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The text an act's signature is made over. */
export function signedText(e: CaseEvent): string {
  const { id, caseId, type, at, authorId, positionId, acting, payload } = e;
  return `alur-act-v1\n${canonicalJson({ id, caseId, type, at, authorId, positionId, acting, payload })}`;
}

/**
 * The text an event's seal is made over: every wire field of the event (its clock, device and
 * e-signature too, so none can be changed or stripped), behind its own tag so a seal can never
 * pass for an act's signature or the reverse.
 */
export function sealText(e: CaseEvent): string {
  const { id, caseId, type, hlc, at, authorId, positionId, acting, deviceId, signature, payload } = e;
  return `alur-seal-v1\n${canonicalJson({ id, caseId, type, hlc, at, authorId, positionId, acting, deviceId, signature, payload })}`;
}

/** The text an administrator's certificate of a user key is made over. */
export function certificateText(k: { id: string; userId: string; publicKey: string; createdAt: number }): string {
  return `alur-cert-v1\n${canonicalJson({ id: k.id, userId: k.userId, publicKey: k.publicKey, createdAt: k.createdAt })}`;
}

/** `ed25519:<key id>:<base64 signature>`, stored in the event's `signature` field. */
export const SIGNATURE_RE = /^ed25519:([0-9a-f]{16}):([A-Za-z0-9+/]{86}==)$/;

export function formatSignature(keyId: string, signatureBase64: string): string {
  return `ed25519:${keyId}:${signatureBase64}`;
}

/** Outcome of checking one signed act, shown on the timeline and by verification. */
type SignatureStatus =
  | 'valid'
  | 'invalid'
  | 'unknown_key'
  | 'uncertified'
  | 'revoked'
  | 'not_holder'
  | 'missing'
  /** Done on paper and recorded by a clerk: never the official's electronic signature. */
  | 'paper'
  /** A signed step done before the office used electronic signatures (an upgraded database). */
  | 'before_signing';

export interface SignatureCheck {
  status: SignatureStatus;
  keyId: string | null;
  signerName: string | null;
  positionTitle: string | null;
  signedAt: number;
  /** One line in Indonesian: why it is or is not valid. */
  message: string;
}
