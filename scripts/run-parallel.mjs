#!/usr/bin/env node
/**
 * Runs npm scripts at the same time and fails if any fails: `npm test` typechecks and lints in
 * parallel (each is single-threaded; the build machines have two cores).
 * Usage: node scripts/run-parallel.mjs typecheck lint
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = await Promise.all(
  scripts.map(
    (name) =>
      new Promise((resolve) => {
        const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
        let out = '';
        child.stdout.on('data', (c) => (out += c));
        child.stderr.on('data', (c) => (out += c));
        child.on('close', (code) => resolve({ name, code, out }));
      }),
  ),
);
// Printed whole, one script after the other, so their lines do not interleave.
for (const r of results) {
  process.stdout.write(`> ${r.name}: ${r.code === 0 ? 'ok' : `failed (${r.code})`}\n${r.out}`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
