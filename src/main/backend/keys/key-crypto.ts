/**
 * Ed25519 keys and their wrapping, on Node's crypto only. A private key is kept as PKCS#8 DER
 * encrypted with AES-256-GCM under a 32-byte key derived from the holder's password (see
 * services/password.ts); the GCM tag makes a wrong password or a damaged record fail cleanly.
 */
import crypto from 'node:crypto';
import { AppError } from '../../../shared/result';

/** A private key opened for use, with its id (a signer for one act, or the office root key in a session). */
export interface OpenKey {
  id: string;
  key: crypto.KeyObject;
}

interface KeyPair {
  id: string;
  publicKey: string;
  privateKey: crypto.KeyObject;
}

/** A key's id: the first 8 bytes of the SHA-256 of its public key, in hex. */
export function keyIdOf(publicKeyB64: string): string {
  return crypto.createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex').slice(0, 16);
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const pub = Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
  return { id: keyIdOf(pub), publicKey: pub, privateKey };
}

export function publicKeyObject(publicKeyB64: string): crypto.KeyObject | null {
  const raw = Buffer.from(publicKeyB64, 'base64');
  if (raw.length !== 32) return null;
  try {
    return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

export function signText(privateKey: crypto.KeyObject, text: string): string {
  return crypto.sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

export function verifyText(publicKeyB64: string, text: string, signatureB64: string): boolean {
  return verifyWithKey(publicKeyObject(publicKeyB64), text, signatureB64);
}

/** `verifyText` with the public key already parsed (a batch checks many signatures of one key). */
export function verifyWithKey(key: crypto.KeyObject | null, text: string, signatureB64: string): boolean {
  const sig = Buffer.from(signatureB64, 'base64');
  if (!key || sig.length !== 64) return false;
  try {
    return crypto.verify(null, Buffer.from(text, 'utf8'), key, sig);
  } catch {
    return false;
  }
}

/** `v1$nonce$ciphertext$tag`, the key id bound in as associated data. */
export function wrapPrivateKey(privateKey: crypto.KeyObject, keyId: string, wrapKey: Buffer): string {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', wrapKey, nonce);
  cipher.setAAD(Buffer.from(keyId));
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const ct = Buffer.concat([cipher.update(der), cipher.final()]);
  return ['v1', nonce.toString('base64'), ct.toString('base64'), cipher.getAuthTag().toString('base64')].join('$');
}

/** The private key, or null when the wrap key is wrong; a malformed record is an error. */
export function unwrapPrivateKey(wrapped: string, keyId: string, wrapKey: Buffer): crypto.KeyObject | null {
  const [v, nonce, ct, tag] = wrapped.split('$');
  if (v !== 'v1' || !nonce || !ct || !tag) throw new AppError('INTERNAL', 'Berkas kunci tanda tangan rusak; minta admin menerbitkan kunci baru.');
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', wrapKey, Buffer.from(nonce, 'base64'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]);
    return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}
