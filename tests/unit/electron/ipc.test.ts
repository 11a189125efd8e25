/** The IPC wiring: one channel per contract method, sender and input checked before forwarding. */
import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../../src/shared/api/contract';
import { ok, type Result } from '../../../src/shared/result';
import { registerIpc, type IpcMainLike } from '../../../src/main/electron/ipc';

vi.mock('electron', () => {
  throw new Error('ipc.ts must take ipcMain as a parameter, not import electron');
});

interface FakeEvent {
  trusted: boolean;
}
type Handler = (event: FakeEvent, ...args: unknown[]) => Promise<Result<unknown>>;

function setup() {
  const handlers = new Map<string, Handler>();
  const registered: string[] = [];
  const ipcMain: IpcMainLike<FakeEvent> = {
    handle(channel, listener) {
      registered.push(channel);
      handlers.set(channel, listener);
    },
  };
  const forward = vi.fn(async (_method: MethodName, _token: string | null, input: unknown): Promise<Result<unknown>> => ok({ echoed: input }));
  const returned = registerIpc(ipcMain, { isTrusted: (e) => e.trusted, forward });
  const call = (method: string, event: FakeEvent, ...args: unknown[]) => {
    const h = handlers.get(`alur:${method}`);
    if (!h) throw new Error(`no handler for ${method}`);
    return h(event, ...args);
  };
  return { registered, returned, forward, call };
}

const trusted = { trusted: true };

describe('registerIpc', () => {
  it('registers exactly one channel per contract method and no other', () => {
    const { registered, returned } = setup();
    expect(registered).toHaveLength(METHOD_NAMES.length);
    expect(new Set(registered)).toEqual(new Set(METHOD_NAMES.map((m) => `alur:${m}`)));
    expect(returned).toEqual(registered);
  });

  it('refuses an untrusted sender without calling forward', async () => {
    const { call, forward } = setup();
    const r = await call('session.login', { trusted: false }, { token: null, input: { username: 'admin', password: 'rahasia-sekali' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    expect(forward).not.toHaveBeenCalled();
  });

  it('refuses malformed input with VALIDATION without calling forward', async () => {
    const { call, forward } = setup();
    const r = await call('session.login', trusted, { token: null, input: { username: 42, password: 'x' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain('username');
    }
    const extra = await call('case.get', trusted, { token: 'abc', input: { caseId: 'not-a-uuid' } });
    expect(extra.ok).toBe(false);
    expect(forward).not.toHaveBeenCalled();
  });

  it('refuses a malformed envelope (no token field, extra fields, wrong arity, huge token)', async () => {
    const { call, forward } = setup();
    const bad = [
      [{ input: {} }],
      [{ token: null, input: {}, channel: 'alur:user.save' }],
      [{ token: null, input: {} }, 'extra'],
      [],
      ['app.info'],
      [{ token: 'x'.repeat(10_000), input: {} }],
      [{ token: 7, input: {} }],
    ];
    for (const args of bad) {
      const r = await call('app.info', trusted, ...args);
      expect(r.ok, JSON.stringify(args).slice(0, 80)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
    expect(forward).not.toHaveBeenCalled();
  });

  it('forwards valid input as parsed by the contract (defaults applied, strings trimmed)', async () => {
    const { call, forward } = setup();
    const r = await call('session.login', trusted, { token: null, input: { username: '  admin ', password: 'rahasia-sekali' } });
    expect(r).toEqual({ ok: true, value: { echoed: { username: 'admin', password: 'rahasia-sekali' } } });
    expect(forward).toHaveBeenCalledWith('session.login', null, { username: 'admin', password: 'rahasia-sekali' });

    await call('case.list', trusted, { token: 'tok', input: {} });
    expect(forward).toHaveBeenLastCalledWith('case.list', 'tok', { limit: 50, offset: 0 });

    // A method without input may be called with none, as over every other transport.
    await call('app.info', trusted, { token: null, input: undefined });
    expect(forward).toHaveBeenLastCalledWith('app.info', null, {});
  });

  it('turns a failing forward into an INTERNAL Result, never a rejection', async () => {
    const handlers = new Map<string, Handler>();
    registerIpc<FakeEvent>(
      { handle: (c, l) => void handlers.set(c, l) },
      { isTrusted: () => true, forward: () => Promise.reject(new Error('port closed')) },
    );
    const r = await handlers.get('alur:app.info')?.(trusted, { token: null, input: {} });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
