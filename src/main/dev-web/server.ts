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
import { contentSecurityPolicy } from '../../shared/web/csp';
import { openBackend, type Backend } from '../backend/backend';
import { passwordCostFromEnv } from '../backend/services/password';
import { apiMethodName, handleApi } from './api-route';
import { attachEventSocket } from './event-socket';
import { refuse, sendError } from './http-util';
import { staticMiddleware, viteMiddleware } from './ui-middleware';

const HOST = '127.0.0.1';

/** The renderer's policy (src/shared/web/csp.ts), also sent as a header so no page can lack it. */
const CSP = contentSecurityPolicy();

/** Options of {@link startDevWeb}. */
interface DevWebOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Serve the built bundle from `out/renderer` instead of Vite in middleware mode. */
  staticBuild: boolean;
  repoRoot?: string;
}

/** A running dev server. */
interface DevWebServer {
  /** The address to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function defaultRepoRoot(): string {
  return fileURLToPath(new URL('../../..', import.meta.url));
}

/** Starts the backend and the loopback server. */
export async function startDevWeb(opts: DevWebOptions): Promise<DevWebServer> {
  const repoRoot = opts.repoRoot ?? defaultRepoRoot();
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const staticRoot = path.join(repoRoot, 'out', 'renderer');
  if (opts.staticBuild && !fs.existsSync(path.join(staticRoot, 'index.html')))
    throw new Error(`${staticRoot}/index.html tidak ada: jalankan dulu "npx vite build"`);

  const backend: Backend = openBackend({
    dataDir: opts.dataDir,
    resourcesDir: path.join(repoRoot, 'resources'),
    appVersion: pkg.version,
    owner: { label: 'alur dev:web', waitMs: 5_000 },
    passwordCost: passwordCostFromEnv(),
  });
  const token = crypto.randomBytes(24).toString('hex');
  const ui = opts.staticBuild ? staticMiddleware(staticRoot) : await viteMiddleware(repoRoot);
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
      handleApi({ backend, token, originOk }, req, res, apiMethodName(pathname)).catch((e: unknown) => {
        console.error('[dev-web] api error', e);
        if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'internal error');
        else res.end();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    ui.handle(req, res, () => refuse(res, 404, 'not found'));
  });

  const closeEvents = attachEventSocket({ server, backend, token, accepts: (req) => hostOk(req) && originOk(req) });

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
      closeEvents();
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
