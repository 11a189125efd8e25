/**
 * The loopback dev transport refuses what it must, and a refused request changes nothing:
 * wrong or missing dev token -> 403, foreign Host (DNS rebinding) -> 403, foreign Origin ->
 * 403, unknown method -> 404, oversized body -> 413, a malformed contract call -> VALIDATION,
 * WebSocket without the token -> refused.
 */
import http from 'node:http';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { apiCall, apiLogin, makeDataDir, removeDir, seedDemo, startDevServer, type DevServer } from './harness';

interface Snapshot {
  caseCount: number;
  total: number;
  firstTimeline: number;
}

describe('dev transport security', () => {
  let dir: string;
  let server: DevServer;
  let token: string;
  let caseId: string;

  async function snapshot(): Promise<Snapshot> {
    const info = (await apiCall(server, 'app.info', {})).body as { value: { caseCount: number } };
    const list = (await apiCall(server, 'case.list', { limit: 5 }, { token })).body as { value: { total: number; rows: Array<{ id: string }> } };
    const detail = (await apiCall(server, 'case.get', { caseId }, { token })).body as { value: { timeline: unknown[] } };
    return { caseCount: info.value.caseCount, total: list.value.total, firstTimeline: detail.value.timeline.length };
  }

  /** A raw request, so the Host header can be forged (fetch forbids setting it). */
  function rawRequest(method: string, path: string, headers: Record<string, string>, body = ''): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  beforeAll(async () => {
    dir = makeDataDir();
    await seedDemo(dir, 20, 3);
    server = await startDevServer(dir);
    token = await apiLogin(server, 'admin', DEMO_PASSWORD);
    const list = (await apiCall(server, 'case.list', { limit: 1 }, { token })).body as { value: { rows: Array<{ id: string }> } };
    caseId = list.value.rows[0]?.id ?? '';
    expect(caseId).not.toBe('');
  });

  afterAll(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('refuses calls without the right dev token, and they change nothing', async () => {
    const before = await snapshot();
    const note = { caseId, text: 'tidak boleh tersimpan' };
    const bad = await apiCall(server, 'case.note', note, { token, devToken: 'f'.repeat(48) });
    expect(bad.status).toBe(403);
    const missing = await apiCall(server, 'case.note', note, { token, devToken: null });
    expect(missing.status).toBe(403);
    // Even an unknown method answers 403 first: nothing about the API is revealed without the token.
    expect((await apiCall(server, 'no.such', {}, { devToken: 'x' })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const before = await snapshot();
    const body = JSON.stringify({ token, input: { caseId, text: 'tidak boleh tersimpan' } });
    const base = { 'content-type': 'application/json', 'x-alur-dev-token': server.devToken };
    expect(await rawRequest('POST', '/api/case.note', { ...base, host: `evil.example:${server.port}` }, body)).toBe(403);
    expect(await rawRequest('POST', '/api/case.note', { ...base, host: `127.0.0.1:${server.port}`, origin: 'http://evil.example' }, body)).toBe(403);
    expect(await rawRequest('GET', '/', { host: 'evil.example' })).toBe(403);
    expect(await rawRequest('GET', '/', { host: `localhost:${server.port}` })).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for a method outside the contract and 413 for a body over 2 MB', async () => {
    const before = await snapshot();
    const unknown = await apiCall(server, 'case.delete', { caseId }, { token });
    expect(unknown.status).toBe(404);
    const big = await apiCall(server, 'case.note', { caseId, text: 'x'.repeat(2 * 1024 * 1024 + 10) }, { token });
    expect(big.status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });

  it('returns VALIDATION for a malformed contract call, and stores nothing', async () => {
    const before = await snapshot();
    const r1 = await apiCall(server, 'case.note', { caseId: 'not-a-uuid', text: 42 }, { token });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const r2 = await apiCall(server, 'case.register', { title: '', extra: true }, { token });
    expect(r2.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const r3 = await fetch(`${server.origin}/api/case.note`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-alur-dev-token': server.devToken },
      body: '{not json',
    });
    expect(r3.status).toBe(400);
    expect(await r3.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await snapshot()).toEqual(before);
  });

  it('a well-formed call with the token does work (the refusals above are not vacuous)', async () => {
    const before = await snapshot();
    const ok = await apiCall(server, 'case.note', { caseId, text: 'catatan uji keamanan' }, { token });
    expect(ok.body).toMatchObject({ ok: true });
    const after = await snapshot();
    expect(after.firstTimeline).toBe(before.firstTimeline + 1);
  });

  it('refuses the event WebSocket without the token, accepts it with', async () => {
    const wsBase = `ws://127.0.0.1:${server.port}/events`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${wsBase}?devToken=wrong`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => resolve(-1));
    });
    expect(refused).toBe(403);
    const accepted = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`${wsBase}?devToken=${server.devToken}`);
      ws.on('open', () => {
        ws.close();
        resolve(true);
      });
      ws.on('error', () => resolve(false));
    });
    expect(accepted).toBe(true);
  });
});
