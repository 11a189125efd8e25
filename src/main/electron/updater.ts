/**
 * Automatic updates from the office's intranet. The administrator sets the update folder's
 * URL in Settings (a web server holding the installers, `latest.yml` / `latest-linux.yml`
 * produced by `npm run dist`, and `alur-release.json` signed by `alur release sign`); with no
 * URL, updates are off. Workstations are often offline or the server is down: every failure is
 * logged quietly and never shown as a dialog.
 *
 * The server is not trusted: an update is downloaded only when the signed manifest (checked
 * against the release keys shipped in the app) names exactly the version and files that
 * `latest.yml` offers and that version is newer than this one; the downloaded file's SHA-512 is
 * checked against the manifest before it may be installed. So an `http://` URL is safe to use.
 */
import { checkOffer, RELEASE_FILE, type ReleaseManifest, type TrustedKey } from '../../shared/updates/release-format';
import { checkDownloadedFile, verifyReleaseText } from './release-verify';

/** The log the updater writes to (the shell's log file). */
export interface UpdaterLog {
  info(message: string): void;
  warn(message: string): void;
}

/** The part of electron-updater's `autoUpdater` used here (a parameter, so tests pass a fake). */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-available', listener: (info: OfferedUpdate) => void): unknown;
  on(event: 'update-downloaded', listener: (event: { version: string; downloadedFile: string }) => void): unknown;
}

/** What electron-updater read from `latest.yml` (unsigned: checked against the signed manifest). */
interface OfferedUpdate {
  version: string;
  files: ReadonlyArray<{ url: string; sha512: string }>;
}

/** What the updater trusts, and how it reaches the manifest (parameters, so tests pass fakes). */
export interface UpdateTrust {
  currentVersion: string;
  /** The release keys shipped in the app (`resources/release-keys.json`). */
  keys: readonly TrustedKey[];
  /** GET a URL as text (the shell passes Electron's net.fetch). */
  fetchText(url: string): Promise<string>;
}

/** What {@link configureUpdater} returns. */
interface UpdaterHandle {
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
  return e instanceof Error ? (e.message.split('\n')[0] ?? e.name) : String(e);
}

/**
 * Points `autoUpdater` at the office's generic update server, downloads updates in the
 * background and installs them when the app quits. Checks once now and every 4 hours. With a
 * null, empty or invalid URL it does nothing at all (not even the build-time feed).
 */
export function configureUpdater(autoUpdater: AutoUpdaterLike, url: string | null, log: UpdaterLog, trust: UpdateTrust): UpdaterHandle {
  const feed = normalizeUpdateUrl(url);
  if (feed === null) {
    if (url !== null && url.trim() !== '') log.warn(`pembaruan: URL tidak valid, pembaruan dimatikan (${url.slice(0, 200)})`);
    return { enabled: false, stop() {} };
  }
  try {
    // Nothing is downloaded or installed before the signed manifest says so (see verifiedUpdates).
    autoUpdater.autoDownload = false;
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.allowDowngrade = false;
    // electron-updater emits 'error' as well as rejecting; an EventEmitter 'error' without a
    // listener would throw in the main process and take the app down.
    autoUpdater.on('error', (e) => log.warn(`pembaruan: ${describe(e)}`));
    verifiedUpdates(autoUpdater, feed, log, trust);
    autoUpdater.setFeedURL({ provider: 'generic', url: feed });
    if (!trust.keys.length) log.warn('pembaruan: aplikasi ini tidak membawa kunci rilis; setiap pembaruan akan ditolak');
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

/**
 * The checks between electron-updater's steps: on 'update-available' the signed manifest is
 * fetched and verified, then the download starts; on 'update-downloaded' the file is hashed and
 * only a match allows install on quit. Anything refused is logged and nothing is installed.
 */
function verifiedUpdates(autoUpdater: AutoUpdaterLike, feed: string, log: UpdaterLog, trust: UpdateTrust): void {
  let approved: ReleaseManifest | null = null;
  autoUpdater.on('update-available', (info) => {
    approved = null;
    autoUpdater.autoInstallOnAppQuit = false;
    void (async () => {
      // Beside latest.yml: electron-updater reads the feed as a folder, with or without the final slash.
      const text = await trust.fetchText(new URL(RELEASE_FILE, feed.endsWith('/') ? feed : `${feed}/`).toString());
      const signed = verifyReleaseText(text, trust.keys);
      if (!signed.ok) return log.warn(`pembaruan ${info.version} ditolak: ${signed.reason}`);
      const offer = checkOffer(signed.value, trust.currentVersion, info);
      if (!offer.ok) return log.warn(`pembaruan ${info.version} ditolak: ${offer.reason}`);
      approved = offer.value;
      log.info(`pembaruan ${info.version}: metadata bertanda tangan sah, mengunduh`);
      await autoUpdater.downloadUpdate();
    })().catch((e: unknown) => log.warn(`pembaruan ${info.version} ditolak: ${describe(e)}`));
  });
  autoUpdater.on('update-downloaded', (event) => {
    void (async () => {
      const manifest = approved;
      if (!manifest || manifest.version !== event.version)
        return log.warn(`pembaruan ${event.version} ditolak: tidak ada metadata bertanda tangan untuk unduhan ini`);
      const file = await checkDownloadedFile(manifest, event.downloadedFile);
      if (!file.ok) return log.warn(`pembaruan ${event.version} ditolak: ${file.reason}`);
      autoUpdater.autoInstallOnAppQuit = true;
      log.info(`pembaruan ${event.version}: berkas ${file.value.url} cocok dengan metadata bertanda tangan; dipasang saat aplikasi ditutup`);
    })().catch((e: unknown) => log.warn(`pembaruan ${event.version} ditolak: ${describe(e)}`));
  });
}
