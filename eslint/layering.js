/**
 * Runtime layering by allow-list (after VS Code's `code-layering` rule): each folder under `src/`
 * names what it MAY import (other folders, Node builtins, npm packages); anything else is a lint
 * error. A folder that is not in LAYERS may import nothing, so a new folder is restricted until
 * someone decides where it belongs. The tsconfig projects catch wrong globals (no DOM in shared,
 * no Node in the renderer); this rule catches wrong imports, which a shared `include` would let by.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** The runtime dependencies the packaged backend ships, minus the Electron-only one. */
const backendPackages = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('electron'));

/**
 * The layers, most specific folder first. `layers`: folders it may import (its own is implied);
 * `node`: Node builtins allowed; `packages`: npm packages allowed; `only`: a layer only some files
 * of this folder may import.
 */
const LAYERS = [
  { name: 'shared', dir: 'src/shared', layers: [], node: false, packages: ['zod'] },
  { name: 'backend', dir: 'src/main/backend', layers: ['shared'], node: true, packages: backendPackages },
  { name: 'cli', dir: 'src/main/cli', layers: ['shared', 'backend'], node: true, packages: [...backendPackages, 'commander'] },
  {
    name: 'electron',
    dir: 'src/main/electron',
    layers: ['shared', 'backend'],
    // The backend runs in its own utility process; only the host's entry point loads it.
    only: { backend: ['src/main/electron/backend-host.ts'] },
    node: true,
    packages: ['electron', 'electron-updater', 'zod'],
  },
  { name: 'dev-web', dir: 'src/main/dev-web', layers: ['shared', 'backend'], node: true, packages: ['ws', 'vite', 'zod'] },
  {
    name: 'renderer',
    dir: 'src/renderer',
    layers: ['shared'],
    node: false,
    packages: ['react', 'react-dom', 'antd', '@ant-design/icons', 'dayjs', 'i18next', 'react-i18next', 'recharts', 'zod', 'pdfjs-dist'],
  },
];

const builtins = new Set(builtinModules);

function isBuiltin(spec) {
  return spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0]);
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function layerOf(relPath) {
  const posix = relPath.split(path.sep).join('/');
  return LAYERS.find((layer) => posix === layer.dir || posix.startsWith(`${layer.dir}/`)) ?? null;
}

function toPosix(p) {
  return p.split(path.sep).join('/');
}

/** Why `spec` may not be imported from `file` (repo-relative), or null when it may. */
function layeringViolation(file, spec, root) {
  const from = layerOf(file);
  if (!from) return `${path.posix.dirname(toPosix(file))} has no layer in eslint/layering.js: add it to LAYERS with what it may import.`;
  if (spec.startsWith('.')) {
    const target = toPosix(path.relative(root, path.resolve(root, path.dirname(file), spec)));
    const to = layerOf(target);
    if (to === from) return null;
    if (!to) return `${from.name} may not import ${target} (outside every layer).`;
    if (!from.layers.includes(to.name)) return `${from.name} may not import ${to.name} (allowed: ${from.layers.join(', ') || 'nothing'}).`;
    const only = from.only?.[to.name];
    if (only && !only.includes(toPosix(file))) return `In ${from.name}, only ${only.join(', ')} may import ${to.name}.`;
    return null;
  }
  if (isBuiltin(spec)) return from.node ? null : `${from.name} must not use Node APIs (${spec}).`;
  const name = packageName(spec);
  return from.packages.includes(name) ? null : `${from.name} may not import the package ${name} (allowed: ${from.packages.join(', ')}).`;
}

const rule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Each src folder imports only what its layer allows.' } },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename);
    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = layeringViolation(file, source.value, root);
      if (message) context.report({ node: source, message });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference.expression),
      TSImportType: (node) => check(node, node.argument?.literal),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

/** The flat-config block eslint.config.js uses; the lint test runs it alone on in-memory code. */
export const layeringConfig = [
  {
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { alur: { rules: { layering: rule } } },
    rules: { 'alur/layering': 'error' },
  },
];
