/**
 * DEVELOPMENT AND TEST TOOL ONLY: never part of the packaged app.
 *
 * `npm run dev:web` runs the real backend in this Node process and serves the real renderer
 * to an ordinary browser on 127.0.0.1, over a loopback HTTP/WebSocket transport of the same
 * contract the Electron preload exposes. It exists because the Electron binary cannot be
 * downloaded on the build machines: the end-to-end tests drive the UI through it.
 *
 * Because any web page the developer visits could try to reach a loopback port, every API
 * and WebSocket request must carry a random per-run token (printed once, in the URL to
 * open), the Host header must name this loopback address (against DNS rebinding), a
 * cross-origin Origin is refused, bodies are capped at 2 MB, and only contract method names
 * are routed. A refused request touches nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from '../../shared/api/methods/imports';
import type { Result } from '../../shared/result';
import { contentSecurityPolicy } from '../../shared/web/csp';
import { contentTypeOf } from '../../shared/web/content-types';
import { openBackend, type Backend } from '../backend/backend';
import { passwordCostFromEnv } from '../backend/services/password';

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A LAPOR! import carries the whole export as base64 (the contract caps it at MAX_IMPORT_MB); room for the JSON around it. */
const MAX_IMPORT_BODY_BYTES = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024;
const HOST = '127.0.0.1';

/** The renderer's policy (src/shared/web/csp.ts), also sent as a header so no page can lack it. */
const CSP = contentSecurityPolicy();

/** Options of {@link startDevWeb}. */
export interface DevWebOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Serve the built bundle from `out/renderer` instead of Vite in middleware mode. */
  staticBuild: boolean;
  repoRoot?: string;
}

/** A running dev server. */
export interface DevWebServer {
  /** The address to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

type Next = () => void;
type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void;

function defaultRepoRoot(): string {
  return fileURLToPath(new URL('../../..', import.meta.url));
}

function sameToken(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, code: 'VALIDATION' | 'FORBIDDEN' | 'NOT_FOUND' | 'INTERNAL', message: string): void {
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

function refuse(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** Reads at most `limit` bytes; null when the body is larger (the rest is not buffered). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      resolve(null);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}

/** Serves files of `root` (the Vite build); never outside it. */
function staticMiddleware(root: string): Middleware {
  const rootResolved = path.resolve(root);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(rootResolved, rel);
    if (file !== rootResolved && !file.startsWith(rootResolved + path.sep)) return next();
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return next();
      res.writeHead(200, {
        'content-type': contentTypeOf(path.extname(file)),
        'content-length': st.size,
      });
      if (req.method === 'HEAD') return void res.end();
      fs.createReadStream(file).pipe(res);
    });
  };
}

async function viteMiddleware(repoRoot: string): Promise<{ handle: Middleware; close: () => Promise<void> }> {
  const { createServer } = await import('vite');
  const vite = await createServer({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    // No HMR: its inline preamble would need script-src 'unsafe-inline', which the CSP forbids. Reload the page instead.
    server: { middlewareMode: true, hmr: false },
    appType: 'spa',
    logLevel: 'warn',
  });
  return { handle: (req, res, next) => vite.middlewares(req, res, next), close: () => vite.close() };
}

