/**
 * Workstation secrets at rest: Electron's `safeStorage` (DPAPI on Windows, the keyring through
 * libsecret or KWallet on Linux), used only here in the main process, on behalf of the backend
 * host (secret-wire.ts; the host keeps the file layout, backend/secrets/workstation-secret.ts).
 *
 * On Linux without a keyring Electron falls back to a hard-coded password ("basic_text"), which
 * protects nothing: that counts as no OS store, and the host keeps the 0600 file as the CLI does.
 */
import { safeStorage } from 'electron';
import type { PortLike } from './host-protocol';
import { serveSealing } from './secret-wire';

/** Whether secrets are sealed by the OS store on this machine ('os') or kept in a 0600 file. */
async function secretStore(): Promise<'os' | 'file'> {
  try {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'file';
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'file';
    return 'os';
  } catch {
    return 'file';
  }
}

/** Serves the host's seal and unseal requests on its port. */
export function serveSecrets(port: PortLike): void {
  serveSealing(port, {
    probe: secretStore,
    seal: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    unseal: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  });
}
