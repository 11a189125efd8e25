/**
 * `/events`: the one-way WebSocket that carries the backend's events to the UI. The upgrade
 * is refused (403) without the run's token, from a foreign Host or Origin, or on another path.
 */
import type http from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../backend/backend';
import { sameToken } from './http-util';

interface EventSocketOptions {
  server: http.Server;
  backend: Backend;
  token: string;
  /** Host and Origin checks of the server (the port is known only after listen). */
  accepts(req: http.IncomingMessage): boolean;
}

/** Wires the upgrade handler and the backend's events; returns the function that closes both. */
export function attachEventSocket(opts: EventSocketOptions): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const clients = new Set<WebSocket>();
  opts.server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!opts.accepts(req) || url.pathname !== '/events' || !sameToken(url.searchParams.get('devToken'), opts.token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      // The channel is one-way (server -> UI); anything sent up is ignored.
      ws.on('message', () => undefined);
    });
  });
  const unsubscribe = opts.backend.onEvent((e) => {
    const text = JSON.stringify(e);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });
  return () => {
    unsubscribe();
    for (const ws of clients) ws.terminate();
    wss.close();
  };
}
