/**
 * Signing keys as reference data: enrolment (a key pair per user, wrapped under the user's
 * password), the office root key that certifies user keys, revocation, and unlocking a key to
 * sign. Every private key leaves this module only as a KeyObject held for one act (or, for the
 * root key, in an administrator's session).
 */
import type { Kysely } from 'kysely';
import { certificateText } from '../../../shared/signing/canonical';
import { AppError } from '../../../shared/result';
import type { Database } from '../db/schema';
import type { SigningKey } from '../refdata/kinds';
import { deleteRef, getRef, listRefs, putRef } from '../refdata/ref-store';
import type { BackendContext } from '../services/context';
import { unlockWithPassword } from '../services/password';
import { generateKeyPair, signText, unwrapPrivateKey, wrapPrivateKey, type OpenKey } from './key-crypto';

type Db = Kysely<Database>;

const rootSecretId = (userId: string) => `root:${userId}`;

/** The user's key for new signatures: the newest neither revoked nor retired. */
export function activeKeyOf(keys: readonly SigningKey[], userId: string): SigningKey | null {
  const mine = keys.filter((k) => k.userId === userId && k.revokedAt === null && k.retiredAt === null);
  return mine.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
}

export function certify(root: OpenKey, k: SigningKey): SigningKey {
  if (k.userId === null) throw new AppError('INTERNAL', 'Kunci kantor tidak disertifikasi oleh dirinya sendiri.');
  return {
    ...k,
    certifiedBy: root.id,
    cert: signText(root.key, certificateText({ id: k.id, userId: k.userId, publicKey: k.publicKey, createdAt: k.createdAt })),
  };
}

/**
 * A new key pair for a user, wrapped under `wrapKey` and certified when the root key is at
 * hand. The user's earlier keys are retired (their past signatures stay valid).
 */
export async function enrolUserKey(db: Db, ctx: BackendContext, userId: string, wrapKey: Buffer, root: OpenKey | null): Promise<SigningKey> {
  const now = ctx.now();
  for (const old of await listRefs(db, 'signing_key')) {
    if (old.userId !== userId) continue;
    if (old.retiredAt === null) await putRef(db, 'signing_key', old.id, { retiredAt: now }, ctx.clock.tick());
    // The retired key must not sign again: its wrapped secret goes (verification also refuses
    // anything it signs after `retiredAt`, for copies of the secret made before).
    if (await getRef(db, 'key_secret', old.id)) await deleteRef(db, 'key_secret', old.id, ctx.clock.tick());
  }
  const pair = generateKeyPair();
  let key: SigningKey = {
    id: pair.id,
    userId,
    publicKey: pair.publicKey,
    createdAt: now,
    certifiedBy: null,
    cert: null,
    revokedAt: null,
    revokedReason: null,
    retiredAt: null,
  };
  if (root) key = certify(root, key);
  await putRef(db, 'signing_key', key.id, key, ctx.clock.tick());
  await putRef(db, 'key_secret', key.id, { keyId: key.id, userId, wrapped: wrapPrivateKey(pair.privateKey, key.id, wrapKey) }, ctx.clock.tick());
  return key;
}

/** Creates the office root key for a first administrator (office creation). */
export async function createRootKey(db: Db, ctx: BackendContext, adminId: string, wrapKey: Buffer): Promise<OpenKey> {
  const pair = generateKeyPair();
  await putRef(
    db,
    'signing_key',
    pair.id,
    {
      id: pair.id,
      userId: null,
      publicKey: pair.publicKey,
      createdAt: ctx.now(),
      certifiedBy: null,
      cert: null,
      revokedAt: null,
      revokedReason: null,
      retiredAt: null,
    },
    ctx.clock.tick(),
  );
  await putRef(
    db,
    'key_secret',
    rootSecretId(adminId),
    { keyId: pair.id, userId: adminId, wrapped: wrapPrivateKey(pair.privateKey, pair.id, wrapKey) },
    ctx.clock.tick(),
  );
  return { id: pair.id, key: pair.privateKey };
}

