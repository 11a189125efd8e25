import type { ServerEvent, Transport } from '../../shared/api/contract';

/**
 * What the renderer needs from a transport: deliver calls and push server events. The IPC
 * adapter (Electron) and the HTTP adapter (dev/test in a browser) both implement it; nothing
 * outside `src/renderer/api` knows which one is in use.
 */
export interface TransportAdapter {
  call: Transport;
  /** Subscribes to server events; returns the unsubscribe function. */
  onEvent(listener: (event: ServerEvent) => void): () => void;
}
