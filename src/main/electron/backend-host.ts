/**
 * Entry point of the backend host, the `utilityProcess` main.ts forks. The database, the
 * services and PDF or export work all run here, so nothing they do can freeze the window.
 *
 * Protocol: the first `parentPort` message is `{type:'init', dataDir, resourcesDir,
 * appVersion}` carrying a MessagePort; every call then arrives on that port as
 * `{id, method, token, input}` and is answered `{id, result}`; backend events are pushed as
 * `{event}`. `{type:'shutdown'}` closes the database and exits.
 *
 * Electron is used for types only: `process.parentPort` exists at run time in a utility
 * process, and the `import type` below only brings its typing in.
 */
import type { MessagePortMain } from 'electron';
import { openBackend } from '../backend/backend';
import { parseHostInit, serveBackend } from './host-protocol';

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

    const backend = openBackend({ dataDir: init.dataDir, resourcesDir: init.resourcesDir, appVersion: init.appVersion, owner: { label: 'aplikasi Alur', waitMs: 5_000 } });
    let closed = false;
    const shutdown = (code: number): void => {
      if (closed) return;
      closed = true;
      backend.close();
      port.close();
      // backend.close() finishes closing SQLite in a microtask; exit only after it ran, and
      // explicitly, because the open ports would keep this process alive.
      setImmediate(() => process.exit(code));
    };

    serveBackend(port, backend, () => shutdown(0));
    // The main process died or closed its end: nobody is left to serve.
    port.on('close', () => shutdown(0));
    port.start();
  });
}

start();
