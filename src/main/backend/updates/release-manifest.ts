/**
 * Signed releases. The update server is not trusted (DESIGN.md section 6): whoever controls it,
 * or the network path to it, could serve any installer with a matching `latest.yml`. So the
 * vendor signs a manifest of each release (version and the SHA-512 of every installer) with an
 * Ed25519 release key kept offline; the app ships the public half (`resources/release-keys.json`)
 * and installs only a file whose hash the signed manifest names, for a version newer than its own.
 * This module is plain Node: the CLI signs with it, the Electron updater verifies with it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPair, keyIdOf, publicKeyObject, signText, verifyText } from '../keys/key-crypto';

/** The signed file, next to `latest.yml` in the release folder. */
export const RELEASE_FILE = 'alur-release.json';
const FORMAT = 'alur-release-1';
/** What a release folder ships as installers (electron-builder's artifacts). */
const INSTALLER = /\.(exe|AppImage|deb)$/;

export interface ReleaseFile {
  /** The file name as `latest.yml` names it (relative to the folder). */
  url: string;
  /** Base64 SHA-512, as electron-updater writes it. */
  sha512: string;
  size: number;
}

export interface ReleaseManifest {
  product: 'Alur';
  version: string;
  releaseDate: string;
  files: ReleaseFile[];
}

export interface TrustedKey {
  keyId: string;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The numeric parts of a version (`1.2.3-beta.1` -> [1,2,3] and its pre-release tag). */
function parseVersion(v: string): { nums: number[]; pre: string } | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(v.trim());
  if (!m) return null;
  return { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ?? '' };
}

/** Semantic-version order: negative when a < b. A pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return Number.NaN;
  for (let i = 0; i < 3; i++) if ((x.nums[i] ?? 0) !== (y.nums[i] ?? 0)) return (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
  if (x.pre === y.pre) return 0;
  if (!x.pre) return 1;
  if (!y.pre) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/** A new release key: the private half as PKCS#8 PEM (keep it offline), the public half to ship. */
export function newReleaseKey(): { privatePem: string; key: TrustedKey } {
  const pair = generateKeyPair();
  return { privatePem: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), key: { keyId: pair.id, publicKey: pair.publicKey } };
}

/** SHA-512 of a file, base64, read as a stream (installers are large). */
export async function sha512File(file: string): Promise<string> {
  const hash = crypto.createHash('sha512');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/**
 * Signs a release folder (the output of `npm run dist`): the version from `latest*.yml`, the
 * SHA-512 of every installer. Writes `alur-release.json` there and returns the manifest.
 */
export async function signReleaseFolder(dir: string, privatePem: string, now = new Date()): Promise<ReleaseManifest> {
  const key = crypto.createPrivateKey(privatePem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('kunci rilis harus Ed25519 (buat dengan "alur release keygen")');
  const pub = crypto.createPublicKey(key).export({ format: 'jwk' });
  const publicKey = Buffer.from(pub.x ?? '', 'base64url').toString('base64');
  const names = fs.readdirSync(dir);
  const versions = new Set<string>();
  for (const yml of names.filter((n) => /^latest.*\.yml$/.test(n))) {
    const v = /^version:\s*['"]?([^'"\s]+)/m.exec(fs.readFileSync(path.join(dir, yml), 'utf8'))?.[1];
    if (v) versions.add(v);
  }
  const [version, ...more] = [...versions];
  if (!version || more.length || !parseVersion(version)) throw new Error(`versi rilis tidak jelas di latest*.yml (${[...versions].join(', ') || 'tidak ada'})`);
  const files: ReleaseFile[] = [];
  for (const n of names.filter((x) => INSTALLER.test(x)).sort()) {
    const file = path.join(dir, n);
    files.push({ url: n, sha512: await sha512File(file), size: fs.statSync(file).size });
  }
  if (!files.length) throw new Error('tidak ada berkas pemasang (.exe, .AppImage, .deb) di folder rilis');
  const manifest: ReleaseManifest = { product: 'Alur', version, releaseDate: now.toISOString(), files };
  const text = JSON.stringify(manifest);
  const envelope = { format: FORMAT, manifest: text, keyId: keyIdOf(publicKey), signature: signText(key, text) };
  fs.writeFileSync(path.join(dir, RELEASE_FILE), `${JSON.stringify(envelope, null, 2)}\n`);
  return manifest;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseManifest(text: string): ReleaseManifest | null {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(m) || m['product'] !== 'Alur' || typeof m['version'] !== 'string' || !parseVersion(m['version']) || !Array.isArray(m['files'])) return null;
  const files: ReleaseFile[] = [];
  for (const f of m['files']) {
    if (!isRecord(f) || typeof f['url'] !== 'string' || typeof f['sha512'] !== 'string' || typeof f['size'] !== 'number') return null;
    files.push({ url: f['url'], sha512: f['sha512'], size: f['size'] });
  }
  return { product: 'Alur', version: m['version'], releaseDate: typeof m['releaseDate'] === 'string' ? m['releaseDate'] : '', files };
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
  if (!isRecord(env) || env['format'] !== FORMAT || typeof env['manifest'] !== 'string' || typeof env['keyId'] !== 'string' || typeof env['signature'] !== 'string')
    return { ok: false, reason: `${RELEASE_FILE} tidak bertanda tangan atau formatnya tidak dikenal` };
  const key = keys.find((k) => k.keyId === env['keyId']);
  if (!key) return { ok: false, reason: `ditandatangani kunci ${env['keyId'].slice(0, 16)} yang tidak dipercaya aplikasi ini` };
  if (!verifyText(key.publicKey, env['manifest'], env['signature'])) return { ok: false, reason: 'tanda tangan rilis tidak cocok: metadata telah diubah' };
  const manifest = parseManifest(env['manifest']);
  return manifest ? { ok: true, value: manifest } : { ok: false, reason: 'isi metadata rilis tidak valid' };
}

/**
 * What electron-updater found (from the unsigned `latest.yml`) must be exactly what the signed
 * manifest says, and newer than the running version: no downgrade, no reinstall of the same.
 */
export function checkOffer(manifest: ReleaseManifest, currentVersion: string, offered: { version: string; files: ReadonlyArray<{ url: string; sha512: string }> }): Checked<ReleaseManifest> {
  if (offered.version !== manifest.version) return { ok: false, reason: `versi ${offered.version} di latest.yml tidak sama dengan versi bertanda tangan ${manifest.version}` };
  const order = compareVersions(manifest.version, currentVersion);
  if (!(order > 0)) return { ok: false, reason: `versi ${manifest.version} tidak lebih baru dari versi terpasang ${currentVersion} (tidak boleh turun versi)` };
  for (const f of offered.files) {
    const signed = manifest.files.find((m) => m.url === f.url);
    if (!signed || signed.sha512 !== f.sha512) return { ok: false, reason: `berkas ${f.url} tidak ada di metadata bertanda tangan atau hash-nya berbeda` };
  }
  return { ok: true, value: manifest };
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
      isRecord(k) && typeof k['publicKey'] === 'string' && publicKeyObject(k['publicKey']) ? [{ keyId: keyIdOf(k['publicKey']), publicKey: k['publicKey'] }] : [],
    );
  } catch {
    return [];
  }
}
