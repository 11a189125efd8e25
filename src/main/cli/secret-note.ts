/**
 * What the CLI says when it stores a secret: it has no operating-system store (it is plain
 * Node, not Electron), so the workstation key sits in a file only this OS user can read.
 */
import path from 'node:path';
import { PLAIN_FILE, workstationSecret } from '../backend/secrets/workstation-secret';
import type { CliEnv } from './main';

export function noteSecretStore(env: CliEnv): void {
  const store = workstationSecret(env.dataDir).store;
  if (store === 'file') {
    env.io.out(
      `Catatan: kata sandi server disimpan terenkripsi dengan kunci di ${path.join(env.dataDir, PLAIN_FILE)} (mode 0600). Baris perintah tidak memakai penyimpanan rahasia sistem operasi: siapa pun yang dapat membaca folder data ini sebagai pengguna ini dapat membukanya.`,
    );
  }
}
