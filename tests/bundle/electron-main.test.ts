/**
 * The BUILT main-process bundle (out/electron/main.cjs) and preload (out/electron/preload.cjs),
 * loaded as Electron loads them but with recording stand-ins for the `electron` module
 * (tests/bundle/electron-standin.cjs; the preload in a VM context whose `require` knows only
 * `electron`, as in a sandboxed renderer). Only the Electron binary itself is missing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/shared/api/contract';
import { contentSecurityPolicy, ipcChannel } from '../../src/main/electron/security';
import { FILE_CHANNELS } from '../../src/main/electron/file-channels';
import { ADMIN_PASSWORD, call, openTestContext, tempDir } from '../helpers/temp';
import { OUT, REPO } from './host-process';
import { saveConfig } from '../../src/main/backend/sync/settings-store';
import { LEGACY_KEY_FILE, PLAIN_FILE, SEALED_FILE } from '../../src/main/backend/secrets/workstation-secret';

interface Report {
  rec: {
    requires: string[];
    windows: Array<{ options: { webPreferences: Record<string, unknown> }; loaded: string[] }>;
    ipcChannels: string[];
    privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
    protocolSchemes: string[];
    menu: unknown;
    sandboxEnabled: boolean;
    singleInstanceLock: boolean;
    forks: Array<{ modulePath: string }>;
    updater: { feeds: Array<{ provider: string; url: string }>; checks: number };
    permissionHandlers: number;
    safeStorage: { probes: number; sealed: number; unsealed: number };
  };
  page: { status: number; csp: string | null; type: string | null; body: string };
  script?: { path: string; status: number; type: string | null; bytes: number };
  escape: { status: number };
  foreignHost: { status: number };
  headerCsp: Record<string, string[]>;
  untrusted: { ok: boolean; error?: { code: string } };
  iframe: { ok: boolean; error?: { code: string } };
  trusted: { ok: boolean; value?: { version: string; initialized: boolean } };
  badInput: { ok: boolean; error?: { code: string } };
  windowOpen: { action: string } | null;
}

/** Starts main.cjs under the stand-in and returns what it registered and answered. */
async function runMain(env: Record<string, string>, data = tempDir()): Promise<Report> {
  const child = spawn(process.execPath, [path.join(REPO, 'tests', 'bundle', 'electron-standin.cjs'), path.join(OUT, 'main.cjs')], {
    cwd: REPO,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ALUR_DATA: path.join(data, 'data'), STANDIN_USERDATA: data, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const msg = await new Promise<{ ok: boolean; report?: Report; error?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { ok: boolean; report?: Report; error?: string }));
    child.once('exit', (code) => reject(new Error(`main.cjs exited (${code}) before reporting:\n${output}`)));
  });
  await new Promise((resolve) => child.once('exit', resolve));
  if (!msg.ok || !msg.report) throw new Error(`${msg.error}\n${output}`);
  return msg.report;
}

