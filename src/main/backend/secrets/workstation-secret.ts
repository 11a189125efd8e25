/**
 * The workstation secret: one random 32-byte key from which the sync-settings key (the server
 * password is encrypted with it) and the audit-chain key are taken, plus the sequence number
 * of the audit entry where this key began keying the chain (see audit/audit-chain.ts).
 *
 * Where it lives, strongest first:
 * - sealed by the operating system's store (`workstation.sealed`), when the app runs: Electron's
 *   `safeStorage` (DPAPI on Windows, the keyring on Linux) lives in the main process, which seals
 *   and unseals for the backend host over the host protocol (electron/secret-wire.ts). A copy of
 *   the data folder, or someone reading it as another user or from another machine, gets only
 *   ciphertext;
 * - in `workstation.key` (JSON, mode 0600) when there is no OS store: the CLI, which is plain
 *   Node. Anyone who can read the data folder as this OS user can read it. The CLI says so
 *   when it stores a secret.
 * The key of older versions (`sync.key`, 32 raw bytes) is moved into one of these on first
 * start and its file removed.
 *
 * The unsealed secret is held in memory for the life of the process (`cache`), so the many
 * synchronous readers (settings encryption) need no round trip to the main process.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/result';

/** Seals and unseals with the operating system's store (implemented by the Electron main process). */
interface OsSealer {
  seal(plain: string): Promise<string>;
  unseal(sealed: string): Promise<string>;
}

export const SEALED_FILE = 'workstation.sealed';
export const PLAIN_FILE = 'workstation.key';
/** The raw key file of versions before the OS store. */
export const LEGACY_KEY_FILE = 'sync.key';

const Stored = z
  .object({ v: z.literal(1), key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/), auditAnchor: z.number().int().positive().nullable() })
  .strict();
type Stored = z.infer<typeof Stored>;

export interface WorkstationSecret {
  key: Buffer;
  /** seq of the audit entry where this key began keying the chain; null before the first. */
  auditAnchor: number | null;
  /** 'os' when sealed by the operating system's store. */
  store: 'os' | 'file';
}

interface Entry {
  secret: WorkstationSecret;
  sealer: OsSealer | null;
}

const cache = new Map<string, Entry>();

function fileIn(dataDir: string, name: string): string {
  return path.join(dataDir, name);
}

function toStored(s: WorkstationSecret): string {
  return JSON.stringify({ v: 1, key: s.key.toString('base64'), auditAnchor: s.auditAnchor } satisfies Stored);
}

function fromStored(text: string, store: WorkstationSecret['store']): WorkstationSecret | null {
  try {
    const r = Stored.safeParse(JSON.parse(text));
    return r.success ? { key: Buffer.from(r.data.key, 'base64'), auditAnchor: r.data.auditAnchor, store } : null;
  } catch {
    return null;
  }
}

/** Writes through a temporary file and a rename, so a crash leaves the old file or the new one. */
function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The key of an older version, if its file is there and whole. */
function legacyKey(dataDir: string): Buffer | null {
  try {
    const k = fs.readFileSync(fileIn(dataDir, LEGACY_KEY_FILE));
    return k.length === 32 ? k : null;
  } catch {
    return null;
  }
}

/** Removes the plaintext copies once the secret is safely stored elsewhere. */
function removePlaintext(dataDir: string, keepPlainFile: boolean): void {
  fs.rmSync(fileIn(dataDir, LEGACY_KEY_FILE), { force: true });
  if (!keepPlainFile) fs.rmSync(fileIn(dataDir, PLAIN_FILE), { force: true });
}

/**
 * Opens (or creates) the secret sealed by the OS store, moving a plaintext one into it; called
 * by the backend host before the backend opens. A sealed file that cannot be unsealed (the data
 * folder came from another machine or OS account, or the store was reset) is set aside, never
 * deleted, and a new secret made: the server password must then be entered again, and the audit
 * check reports the entries made under the old key as not checkable here.
 */
export async function openSealedSecret(dataDir: string, sealer: OsSealer): Promise<WorkstationSecret> {
  const sealedFile = fileIn(dataDir, SEALED_FILE);
  const sealed = readIfExists(sealedFile);
  let secret: WorkstationSecret | null = null;
  if (sealed !== null) {
    secret = fromStored(await sealer.unseal(sealed).catch(() => ''), 'os');
    if (!secret) fs.renameSync(sealedFile, `${sealedFile}.unreadable-${Date.now()}`);
  }
  if (!secret) {
    const plain = readIfExists(fileIn(dataDir, PLAIN_FILE));
    const fromPlain = plain === null ? null : fromStored(plain, 'os');
    secret = fromPlain ?? { key: legacyKey(dataDir) ?? crypto.randomBytes(32), auditAnchor: null, store: 'os' };
    fs.mkdirSync(dataDir, { recursive: true });
    writeAtomic(sealedFile, await sealer.seal(toStored(secret)));
  }
  removePlaintext(dataDir, false);
  cache.set(path.resolve(dataDir), { secret, sealer });
  return secret;
}

/** The words for a data folder whose secret only the app can open. */
const SEALED_ELSEWHERE =
  'Rahasia workstation ini disegel oleh penyimpanan rahasia sistem operasi melalui aplikasi Alur; baris perintah tidak dapat membukanya. Jalankan dari aplikasi.';

/**
 * The secret for this data folder: the one opened by `openSealedSecret` in this process, else
 * the plaintext file (created on first use, mode 0600). Throws when the secret is sealed by
 * the OS store and this process cannot open it (the CLI on the app's data folder).
 */
export function workstationSecret(dataDir: string): WorkstationSecret {
  const dir = path.resolve(dataDir);
  const hit = cache.get(dir);
  if (hit) return hit.secret;
  if (fs.existsSync(fileIn(dir, SEALED_FILE))) throw new AppError('STORAGE', SEALED_ELSEWHERE);
  const file = fileIn(dir, PLAIN_FILE);
  let secret = fromStored(readIfExists(file) ?? '', 'file');
  if (!secret) {
    const made: WorkstationSecret = { key: legacyKey(dir) ?? crypto.randomBytes(32), auditAnchor: null, store: 'file' };
    fs.mkdirSync(dir, { recursive: true });
    try {
      // Exclusive create: two processes (the app and a cron `alur sync`) must not each make one.
      fs.writeFileSync(file, toStored(made), { mode: 0o600, flag: 'wx' });
      secret = made;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      secret = fromStored(readIfExists(file) ?? '', 'file');
      if (!secret) throw new AppError('STORAGE', `Berkas rahasia workstation rusak: ${file}`);
    }
  }
  removePlaintext(dir, true);
  cache.set(dir, { secret, sealer: null });
  return secret;
}

/** Records where this key began keying the audit chain, in the same store as the key. */
export async function setAuditAnchor(dataDir: string, seq: number): Promise<void> {
  const dir = path.resolve(dataDir);
  const entry = cache.get(dir);
  if (!entry) throw new Error('workstation secret not open');
  const next = { ...entry.secret, auditAnchor: seq };
  if (entry.sealer) writeAtomic(fileIn(dir, SEALED_FILE), await entry.sealer.seal(toStored(next)));
  else writeAtomic(fileIn(dir, PLAIN_FILE), toStored(next));
  entry.secret = next;
}

/** A key for one purpose, taken from the workstation key (HKDF-SHA256). */
export function deriveKey(secret: WorkstationSecret, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret.key, Buffer.alloc(0), Buffer.from(purpose, 'utf8'), 32));
}
