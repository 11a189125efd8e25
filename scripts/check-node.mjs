#!/usr/bin/env node
/**
 * Packaging needs a newer Node than development: electron-builder 26's tools (@electron/rebuild,
 * @electron/get, node-abi) and the electron package declare Node >= 22.12. Development, the CLI
 * and the tests run on Node 20.19+. `npm run dist` calls this first so the build stops with one
 * clear line instead of failing deep inside a native rebuild.
 * Usage: node scripts/check-node.mjs [MIN_VERSION]   (default 22.12.0)
 */
const min = (process.argv[2] ?? '22.12.0').split('.').map(Number);
const have = process.versions.node.split('.').map(Number);
/** Compares version parts left to right: the first that differs decides. */
const differs = min.findIndex((m, i) => (have[i] ?? 0) !== m);
const older = differs >= 0 && (have[differs] ?? 0) < (min[differs] ?? 0);
if (older) {
  console.error(
    `check-node: packaging needs Node >= ${min.join('.')} (this is ${process.versions.node}); install it on the packaging machine (see README, Packaging).`,
  );
  process.exit(1);
}