describe('the built main-process bundle', () => {
  it('opens one hardened window on app://, handles one IPC channel per contract method, serves the renderer with the CSP, and reaches the built backend host', async () => {
    const r = await runMain({});
    // Externals the bundle loads at run time: Electron and the updater only (both shipped).
    expect([...new Set(r.rec.requires)].sort()).toEqual(['electron', 'electron-updater']);
    expect(r.rec.singleInstanceLock).toBe(true);
    expect(r.rec.sandboxEnabled).toBe(true);
    expect(r.rec.windows).toHaveLength(1);
    const win = r.rec.windows[0];
    expect(win?.loaded).toEqual(['app://alur/index.html']);
    expect(win?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: path.join(OUT, 'preload.cjs'),
    });
    expect(fs.existsSync(String(win?.options.webPreferences['preload']))).toBe(true);
    expect(r.rec.ipcChannels.sort()).toEqual([...METHOD_NAMES.map(ipcChannel), FILE_CHANNELS.save, FILE_CHANNELS.print].sort());
    expect(r.rec.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(r.rec.protocolSchemes).toEqual(['app']);
    expect(r.rec.permissionHandlers).toBe(2);

    expect(r.page).toMatchObject({ status: 200, csp: contentSecurityPolicy(), type: expect.stringMatching(/text\/html/) });
    // The page's own script is served too, as JavaScript.
    expect(r.script).toMatchObject({ path: expect.stringMatching(/^assets\/.+\.js$/), status: 200, type: expect.stringMatching(/javascript/) });
    expect(r.script?.bytes).toBeGreaterThan(100_000);
    expect(r.escape.status).toBe(404);
    expect(r.foreignHost.status).toBe(404);
    expect(r.headerCsp['Content-Security-Policy']).toEqual([contentSecurityPolicy()]);
    expect(r.windowOpen).toEqual({ action: 'deny' });

    expect(r.untrusted).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(r.iframe).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(r.badInput).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // main -> MessagePort -> the forked out/electron/backend-host.cjs -> back.
    expect(r.rec.forks.map((f) => f.modulePath)).toEqual([path.join(OUT, 'backend-host.cjs')]);
    expect(r.trusted).toMatchObject({ ok: true, value: { initialized: false } });
    // Unpackaged: the developer's menu stays, no update checks.
    expect(r.rec.menu).toBe('untouched');
    expect(r.rec.updater.feeds).toEqual([]);
  });

  it('when packaged: no menu, and the update check goes to the configured intranet URL', async () => {
    const r = await runMain({ STANDIN_PACKAGED: '1', ALUR_UPDATE_URL: 'https://pembaruan.kominfo.test/alur/' });
    expect(r.rec.menu).toBeNull();
    expect(r.rec.updater.feeds).toEqual([{ provider: 'generic', url: 'https://pembaruan.kominfo.test/alur/' }]);
    expect(r.rec.updater.checks).toBe(1);
  });

  it('when packaged with no URL set on the machine: the update check goes to the URL the office saved in Pengaturan › Kantor', async () => {
    const data = tempDir();
    const ctx = await openTestContext(path.join(data, 'data'));
    try {
      await call(ctx, 'office.create', null, {
        presetId: 'balangan',
        officeName: 'Diskominfo Uji',
        admin: { username: 'admin', fullName: 'Admin', password: ADMIN_PASSWORD },
      });
      const { token } = await call(ctx, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD });
      const s = await call(ctx, 'settings.get', token, {});
      await call(ctx, 'settings.save', token, {
        name: s.name,
        refFormat: s.refFormat,
        idleLockMinutes: s.idleLockMinutes,
        attachmentLimitMb: s.attachmentLimitMb,
        station: s.station,
        updateUrl: 'http://pembaruan.kominfo.test/kantor/',
      });
    } finally {
      await ctx.opened.close();
    }
    const r = await runMain({ STANDIN_PACKAGED: '1' }, data);
    expect(r.rec.updater.feeds).toEqual([{ provider: 'generic', url: 'http://pembaruan.kominfo.test/kantor/' }]);
  });
});

