/**
 * Vitest global setup: builds every bundle the app loads, once per test run, before any test
 * file starts: the renderer (`vite build` -> out/renderer, what Electron and the e2e tests load)
 * and the Electron shell (`scripts/build-electron.mjs` -> out/electron/{main,preload,backend-host}.cjs,
 * what tests/bundle checks). A bundle that stops building fails the run here.
 *
 * Several projects name this file; a stamp with this process's id keeps it to one build.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('..', import.meta.url));
const STAMP = path.join(REPO, 'out', '.built-by');

export default async function setup(): Promise<void> {
  const me = String(process.pid);
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === me) return;
  const opts = { cwd: REPO, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 };
  try {
    await Promise.all([
      run(process.execPath, [path.join(REPO, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], opts),
      run(process.execPath, [path.join(REPO, 'scripts', 'build-electron.mjs')], opts),
    ]);
  } catch (e) {
    const x = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`building the bundles failed:\n${x.stderr || x.stdout || x.message}`);
  }
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  fs.writeFileSync(STAMP, me);
}
