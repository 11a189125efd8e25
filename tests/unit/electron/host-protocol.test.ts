/** The MessagePort wire between main and the backend host, over an in-memory port pair. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { MethodName, ServerEvent } from '../../../src/shared/api/contract';
import { err, ok, type Result } from '../../../src/shared/result';
import { createHostClient, parseHostInit, serveBackend, SHUTDOWN_MESSAGE, type PortLike } from '../../../src/main/electron/host-protocol';

vi.mock('electron', () => {
  throw new Error('host-protocol.ts must not need electron at run time');
});

/** Two connected ports that deliver asynchronously and copy like structured clone. */
function portPair(): [PortLike, PortLike] {
  const a = new EventEmitter();
  const b = new EventEmitter();
  const make = (self: EventEmitter, peer: EventEmitter): PortLike => ({
    on(event, listener) {
      self.on(event, listener);
      return this;
    },
    postMessage(message) {
      const data = structuredClone(message);
      setTimeout(() => peer.emit('message', { data }), 0);
    },
  });
  return [make(a, b), make(b, a)];
}

function fakeBackend() {
  const listeners = new Set<(e: ServerEvent) => void>();
  const call = vi.fn(async (method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>> => {
    if (method === 'session.me' && token === null) return err('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
    return ok({ method, token, input });
  });
  return {
    call,
    onEvent(l: (e: ServerEvent) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    emit: (e: ServerEvent) => listeners.forEach((l) => l(e)),
    listenerCount: () => listeners.size,
  };
}

describe('host protocol', () => {
  it('answers each call with its own result, concurrently', async () => {
    const [mainPort, hostPort] = portPair();
    const backend = fakeBackend();
    serveBackend(hostPort, backend, () => undefined);
    const client = createHostClient(mainPort);
    const [a, b] = await Promise.all([client.call('app.info', null, {}), client.call('session.me', null, {})]);
    expect(a).toEqual({ ok: true, value: { method: 'app.info', token: null, input: {} } });
    expect(b).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(client.pendingCount()).toBe(0);
  });

  it('relays backend events to every listener until unsubscribed', async () => {
    const [mainPort, hostPort] = portPair();
    const backend = fakeBackend();
    serveBackend(hostPort, backend, () => undefined);
    const client = createHostClient(mainPort);
    const seen: ServerEvent[] = [];
    const all: ServerEvent[] = [];
    const off = client.onEvent((e) => seen.push(e));
    client.onEvent((e) => all.push(e));
    backend.emit({ type: 'cases.changed', caseIds: ['c1'] });
    backend.emit({ type: 'notice', level: 'warning', message: 'Aduan ALR-1 lewat batas waktu', caseId: null });
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 2000 });
    expect(seen).toEqual([
      { type: 'cases.changed', caseIds: ['c1'] },
      { type: 'notice', level: 'warning', message: 'Aduan ALR-1 lewat batas waktu', caseId: null },
    ]);
    off();
    backend.emit({ type: 'session.expired' });
    // The port delivers in order: once the listener still subscribed has the event after it,
    // the unsubscribed one would have had session.expired by now.
    const marker: ServerEvent = { type: 'cases.changed', caseIds: ['marker'] };
    backend.emit(marker);
    await vi.waitFor(() => expect(all).toContainEqual(marker), { timeout: 2000 });
    expect(all).toContainEqual({ type: 'session.expired' });
    expect(seen).toHaveLength(2);
  });

  it('answers a malformed request with an error instead of calling the backend', async () => {
    const [mainPort, hostPort] = portPair();
    const backend = fakeBackend();
    serveBackend(hostPort, backend, () => undefined);
    const replies: unknown[] = [];
    mainPort.on('message', ({ data }) => replies.push(data));
    mainPort.postMessage({ id: 9, method: 'evil.method', token: null, input: {} });
    mainPort.postMessage('garbage');
    // A valid call after both: messages arrive in order, so once it is answered, any reply to
    // the garbage (or a backend call for it) would have come first.
    mainPort.postMessage({ id: 10, method: 'app.info', token: null, input: {} });
    await vi.waitFor(() => expect(replies).toHaveLength(2), { timeout: 2000 });
    expect(backend.call.mock.calls.map((c) => c[0])).toEqual(['app.info']);
    expect(replies).toEqual([
      { id: 9, result: { ok: false, error: { code: 'VALIDATION', message: expect.any(String) } } },
      { id: 10, result: { ok: true, value: { method: 'app.info', token: null, input: {} } } },
    ]);
  });

  it('a backend that throws still answers with an INTERNAL Result', async () => {
    const [mainPort, hostPort] = portPair();
    serveBackend(hostPort, { call: () => Promise.reject(new Error('boom')), onEvent: () => () => undefined }, () => undefined);
    const client = createHostClient(mainPort);
    await expect(client.call('app.info', null, {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('fail() answers pending and later calls when the host is gone', async () => {
    const [mainPort] = portPair();
    const client = createHostClient(mainPort);
    const pending = client.call('app.info', null, {});
    expect(client.pendingCount()).toBe(1);
    client.fail('Proses data berhenti.');
    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Proses data berhenti.' } });
    await expect(client.call('app.info', null, {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('shutdown stops the event relay and runs the host shutdown', async () => {
    const [mainPort, hostPort] = portPair();
    const backend = fakeBackend();
    const onShutdown = vi.fn();
    serveBackend(hostPort, backend, onShutdown);
    expect(backend.listenerCount()).toBe(1);
    mainPort.postMessage(SHUTDOWN_MESSAGE);
    await vi.waitFor(() => expect(onShutdown).toHaveBeenCalledOnce(), { timeout: 2000 });
    expect(backend.listenerCount()).toBe(0);
  });

  it('parses the start message strictly', () => {
    const init = { type: 'init', dataDir: '/d', resourcesDir: '/r', appVersion: '0.1.0' };
    expect(parseHostInit(init)).toEqual(init);
    expect(parseHostInit({ ...init, dataDir: '' })).toBeNull();
    expect(parseHostInit({ ...init, extra: 1 })).toBeNull();
    expect(parseHostInit(null)).toBeNull();
  });
});
