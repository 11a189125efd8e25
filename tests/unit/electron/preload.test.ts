/** The preload exposes exactly one function per contract method plus onEvent and the two file functions, and no Electron object. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../src/shared/api/contract';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(async () => ({ ok: true, value: 'answer' })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener, send: vi.fn(), sendSync: vi.fn() },
}));

let exposed: Record<string, unknown> = {};

beforeAll(async () => {
  await import('../../../src/main/electron/preload');
  expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, api] = electron.exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('alur');
  exposed = api as Record<string, unknown>;
});

describe('preload', () => {
  it('exposes exactly METHOD_NAMES plus onEvent, saveFile and printPdf, all functions', () => {
    expect(Object.keys(exposed).sort()).toEqual([...METHOD_NAMES, 'onEvent', 'printPdf', 'saveFile'].sort());
    for (const [name, value] of Object.entries(exposed)) expect(typeof value, name).toBe('function');
  });

  it('leaks nothing generic', () => {
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'call']) expect(exposed).not.toHaveProperty(name);
    expect(Object.values(exposed)).not.toContain(electron.invoke);
  });

  it('each method invokes its own channel with {token, input}', async () => {
    const login = exposed['session.login'] as (token: string | null, input: unknown) => Promise<unknown>;
    await expect(login(null, { username: 'admin', password: 'x' })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(electron.invoke).toHaveBeenLastCalledWith('alur:session.login', { token: null, input: { username: 'admin', password: 'x' } });
    const list = exposed['case.list'] as (token: string | null, input: unknown) => Promise<unknown>;
    await list('tok', {});
    expect(electron.invoke).toHaveBeenLastCalledWith('alur:case.list', { token: 'tok', input: {} });
  });

  it('onEvent passes only the event (never the IpcRendererEvent) and unsubscribes', () => {
    const onEvent = exposed['onEvent'] as (l: (...args: unknown[]) => void) => () => void;
    const listener = vi.fn();
    const unsubscribe = onEvent(listener);
    const [channel, relay] = electron.on.mock.calls.at(-1) ?? [];
    expect(channel).toBe('alur:event');
    (relay as (e: unknown, p: unknown) => void)({ sender: 'ipcRenderer itself' }, { type: 'session.expired' });
    expect(listener).toHaveBeenCalledWith({ type: 'session.expired' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith('alur:event', relay);
  });
});
