/**
 * Automatic updates from the office's intranet. The administrator sets the update folder's
 * URL in Settings (a web server holding the installers and `latest.yml` / `latest-linux.yml`
 * produced by `npm run dist`); with no URL, updates are off. Workstations are often offline
 * or the server is down: every failure is logged quietly and never shown as a dialog.
 */

/** The log the updater writes to (the shell's log file). */
export interface UpdaterLog {
  info(message: string): void;
  warn(message: string): void;
}

/** The part of electron-updater's `autoUpdater` used here (a parameter, so tests pass a fake). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** What {@link configureUpdater} returns. */
export interface UpdaterHandle {
  /** True when a feed URL was accepted and checks are scheduled. */
  readonly enabled: boolean;
  /** Stops the periodic checks. */
  stop(): void;
}

/** How often a running app looks for an update. */
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** Accepts http(s) URLs only: an intranet server often has no TLS certificate. */
export function normalizeUpdateUrl(url: string | null | undefined): string | null {
  const trimmed = url?.trim() ?? '';
  if (trimmed === '') return null;
  try {
    const u = new URL(trimmed);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') return null;
    return u.toString();
  } catch {
    return null;
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message.split('\n')[0] ?? e.name : String(e);
}

/**
 * Points `autoUpdater` at the office's generic update server, downloads updates in the
 * background and installs them when the app quits. Checks once now and every 4 hours. With a
 * null, empty or invalid URL it does nothing at all (not even the build-time feed).
 */
export function configureUpdater(autoUpdater: AutoUpdaterLike, url: string | null, log: UpdaterLog): UpdaterHandle {
  const feed = normalizeUpdateUrl(url);
  if (feed === null) {
    if (url !== null && url.trim() !== '') log.warn(`pembaruan: URL tidak valid, pembaruan dimatikan (${url.slice(0, 200)})`);
    return { enabled: false, stop() {} };
  }
  try {
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    // electron-updater emits 'error' as well as rejecting; an EventEmitter 'error' without a
    // listener would throw in the main process and take the app down.
    autoUpdater.on('error', (e) => log.warn(`pembaruan: ${describe(e)}`));
    autoUpdater.setFeedURL({ provider: 'generic', url: feed });
  } catch (e) {
    log.warn(`pembaruan: konfigurasi gagal: ${describe(e)}`);
    return { enabled: false, stop() {} };
  }

  let checking = false;
  const check = (): void => {
    if (checking) return;
    checking = true;
    let pending: Promise<unknown>;
    try {
      pending = autoUpdater.checkForUpdates();
    } catch (e) {
      pending = Promise.reject(e);
    }
    pending
      .catch((e: unknown) => log.warn(`pembaruan: pemeriksaan gagal: ${describe(e)}`))
      .finally(() => {
        checking = false;
      });
  };

  log.info(`pembaruan: memeriksa ${feed}`);
  check();
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  // The timer alone must never keep the process alive.
  timer.unref?.();
  return {
    enabled: true,
    stop() {
      clearInterval(timer);
    },
  };
}
