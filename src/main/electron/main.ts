/**
 * The Electron main process: one hardened window showing the renderer from the privileged
 * `app://alur` scheme, one IPC channel per contract method, and the backend running in a
 * separate `utilityProcess` reached over a MessagePort. The policy itself (window options,
 * CSP, navigation, senders, permissions) lives in security.ts, where it is tested.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  net,
  Notification,
  protocol,
  session,
  shell,
  utilityProcess,
  type MessageBoxOptions,
  type MessagePortMain,
  type UtilityProcess,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import type { MethodName, ServerEvent } from '../../shared/api/contract';
import type { AppInfo } from '../../shared/api/views';
import type { Result } from '../../shared/result';
import { contentTypeOf } from '../../shared/web/content-types';
import { createHostClient, SHUTDOWN_MESSAGE, type HostClient, type HostInit } from './host-protocol';
import { serveSecrets } from './secrets';
import { registerIpc } from './ipc';
import { registerFileIpc } from './files';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  EVENT_CHANNEL,
  contentSecurityPolicy,
  isAllowedPermission,
  isTrustedIpcEvent,
  navigationGuard,
  rendererPathSegments,
  windowOpenHandler,
  windowOptions,
} from './security';
import { configureUpdater, type UpdaterLog } from './updater';
import { loadReleaseKeys } from './release-verify';
import { forbiddenSwitches, refusalMessage } from './debug-switches';

// The shell's few user-visible strings; the renderer's locale files are not reachable from here.
const TEXT = {
  openLinkQuestion: 'Buka tautan di peramban?',
  open: 'Buka',
  cancel: 'Batal',
  hostStopped: 'Proses data berhenti tiba-tiba. Silakan ulangi; bila terus terjadi, hubungi administrator.',
};

const CSP = contentSecurityPolicy();
const HOST_SHUTDOWN_GRACE_MS = 3000;

interface Host {
  child: UtilityProcess;
  port: MessagePortMain;
  client: HostClient;
  exited: Promise<void>;
}

let mainWindow: BrowserWindow | null = null;
let host: Host | null = null;
let quitState: 'running' | 'closing' | 'done' = 'running';
let logFile: string | null = null;
let linkDialogOpen = false;

function write(level: string, message: string): void {
  const line = `${new Date().toISOString()} ${level} ${message}\n`;
  if (logFile) fs.appendFile(logFile, line, () => undefined);
  if (!app.isPackaged || !logFile) process.stderr.write(line);
}
const log: UpdaterLog = { info: (m) => write('INFO', m), warn: (m) => write('WARN', m) };

function openLogFile(): void {
  try {
    const dir = app.getPath('logs');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'main.log');
    // One old generation is enough to report a problem; the log never grows without bound.
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > 5 * 1024 * 1024) fs.renameSync(file, `${file}.1`);
    logFile = file;
  } catch {
    logFile = null;
  }
}

/** The data folder: ALUR_DATA, else `<userData>/data` (the same place the CLI uses). */
function dataDir(): string {
  const fromEnv = process.env['ALUR_DATA'];
  return path.resolve(fromEnv && fromEnv.trim() !== '' ? fromEnv : path.join(app.getPath('userData'), 'data'));
}

/** Presets, calendar data and fonts: next to the app when packaged (extraResources). */
function resourcesDir(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources');
}

function rendererDir(): string {
  return path.join(app.getAppPath(), 'out', 'renderer');
}

/** The office's update server URL: ALUR_UPDATE_URL, else `<userData>/update.json` {"url": ...}. */
function updateUrl(): string | null {
  const fromEnv = process.env['ALUR_UPDATE_URL'];
  if (fromEnv && fromEnv.trim() !== '') return fromEnv;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(app.getPath('userData'), 'update.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string' ? parsed.url : null;
  } catch {
    return null;
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Security-Policy': CSP, 'Content-Type': 'text/plain' } });
}

/**
 * Serves `out/renderer` on `app://alur/`. Only GET on the one host, only files inside the
 * folder. The CSP goes on every response here because webRequest's header hooks do not run
 * for custom protocols.
 */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
  const segments = rendererPathSegments(url.pathname);
  if (!segments) return notFound();
  const root = rendererDir();
  const file = path.join(root, ...segments);
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return notFound();
  try {
    const body = await fs.promises.readFile(file);
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': contentTypeOf(path.extname(file)),
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  } catch {
    return notFound();
  }
}

