/**
 * The one main window (and the hidden print window): creation, crash reload, the rules every
 * webContents gets, outside links behind a question, and events relayed from the backend.
 */
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Notification, shell, type MessageBoxOptions } from 'electron';
import type { ServerEvent } from '../../shared/api/contract';
import { log } from './main-log';
import { APP_ENTRY_URL, APP_ORIGIN, EVENT_CHANNEL, navigationGuard, windowOpenHandler, windowOptions } from './security';

// The shell's few user-visible strings; the renderer's locale files are not reachable from here.
const TEXT = {
  openLinkQuestion: 'Buka tautan di peramban?',
  open: 'Buka',
  cancel: 'Batal',
};

let mainWindow: BrowserWindow | null = null;
let linkDialogOpen = false;

/** The main window, or null before it exists or after it closed. */
export function currentWindow(): BrowserWindow | null {
  return mainWindow;
}

/** Brings the main window forward (a second launch, a click on a notification). */
function focusWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export function focusMainWindow(): void {
  if (mainWindow) focusWindow(mainWindow);
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

/** A backend event to the renderer; a notice also becomes a system notification when unfocused. */
export function relayEvent(event: ServerEvent): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  win.webContents.send(EVENT_CHANNEL, event);
  if (event.type === 'notice' && !win.isFocused() && Notification.isSupported()) {
    const n = new Notification({ title: 'Alur', body: event.message.slice(0, 300) });
    n.on('click', () => focusWindow(win));
    n.show();
  }
}

/** Creates the main window showing the renderer; it becomes currentWindow() until closed. */
export function openMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath, { devTools: !app.isPackaged }));
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
  mainWindow = win;
  return win;
}

/**
 * Prints a PDF with Chromium's own viewer in a hidden, sandboxed window, so the office gets the
 * system print dialog (printer, copies, duplex) without a separate PDF program.
 */
export async function printPdfFile(file: string): Promise<void> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, devTools: !app.isPackaged },
  });
  try {
    await win.loadURL(pathToFileURL(file).href);
    await new Promise<void>((resolve, reject) => {
      win.webContents.print({ silent: false, printBackground: true }, (done, reason) =>
        done || reason === 'cancelled' ? resolve() : reject(new Error(reason)),
      );
    });
  } finally {
    win.destroy();
  }
}

/** Rules every webContents gets, whoever creates it. */
export function guardWebContents(contents: Electron.WebContents): void {
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
