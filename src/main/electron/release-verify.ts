/**
 * The updater's checks of a signed release (see src/shared/updates/release-format.ts and
 * `alur release sign`): the envelope's Ed25519 signature against the keys shipped in
 * `resources/release-keys.json`, and the downloaded file's SHA-512 against the manifest.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  isRecord,
  parseManifest,
  RELEASE_FILE,
  RELEASE_FORMAT,
  type Checked,
  type ReleaseFile,
  type ReleaseManifest,
  type TrustedKey,
} from '../../shared/updates/release-format';

function keyIdOf(publicKeyB64: string): string {
  return crypto.createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex').slice(0, 16);
}

function verifyEd25519(publicKeyB64: string, text: string, signatureB64: string): boolean {
  const raw = Buffer.from(publicKeyB64, 'base64');
  const sig = Buffer.from(signatureB64, 'base64');
  if (raw.length !== 32 || sig.length !== 64) return false;
  try {
    const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    return crypto.verify(null, Buffer.from(text, 'utf8'), key, sig);
  } catch {
    return false;
  }
}

/** SHA-512 of a file, base64, read as a stream (installers are large). */
async function sha512File(file: string): Promise<string> {
  const hash = crypto.createHash('sha512');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** Reads `alur-release.json` and checks its signature against the shipped release keys. */
export function verifyReleaseText(text: string, keys: readonly TrustedKey[]): Checked<ReleaseManifest> {
  if (!keys.length) return { ok: false, reason: 'aplikasi ini tidak membawa kunci rilis: pembaruan tidak dapat diverifikasi' };
  let env: unknown;
  try {
    env = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${RELEASE_FILE} bukan JSON` };
  }
  if (
    !isRecord(env) ||
    env['format'] !== RELEASE_FORMAT ||
    typeof env['manifest'] !== 'string' ||
    typeof env['keyId'] !== 'string' ||
    typeof env['signature'] !== 'string'
  )
    return { ok: false, reason: `${RELEASE_FILE} tidak bertanda tangan atau formatnya tidak dikenal` };
  const key = keys.find((k) => k.keyId === env['keyId']);
  if (!key) return { ok: false, reason: `ditandatangani kunci ${env['keyId'].slice(0, 16)} yang tidak dipercaya aplikasi ini` };
  if (!verifyEd25519(key.publicKey, env['manifest'], env['signature']))
    return { ok: false, reason: 'tanda tangan rilis tidak cocok: metadata telah diubah' };
  const manifest = parseManifest(env['manifest']);
  return manifest ? { ok: true, value: manifest } : { ok: false, reason: 'isi metadata rilis tidak valid' };
}

/** The downloaded installer must hash to a file of the signed manifest (checked before install). */
export async function checkDownloadedFile(manifest: ReleaseManifest, file: string): Promise<Checked<ReleaseFile>> {
  const sha512 = await sha512File(file);
  const match = manifest.files.find((m) => m.sha512 === sha512);
  return match ? { ok: true, value: match } : { ok: false, reason: `berkas unduhan ${path.basename(file)} tidak cocok dengan hash bertanda tangan` };
}

/** The release keys the app trusts (`resources/release-keys.json`); unreadable or malformed -> none. */
export function loadReleaseKeys(resourcesDir: string): TrustedKey[] {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(resourcesDir, 'release-keys.json'), 'utf8'));
    const list = isRecord(parsed) && Array.isArray(parsed['keys']) ? parsed['keys'] : [];
    return list.flatMap((k: unknown) =>
      isRecord(k) && typeof k['publicKey'] === 'string' && Buffer.from(k['publicKey'], 'base64').length === 32
        ? [{ keyId: keyIdOf(k['publicKey']), publicKey: k['publicKey'] }]
        : [],
    );
  } catch {
    return [];
  }
}
