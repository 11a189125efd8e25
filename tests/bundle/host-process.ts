/**
 * The built backend host in a child Node process, spoken to through the same protocol as in the
 * app (tests/bundle/host-bootstrap.cjs emulates Electron's parentPort and MessagePort).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputOf, MethodName, ResultOf } from '../../src/shared/api/contract';
import type { Result } from '../../src/shared/result';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const OUT = path.join(REPO, 'out', 'electron');

export interface HostProcess {
  dispatch(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>>;
  /** Calls a method and returns its value, throwing with the error otherwise. */
  call<M extends MethodName>(method: M, token: string | null, input: InputOf<M>): Promise<ResultOf<M>>;
  /** Sends the shutdown message and waits for the process to exit; returns its exit code. */
  shutdown(): Promise<number | null>;
  readonly stderr: () => string;
}

interface HostPlace {
  /** Folder holding backend-host.cjs (default out/electron of the checkout). */
  outDir?: string;
  resourcesDir?: string;
  cwd?: string;
}

/** Starts backend-host.cjs on `dataDir`, as main.ts does (same init message). */
export function startHost(dataDir: string, env: NodeJS.ProcessEnv = {}, place: HostPlace = {}): HostProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(REPO, 'tests', 'bundle', 'host-bootstrap.cjs'), path.join(place.outDir ?? OUT, 'backend-host.cjs')],
    {
      cwd: place.cwd ?? REPO,
      // Like a utilityProcess: no test-only switches reach the app's host (it ignores the env anyway).
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], TMPDIR: process.env['TMPDIR'], ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout?.on('data', (c: Buffer) => (stderr += c.toString()));
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      for (const [, answer] of pending) answer({ ok: false, error: { code: 'INTERNAL', message: `backend host exited: ${stderr}` } });
      pending.clear();
      resolve(code);
    }),
  );
  child.on('message', (m: { kind: string; data: { id?: number; result?: Result<unknown> } }) => {
    if (m.kind !== 'port' || typeof m.data.id !== 'number' || !m.data.result) return;
    pending.get(m.data.id)?.(m.data.result);
    pending.delete(m.data.id);
  });
  child.send({
    kind: 'init',
    data: { type: 'init', dataDir, resourcesDir: place.resourcesDir ?? path.join(REPO, 'resources'), appVersion: '0.1.0' },
  });

  const dispatch = (method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ kind: 'port', data: { id, method, token, input } });
    });
  return {
    dispatch,
    async call(method, token, input) {
      const r = await dispatch(method, token, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async shutdown() {
      if (child.exitCode !== null) return child.exitCode;
      child.send({ kind: 'port', data: { type: 'shutdown' } });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    stderr: () => stderr,
  };
}
