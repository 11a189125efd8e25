/**
 * Password hashing with scrypt at OWASP's recommended parameters (N=2^17, r=8, p=1).
 * Encoded as `scrypt$N$r$p$salt$hash` so parameters can be raised later without breaking
 * existing hashes. A hash made before signing keys existed (32 bytes from one derivation) is
 * still checked by `unlockWithPassword`: the first 32 bytes of a 64-byte derivation equal it.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify<crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions, Buffer>(crypto.scrypt);
const PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LEN = 32;
const MAXMEM = 256 * 1024 * 1024;

/**
 * One scrypt run gives both the stored verifier and the key that wraps the user's private
 * signing key: scrypt ends in PBKDF2, whose output blocks are independent, so the first 32
 * bytes of a 64-byte derivation equal the 32-byte verifier and the last 32 are a separate key.
 * Logging in or signing therefore costs one derivation, not two.
 */
export interface PasswordKeys {
  hash: string;
  wrapKey: Buffer;
}

export async function hashPasswordWithKey(password: string): Promise<PasswordKeys> {
  const salt = crypto.randomBytes(16);
  const out = await scrypt(password.normalize('NFKC'), salt, KEY_LEN * 2, { ...PARAMS, maxmem: MAXMEM });
  const hash = ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), out.subarray(0, KEY_LEN).toString('base64')].join('$');
  return { hash, wrapKey: out.subarray(KEY_LEN) };
}

/** The wrap key for `password` under a stored hash, or null when the password is wrong. */
export async function unlockWithPassword(password: string, encoded: string): Promise<Buffer | null> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!Number.isInteger(N) || !Number.isInteger(r) || !Number.isInteger(p) || expected.length !== KEY_LEN) return null;
  const out = await scrypt(password.normalize('NFKC'), salt, KEY_LEN * 2, { N, r, p, maxmem: MAXMEM });
  return crypto.timingSafeEqual(out.subarray(0, KEY_LEN), expected) ? out.subarray(KEY_LEN) : null;
}