/** Asks before handing an outside link to the system browser or mail program. */
async function offerExternal(url: string): Promise<void> {
  // A page firing window.open in a loop must not stack dialogs.
  if (linkDialogOpen) return;
  linkDialogOpen = true;
  try {
    const options: MessageBoxOptions = {
      type: 'question',
      title: 'Alur',
      message: TEXT.openLinkQuestion,
      detail: url.slice(0, 500),
      buttons: [TEXT.open, TEXT.cancel],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    };
    const win = mainWindow;
    const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    if (response === 0) await shell.openExternal(url);
  } catch (e) {
    log.warn(`tautan luar gagal dibuka: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    linkDialogOpen = false;
  }
}

function relayEvent(event: ServerEvent): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  win.webContents.send(EVENT_CHANNEL, event);
  if (event.type === 'notice' && !win.isFocused() && Notification.isSupported()) {
    const n = new Notification({ title: 'Alur', body: event.message.slice(0, 300) });
    n.on('click', () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    });
    n.show();
  }
}

function startHost(): Host {
  const { port1, port2 } = new MessageChannelMain();
  const child = utilityProcess.fork(path.join(__dirname, 'backend-host.cjs'), [], { serviceName: 'Alur data', stdio: 'inherit' });
  const client = createHostClient(port1);
  client.onEvent(relayEvent);
  serveSecrets(port1);
  port1.start();
  const init: HostInit = { type: 'init', dataDir: dataDir(), resourcesDir: resourcesDir(), appVersion: app.getVersion(), sealing: 'main' };
  child.postMessage(init, [port2]);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      client.fail(TEXT.hostStopped);
      port1.close();
      if (host?.child === child) host = null;
      if (quitState === 'running') {
        // The next call starts a fresh host; its sessions are gone, so send the UI to login.
        log.warn(`proses data berhenti (kode ${code})`);
        relayEvent({ type: 'session.expired' });
      }
      resolve();
    });
  });
  return { child, port: port1, client, exited };
}

/** The update URL the office set in Pengaturan › Kantor (null when none, or the backend failed). */
async function officeUpdateUrl(): Promise<string | null> {
  const r = await forward('app.info', null, {});
  return r.ok ? ((r.value as AppInfo).updateUrl ?? null) : null;
}

function forward(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>> {
  host ??= startHost();
  return host.client.call(method, token, input);
}

async function stopHost(): Promise<void> {
  const h = host;
  if (!h) return;
  h.port.postMessage(SHUTDOWN_MESSAGE);
  const timedOut = await Promise.race([
    h.exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), HOST_SHUTDOWN_GRACE_MS)),
  ]);
  if (timedOut) h.child.kill();
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs'), { devTools: !app.isPackaged }));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  let lastCrash = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    log.warn(`renderer berhenti: ${details.reason}`);
    // Reload once after a crash, but not in a loop if the page crashes again at once.
    const now = Date.now();
    if (details.reason !== 'clean-exit' && !win.isDestroyed() && now - lastCrash > 10_000) win.reload();
    lastCrash = now;
  });
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => log.warn(`halaman gagal dimuat: ${String(e)}`));
  return win;
}

/**
 * Prints a PDF with Chromium's own viewer in a hidden, sandboxed window, so the office gets the
 * system print dialog (printer, copies, duplex) without a separate PDF program.
 */
async function printPdfFile(file: string): Promise<void> {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, devTools: !app.isPackaged } });
  try {
    await win.loadURL(pathToFileURL(file).href);
    await new Promise<void>((resolve, reject) => {
      win.webContents.print({ silent: false, printBackground: true }, (done, reason) => (done || reason === 'cancelled' ? resolve() : reject(new Error(reason))));
    });
  } finally {
    win.destroy();
  }
}

/** Rules every webContents gets, whoever creates it. */
function guardWebContents(contents: Electron.WebContents): void {
  // offerExternal catches its own failures; the .catch only keeps a future throw from being lost.
  const offer = (url: string): void => {
    offerExternal(url).catch((e: unknown) => log.warn(`tautan luar: ${String(e)}`));
  };
  contents.setWindowOpenHandler(windowOpenHandler(offer));
  contents.on('will-navigate', navigationGuard(APP_ORIGIN, offer));
  contents.on('will-frame-navigate', navigationGuard(APP_ORIGIN, null));
  contents.on('will-redirect', navigationGuard(APP_ORIGIN, null));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Belt and braces with webPreferences.devTools: a packaged build never keeps DevTools open.
  if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

function onReady(): void {
  openLogFile();
  const ses = session.defaultSession;
  protocol.handle(APP_SCHEME, serveRenderer);
  // Custom-protocol responses carry the CSP themselves (above); this covers anything else
  // the session might load, so no page in this app is ever without the policy.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(contents.id === mainWindow?.webContents.id && isAllowedPermission(permission, details.requestingUrl, APP_ORIGIN));
  });
  ses.setPermissionCheckHandler(
    (contents, permission, requestingOrigin) =>
      contents !== null && contents.id === mainWindow?.webContents.id && isAllowedPermission(permission, requestingOrigin, APP_ORIGIN),
  );

  // webContents ids are unique for the app's lifetime, a firmer identity than JS wrappers.
  const isTrusted = (event: Electron.IpcMainInvokeEvent) =>
    isTrustedIpcEvent({ sender: event.sender.id, senderFrame: event.senderFrame }, mainWindow?.webContents.id, APP_ORIGIN);
  registerIpc(ipcMain, { isTrusted, forward });
  registerFileIpc(ipcMain, isTrusted, {
    showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
    writeFile: (file, bytes) => fs.promises.writeFile(file, bytes),
    removeFile: (file) => fs.promises.rm(file, { force: true }),
    printPdf: printPdfFile,
    downloadsDir: app.getPath('downloads'),
    tempDir: app.getPath('temp'),
  });

  // Packaged builds have no menu: no reload or developer tools for end users.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  mainWindow = createWindow();
  host ??= startHost();
  // This machine's setting (ALUR_UPDATE_URL, update.json) wins; else the office's, from
  // Pengaturan › Kantor, which the backend keeps (app.info is public: no session needed).
  if (app.isPackaged)
    officeUpdateUrl()
      .then((office) =>
        configureUpdater(autoUpdater, updateUrl() ?? office, log, {
          currentVersion: app.getVersion(),
          keys: loadReleaseKeys(resourcesDir()),
          async fetchText(url) {
            const r = await net.fetch(url, { cache: 'no-store' });
            if (!r.ok) throw new Error(`HTTP ${r.status} untuk ${url}`);
            return r.text();
          },
        }),
      )
      .catch((e: unknown) => log.warn(`pembaruan: konfigurasi gagal: ${String(e)}`));
}

function main(): void {
  // Before anything else: a packaged build started with a debugging switch exits at once.
  if (app.isPackaged) {
    const bad = forbiddenSwitches(process.argv);
    if (bad.length) {
      process.stderr.write(`${refusalMessage(bad)}\n`);
      dialog.showErrorBox('Alur', refusalMessage(bad));
      app.exit(1);
      return;
    }
  }
  // The folder name the CLI uses too (src/main/cli/paths.ts); unpackaged, Electron would
  // otherwise take package.json's lowercase "name". Set first: the instance lock lives there.
  app.setPath('userData', path.join(app.getPath('appData'), 'Alur'));
  if (!app.requestSingleInstanceLock()) {
    // A second launch only brings the running window forward (second-instance below); two
    // processes on one SQLite file is what the lock prevents.
    app.quit();
    return;
  }
  app.enableSandbox();
  // Must happen before ready: standard (relative URLs resolve), secure (a secure context,
  // as for https), fetch allowed. No CSP bypass, no CORS, no service workers.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

  app.on('second-instance', () => {
    const win = mainWindow;
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    // Close the database cleanly (WAL checkpoint) before the process goes away.
    if (quitState === 'done' || !host) return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    stopHost()
      .catch((e: unknown) => log.warn(`proses data gagal ditutup: ${String(e)}`))
      .finally(() => {
        quitState = 'done';
        app.quit();
      });
  });
  app.whenReady().then(onReady, (e: unknown) => log.warn(`start gagal: ${String(e)}`));
}

main();