/** The root key an administrator can open with the wrap key from their password, if any. */
export async function openRootKey(db: Db, adminId: string, wrapKey: Buffer): Promise<OpenKey | null> {
  const secret = await getRef(db, 'key_secret', rootSecretId(adminId));
  if (!secret) return null;
  const root = await getRef(db, 'signing_key', secret.keyId);
  if (!root || root.revokedAt !== null) return null;
  const key = unwrapPrivateKey(secret.wrapped, secret.keyId, wrapKey);
  return key ? { id: secret.keyId, key } : null;
}

/** Takes an administrator's copy of the root key away (no longer admin, inactive, new password). */
export async function dropRootCopy(db: Db, ctx: BackendContext, userId: string): Promise<void> {
  if (await getRef(db, 'key_secret', rootSecretId(userId))) await deleteRef(db, 'key_secret', rootSecretId(userId), ctx.clock.tick());
}

/** Whether any administrator still holds a copy of a root key that is not revoked. */
export async function someoneHoldsRoot(db: Db): Promise<boolean> {
  const roots = new Set((await listRefs(db, 'signing_key')).filter((k) => k.userId === null && k.revokedAt === null).map((k) => k.id));
  return (await listRefs(db, 'key_secret')).some((s) => roots.has(s.keyId));
}

/** Gives another administrator a copy of the root key, wrapped under their password. */
export async function shareRootKey(db: Db, ctx: BackendContext, root: OpenKey, adminId: string, wrapKey: Buffer): Promise<void> {
  await putRef(
    db,
    'key_secret',
    rootSecretId(adminId),
    { keyId: root.id, userId: adminId, wrapped: wrapPrivateKey(root.key, root.id, wrapKey) },
    ctx.clock.tick(),
  );
}

/**
 * The user's current key, opened with the wrap key from their password (at login or unlock),
 * to seal what they write in that session; null when this computer has none they can open.
 */
export async function openUserKey(db: Db, userId: string, wrapKey: Buffer): Promise<OpenKey | null> {
  const key = activeKeyOf(await listRefs(db, 'signing_key'), userId);
  const secret = key ? await getRef(db, 'key_secret', key.id) : null;
  if (!key || !secret) return null;
  const priv = unwrapPrivateKey(secret.wrapped, key.id, wrapKey);
  return priv ? { id: key.id, key: priv } : null;
}

/**
 * Opens the caller's signing key with their password, for one act. A wrong password, a user
 * without a key or with an uncertified one, and a damaged key record each get their own message.
 */
export async function unlockSigningKey(ctx: BackendContext, userId: string, password: string): Promise<OpenKey> {
  const cred = await getRef(ctx.db, 'credential', userId);
  const wrapKey = cred ? await unlockWithPassword(password, cred.hash) : null;
  if (!wrapKey) throw new AppError('VALIDATION', 'Kata sandi untuk tanda tangan salah. Tidak ada yang disimpan.');
  const keys = await listRefs(ctx.db, 'signing_key');
  const key = activeKeyOf(keys, userId);
  if (!key) {
    const revoked = keys.some((k) => k.userId === userId && k.revokedAt !== null);
    // A new key comes with a new password set by the office administrator: made and certified
    // at the hub, it reaches every workstation by sync (an OPD workstation cannot publish one).
    throw new AppError(
      'FORBIDDEN',
      revoked
        ? 'Kunci tanda tangan Anda sudah dicabut. Minta admin kantor mengatur ulang kata sandi Anda untuk menerbitkan kunci baru.'
        : 'Anda belum memiliki kunci tanda tangan. Minta admin kantor mengatur ulang kata sandi Anda untuk menerbitkannya.',
    );
  }
  if (!key.cert)
    throw new AppError('FORBIDDEN', 'Kunci tanda tangan Anda belum disertifikasi admin kantor (Pengaturan › Kunci tanda tangan › Sertifikasi).');
  const secret = await getRef(ctx.db, 'key_secret', key.id);
  if (!secret)
    throw new AppError('FORBIDDEN', 'Kunci tanda tangan Anda tidak ada di komputer ini; sinkronkan dulu atau minta admin menerbitkan kunci baru.');
  const priv = unwrapPrivateKey(secret.wrapped, key.id, wrapKey);
  if (!priv) throw new AppError('INTERNAL', 'Kunci tanda tangan Anda rusak atau tidak cocok dengan kata sandi; minta admin menerbitkan kunci baru.');
  return { id: key.id, key: priv };
}
