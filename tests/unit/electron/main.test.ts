/**
 * main.ts wired against a fake Electron: scheme, sandbox and single-instance set up before
 * ready; one hardened window; the renderer served only from out/renderer with the CSP; one IPC
 * channel per method reaching the backend host over its port; permissions denied.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../src/shared/api/contract';

const fake = vi.hoisted(() => {
  const port = () => ({ on: vi.fn(), start: vi.fn(), close: vi.fn(), postMessage: vi.fn() });
  const windows: Array<{ options: unknown; webContents: { id: number; on: ReturnType<typeof vi.fn> }; loadURL: ReturnType<typeof vi.fn> }> = [];
  const channels: Array<{ port1: ReturnType<typeof port>; port2: ReturnType<typeof port> }> = [];
  const paths: Record<string, string> = {};
  return {
    paths,
    windows,
    channels,
    app: {
      isPackaged: false,
      setPath: vi.fn((name: string, value: string) => {
        paths[name] = value;
      }),
      getPath: vi.fn((name: string) => paths[name] ?? path.join(paths['appData'] ?? '/nonexistent', name)),
      getAppPath: vi.fn(() => paths['app'] ?? '/nonexistent'),
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: vi.fn(() => true),
      enableSandbox: vi.fn(),
      on: vi.fn(),
      quit: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
    },
    BrowserWindow: class {
      options: unknown;
      webContents = { id: 7, on: vi.fn(), send: vi.fn(), setWindowOpenHandler: vi.fn() };
      loadURL = vi.fn(async () => undefined);
      once = vi.fn();
      on = vi.fn();
      isDestroyed = () => false;
      isFocused = () => true;
      constructor(options: unknown) {
        this.options = options;
        windows.push(this);
      }
    },
    MessageChannelMain: class {
      port1 = port();
      port2 = port();
      constructor() {
        channels.push(this);
      }
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    utilityProcess: { fork: vi.fn((_modulePath: string) => ({ postMessage: vi.fn(), once: vi.fn(), kill: vi.fn() })) },
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.BrowserWindow,
  MessageChannelMain: fake.MessageChannelMain,
  protocol: fake.protocol,
  session: fake.session,
  ipcMain: fake.ipcMain,
  utilityProcess: fake.utilityProcess,
  Menu: { setApplicationMenu: vi.fn() },
  Notification: Object.assign(vi.fn(), { isSupported: () => false }),
  dialog: { showMessageBox: vi.fn(async () => ({ response: 1 })) },
  shell: { openExternal: vi.fn() },
}));
vi.mock('electron-updater', () => ({ autoUpdater: {} }));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alur-shell-'));
const dataDir = path.join(tmp, 'custom-data');

beforeAll(async () => {
  fake.paths['appData'] = path.join(tmp, 'appdata');
  fake.paths['app'] = path.join(tmp, 'app');
  fs.mkdirSync(path.join(tmp, 'app', 'out', 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'app', 'out', 'renderer', 'index.html'), '<!doctype html><title>Alur</title>');
  fs.writeFileSync(path.join(tmp, 'app', 'out', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tmp, 'app', 'secret.txt'), 'not for the renderer');
  vi.stubEnv('ALUR_DATA', dataDir);
  await import('../../../src/main/electron/main');
  await new Promise((r) => setTimeout(r, 0));
});

type ProtocolHandler = (request: Request) => Promise<Response>;
const handler = (): ProtocolHandler => fake.protocol.handle.mock.calls[0]?.[1];

describe('main process', () => {
  it('sets up the scheme, sandbox and single-instance lock before ready', () => {
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(fake.app.enableSandbox).toHaveBeenCalledOnce();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.paths['userData']).toBe(path.join(tmp, 'appdata', 'Alur'));
  });

  it('opens one hardened window on the app scheme', () => {
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0];
    expect(win?.options).toMatchObject({
      show: false,
      // Unpackaged (npm start) keeps DevTools; packaged builds pass devTools: false (issue 13).
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        devTools: true,
        preload: expect.stringMatching(/preload\.cjs$/),
      },
    });
    expect(win?.loadURL).toHaveBeenCalledWith('app://alur/index.html');
  });

  it('serves only files of out/renderer, with the CSP', async () => {
    const serve = handler();
    expect(fake.protocol.handle.mock.calls[0]?.[0]).toBe('app');
    const index = await serve(new Request('app://alur/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<title>Alur</title>');
    expect((await serve(new Request('app://alur/assets/app.js'))).headers.get('content-type')).toContain('javascript');

    for (const url of [
      'app://alur/../secret.txt',
      'app://alur/..%2fsecret.txt',
      'app://alur/%2e%2e/secret.txt',
      'app://evil/index.html',
      'app://alur/missing.js',
    ]) {
      const r = await serve(new Request(url));
      expect(r.status, url).toBe(404);
      expect(r.headers.get('content-security-policy'), url).toBeTruthy();
    }
    expect((await serve(new Request('app://alur/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });

  it('adds the CSP to every other response of the session', () => {
    const onHeaders = fake.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0];
    const callback = vi.fn();
    onHeaders({ responseHeaders: { 'X-Other': ['1'] } }, callback);
    expect(callback.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy'][0]).toContain("object-src 'none'");
  });

  it('grants notifications to the window only, and nothing else', () => {
    const request = fake.session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0];
    const contents = fake.windows[0]?.webContents;
    const decide = (wc: unknown, permission: string, url: string) => {
      const cb = vi.fn();
      request(wc, permission, cb, { requestingUrl: url });
      return cb.mock.calls[0]?.[0];
    };
    expect(decide(contents, 'notifications', 'app://alur/index.html')).toBe(true);
    expect(decide(contents, 'media', 'app://alur/index.html')).toBe(false);
    expect(decide({ id: 99 }, 'notifications', 'app://alur/index.html')).toBe(false);
  });

  it('registers one IPC channel per method and forwards trusted calls to the backend host', async () => {
    expect(fake.ipcMain.on).not.toHaveBeenCalled();
    const channels = fake.ipcMain.handle.mock.calls.map((c) => c[0]);
    expect(channels.sort()).toEqual([...METHOD_NAMES.map((m) => `alur:${m}`), 'alur-file:print', 'alur-file:save'].sort());

    expect(fake.utilityProcess.fork).toHaveBeenCalledOnce();
    expect(fake.utilityProcess.fork.mock.calls[0]?.[0]).toMatch(/backend-host\.cjs$/);
    const child = fake.utilityProcess.fork.mock.results[0]?.value;
    const [init, transfer] = child.postMessage.mock.calls[0];
    expect(init).toMatchObject({ type: 'init', dataDir, appVersion: '0.1.0' });
    const channel = fake.channels[0];
    expect(transfer).toEqual([channel?.port2]);

    const listener = fake.ipcMain.handle.mock.calls.find((c) => c[0] === 'alur:app.info')?.[1];
    const foreign = { sender: { id: 7 }, senderFrame: { url: 'https://example.com/', parent: null } };
    await expect(listener(foreign, { token: null, input: {} })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const otherWindow = { sender: { id: 8 }, senderFrame: { url: 'app://alur/index.html', parent: null } };
    await expect(listener(otherWindow, { token: null, input: {} })).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(channel?.port1.postMessage).not.toHaveBeenCalled();

    const trusted = { sender: { id: 7 }, senderFrame: { url: 'app://alur/index.html', parent: null } };
    const answer = listener(trusted, { token: null, input: {} });
    await new Promise((r) => setTimeout(r, 0));
    expect(channel?.port1.postMessage).toHaveBeenCalledWith({ id: 1, method: 'app.info', token: null, input: {} });
    const onMessage = channel?.port1.on.mock.calls.find((c) => c[0] === 'message')?.[1];
    onMessage({ data: { id: 1, result: { ok: true, value: { version: '0.1.0' } } } });
    await expect(answer).resolves.toEqual({ ok: true, value: { version: '0.1.0' } });
  });

  it('denies every new window and guards navigation of every webContents', () => {
    const created = fake.app.on.mock.calls.find((c) => c[0] === 'web-contents-created')?.[1];
    const contents = { setWindowOpenHandler: vi.fn(), on: vi.fn() };
    created({}, contents);
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0];
    expect(openHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const events = contents.on.mock.calls.map((c) => c[0]);
    expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview']));
    const navigate = contents.on.mock.calls.find((c) => c[0] === 'will-navigate')?.[1];
    const away = { url: 'file:///etc/passwd', preventDefault: vi.fn() };
    navigate(away);
    expect(away.preventDefault).toHaveBeenCalled();
  });
});
