/**
 * The backend host's life: a `utilityProcess` started on first use (and again after a crash),
 * reached over a MessagePort, and shut down cleanly (WAL checkpoint) before the app quits.
 */
import path from 'node:path';
import { app, MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import type { MethodName } from '../../shared/api/contract';
import type { AppInfo } from '../../shared/api/views';
import type { Result } from '../../shared/result';
import { createHostClient, SHUTDOWN_MESSAGE, type HostClient, type HostInit } from './host-protocol';
import { log } from './main-log';
import { dataDir, resourcesDir } from './paths';
import { relayEvent } from './windows';

const HOST_STOPPED = 'Proses data berhenti tiba-tiba. Silakan ulangi; bila terus terjadi, hubungi administrator.';
const HOST_SHUTDOWN_GRACE_MS = 3000;

interface Host {
  child: UtilityProcess;
  port: MessagePortMain;
  client: HostClient;
  exited: Promise<void>;
}

let host: Host | null = null;
let quitState: 'running' | 'closing' | 'done' = 'running';

function startHost(): Host {
  const { port1, port2 } = new MessageChannelMain();
  const child = utilityProcess.fork(path.join(__dirname, 'backend-host.cjs'), [], { serviceName: 'Alur data', stdio: 'inherit' });
  const client = createHostClient(port1);
  client.onEvent(relayEvent);
  port1.start();
  const init: HostInit = { type: 'init', dataDir: dataDir(), resourcesDir: resourcesDir(), appVersion: app.getVersion() };
  child.postMessage(init, [port2]);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      client.fail(HOST_STOPPED);
      port1.close();
      if (host?.child === child) host = null;
      if (quitState === 'running') {
        // The next call starts a fresh host; its sessions are gone, so send the UI to login.
        log.warn(`proses data berhenti (kode ${code})`);
        relayEvent({ type: 'session.expired' });
      }
      resolve();
    });
  });
  return { child, port: port1, client, exited };
}

/** Starts the host now rather than on the first call, so the window's first call finds it warm. */
export function ensureHost(): void {
  host ??= startHost();
}

/** One contract call to the backend host (started if it is not running). */
export function forward(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>> {
  host ??= startHost();
  return host.client.call(method, token, input);
}

/** The update URL the office set in Pengaturan › Kantor (null when none, or the backend failed). */
export async function officeUpdateUrl(): Promise<string | null> {
  const r = await forward('app.info', null, {});
  return r.ok ? ((r.value as AppInfo).updateUrl ?? null) : null;
}

async function stopHost(): Promise<void> {
  const h = host;
  if (!h) return;
  h.port.postMessage(SHUTDOWN_MESSAGE);
  const timedOut = await Promise.race([
    h.exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), HOST_SHUTDOWN_GRACE_MS)),
  ]);
  if (timedOut) h.child.kill();
}

/** The app's before-quit: hold the quit until the host has closed the database, then quit. */
export function stopHostBeforeQuit(event: Electron.Event): void {
  if (quitState === 'done' || !host) return;
  event.preventDefault();
  if (quitState === 'closing') return;
  quitState = 'closing';
  stopHost()
    .catch((e: unknown) => log.warn(`proses data gagal ditutup: ${String(e)}`))
    .finally(() => {
      quitState = 'done';
      app.quit();
    });
}