/** Starts the backend and the loopback server. */
export async function startDevWeb(opts: DevWebOptions): Promise<DevWebServer> {
  const repoRoot = opts.repoRoot ?? defaultRepoRoot();
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const staticRoot = path.join(repoRoot, 'out', 'renderer');
  if (opts.staticBuild && !fs.existsSync(path.join(staticRoot, 'index.html')))
    throw new Error(`${staticRoot}/index.html tidak ada: jalankan dulu "npx vite build"`);

  const backend: Backend = openBackend({ dataDir: opts.dataDir, resourcesDir: path.join(repoRoot, 'resources'), appVersion: pkg.version, owner: { label: 'alur dev:web', waitMs: 5_000 }, passwordCost: passwordCostFromEnv() });
  const token = crypto.randomBytes(24).toString('hex');
  const ui = opts.staticBuild ? { handle: staticMiddleware(staticRoot), close: async () => undefined } : await viteMiddleware(repoRoot);
  const allowedHosts = new Set<string>();
  const allowedOrigins = new Set<string>();

  function hostOk(req: http.IncomingMessage): boolean {
    return allowedHosts.has(req.headers.host ?? '');
  }
  // Browsers send Origin on cross-origin requests and on every WebSocket: a foreign one is refused.
  function originOk(req: http.IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || allowedOrigins.has(origin);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    const header = req.headers['x-alur-dev-token'];
    if (!sameToken(Array.isArray(header) ? header[0] : header, token) || !originOk(req))
      return sendError(res, 403, 'FORBIDDEN', 'forbidden');
    if (req.method !== 'POST') return refuse(res, 405, 'method not allowed');
    if (!isMethodName(name)) return sendError(res, 404, 'NOT_FOUND', `unknown method: ${name.slice(0, 60)}`);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'expected application/json');
    const isImport = name.startsWith('import.');
    const raw = await readBody(req, isImport ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES);
    if (raw === null) return sendError(res, 413, 'VALIDATION', isImport ? `Berkas terlalu besar (maks. ${MAX_IMPORT_MB} MB).` : 'request body over 2 MB');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendError(res, 400, 'VALIDATION', 'request body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(res, 400, 'VALIDATION', 'expected {token, input}');
    const { token: session, input } = body as { token?: unknown; input?: unknown };
    if (session !== null && session !== undefined && typeof session !== 'string') return sendError(res, 400, 'VALIDATION', 'token must be a string or null');
    // The backend parses `input` with the contract's schema: a malformed call comes back as VALIDATION.
    const result = await backend.call(name, session ?? null, input ?? {});
    sendJson(res, 200, result);
  }

  const server = http.createServer((req, res) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    if (!hostOk(req)) return refuse(res, 403, 'forbidden host');
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    // Contract calls are POSTs; a GET under /api/ is the renderer's own source folder
    // (src/renderer/api/*.ts) that Vite serves in dev mode.
    if (req.method === 'POST' && (pathname === '/api' || pathname.startsWith('/api/'))) {
      let name: string;
      try {
        name = decodeURIComponent(pathname.slice('/api/'.length));
      } catch {
        name = '';
      }
      handleApi(req, res, name).catch((e: unknown) => {
        console.error('[dev-web] api error', e);
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'internal error');
        else res.end();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    ui.handle(req, res, () => refuse(res, 404, 'not found'));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!hostOk(req) || !originOk(req) || url.pathname !== '/events' || !sameToken(url.searchParams.get('devToken'), token)) {
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
  const unsubscribe = backend.onEvent((e) => {
    const text = JSON.stringify(e);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  for (const h of [`127.0.0.1:${port}`, `localhost:${port}`]) {
    allowedHosts.add(h);
    allowedOrigins.add(`http://${h}`);
  }

  let closed = false;
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ui.close();
      backend.close();
    },
  };
}

/** CLI entry: `node bin/dev-web.mjs [--data DIR] [--port N] [--static]`. */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, port: { type: 'string' }, static: { type: 'boolean', default: false } },
    strict: true,
  });
  const dataDir = path.resolve(values.data ?? process.env['ALUR_DATA'] ?? './.alur-dev');
  const port = Number(values.port ?? '5173');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port tidak valid: ${values.port ?? ''}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const srv = await startDevWeb({ dataDir, port, staticBuild: values.static ?? false });
  console.error(`[dev-web] Alur dev/test server (bukan untuk produksi). Data: ${dataDir}`);
  console.error('[dev-web] Buka alamat berikut (token berlaku untuk proses ini saja):');
  console.log(srv.url);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    srv.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('[dev-web] gagal menutup dengan rapi', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
