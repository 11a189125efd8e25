import type { AlurBridge } from '../../shared/api/bridge';
import type { TransportAdapter } from './adapter';

/** The preload's bridge, when the renderer runs inside the Electron shell. */
export function ipcBridge(): AlurBridge | null {
  const w = window as Window & { alur?: AlurBridge };
  return w.alur ?? null;
}

/**
 * Electron transport: each contract method is a named function on `window.alur` (no generic
 * invoke), so the renderer can only ask for what the contract lists.
 */
export function createIpcTransport(bridge: AlurBridge): TransportAdapter {
  return {
    call: (method, token, input) => bridge[method](token, input),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}
