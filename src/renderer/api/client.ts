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

/** Sets the session token sent with every call (null after logout). */
export function setSessionToken(token: string | null): void {
  sessionToken = token;
}

/** Called with the backend's message when a call made with the session token is refused as UNAUTHENTICATED (expired session). */
export function onUnauthenticated(listener: (message: string) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

async function deliver(method: Parameters<TransportAdapter['call']>[0], token: string | null, input: unknown): Promise<Result<unknown>> {
  if (!adapter) return { ok: false, error: { code: 'INTERNAL', message: 'no transport' } };
  const result = await adapter.call(method, token, input);
  // Only a call that needs a session can reveal an expired one: a refused login (wrong
  // password, e.g. on the lock screen) carries the token too but says nothing about it.
  if (!result.ok && result.error.code === 'UNAUTHENTICATED' && contract[method].access !== 'public' && token !== null && token === sessionToken) {
    for (const l of unauthenticatedListeners) l(result.error.message);
  }
  return result;
}

/** The typed client of the contract. */
export const api: AlurApi = createClient(deliver, () => sessionToken);

/** Subscribes to the backend's pushed events. */
export function onServerEvent(listener: (event: ServerEvent) => void): () => void {
  return adapter ? adapter.onEvent(listener) : () => undefined;
}

/**
 * Ends a session other than the current one: the session a lock screen replaced. Failures are
 * ignored because the backend expires idle sessions on its own anyway.
 */
export async function endOtherSession(token: string): Promise<void> {
  if (adapter && token !== sessionToken) await adapter.call('session.logout', token, {});
}
