/**
 * `POST /api/<method>`: one contract call per request. Refused before anything runs: a wrong
 * token or foreign Origin (403), a name outside the contract (404), a body over its cap (413).
 */
import type http from 'node:http';
import { METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB } from '../../shared/api/methods/imports';
import type { Backend } from '../backend/backend';
import { readBody, refuse, sameToken, sendError, sendJson } from './http-util';

const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** A LAPOR! import carries the whole export as base64 (the contract caps it at MAX_IMPORT_MB); room for the JSON around it. */
const MAX_IMPORT_BODY_BYTES = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 64 * 1024;

function isMethodName(name: string): name is MethodName {
  return (METHOD_NAMES as readonly string[]).includes(name);
}

/** What the API route needs from the server: the backend, the run's token, the Origin check. */
interface ApiContext {
  backend: Backend;
  token: string;
  originOk(req: http.IncomingMessage): boolean;
}

export async function handleApi(ctx: ApiContext, req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
  const header = req.headers['x-alur-dev-token'];
  if (!sameToken(Array.isArray(header) ? header[0] : header, ctx.token) || !ctx.originOk(req)) return sendError(res, 403, 'FORBIDDEN', 'forbidden');
  if (req.method !== 'POST') return refuse(res, 405, 'method not allowed');
  if (!isMethodName(name)) return sendError(res, 404, 'NOT_FOUND', `unknown method: ${name.slice(0, 60)}`);
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'expected application/json');
  const isImport = name.startsWith('import.');
  const raw = await readBody(req, isImport ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES);
  if (raw === null)
    return sendError(res, 413, 'VALIDATION', isImport ? `Berkas terlalu besar (maks. ${MAX_IMPORT_MB} MB).` : 'request body over 2 MB');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return sendError(res, 400, 'VALIDATION', 'request body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(res, 400, 'VALIDATION', 'expected {token, input}');
  const { token: session, input } = body as { token?: unknown; input?: unknown };
  if (session !== null && session !== undefined && typeof session !== 'string')
    return sendError(res, 400, 'VALIDATION', 'token must be a string or null');
  // The backend parses `input` with the contract's schema: a malformed call comes back as VALIDATION.
  const result = await ctx.backend.call(name, session ?? null, input ?? {});
  sendJson(res, 200, result);
}

/** The method name of `/api/<name>` ('' when it cannot be decoded, which no method matches). */
export function apiMethodName(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice('/api/'.length));
  } catch {
    return '';
  }
}
