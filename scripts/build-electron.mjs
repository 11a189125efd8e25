/**
 * Bundles the Electron shell into out/electron/ with esbuild:
 *   main.ts         -> main.cjs          (main process, Node + Electron)
 *   backend-host.ts -> backend-host.cjs  (utilityProcess running the backend)
 *   preload.ts      -> preload.cjs       (sandboxed preload: may only require('electron'))
 *
 * The renderer is built separately by `vite build` (out/renderer). Run: node scripts/build-electron.mjs
 */
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'out', 'electron');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));

// Left in node_modules rather than bundled: Electron itself, native modules (rebuilt for
// Electron's ABI by `electron-builder install-app-deps`), and large libraries that read
// files next to their own sources (fonts, templates) or are only needed on some paths.
const NODE_EXTERNALS = [
  'electron',
  'electron-updater',
  'better-sqlite3',
  'pg',
  'pg-native',
  'pdfmake',
  'exceljs',
  'docx',
  'bufferutil',
  'utf-8-validate',
];

const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // import.meta is empty in a CJS bundle: a module relying on import.meta.url would get a
  // wrong path at run time. Fail the build instead; the shell passes paths explicitly.
  logOverride: { 'empty-import-meta': 'error' },
};

const nodeTargets = [
  { entry: 'src/main/electron/main.ts', out: 'main.cjs' },
  { entry: 'src/main/electron/backend-host.ts', out: 'backend-host.cjs' },
];

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The package a bare import names (`@scope/name/x` -> `@scope/name`). */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Every module left external must be shipped by electron-builder, i.e. be a production
 * dependency; otherwise the packaged app fails at run time on a machine far from here.
 */
function checkExternals(metafile, label, allowed) {
  const problems = [];
  for (const output of Object.values(metafile.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || builtins.has(imp.path)) continue;
      const name = packageOf(imp.path);
      if (!allowed(name)) problems.push(`${label}: external "${imp.path}" is not allowed here`);
    }
  }
  return problems;
}

async function main() {
  fs.rmSync(outdir, { recursive: true, force: true });
  const problems = [];

  for (const t of nodeTargets) {
    const result = await build({
      ...common,
      entryPoints: [path.join(root, t.entry)],
      outfile: path.join(outdir, t.out),
      platform: 'node',
      // Electron 45's Node is newer than this; node20 keeps the output valid for any Electron
      // this app might be pinned back to.
      target: 'node20',
      external: NODE_EXTERNALS,
    });
    problems.push(...checkExternals(result.metafile, t.out, (name) => name === 'electron' || dependencies.has(name)));
  }

  // The sandboxed preload has no Node: platform "browser" makes any node:* import a build
  // error, and only electron may stay external.
  const preload = await build({
    ...common,
    entryPoints: [path.join(root, 'src/main/electron/preload.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    platform: 'browser',
    target: 'chrome120',
    // It pulls in the contract (zod and the schemas) for METHOD_NAMES and is parsed at every
    // page load, so it is shipped minified.
    minify: true,
    external: ['electron'],
  });
  problems.push(...checkExternals(preload.metafile, 'preload.cjs', (name) => name === 'electron'));

  if (problems.length > 0) {
    for (const p of problems) console.error(`build-electron: ${p}`);
    console.error('build-electron: add the package to "dependencies" in package.json (or bundle it).');
    process.exit(1);
  }
  console.log(`build-electron: wrote ${path.relative(root, outdir)}/{main,backend-host,preload}.cjs`);
}

main().catch((e) => {
  console.error(`build-electron: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
