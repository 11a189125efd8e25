/** Updates: off without a URL, and never a crash or dialog when the server is unreachable. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHECK_INTERVAL_MS, configureUpdater, normalizeUpdateUrl, type AutoUpdaterLike } from '../../../src/main/electron/updater';

vi.mock('electron', () => {
  throw new Error('updater.ts must take autoUpdater as a parameter');
});
vi.mock('electron-updater', () => {
  throw new Error('updater.ts must take autoUpdater as a parameter');
});

function fakeUpdater(check: () => Promise<unknown>) {
  const errorListeners: Array<(e: Error) => void> = [];
  const updater: AutoUpdaterLike & { feeds: unknown[] } = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    feeds: [],
    setFeedURL(options) {
      this.feeds.push(options);
    },
    checkForUpdates: vi.fn(check),
    on(_event, listener) {
      errorListeners.push(listener);
      return this;
    },
  };
  return { updater, errorListeners };
}

const quietLog = () => ({ info: vi.fn(), warn: vi.fn() });

afterEach(() => {
  vi.useRealTimers();
});

describe('configureUpdater', () => {
  it('does nothing with a null or empty URL', () => {
    for (const url of [null, '', '   ']) {
      const { updater } = fakeUpdater(async () => null);
      const handle = configureUpdater(updater, url, quietLog());
      expect(handle.enabled).toBe(false);
      expect(updater.feeds).toEqual([]);
      expect(updater.checkForUpdates).not.toHaveBeenCalled();
    }
  });

  it('refuses a non-http URL and stays off', () => {
    const { updater } = fakeUpdater(async () => null);
    const log = quietLog();
    expect(configureUpdater(updater, 'file:///C:/updates', log).enabled).toBe(false);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('uses the generic provider, downloads automatically and installs on quit', () => {
    vi.useFakeTimers();
    const { updater } = fakeUpdater(async () => null);
    const handle = configureUpdater(updater, 'http://update.kominfo.local/alur/', quietLog());
    expect(handle.enabled).toBe(true);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'http://update.kominfo.local/alur/' }]);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    handle.stop();
  });

  it('checks at start and every 4 hours', async () => {
    vi.useFakeTimers();
    const { updater } = fakeUpdater(async () => null);
    const handle = configureUpdater(updater, 'https://update.example.go.id/alur', quietLog());
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    handle.stop();
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS * 3);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('logs quietly and does not throw when the check rejects or throws', async () => {
    vi.useFakeTimers();
    const log = quietLog();
    const { updater, errorListeners } = fakeUpdater(() => Promise.reject(new Error('getaddrinfo ENOTFOUND update.kominfo.local')));
    const handle = configureUpdater(updater, 'http://update.kominfo.local/alur/', log);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('ENOTFOUND'));
    // electron-updater also emits 'error': a listener must exist, or the emitter would throw.
    expect(errorListeners).toHaveLength(1);
    expect(() => errorListeners[0]?.(new Error('HttpError: 404'))).not.toThrow();
    handle.stop();

    const throwing = fakeUpdater(() => {
      throw new Error('sync failure');
    });
    expect(() => configureUpdater(throwing.updater, 'http://x.local/', log).stop()).not.toThrow();
    await vi.advanceTimersByTimeAsync(0);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('sync failure'));
  });
});

describe('normalizeUpdateUrl', () => {
  it('keeps http(s) URLs and drops everything else', () => {
    expect(normalizeUpdateUrl(' https://a.local/alur ')).toBe('https://a.local/alur');
    expect(normalizeUpdateUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUpdateUrl('nonsense')).toBeNull();
    expect(normalizeUpdateUrl(undefined)).toBeNull();
  });
});
