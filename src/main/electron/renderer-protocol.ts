/** The `app://alur/` scheme: the built renderer served from `out/renderer` with the CSP. */
import fs from 'node:fs';
import path from 'node:path';
import { contentTypeOf } from '../../shared/web/content-types';
import { rendererDir } from './paths';
import { APP_HOST, contentSecurityPolicy, rendererPathSegments } from './security';

export const CSP = contentSecurityPolicy();

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Security-Policy': CSP, 'Content-Type': 'text/plain' } });
}

/**
 * Serves `out/renderer` on `app://alur/`. Only GET on the one host, only files inside the
 * folder. The CSP goes on every response here because webRequest's header hooks do not run
 * for custom protocols.
 */
export async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
  const segments = rendererPathSegments(url.pathname);
  if (!segments) return notFound();
  const root = rendererDir();
  const file = path.join(root, ...segments);
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return notFound();
  try {
    const body = await fs.promises.readFile(file);
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': contentTypeOf(path.extname(file)),
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  } catch {
    return notFound();
  }
}
