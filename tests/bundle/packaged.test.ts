/**
 * What `npm run dist` packs, checked as far as this machine allows (electron-builder cannot
 * fetch Electron here). The packaged layout is rebuilt from electron-builder.yml itself: the app
 * folder from `files` plus the production dependencies (what goes into app.asar), and
 * `resources/` from `extraResources`. The built backend host then runs from that copy alone,
 * with nothing else of the checkout reachable, so a preset, calendar, font or module that the
 * bundles load at run time but the package leaves out fails here.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { REPO, startHost, type HostProcess } from './host-process';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  files: string[];
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  asarUnpack: string[];
}
const config = yaml.load(fs.readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

/** Files below `dir` (relative, with /), skipping node_modules and .git. */
function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** electron-builder's reading of `files`: included by a positive pattern, not excluded by a `!` one. */
function packed(rel: string, patterns: string[]): boolean {
  let keep = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (minimatch(rel, p.slice(1), { dot: true })) keep = false;
    } else if (minimatch(rel, p, { dot: true })) keep = true;
  }
  return keep;
}

function linkFile(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.linkSync(from, to);
}

describe('the packaged file set', () => {
  const stage = tempDir();
  const app = path.join(stage, 'app');
  const resources = path.join(stage, 'resources');
  let host: HostProcess;
  const nativeModules: string[] = [];
  const packedPaths: string[] = [];

  beforeAll(() => {
    // The app folder: `files` over the project (electron-builder adds package.json itself).
    for (const rel of walk(REPO)) {
      if (rel !== 'package.json' && !packed(rel, config.files)) continue;
      linkFile(path.join(REPO, rel), path.join(app, rel));
      packedPaths.push(rel);
    }
    // Production dependencies, as electron-builder collects them, minus `files` exclusions.
    const deps = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO, encoding: 'utf8' })
      .split('\n')
      .filter((d) => d.startsWith(path.join(REPO, 'node_modules') + path.sep));
    for (const dir of deps) {
      for (const rel of walk(dir)) {
        const inApp = path.relative(REPO, path.join(dir, rel)).split(path.sep).join('/');
        if (!packed(inApp, ['**/*', ...config.files.filter((p) => p.startsWith('!'))])) continue;
        const target = path.join(app, inApp);
        if (fs.existsSync(target)) continue;
        linkFile(path.join(dir, rel), target);
        packedPaths.push(inApp);
        if (inApp.endsWith('.node')) nativeModules.push(inApp);
      }
    }
    // (walk() skips a package's nested node_modules: npm ls lists those as entries of their own.)
    for (const r of config.extraResources)
      for (const rel of walk(path.join(REPO, r.from)))
        if (r.filter.some((f) => minimatch(rel, f, { dot: true }))) linkFile(path.join(REPO, r.from, rel), path.join(stage, r.to, rel));
    host = startHost(path.join(stage, 'data'), {}, { outDir: path.join(app, 'out', 'electron'), resourcesDir: resources, cwd: stage });
  }, 120_000);
  afterAll(async () => {
    await host?.shutdown();
  });

  it('holds the bundles and the renderer, and leaves out source maps and the CLI-only tools', () => {
    for (const f of ['out/electron/main.cjs', 'out/electron/preload.cjs', 'out/electron/backend-host.cjs', 'out/renderer/index.html'])
      expect(packedPaths).toContain(f);
    expect(packedPaths.filter((p) => p.startsWith('out/') && p.endsWith('.map'))).toEqual([]);
    expect(packedPaths.filter((p) => /node_modules\/(tsx|esbuild|@esbuild)\//.test(p))).toEqual([]);
    expect(packedPaths.filter((p) => p.startsWith('src/') || p.startsWith('tests/'))).toEqual([]);
  });

  it('unpacks every native module from the asar (a .node file cannot load from inside one)', () => {
    expect(nativeModules).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    for (const n of nativeModules.filter((m) => !m.includes('/test_extension') && !m.includes('/obj.target/')))
      expect(
        config.asarUnpack.some((p) => minimatch(n, p, { dot: true })),
        n,
      ).toBe(true);
  });

  it('runs the built backend host from the packaged copy alone: office, case, sheet, recaps, import', async () => {
    await host.call('office.create', null, {
      presetId: 'magetan',
      officeName: 'Diskominfo Paket',
      admin: { username: 'admin', fullName: 'Admin', password: 'sandi-paket-1' },
    });
    const { token } = await host.call('session.login', null, { username: 'admin', password: 'sandi-paket-1' });
    const { caseId } = await host.call('case.register', token, {
      channel: 'phone',
      receivedAt: Date.now() - 60_000,
      type: 'pengaduan',
      title: 'Lampu jalan padam',
      description: 'Lampu jalan di depan pasar padam sejak Senin.',
      privacy: 'biasa',
      complainant: { name: 'Sri Wahyuni', phone: '081200000000' },
    });
    const sheet = await host.call('document.sheet', token, { caseId });
    expect(Buffer.from(sheet.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const period = new Date().toISOString().slice(0, 7);
    for (const format of ['xlsx', 'pdf'] as const)
      expect((await host.call('report.export', token, { kind: 'bulanan', period, format })).dataBase64.length).toBeGreaterThan(1000);
    const csv = Buffer.from('Tracking ID;Tanggal Laporan;Judul Laporan;Nama Pelapor\nP-1;20/11/2026;Drainase tersumbat;D\u00e9d\u00e9\n', 'latin1');
    expect((await host.call('import.lapor.preview', token, { fileName: 'a.csv', dataBase64: csv.toString('base64'), mapping: null })).accepted).toBe(
      1,
    );
    expect(host.stderr()).toBe('');
  });
});
