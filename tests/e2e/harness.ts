/**
 * End-to-end harness: a throwaway data folder, the real CLI (its `main`) to seed it, the real dev
 * server (`startDevWeb`, loopback transport; `bin/dev-web.mjs` for Vite's dev mode) and Debian's
 * Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDevWeb } from '../../src/main/dev-web/server';
import { runCli } from '../helpers/cli';

/** Repository root. */
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Screenshots land here (git-ignored). */
export const ARTIFACTS = path.join(REPO, 'tests', 'e2e', 'artifacts');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Makes an empty data folder under the OS temp dir. */
export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'alur-e2e-'));
}

/**
 * Runs `alur ...args` and returns its output; throws with the error output on failure. In this
 * process (the CLI's own `main`): a child process would pay tsx's start-up, about two seconds
 * of CPU per call, for nothing these tests check (tests/bundle/cli-bin.test.ts runs the real bin).
 */
export async function alurCli(args: string[]): Promise<string> {
  const r = await runCli(args);
  if (r.code !== 0) throw new Error(`alur ${args.join(' ')} failed (${r.code}): ${[...r.err, ...r.out].join('\n')}`);
  return r.out.join('\n');
}

/** Seeds `dir` with the demo office and `cases` synthetic cases (deterministic for a seed). */
export async function seedDemo(dir: string, cases = 60, seed = 7): Promise<string> {
  return alurCli(['demo', '--cases', String(cases), '--seed', String(seed), '--data', dir]);
}

/**
 * The renderer bundle is built once per run by the global setup (tests/build-once.ts). The tests
 * use it (`--static`): what Electron loads, with its CSP, and no dependency optimisation racing
 * the first page load.
 */
function requireBuiltRenderer(): void {
  if (!fs.existsSync(path.join(REPO, 'out', 'renderer', 'index.html')))
    throw new Error('out/renderer is missing: run the e2e tests through vitest (its global setup builds it)');
}

/** A running `bin/dev-web.mjs`. */
export interface DevServer {
  /** The printed URL, with `?token=`. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  devToken: string;
  stop(): Promise<void>;
}

/**
 * Starts the dev server on a free port: in this process for the built renderer, or as
 * `bin/dev-web.mjs` (Vite's dev mode) in a child, waiting for the `http://127.0.0.1:` line it prints.
 */
export async function startDevServer(dataDir: string, opts: { staticBuild?: boolean } = {}): Promise<DevServer> {
  const staticBuild = opts.staticBuild ?? true;
  if (staticBuild) {
    // The built renderer is served from this process (startDevWeb is what bin/dev-web.mjs runs):
    // a child would pay tsx's start-up and the backend's module loading again for every file.
    requireBuiltRenderer();
    const srv = await startDevWeb({ dataDir, port: 0, staticBuild: true, repoRoot: REPO });
    const u = new URL(srv.url);
    return { url: srv.url, origin: u.origin, port: srv.port, devToken: u.searchParams.get('token') ?? '', stop: () => srv.close() };
  }
  const args = [path.join(REPO, 'bin', 'dev-web.mjs'), '--data', dataDir, '--port', '0', ...(staticBuild ? ['--static'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`dev-web did not start in time:\n${stderr}`)), 90_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('http://127.0.0.1:'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dev-web exited with ${code}:\n${stderr}`));
    });
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    devToken: u.searchParams.get('token') ?? '',
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Debian's Chromium, headless, with nothing that phones home. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A new page at 1440x900 (a typical office monitor) in Indonesian. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  return context.newPage();
}

/** Saves a full-page screenshot as `tests/e2e/artifacts/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Calls the contract over the dev transport, as the page would. */
export async function apiCall(
  server: DevServer,
  method: string,
  input: unknown,
  opts: { token?: string | null; devToken?: string | null; host?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const devToken = opts.devToken === undefined ? server.devToken : opts.devToken;
  if (devToken !== null) headers['x-alur-dev-token'] = devToken;
  const res = await fetch(`${server.origin}/api/${method}`, { method: 'POST', headers, body: JSON.stringify({ token: opts.token ?? null, input }) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a plain refusal): keep the text.
  }
  return { status: res.status, body };
}

/** Logs in through the API and returns the session token. */
export async function apiLogin(server: DevServer, username: string, password: string): Promise<string> {
  const r = await apiCall(server, 'session.login', { username, password });
  const body = r.body as { ok: boolean; value?: { token: string }; error?: { message: string } };
  if (!body.ok || !body.value) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body.value.token;
}

/** Fills the login form and submits it. */
export async function uiLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** Removes a data folder (best effort: Windows-style locks do not apply here). */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** What a describe block of e2e tests shares: a seeded folder, its dev server and a browser. */
interface DemoHarness {
  readonly dir: string;
  readonly server: DevServer;
  readonly browser: Browser;
}

/**
 * Registers beforeAll/afterAll that seed a demo office (`cases`, `seed`), start the dev server
 * on it and launch Chromium, and stop and remove them after. Read the fields inside tests.
 */
export function useDemoHarness(cases: number, seed: number): DemoHarness {
  const h: { dir: string; server: DevServer | null; browser: Browser | null } = { dir: '', server: null, browser: null };
  beforeAll(async () => {
    h.dir = makeDataDir();
    await seedDemo(h.dir, cases, seed);
    h.server = await startDevServer(h.dir);
    h.browser = await launchBrowser();
  });
  afterAll(async () => {
    await h.browser?.close();
    await h.server?.stop();
    if (h.dir) removeDir(h.dir);
  });
  return {
    get dir() {
      return h.dir;
    },
    get server() {
      if (!h.server) throw new Error('harness not started');
      return h.server;
    },
    get browser() {
      if (!h.browser) throw new Error('harness not started');
      return h.browser;
    },
  };
}
