/**
 * The Electron main process: one hardened window showing the renderer from the privileged
 * `app://alur` scheme, one IPC channel per contract method, and the backend running in a
 * separate `utilityProcess` reached over a MessagePort. The policy itself (window options,
 * CSP, navigation, senders, permissions) lives in security.ts, where it is tested. This file
 * wires the pieces at startup: log (main-log.ts), paths (paths.ts), the scheme
 * (renderer-protocol.ts), the host (host-lifecycle.ts), windows and printing (windows.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { registerIpc } from './ipc';
import { registerFileIpc } from './files';
import { APP_ORIGIN, APP_SCHEME, isAllowedPermission, isTrustedIpcEvent } from './security';
import { configureUpdater } from './updater';
import { loadReleaseKeys } from './release-verify';
import { forbiddenSwitches, refusalMessage } from './debug-switches';
import { log, openLogFile } from './main-log';
import { resourcesDir, updateUrl } from './paths';
import { CSP, serveRenderer } from './renderer-protocol';
import { ensureHost, forward, officeUpdateUrl, stopHostBeforeQuit } from './host-lifecycle';
import { currentWindow, focusMainWindow, guardWebContents, openMainWindow, printPdfFile } from './windows';

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
    callback(contents.id === currentWindow()?.webContents.id && isAllowedPermission(permission, details.requestingUrl, APP_ORIGIN));
  });
  ses.setPermissionCheckHandler(
    (contents, permission, requestingOrigin) =>
      contents !== null && contents.id === currentWindow()?.webContents.id && isAllowedPermission(permission, requestingOrigin, APP_ORIGIN),
  );

  // webContents ids are unique for the app's lifetime, a firmer identity than JS wrappers.
  const isTrusted = (event: Electron.IpcMainInvokeEvent) =>
    isTrustedIpcEvent({ sender: event.sender.id, senderFrame: event.senderFrame }, currentWindow()?.webContents.id, APP_ORIGIN);
  registerIpc(ipcMain, { isTrusted, forward });
  registerFileIpc(ipcMain, isTrusted, {
    showSaveDialog: (options) => {
      const win = currentWindow();
      return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options);
    },
    writeFile: (file, bytes) => fs.promises.writeFile(file, bytes),
    removeFile: (file) => fs.promises.rm(file, { force: true }),
    printPdf: printPdfFile,
    downloadsDir: app.getPath('downloads'),
    tempDir: app.getPath('temp'),
  });

  // Packaged builds have no menu: no reload or developer tools for end users.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  openMainWindow(path.join(__dirname, 'preload.cjs'));
  ensureHost();
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

  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  // Close the database cleanly (WAL checkpoint) before the process goes away.
  app.on('before-quit', stopHostBeforeQuit);
  app.whenReady().then(onReady, (e: unknown) => log.warn(`start gagal: ${String(e)}`));
}

main();
