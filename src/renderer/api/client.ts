/**
 * The one place that picks the transport: the preload bridge inside Electron, the loopback
 * HTTP transport under `npm run dev:web`. Components import `api` and `onServerEvent` from
 * here and never know which is in use.
 */
import { contract, createClient, type AlurApi, type ServerEvent } from '../../shared/api/contract';
import type { Result } from '../../shared/result';
import type { TransportAdapter } from './adapter';
import { createHttpTransport, takeDevToken } from './transport-http';
import { createIpcTransport, ipcBridge } from './transport-ipc';

function pickTransport(): TransportAdapter | null {
  const bridge = ipcBridge();
  if (bridge) return createIpcTransport(bridge);
  const devToken = takeDevToken();
  if (devToken) return createHttpTransport(devToken);
  return null;
}

const adapter = pickTransport();

/** True when neither the Electron bridge nor a dev token is available (the page was opened wrongly). */
export const transportMissing = adapter === null;

let sessionToken: string | null = null;
const unauthenticatedListeners = new Set<(message: string) => void>();
const lockedListeners = new Set<() => void>();

/** Sets the session token sent with every call (null after logout). */
export function setSessionToken(token: string | null): void {
  sessionToken = token;
}

/** Called with the backend's message when a call made with the session token is refused as UNAUTHENTICATED (expired session). */
export function onUnauthenticated(listener: (message: string) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Called when the backend says the current session is locked (idle, or "Kunci layar" in another place). */
export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/** Shows the lock screen now (after `session.lock` succeeded). */
export function announceLocked(): void {
  for (const l of lockedListeners) l();
}

async function deliver(method: Parameters<TransportAdapter['call']>[0], token: string | null, input: unknown): Promise<Result<unknown>> {
  if (!adapter) return { ok: false, error: { code: 'INTERNAL', message: 'no transport' } };
  const result = await adapter.call(method, token, input);
  // Only a call that needs a session can reveal an expired one: a refused login (wrong
  // password, e.g. on the lock screen) carries the token too but says nothing about it.
  if (!result.ok && result.error.code === 'UNAUTHENTICATED' && contract[method].access !== 'public' && token !== null && token === sessionToken) {
    for (const l of unauthenticatedListeners) l(result.error.message);
  }
  if (!result.ok && result.error.code === 'SESSION_LOCKED' && token !== null && token === sessionToken) announceLocked();
  return result;
}

/** The typed client of the contract. */
export const api: AlurApi = createClient(deliver, () => sessionToken);

/** Subscribes to the backend's pushed events. */
export function onServerEvent(listener: (event: ServerEvent) => void): () => void {
  return adapter ? adapter.onEvent(listener) : () => undefined;
}
