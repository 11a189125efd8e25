/**
 * `alur release`: the vendor's side of signed updates. `keygen` makes the Ed25519 release key
 * (the private half stays offline; the public half goes into resources/release-keys.json before
 * the build), `sign` signs a release folder made by `npm run dist` (writes alur-release.json).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { newReleaseKey, RELEASE_FILE, signReleaseFolder } from '../../backend/updates/release-manifest';
import type { CliEnv } from '../main';

type Run = (fn: (env: CliEnv) => Promise<void>) => void;

export function releaseCommand(program: Command, run: Run): void {
  const release = program.command('release').description('kunci rilis dan penandatanganan pembaruan (untuk penerbit aplikasi)');
  release
    .command('keygen')
    .description('membuat kunci rilis Ed25519 baru: kunci privat ke berkas (mode 0600), kunci publik dicetak untuk resources/release-keys.json')
    .requiredOption('--out <file>', 'berkas PEM kunci privat (tidak boleh sudah ada)')
    .action((o: { out: string }) =>
      run(async (env) => {
        const k = newReleaseKey();
        // 'wx': never overwrite a release key that already signs shipped releases.
        fs.writeFileSync(o.out, k.privatePem, { mode: 0o600, flag: 'wx' });
        env.io.out(`Kunci privat rilis ditulis ke ${path.resolve(o.out)}; simpan di luar jaringan.`);
        env.io.out(
          `Tambahkan ke resources/release-keys.json lalu bangun aplikasi: ${JSON.stringify({ keyId: k.key.keyId, publicKey: k.key.publicKey })}`,
        );
      }),
    );
  release
    .command('sign')
    .description(`menandatangani folder rilis (hasil npm run dist): menulis ${RELEASE_FILE} berisi versi dan SHA-512 setiap pemasang`)
    .argument('<dir>', 'folder rilis (berisi latest.yml dan pemasang)')
    .requiredOption('--key <file>', 'berkas PEM kunci privat rilis')
    .action((dir: string, o: { key: string }) =>
      run(async (env) => {
        const m = await signReleaseFolder(dir, fs.readFileSync(o.key, 'utf8'));
        env.io.out(`Rilis ${m.version} ditandatangani: ${m.files.map((f) => f.url).join(', ')} -> ${path.join(path.resolve(dir), RELEASE_FILE)}`);
      }),
    );
}
