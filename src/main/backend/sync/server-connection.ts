/**
 * Connecting to the office's PostgreSQL: the address, the TLS policy, and telling apart the
 * ways it fails (no such host, nobody listening, not PostgreSQL at all, wrong password).
 *
 * TLS follows libpq's `sslmode` words, with one change: node-pg cannot do libpq's `prefer`
 * (encrypt without checking whom we talk to) except by switching verification off, which
 * would be silent. Instead:
 * - `disable`: plain TCP.
 * - `prefer` (default): TLS when the server offers it, plain when it does not. The server's
 *   certificate is pinned on first use (as SSH does) and a changed one is refused; offices
 *   run self-signed certificates on the LAN, so there is no CA to check against.
 * - `require`: as `prefer`, but a server without TLS is refused.
 * - `verify-full`: TLS checked against a CA (`sslrootcert=FILE`, else the system's) and the
 *   host name, as libpq does.
 * node-pg's own parsing of `sslmode` is never used: the URL is parsed here.
 */
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import pg from 'pg';
import { classifyError, syncError, syncFail, type SyncError, type SyncResult } from './sync-errors';

import { SSL_MODES, type SslMode } from '../../../shared/api/sync-types';
export { SSL_MODES, type SslMode };

export interface ServerSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  sslmode: SslMode;
  sslrootcert: string | null;
  /** PEM of the server certificate seen on first use (prefer/require), or null. */
  pinnedCert: string | null;
}

interface Connected {
  client: pg.Client;
  /** How the link is protected. */
  tls: 'verified' | 'pinned' | 'none';
  /** The certificate to remember (prefer/require); equal to the setting when it was pinned. */
  pinnedCert: string | null;
}

const DEFAULT_TIMEOUT_MS = 8_000;
/**
 * How long one query may take before the round gives up. It was 120 s, and a server gone
 * silent mid-round (a cable pulled, a frozen VM) held the round and every "Sinkronkan
 * sekarang" behind it that long. The largest query is one batch of 1,000 events, well under a
 * second on the LAN (README benchmarks), so 20 s is ample and a stall ends in 20 s at most.
 */
const QUERY_TIMEOUT_MS = 20_000;

/** The sockets of open server connections, so a stalled round can be cut at once (sync-loop.ts). */
const liveSockets = new Set<net.Socket>();

function trackedSocket(): net.Socket {
  const socket = new net.Socket();
  liveSockets.add(socket);
  socket.once('close', () => liveSockets.delete(socket));
  return socket;
}

/**
 * Cuts every open server connection of this process: their queries fail at once and the
 * round ends as "server unreachable". For a manual sync when a round is stalled on a silent
 * server. Returns how many were cut.
 */
export function abortServerConnections(): number {
  const n = liveSockets.size;
  for (const s of liveSockets) s.destroy(new Error('koneksi diputus: putaran sinkronisasi macet'));
  liveSockets.clear();
  return n;
}

function isSslMode(s: string): s is SslMode {
  return (SSL_MODES as readonly string[]).includes(s);
}

/** Parses `postgres://user:password@host:port/database?sslmode=...`. */
export function parseServerUrl(url: string): SyncResult<ServerSettings> {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return syncFail('BAD_URL', { reason: 'bukan alamat URL' });
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return syncFail('BAD_URL', { reason: 'harus diawali postgres://' });
  // ?host=/run/postgresql: a Unix socket on this machine (an administrator on the server).
  const socketDir = u.searchParams.get('host');
  if (socketDir !== null && !socketDir.startsWith('/')) return syncFail('BAD_URL', { reason: 'parameter host harus folder soket (diawali /)' });
  const host = socketDir ?? u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return syncFail('BAD_URL', { reason: 'nama server kosong' });
  const port = u.port ? Number(u.port) : 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) return syncFail('BAD_URL', { reason: 'nomor port tidak valid' });
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) return syncFail('BAD_URL', { reason: 'nama basis data kosong' });
  const user = decodeURIComponent(u.username);
  if (!user) return syncFail('BAD_URL', { reason: 'nama login kosong' });
  const mode = u.searchParams.get('sslmode') ?? 'prefer';
  if (!isSslMode(mode)) return syncFail('BAD_URL', { reason: `sslmode harus salah satu dari ${SSL_MODES.join(', ')}` });
  for (const k of u.searchParams.keys()) {
    if (k !== 'sslmode' && k !== 'sslrootcert' && k !== 'host') return syncFail('BAD_URL', { reason: `parameter tidak dikenal: ${k}` });
  }
  return {
    ok: true,
    value: {
      host,
      port,
      database,
      user,
      password: decodeURIComponent(u.password),
      sslmode: mode,
      sslrootcert: u.searchParams.get('sslrootcert'),
      pinnedCert: null,
    },
  };
}

/** The address without the password, for messages and the status bar. */
export function describeServer(s: Pick<ServerSettings, 'host' | 'port' | 'database' | 'user'>): string {
  return `${s.user}@${s.host}:${s.port}/${s.database}`;
}

type Probe = { kind: 'tls'; pem: string } | { kind: 'plain' };

