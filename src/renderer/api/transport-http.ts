import type { ServerEvent } from '../../shared/api/contract';
import { ERROR_CODES, type ApiError, type Result } from '../../shared/result';
import type { TransportAdapter } from './adapter';

const DEV_TOKEN_KEY = 'alur.devToken';
const RECONNECT_MS = 2000;

/**
 * Takes the dev server's per-run token from `?token=` on first load, keeps it in
 * sessionStorage (so a reload still works) and removes it from the address bar so it is not
 * copied around with the URL. Returns null when there is none.
 */
export function takeDevToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(DEV_TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(DEV_TOKEN_KEY);
}

function transportError(message: string): Result<unknown> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

function isApiError(v: unknown): v is ApiError {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { code?: unknown; message?: unknown };
  return typeof e.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(e.code);
}

/** Accepts only a well-formed `Result`; anything else becomes an INTERNAL error. */
function asResult(body: unknown): Result<unknown> | null {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return null;
  const b = body as { ok: unknown; value?: unknown; error?: unknown };
  if (b.ok === true) return { ok: true, value: b.value };
  if (b.ok === false && isApiError(b.error)) return { ok: false, error: b.error };
  return null;
}

/**
 * Development and test transport: `POST /api/<method>` with `{token, input}` and the dev
 * token header, server events over a WebSocket at `/events`. Served only by
 * `npm run dev:web` on 127.0.0.1; the packaged app never uses it.
 */
export function createHttpTransport(devToken: string): TransportAdapter {
  const listeners = new Set<(e: ServerEvent) => void>();
  let socket: WebSocket | null = null;
  let retry: number | null = null;

  function connect(): void {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${window.location.host}/events?devToken=${encodeURIComponent(devToken)}`);
    socket = ws;
    // Visible to tests (and to a developer's inspector): events sent before the socket opens
    // reach nobody, so an end-to-end test waits for this before acting from another window.
    ws.onopen = () => {
      document.documentElement.dataset.alurEvents = 'open';
    };
    ws.onmessage = (msg) => {
      let event: ServerEvent;
      try {
        event = JSON.parse(String(msg.data)) as ServerEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(event);
    };
    ws.onclose = () => {
      socket = null;
      document.documentElement.dataset.alurEvents = 'closed';
      // The dev server may restart; keep trying while someone listens.
      if (listeners.size > 0 && retry === null) {
        retry = window.setTimeout(() => {
          retry = null;
          if (listeners.size > 0) connect();
        }, RECONNECT_MS);
      }
    };
  }

  return {
    async call(method, token, input) {
      let res: Response;
      try {
        res = await fetch(`./api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-alur-dev-token': devToken },
          body: JSON.stringify({ token, input }),
        });
      } catch (e) {
        return transportError(e instanceof Error ? e.message : String(e));
      }
      let body: unknown = null;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      return asResult(body) ?? transportError(`HTTP ${res.status}`);
    },
    onEvent(listener) {
      listeners.add(listener);
      if (socket === null && retry === null) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && socket) socket.close();
      };
    },
  };
}
