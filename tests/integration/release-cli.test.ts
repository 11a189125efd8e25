/** `alur release keygen` and `alur release sign`: the vendor's side of signed updates (issue 13). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as alur } from '../helpers/cli';
import { RELEASE_FILE, type TrustedKey } from '../../src/shared/updates/release-format';
import { verifyReleaseText } from '../../src/main/electron/release-verify';
import { tempDir } from '../helpers/dirs';

describe('alur release', () => {
  it('makes a key (private file 0600, never overwritten), signs a release folder, and the app verifies it', async () => {
    const dir = tempDir();
    const keyFile = path.join(dir, 'kunci-rilis.pem');
    const gen = await alur(['release', 'keygen', '--out', keyFile]);
    expect(gen.code, gen.err.join('\n')).toBe(0);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = JSON.parse(/(\{.*\})$/.exec(gen.out.join('\n'))?.[1] ?? '{}') as TrustedKey;
    expect((await alur(['release', 'keygen', '--out', keyFile])).code).toBe(1);

    const rel = path.join(dir, 'release');
    fs.mkdirSync(rel);
    fs.writeFileSync(path.join(rel, 'latest.yml'), 'version: 1.2.0\n');
    fs.writeFileSync(path.join(rel, 'latest-linux.yml'), 'version: 1.2.0\n');
    fs.writeFileSync(path.join(rel, 'Alur-Setup-1.2.0.exe'), 'pemasang');
    fs.writeFileSync(path.join(rel, 'alur_1.2.0_amd64.deb'), 'paket');
    const signed = await alur(['release', 'sign', rel, '--key', keyFile]);
    expect(signed.code, signed.err.join('\n')).toBe(0);
    const v = verifyReleaseText(fs.readFileSync(path.join(rel, RELEASE_FILE), 'utf8'), [key]);
    expect(v.ok && v.value.version).toBe('1.2.0');
    expect(v.ok && v.value.files.map((f) => f.url)).toEqual(['Alur-Setup-1.2.0.exe', 'alur_1.2.0_amd64.deb']);

    // Two different versions in one folder: refused, in one line.
    fs.writeFileSync(path.join(rel, 'latest-linux.yml'), 'version: 1.1.0\n');
    const mixed = await alur(['release', 'sign', rel, '--key', keyFile]);
    expect(mixed.code).toBe(1);
    expect(mixed.err[0]).toMatch(/^alur: versi rilis tidak jelas/);
  });
});