function toPem(der: Buffer): string {
  const b64 =
    der
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/**
 * Asks the server, as libpq does first, whether it speaks TLS (the SSLRequest message). A
 * PostgreSQL server answers exactly one byte, 'S' or 'N'; anything else is not PostgreSQL.
 * On 'S' it reads the server's certificate (not trusting it: that is decided by the caller).
 */
function probeServer(host: string, port: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SyncResult<Probe>> {
  return new Promise((resolve) => {
    const target = { host, port, user: '', database: '' };
    let settled = false;
    const done = (r: SyncResult<Probe>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, error: syncError('UNREACHABLE', { host, port }) }), timeoutMs);
    const sock = host.startsWith('/') ? net.connect({ path: `${host}/.s.PGSQL.${port}` }) : net.connect({ host, port });
    sock.on('error', (e) => done({ ok: false, error: classifyError(e, target) }));
    sock.on('connect', () => sock.write(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])));
    sock.once('data', (buf: Buffer) => {
      const answer = buf.length === 1 ? String.fromCharCode(buf[0] ?? 0) : '';
      if (answer === 'N') return done({ ok: true, value: { kind: 'plain' } });
      if (answer !== 'S') return done({ ok: false, error: syncError('NOT_POSTGRES', { host, port }) });
      sock.removeAllListeners('error');
      const t = tls.connect({ socket: sock, rejectUnauthorized: false, servername: net.isIP(host) ? undefined : host });
      t.on('error', (e) => done({ ok: false, error: syncError('TLS_FAILED', { reason: e.message }) }));
      t.on('secureConnect', () => {
        const cert = t.getPeerCertificate(false);
        t.destroy();
        if (!cert.raw) return done({ ok: false, error: syncError('TLS_FAILED', { reason: 'server tidak mengirim sertifikat' }) });
        done({ ok: true, value: { kind: 'tls', pem: toPem(cert.raw) } });
      });
    });
  });
}

function sameCert(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '');
  return norm(a) === norm(b);
}

/** The `ssl` option for pg, or a refusal, from the mode and what the probe saw. */
function tlsOptions(
  s: ServerSettings,
  probe: Probe,
): SyncResult<{ ssl: false | tls.ConnectionOptions; tls: Connected['tls']; pinnedCert: string | null }> {
  if (s.sslmode === 'disable') return { ok: true, value: { ssl: false, tls: 'none', pinnedCert: null } };
  if (probe.kind === 'plain') {
    // A server that offered TLS before and no longer does is more likely someone in between.
    if (s.sslmode === 'prefer' && !s.pinnedCert) return { ok: true, value: { ssl: false, tls: 'none', pinnedCert: null } };
    return syncFail('TLS_REQUIRED', {
      host: s.host,
      port: s.port,
      mode: s.pinnedCert ? `${s.sslmode}; server ini sebelumnya memakai TLS` : s.sslmode,
    });
  }
  const servername = net.isIP(s.host) ? undefined : s.host;
  if (s.sslmode === 'verify-full') {
    let ca: string | undefined;
    if (s.sslrootcert) {
      try {
        ca = fs.readFileSync(s.sslrootcert, 'utf8');
      } catch (e) {
        return syncFail('TLS_FAILED', { reason: `berkas sslrootcert tidak terbaca (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      }
    }
    return { ok: true, value: { ssl: { ca, servername, rejectUnauthorized: true }, tls: 'verified', pinnedCert: null } };
  }
  if (s.pinnedCert && !sameCert(s.pinnedCert, probe.pem)) return syncFail('CERT_CHANGED');
  const pin = s.pinnedCert ?? probe.pem;
  // The pinned certificate is the only trust anchor, and it IS the server's identity, so the
  // host name check is replaced by it (the LAN address of a server often is a bare IP).
  return {
    ok: true,
    value: { ssl: { ca: pin, servername, rejectUnauthorized: true, checkServerIdentity: () => undefined }, tls: 'pinned', pinnedCert: pin },
  };
}

/** Connects; every failure is a SyncError in words a user understands. */
export async function connectServer(s: ServerSettings, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SyncResult<Connected>> {
  const target = { host: s.host, port: s.port, user: s.user, database: s.database };
  const probe = await probeServer(s.host, s.port, timeoutMs);
  if (!probe.ok) return probe;
  const opts = tlsOptions(s, probe.value);
  if (!opts.ok) return opts;
  const client = new pg.Client({
    host: s.host,
    port: s.port,
    database: s.database,
    user: s.user,
    password: s.password,
    ssl: opts.value.ssl,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
    // Our own socket, registered, so abortServerConnections() can cut it (TLS runs on top of it).
    stream: trackedSocket,
    application_name: 'alur',
  });
  // A connection lost while idle is reported here; without a listener it would crash the app.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    return { ok: false, error: connectError(e, target, opts.value.tls) };
  }
  return { ok: true, value: { client, tls: opts.value.tls, pinnedCert: opts.value.pinnedCert } };
}

function connectError(e: unknown, target: Parameters<typeof classifyError>[1], mode: Connected['tls']): SyncError {
  const err = classifyError(e, target);
  // A pinned certificate the handshake rejects is one that changed between probe and connect.
  if (err.code === 'TLS_FAILED' && mode === 'pinned') return syncError('CERT_CHANGED');
  return err;
}

/** Closes quietly (the server may already be gone). */
export async function disconnect(c: Connected | pg.Client | null): Promise<void> {
  if (!c) return;
  const client = c instanceof pg.Client ? c : c.client;
  await client.end().catch(() => undefined);
}