describe('secrets at rest in the built app', () => {
  /** What the stand-in's safeStorage sealed (it XORs with 0x5a behind a STANDIN1 prefix). */
  function unsealStandin(file: string): { key: string; auditAnchor: number | null } {
    const raw = Buffer.from(fs.readFileSync(file, 'utf8'), 'base64');
    expect(raw.subarray(0, 8).toString()).toBe('STANDIN1');
    return JSON.parse(Buffer.from(raw.subarray(8).map((b) => b ^ 0x5a)).toString('utf8')) as { key: string; auditAnchor: number | null };
  }

  /** Every file of the data folder, read whole. */
  function everyFile(dir: string): Buffer[] {
    // Files only: the owner's socket (alur.sock) cannot be read, and holds nothing at rest.
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? everyFile(path.join(dir, e.name)) : e.isFile() ? [fs.readFileSync(path.join(dir, e.name))] : []));
  }

  it('moves a plaintext workstation key into the OS store on first start, leaves it nowhere in clear, and opens the same one next time', async () => {
    const data = tempDir();
    const dataDir = path.join(data, 'data');
    const ctx = await openTestContext(dataDir);
    try {
      await call(ctx, 'office.create', null, {
        presetId: 'balangan',
        officeName: 'Diskominfo Uji',
        admin: { username: 'admin', fullName: 'Admin', password: ADMIN_PASSWORD },
      });
      // A stored server password, as a workstation joined before this version has it.
      const settings = {
        host: 'server.kantor',
        port: 5432,
        database: 'kantor',
        user: 'alur_u_diskominfosp',
        password: 'sandi-server-rahasia-9',
        sslmode: 'prefer' as const,
        sslrootcert: null,
        pinnedCert: null,
      };
      await saveConfig(ctx.db, dataDir, settings, { officeId: 'o', unitId: 'u', unitCode: 'DISKOMINFOSP', isHub: true }, Date.now());
    } finally {
      await ctx.opened.close();
    }
    const plain = JSON.parse(fs.readFileSync(path.join(dataDir, PLAIN_FILE), 'utf8')) as { key: string; auditAnchor: number };
    const key = Buffer.from(plain.key, 'base64');

    const first = await runMain({}, data);
    expect(first.trusted).toMatchObject({ ok: true, value: { initialized: true } });
    expect(first.rec.safeStorage).toMatchObject({ probes: 1, sealed: 1, unsealed: 0 });
    expect(fs.existsSync(path.join(dataDir, PLAIN_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, LEGACY_KEY_FILE))).toBe(false);
    expect(unsealStandin(path.join(dataDir, SEALED_FILE))).toEqual({ v: 1, key: plain.key, auditAnchor: plain.auditAnchor });
    // Neither the key (raw, base64 or hex) nor the server password is in any file in clear.
    for (const bytes of everyFile(dataDir)) {
      for (const secret of [key, Buffer.from(plain.key), Buffer.from(key.toString('hex')), Buffer.from('sandi-server-rahasia-9')])
        expect(bytes.includes(secret)).toBe(false);
    }

    const second = await runMain({}, data);
    expect(second.rec.safeStorage).toMatchObject({ probes: 1, sealed: 0, unsealed: 1 });
    expect(unsealStandin(path.join(dataDir, SEALED_FILE)).key).toBe(plain.key);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('unreadable'))).toEqual([]);
  });

  it('without an OS store the key stays in the 0600 file, as for the CLI', async () => {
    const data = tempDir();
    const r = await runMain({ STANDIN_SAFESTORAGE: 'none' }, data);
    expect(r.rec.safeStorage).toMatchObject({ probes: 1, sealed: 0, unsealed: 0 });
    const dataDir = path.join(data, 'data');
    expect(fs.existsSync(path.join(dataDir, SEALED_FILE))).toBe(false);
    expect(fs.statSync(path.join(dataDir, PLAIN_FILE)).mode & 0o777).toBe(0o600);
  });
});

describe('the built preload bundle', () => {
  it('requires nothing but electron and exposes exactly one function per contract method', async () => {
    const code = fs.readFileSync(path.join(OUT, 'preload.cjs'), 'utf8');
    const required: string[] = [];
    const exposed: Record<string, unknown> = {};
    const invoked: Array<{ channel: string; payload: unknown }> = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: (channel: string, payload: unknown) => {
          invoked.push({ channel, payload });
          return Promise.resolve({ ok: true, value: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot load "${id}"`);
      return electron;
    };
    const module = { exports: {} };
    vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console }, { filename: 'preload.cjs' });
    expect([...new Set(required)]).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['alur']);
    const api = exposed['alur'] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'onEvent', 'printPdf', 'saveFile'].sort());
    for (const k of Object.keys(api)) expect(typeof api[k], k).toBe('function');
    await (api['case.get'] as (t: string, i: unknown) => Promise<unknown>)('tok', { caseId: 'x' });
    expect(invoked).toEqual([{ channel: ipcChannel('case.get'), payload: { token: 'tok', input: { caseId: 'x' } } }]);
  });
});
