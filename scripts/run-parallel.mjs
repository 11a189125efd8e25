#!/usr/bin/env node
/**
 * Runs npm scripts at the same time and fails if any fails. `npm test` runs typecheck, lint and
 * the test suite side by side: the suite's last minutes are one browser test at a time, which
 * leaves a core idle that typecheck and lint (each single-threaded) can use.
 * The last script named streams its output as it runs; the others' output is printed whole at
 * the end, one after the other, so lines do not interleave.
 * Usage: node scripts/run-parallel.mjs typecheck lint test:suite
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const live = scripts.at(-1);
const results = await Promise.all(
  scripts.map(
    (name) =>
      new Promise((resolve) => {
        const streamed = name === live && scripts.length > 1;
        const child = spawn(npm, ['run', '--silent', name], {
          stdio: ['ignore', streamed ? 'inherit' : 'pipe', streamed ? 'inherit' : 'pipe'],
          shell: process.platform === 'win32',
        });
        let out = '';
        child.stdout?.on('data', (c) => (out += c));
        child.stderr?.on('data', (c) => (out += c));
        child.on('close', (code) => resolve({ name, code, out, streamed }));
      }),
  ),
);
for (const r of results) {
  process.stdout.write(`> ${r.name}: ${r.code === 0 ? 'ok' : `failed (${r.code})`}\n${r.streamed ? '' : r.out}`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
