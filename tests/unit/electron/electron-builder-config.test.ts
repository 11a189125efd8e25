/**
 * electron-builder.yml is valid for electron-builder 26 (checked with its own schema
 * validator, offline) and says what the offices need.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// js-yaml and app-builder-lib come with electron-builder (and js-yaml with electron-updater);
// neither ships types for these entry points, so the shapes used are declared here.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const builderConfig = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

type Config = Record<string, unknown> & {
  nsis: Record<string, unknown>;
  linux: { target: unknown[]; category: string };
  win: { target: Array<string | { target: string }> };
  publish: { provider: string; url: string };
};

const config = yaml.load(fs.readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  // Loading the validator and its schema takes seconds on a busy machine: more than the default 5 s.
  it('is valid against electron-builder 26 schema', { timeout: 60_000 }, async () => {
    await expect(builderConfig.validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config['appId']).toBe('id.go.alur.desktop');
    expect(config['productName']).toBe('Alur');
  });

  it('never rebuilds native modules during packaging', () => {
    expect(config['npmRebuild']).toBe(false);
    expect(config['asarUnpack']).toEqual(expect.arrayContaining([expect.stringContaining('better-sqlite3')]));
  });

  it('ships the bundles and the resources folder', () => {
    expect(config['files']).toEqual(expect.arrayContaining(['out/**/*']));
    expect(config['extraResources']).toEqual([expect.objectContaining({ from: 'resources', to: 'resources' })]);
  });

  it('builds an assisted, per-machine, Indonesian NSIS installer', () => {
    expect(config.win.target.map((t) => (typeof t === 'string' ? t : t.target))).toContain('nsis');
    expect(config.nsis).toMatchObject({
      perMachine: true,
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['id_ID'],
      language: '1057',
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
    });
  });

  it('builds AppImage and deb in the Office category', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Office');
  });

  it('publishes to a generic (intranet) server', () => {
    expect(config.publish.provider).toBe('generic');
    expect(config.publish.url).toMatch(/^https?:\/\//);
  });
});
