/**
 * Signed releases. The update server is not trusted (DESIGN.md section 6): whoever controls it,
 * or the network path to it, could serve any installer with a matching `latest.yml`. So the
 * vendor signs a manifest of each release (version and the SHA-512 of every installer) with an
 * Ed25519 release key kept offline; the app ships the public half (`resources/release-keys.json`)
 * and installs only a file whose hash the signed manifest names, for a version newer than its own.
 * This module signs (the CLI's `alur release`); the updater verifies in
 * src/main/electron/release-verify.ts; the format is src/shared/updates/release-format.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPair, keyIdOf, signText } from '../keys/key-crypto';
import {
  parseVersion,
  RELEASE_FILE,
  RELEASE_FORMAT,
  type ReleaseFile,
  type ReleaseManifest,
  type TrustedKey,
} from '../../../shared/updates/release-format';

export { RELEASE_FILE };

/** What a release folder ships as installers (electron-builder's artifacts). */
const INSTALLER = /\.(exe|AppImage|deb)$/;

/** A new release key: the private half as PKCS#8 PEM (keep it offline), the public half to ship. */
export function newReleaseKey(): { privatePem: string; key: TrustedKey } {
  const pair = generateKeyPair();
  return { privatePem: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), key: { keyId: pair.id, publicKey: pair.publicKey } };
}

/** SHA-512 of a file, base64, read as a stream (installers are large). */
async function sha512File(file: string): Promise<string> {
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
  if (!version || more.length || !parseVersion(version))
    throw new Error(`versi rilis tidak jelas di latest*.yml (${[...versions].join(', ') || 'tidak ada'})`);
  const files: ReleaseFile[] = [];
  for (const n of names.filter((x) => INSTALLER.test(x)).sort()) {
    const file = path.join(dir, n);
    files.push({ url: n, sha512: await sha512File(file), size: fs.statSync(file).size });
  }
  if (!files.length) throw new Error('tidak ada berkas pemasang (.exe, .AppImage, .deb) di folder rilis');
  const manifest: ReleaseManifest = { product: 'Alur', version, releaseDate: now.toISOString(), files };
  const text = JSON.stringify(manifest);
  const envelope = { format: RELEASE_FORMAT, manifest: text, keyId: keyIdOf(publicKey), signature: signText(key, text) };
  fs.writeFileSync(path.join(dir, RELEASE_FILE), `${JSON.stringify(envelope, null, 2)}\n`);
  return manifest;
}
