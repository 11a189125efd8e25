/**
 * A packaged build refuses debugging switches before it does anything (issue 13): no window,
 * no single-instance lock, no backend; a message and exit status 1. The switch list is checked
 * on its own too (Chromium's `--`, `-` and Windows `/` forms; `--` ends the switches).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { forbiddenSwitches } from '../../../src/main/electron/debug-switches';

const fake = vi.hoisted(() => ({
  app: {
    isPackaged: true,
    exit: vi.fn(),
    quit: vi.fn(),
    setPath: vi.fn(),
    getPath: vi.fn(() => '/nonexistent'),
    requestSingleInstanceLock: vi.fn(() => false),
    enableSandbox: vi.fn(),
    on: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
  },
  dialog: { showErrorBox: vi.fn() },
}));

vi.mock('electron', () => ({ app: fake.app, dialog: fake.dialog }));
vi.mock('electron-updater', () => ({ autoUpdater: {} }));

const argv = process.argv;
afterAll(() => {
  process.argv = argv;
});

describe('a packaged build started with a debugging switch', () => {
  it('exits with status 1 and a message before anything starts', async () => {
    process.argv = ['C:\\Program Files\\Alur\\Alur.exe', '--remote-debugging-port=9222'];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await import('../../../src/main/electron/main');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('Alur', expect.stringContaining('--remote-debugging-port'));
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('tidak diizinkan'));
    expect(fake.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(fake.app.enableSandbox).not.toHaveBeenCalled();
    stderr.mockRestore();
  });

  it('knows the switches in every form Chromium and Node accept', () => {
    const bad = [
      '--remote-debugging-port=9222',
      '--inspect',
      '--inspect-brk=0.0.0.0:9229',
      '--inspect-port',
      '--js-flags=--allow-natives-syntax',
      '-remote-debugging-pipe',
      '/REMOTE-DEBUGGING-PORT=1',
      '--remote-allow-origins=*',
      '--no-sandbox',
      '--disable-web-security',
      '--user-data-dir=C:\\x',
    ];
    for (const s of bad) expect(forbiddenSwitches(['alur', s]), s).toHaveLength(1);
    expect(forbiddenSwitches(['alur', '--lang=id', 'C:\\berkas.pdf', '--', '--inspect'])).toEqual([]);
  });
});
