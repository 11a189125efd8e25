/**
 * Entry point of the backend host, the `utilityProcess` main.ts forks. The database, the
 * services and PDF or export work all run here, so nothing they do can freeze the window.
 *
 * Protocol: the first `parentPort` message is `{type:'init', dataDir, resourcesDir,
 * appVersion, sealing?}` carrying a MessagePort; every call then arrives on that port as
 * `{id, method, token, input}` and is answered `{id, result}`; backend events are pushed as
 * `{event}`. `{type:'shutdown'}` closes the database and exits. With `sealing: 'main'` the host
 * asks the main process to seal and unseal the workstation secret on the same port
 * (secret-wire.ts) before the backend opens.
 *
 * Electron is used for types only: `process.parentPort` exists at run time in a utility
 * process, and the `import type` below only brings its typing in.
 */
import type { MessagePortMain } from 'electron';
import { openBackend, type Backend } from '../backend/backend';
import { openSealedSecret } from '../backend/secrets/workstation-secret';
import { parseHostInit, serveBackend } from './host-protocol';
import { sealerOverPort, type MainSealer } from './secret-wire';

function fatal(message: string): never {
  console.error(`alur backend-host: ${message}`);
  process.exit(1);
}

function start(): void {
  // Typed as always present by Electron's declarations, but absent when this file is run by
  // plain Node by mistake.
  const parentPort = process.type === 'utility' ? process.parentPort : null;
  if (!parentPort) fatal('must be started by the Alur shell (utilityProcess.fork)');

  parentPort.once('message', (message) => {
    const init = parseHostInit(message.data);
    const port: MessagePortMain | undefined = message.ports[0];
    if (!init || !port) fatal('invalid start message');

    // Secrets first: with an OS store the workstation secret is unsealed (or moved into it) by
    // the main process before the backend opens; calls that arrive meanwhile wait for it.
    const sealer = init.sealing === 'main' ? sealerOverPort(port) : null;
    const opening = prepareSecrets(init.dataDir, sealer).then(() =>
      openBackend({
        dataDir: init.dataDir,
        resourcesDir: init.resourcesDir,
        appVersion: init.appVersion,
        owner: { label: 'aplikasi Alur', waitMs: 5_000 },
      }),
    );
    let closed = false;
    const shutdown = (code: number): void => {
      if (closed) return;
      closed = true;
      opening
        .then((backend) => backend.close())
        .finally(() => {
          port.close();
          // backend.close() finishes closing SQLite in a microtask; exit only after it ran, and
          // explicitly, because the open ports would keep this process alive.
          setImmediate(() => process.exit(code));
        })
        .catch(() => undefined);
    };

    serveBackend(port, whenOpen(opening), () => shutdown(0));
    // The main process died or closed its end: nobody is left to serve.
    port.on('close', () => shutdown(0));
    port.start();
  });
}

/**
 * Unseals (or creates, or moves into the OS store) the workstation secret. A failure is
 * logged and the backend opens anyway: whatever needs the secret then says so itself.
 */
async function prepareSecrets(dataDir: string, sealer: MainSealer | null): Promise<void> {
  if (!sealer) return;
  try {
    if ((await sealer.probe()) === 'os') await openSealedSecret(dataDir, sealer);
  } catch (e) {
    console.error(`alur backend-host: rahasia workstation tidak dapat dibuka: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The backend as served while it is still opening: calls and subscriptions wait for it. */
function whenOpen(opening: Promise<Backend>): Parameters<typeof serveBackend>[1] {
  return {
    call: async (method, token, input) => (await opening).call(method, token, input),
    onEvent(listener) {
      let stop: (() => void) | null = null;
      let cancelled = false;
      opening
        .then((b) => {
          if (!cancelled) stop = b.onEvent(listener);
        })
        .catch(() => undefined);
      return () => {
        cancelled = true;
        stop?.();
      };
    },
  };
}

start();
