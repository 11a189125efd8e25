/** Updates: off without a URL, and never a crash or dialog when the server is unreachable. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { newReleaseKey, signReleaseFolder } from '../../../src/main/backend/updates/release-manifest';
import { compareVersions, RELEASE_FILE, type TrustedKey } from '../../../src/shared/updates/release-format';
import { loadReleaseKeys } from '../../../src/main/electron/release-verify';
import { CHECK_INTERVAL_MS, configureUpdater, normalizeUpdateUrl, type AutoUpdaterLike, type UpdateTrust } from '../../../src/main/electron/updater';

vi.mock('electron', () => {
  throw new Error('updater.ts must take autoUpdater as a parameter');
});
vi.mock('electron-updater', () => {
  throw new Error('updater.ts must take autoUpdater as a parameter');
});

type Listener = (arg: never) => void;

function fakeUpdater(check: () => Promise<unknown>) {
  const listeners = new Map<string, Listener[]>();
  const errorListeners: Array<(e: Error) => void> = [];
  const updater: AutoUpdaterLike & { feeds: unknown[]; emit(event: string, arg: unknown): void } = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: true,
    feeds: [],
    setFeedURL(options) {
      this.feeds.push(options);
    },
    checkForUpdates: vi.fn(check),
    downloadUpdate: vi.fn(async () => null),
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      if (event === 'error') errorListeners.push(listener as (e: Error) => void);
      return this;
    },
    emit(event, arg) {
      for (const l of listeners.get(event) ?? []) (l as (a: unknown) => void)(arg);
    },
  };
  return { updater, errorListeners };
}

/** No release key and no manifest: enough for the scheduling tests. */
const NO_TRUST: UpdateTrust = { currentVersion: '1.0.0', keys: [], fetchText: async () => Promise.reject(new Error('404')) };

const quietLog = () => ({ info: vi.fn(), warn: vi.fn() });

afterEach(() => {
  vi.useRealTimers();
});

