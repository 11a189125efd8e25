/** Small request/response helpers of the dev server: token comparison, JSON and plain replies, capped bodies. */
import crypto from 'node:crypto';
import type http from 'node:http';
import type { Result } from '../../shared/result';

/** Constant-time comparison of the per-run token. */
export function sameToken(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A refusal in the contract's own shape, so the renderer's transport reads it as any other error. */
export function sendError(
  res: http.ServerResponse,
  status: number,
  code: 'VALIDATION' | 'FORBIDDEN' | 'NOT_FOUND' | 'INTERNAL',
  message: string,
): void {
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

export function refuse(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** Reads at most `limit` bytes; null when the body is larger (the rest is not buffered). */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
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
