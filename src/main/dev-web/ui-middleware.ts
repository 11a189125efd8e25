/** What serves the renderer itself: the built bundle from disk, or Vite in middleware mode. */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { contentTypeOf } from '../../shared/web/content-types';

type Next = () => void;
type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void;

/** A UI source: `handle` serves a request or calls next; `close` releases it. */
interface UiMiddleware {
  handle: Middleware;
  close(): Promise<void>;
}

/** Serves files of `root` (the Vite build); never outside it. */
export function staticMiddleware(root: string): UiMiddleware {
  const rootResolved = path.resolve(root);
  const handle: Middleware = (req, res, next) => {
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
  return { handle, close: async () => undefined };
}

export async function viteMiddleware(repoRoot: string): Promise<UiMiddleware> {
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
