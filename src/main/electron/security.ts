/**
 * The Electron shell's security policy as plain functions: window hardening, the CSP, what
 * may be navigated to, opened outside or granted, and who may call the IPC channels.
 *
 * Nothing here imports Electron or Node at run time (only types), so the policy is unit-tested
 * without Electron and the sandboxed preload can share `ipcChannel` and `EVENT_CHANNEL`.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { MethodName } from '../../shared/api/contract';

/** The privileged custom scheme the renderer is served from (never file://, see main.ts). */
export const APP_SCHEME = 'app';
/** The one host of that scheme; anything else on the scheme is refused. */
export const APP_HOST = 'alur';
/** The renderer's origin: the only origin allowed to navigate, hold permissions or call IPC. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Where the window starts. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** The single main -> renderer channel, carrying backend `ServerEvent`s. */
export const EVENT_CHANNEL = 'alur:event';

/** The IPC channel of one contract method: one channel per method, never a generic one. */
export function ipcChannel(method: MethodName): string {
  return `alur:${method}`;
}

/**
 * Options of the main window. The renderer gets no Node, runs in Chromium's sandbox, and its
 * JavaScript world is isolated from the preload's; everything it needs comes through the
 * preload's named functions.
 */
export function windowOptions(preloadPath: string, opts: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    title: 'Alur',
    width: 1440,
    height: 900,
    // Tables, filters and the case panel side by side still fit at 1024x640, the smallest
    // screens (and zoomed-in 1366x768 laptops) found in the offices.
    minWidth: 1024,
    minHeight: 640,
    // Shown on ready-to-show, so the user never sees an empty white frame while antd loads.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads dictionaries from a Google CDN: the offices are often
      // offline, and case text should not cause network traffic.
      spellcheck: false,
      // Off unless the shell says this is a development run (never in a packaged build).
      devTools: opts.devTools ?? false,
    },
  };
}

/** The CSP sent as a header with every renderer response (said once, in src/shared/web/csp.ts). */
export { contentSecurityPolicy } from '../../shared/web/csp';

function parseUrl(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is on the app's own scheme and host. Compares scheme and host parsed by a real
 * URL parser (never a prefix test, which `app://alur.evil/` or `app://alur@evil/` would pass);
 * WHATWG gives non-special schemes an opaque "null" origin, hence the field comparison.
 */
function isAppOrigin(url: string | null | undefined, appOrigin: string): boolean {
  const u = parseUrl(url);
  const app = parseUrl(appOrigin);
  if (!u || !app) return false;
  return u.protocol === app.protocol && u.host === app.host && u.host !== '' && u.username === '' && u.password === '';
}

/** Navigation (will-navigate, will-redirect) is allowed only within the app's own origin. */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return isAppOrigin(url, appOrigin);
}

/** Whether an IPC sender frame's URL is the app's own renderer. */
export function isTrustedSender(frameUrl: string | null | undefined, appOrigin: string): boolean {
  return isAppOrigin(frameUrl, appOrigin);
}

/** The parts of an Electron IPC event that sender validation looks at. */
interface IpcSenderInfo {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * Full sender validation for an IPC call: it must come from the main window's webContents,
 * from its top-level frame (no iframe, even a same-origin one), and that frame must show the
 * app's own origin, so a page that somehow got navigated or framed cannot reach the backend.
 */
export function isTrustedIpcEvent(event: IpcSenderInfo, expectedSender: unknown, appOrigin: string): boolean {
  if (expectedSender === null || expectedSender === undefined || event.sender !== expectedSender) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isTrustedSender(frame.url, appOrigin);
}

/** What the shell does with a link that would leave the app. */
type ExternalLinkVerdict = 'ask-then-open' | 'refuse';

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Links the system may open after the user confirms: web pages and e-mail addresses. Anything
 * else (file:, javascript:, data:, smb:, custom app schemes...) could run or open local
 * things through the OS and is refused outright.
 */
export function classifyExternalLink(url: string): ExternalLinkVerdict {
  const u = parseUrl(url);
  if (!u || !EXTERNAL_PROTOCOLS.has(u.protocol)) return 'refuse';
  if (u.protocol !== 'mailto:' && u.hostname === '') return 'refuse';
  return 'ask-then-open';
}

/**
 * The `setWindowOpenHandler` handler: no window is ever created. An outside link the user may
 * open is handed to `offerExternal` (which asks, then opens it in the system browser).
 */
export function windowOpenHandler(offerExternal: (url: string) => void): (details: { url: string }) => { action: 'deny' } {
  return function handleWindowOpen(details) {
    if (classifyExternalLink(details.url) === 'ask-then-open') offerExternal(details.url);
    return { action: 'deny' };
  };
}

/**
 * A `will-navigate` / `will-redirect` listener: anything leaving the app's origin is stopped;
 * for a user's click on an outside link, `offerExternal` may offer the system browser instead.
 */
export function navigationGuard(
  appOrigin: string,
  offerExternal: ((url: string) => void) | null,
): (event: { url: string; preventDefault(): void }) => void {
  return function guardNavigation(event) {
    if (isAllowedNavigation(event.url, appOrigin)) return;
    event.preventDefault();
    if (offerExternal && classifyExternalLink(event.url) === 'ask-then-open') offerExternal(event.url);
  };
}

/**
 * Web permissions the renderer may have: desktop notifications (deadline reminders) and
 * writing text to the clipboard (copying a tracking number). No camera, microphone,
 * geolocation, HID, serial, USB... and only for the app's own origin.
 */
const ALLOWED_PERMISSIONS = new Set(['notifications', 'clipboard-sanitized-write']);

/** Decides a permission request or check from the app's renderer. */
export function isAllowedPermission(permission: string, requestingUrl: string | null | undefined, appOrigin: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppOrigin(requestingUrl, appOrigin);
}

/**
 * Maps a request path on the app scheme to path segments under the renderer folder, or null
 * when it tries to leave it (`..`, encoded slashes or backslashes, NUL, drive letters). The
 * URL parser already collapses `..`; this is the second lock on that door.
 */
export function rendererPathSegments(pathname: string): string[] | null {
  const raw = pathname.replace(/^\/+/, '');
  if (raw === '') return ['index.html'];
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (decoded === '' || decoded === '.' || decoded === '..') return null;
    if (/[\\/:\0]/.test(decoded)) return null;
    segments.push(decoded);
  }
  return segments;
}
