/**
 * Password hashing with scrypt at OWASP's recommended parameters (N=2^17, r=8, p=1).
 * Encoded as `scrypt$N$r$p$salt$hash` so parameters can be raised later without breaking
 * existing hashes. A hash made before signing keys existed (32 bytes from one derivation) is
 * still checked by `unlockWithPassword`: the first 32 bytes of a 64-byte derivation equal it.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify<crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions, Buffer>(crypto.scrypt);
/**
 * `owasp` is what every real installation uses. `test` (N=2^10) exists so the test suite can
 * create dozens of users without paying 0.3 s of CPU each; it is chosen only by the composition
 * roots that tests start (`BackendOptions.passwordCost`, `ALUR_PASSWORD_COST=test` for the CLI and
 * the dev server), never by the Electron app. Verification always uses the parameters stored in
 * the hash, so both kinds verify everywhere.
 */
export type PasswordCost = 'owasp' | 'test';
const PARAMS: Record<PasswordCost, { N: number; r: number; p: number }> = {
  owasp: { N: 2 ** 17, r: 8, p: 1 },
  test: { N: 2 ** 10, r: 8, p: 1 },
};
const KEY_LEN = 32;
const MAXMEM = 256 * 1024 * 1024;

/**
 * One scrypt run gives both the stored verifier and the key that wraps the user's private
 * signing key: scrypt ends in PBKDF2, whose output blocks are independent, so the first 32
 * bytes of a 64-byte derivation equal the 32-byte verifier and the last 32 are a separate key.
 * Logging in or signing therefore costs one derivation, not two.
 */
interface PasswordKeys {
  hash: string;
  wrapKey: Buffer;
}

export async function hashPasswordWithKey(password: string, cost: PasswordCost = 'owasp'): Promise<PasswordKeys> {
  const salt = crypto.randomBytes(16);
  const params = PARAMS[cost];
  const out = await scrypt(password.normalize('NFKC'), salt, KEY_LEN * 2, { ...params, maxmem: MAXMEM });
  const hash = ['scrypt', params.N, params.r, params.p, salt.toString('base64'), out.subarray(0, KEY_LEN).toString('base64')].join('$');
  return { hash, wrapKey: out.subarray(KEY_LEN) };
}

/** The cost named by `ALUR_PASSWORD_COST` (the CLI and dev server started by tests), else `owasp`. */
export function passwordCostFromEnv(env: NodeJS.ProcessEnv = process.env): PasswordCost {
  return env['ALUR_PASSWORD_COST'] === 'test' ? 'test' : 'owasp';
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