describe('configureUpdater', () => {
  it('does nothing with a null or empty URL', () => {
    for (const url of [null, '', '   ']) {
      const { updater } = fakeUpdater(async () => null);
      const handle = configureUpdater(updater, url, quietLog(), NO_TRUST);
      expect(handle.enabled).toBe(false);
      expect(updater.feeds).toEqual([]);
      expect(updater.checkForUpdates).not.toHaveBeenCalled();
    }
  });

  it('refuses a non-http URL and stays off', () => {
    const { updater } = fakeUpdater(async () => null);
    const log = quietLog();
    expect(configureUpdater(updater, 'file:///C:/updates', log, NO_TRUST).enabled).toBe(false);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('uses the generic provider; downloads and installs nothing on its own, never a downgrade', () => {
    vi.useFakeTimers();
    const { updater } = fakeUpdater(async () => null);
    const handle = configureUpdater(updater, 'http://update.kominfo.local/alur/', quietLog(), NO_TRUST);
    expect(handle.enabled).toBe(true);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'http://update.kominfo.local/alur/' }]);
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.allowDowngrade).toBe(false);
    handle.stop();
  });

  it('checks at start and every 4 hours', async () => {
    vi.useFakeTimers();
    const { updater } = fakeUpdater(async () => null);
    const handle = configureUpdater(updater, 'https://update.example.go.id/alur', quietLog(), NO_TRUST);
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
    const handle = configureUpdater(updater, 'http://update.kominfo.local/alur/', log, NO_TRUST);
    await vi.advanceTimersByTimeAsync(0);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('ENOTFOUND'));
    // electron-updater also emits 'error': a listener must exist, or the emitter would throw.
    expect(errorListeners).toHaveLength(1);
    expect(() => errorListeners[0]?.(new Error('HttpError: 404'))).not.toThrow();
    handle.stop();

    const throwing = fakeUpdater(() => {
      throw new Error('sync failure');
    });
    expect(() => configureUpdater(throwing.updater, 'http://x.local/', log, NO_TRUST).stop()).not.toThrow();
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

/**
 * Signed releases (issue 13): a release folder signed with `alur release sign`'s code, offered
 * through the fake updater. Tampered installer, tampered metadata, a downgrade, an unsigned
 * release and a release signed by another key are refused; a valid one installs, also over http.
 */
describe('signed updates', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alur-rilis-'));
  const installer = path.join(dir, 'Alur-Setup-1.1.0.exe');
  const vendor = newReleaseKey();
  const stranger = newReleaseKey();
  let signed = '';
  let offered: { version: string; files: Array<{ url: string; sha512: string }> } = { version: '', files: [] };

  async function signFolder(version: string, key = vendor.privatePem): Promise<string> {
    fs.writeFileSync(path.join(dir, 'latest.yml'), `version: ${version}\npath: Alur-Setup-1.1.0.exe\n`);
    await signReleaseFolder(dir, key);
    return fs.readFileSync(path.join(dir, RELEASE_FILE), 'utf8');
  }

  async function offer(opts: {
    manifest: string | Error;
    version?: string;
    current?: string;
    url?: string;
    keys?: TrustedKey[];
    files?: typeof offered.files;
  }) {
    const { updater } = fakeUpdater(async () => null);
    const log = quietLog();
    const fetched: string[] = [];
    const trust: UpdateTrust = {
      currentVersion: opts.current ?? '1.0.0',
      keys: opts.keys ?? [vendor.key],
      fetchText: async (url) => {
        fetched.push(url);
        if (opts.manifest instanceof Error) throw opts.manifest;
        return opts.manifest;
      },
    };
    const handle = configureUpdater(updater, opts.url ?? 'http://pembaruan.kominfo.local/alur', log, trust);
    handle.stop();
    updater.emit('update-available', { version: opts.version ?? '1.1.0', files: opts.files ?? offered.files });
    await vi.waitFor(() => expect(vi.mocked(log.warn).mock.calls.length + vi.mocked(updater.downloadUpdate).mock.calls.length).toBeGreaterThan(0));
    return { updater, log, fetched };
  }

  beforeAll(async () => {
    fs.writeFileSync(installer, Buffer.alloc(4096, 7));
    signed = await signFolder('1.1.0');
    offered = {
      version: '1.1.0',
      files: [{ url: 'Alur-Setup-1.1.0.exe', sha512: crypto.createHash('sha512').update(fs.readFileSync(installer)).digest('base64') }],
    };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('downloads a validly signed newer release over http, and installs it once the file matches', async () => {
    const { updater, fetched } = await offer({ manifest: signed });
    expect(fetched).toEqual(['http://pembaruan.kominfo.local/alur/alur-release.json']);
    expect(updater.downloadUpdate).toHaveBeenCalledTimes(1);
    updater.emit('update-downloaded', { version: '1.1.0', downloadedFile: installer });
    await vi.waitFor(() => expect(updater.autoInstallOnAppQuit).toBe(true));
  });

  it('refuses a tampered installer: the download is never installed', async () => {
    const { updater, log } = await offer({ manifest: signed });
    const evil = path.join(dir, 'evil.exe');
    fs.writeFileSync(evil, Buffer.alloc(4096, 8));
    updater.emit('update-downloaded', { version: '1.1.0', downloadedFile: evil });
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/tidak cocok dengan hash bertanda tangan/)));
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('refuses tampered metadata: an edited manifest, or latest.yml naming another file', async () => {
    const env = JSON.parse(signed) as { manifest: string };
    const edited = JSON.stringify({ ...env, manifest: env.manifest.replace(/"sha512":"[^"]+"/, '"sha512":"AAAA"') });
    const a = await offer({ manifest: edited });
    expect(a.log.warn).toHaveBeenCalledWith(expect.stringMatching(/metadata telah diubah/));
    expect(a.updater.downloadUpdate).not.toHaveBeenCalled();
    const b = await offer({ manifest: signed, files: [{ url: 'Alur-Setup-1.1.0.exe', sha512: 'bGFpbg==' }] });
    expect(b.log.warn).toHaveBeenCalledWith(expect.stringMatching(/hash-nya berbeda/));
    expect(b.updater.downloadUpdate).not.toHaveBeenCalled();
  });

  it('refuses a downgrade and a reinstall of the same version, even validly signed', async () => {
    for (const current of ['1.2.0', '1.1.0']) {
      const r = await offer({ manifest: signed, current });
      expect(r.log.warn).toHaveBeenCalledWith(expect.stringMatching(/tidak boleh turun versi/));
      expect(r.updater.downloadUpdate).not.toHaveBeenCalled();
    }
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0-beta.1', '2.0.0')).toBeLessThan(0);
  });

  it('refuses an unsigned release, one signed by an untrusted key, and any release when the app ships no key', async () => {
    const missing = await offer({ manifest: new Error('HTTP 404') });
    expect(missing.log.warn).toHaveBeenCalledWith(expect.stringMatching(/ditolak: HTTP 404/));
    const unsigned = await offer({ manifest: JSON.stringify({ product: 'Alur', version: '1.1.0', files: offered.files }) });
    expect(unsigned.log.warn).toHaveBeenCalledWith(expect.stringMatching(/tidak bertanda tangan/));
    const other = await offer({ manifest: await signFolder('1.1.0', stranger.privatePem) });
    expect(other.log.warn).toHaveBeenCalledWith(expect.stringMatching(/tidak dipercaya/));
    const none = await offer({ manifest: signed, keys: [] });
    expect(none.log.warn).toHaveBeenCalledWith(expect.stringMatching(/tidak membawa kunci rilis/));
    for (const r of [missing, unsigned, other, none]) expect(r.updater.downloadUpdate).not.toHaveBeenCalled();
  });

  it('the shipped key list parses (an empty list refuses every update until the vendor adds a key)', () => {
    const shipped = loadReleaseKeys(path.join(__dirname, '..', '..', '..', 'resources'));
    expect(Array.isArray(shipped)).toBe(true);
    fs.writeFileSync(path.join(dir, 'release-keys.json'), JSON.stringify({ keys: [{ publicKey: vendor.key.publicKey }, { publicKey: 'rusak' }] }));
    expect(loadReleaseKeys(dir)).toEqual([vendor.key]);
  });
});
