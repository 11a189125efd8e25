/**
 * The format of a signed release (`alur-release.json`), shared by the CLI that signs it and the
 * Electron updater that verifies it: the manifest, version order and the offer check. Pure: the
 * signing and the signature check (node:crypto) live with each side.
 */
/** The signed file, next to `latest.yml` in the release folder. */
export const RELEASE_FILE = 'alur-release.json';
export const RELEASE_FORMAT = 'alur-release-1';

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
export function parseVersion(v: string): { nums: number[]; pre: string } | null {
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

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The manifest inside the envelope, or null when it is not one. */
export function parseManifest(text: string): ReleaseManifest | null {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(m) || m['product'] !== 'Alur' || typeof m['version'] !== 'string' || !parseVersion(m['version']) || !Array.isArray(m['files']))
    return null;
  const files: ReleaseFile[] = [];
  for (const f of m['files']) {
    if (!isRecord(f) || typeof f['url'] !== 'string' || typeof f['sha512'] !== 'string' || typeof f['size'] !== 'number') return null;
    files.push({ url: f['url'], sha512: f['sha512'], size: f['size'] });
  }
  return { product: 'Alur', version: m['version'], releaseDate: typeof m['releaseDate'] === 'string' ? m['releaseDate'] : '', files };
}

/**
 * What electron-updater found (from the unsigned `latest.yml`) must be exactly what the signed
 * manifest says, and newer than the running version: no downgrade, no reinstall of the same.
 */
export function checkOffer(
  manifest: ReleaseManifest,
  currentVersion: string,
  offered: { version: string; files: ReadonlyArray<{ url: string; sha512: string }> },
): Checked<ReleaseManifest> {
  if (offered.version !== manifest.version)
    return { ok: false, reason: `versi ${offered.version} di latest.yml tidak sama dengan versi bertanda tangan ${manifest.version}` };
  const order = compareVersions(manifest.version, currentVersion);
  if (!(order > 0))
    return { ok: false, reason: `versi ${manifest.version} tidak lebih baru dari versi terpasang ${currentVersion} (tidak boleh turun versi)` };
  for (const f of offered.files) {
    const signed = manifest.files.find((m) => m.url === f.url);
    if (!signed || signed.sha512 !== f.sha512)
      return { ok: false, reason: `berkas ${f.url} tidak ada di metadata bertanda tangan atau hash-nya berbeda` };
  }
  return { ok: true, value: manifest };
}
