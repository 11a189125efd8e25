/** Throwaway data folders and a backend context on real SQLite files (no mocks). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext, dispatch } from '../../src/main/backend/backend';
import type { BackendContext } from '../../src/main/backend/services/context';
import { tempDir } from './dirs';
import type { MethodName, ResultOf, InputOf } from '../../src/shared/api/contract';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESOURCES = path.join(REPO, 'resources');

export { tempDir };

/** A settable clock: tests move time explicitly. */
export interface FakeClock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function fakeClock(start: number): FakeClock {
  let t = start;
  return { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) };
}

export async function openTestContext(dataDir = tempDir(), clock?: FakeClock): Promise<BackendContext> {
  // Cheap password hashes: the production cost is kept by tests/integration/password-cost.test.ts.
  return openContext({ dataDir, resourcesDir: RESOURCES, appVersion: 'test', now: clock?.now, passwordCost: 'test' });
}

/** Calls a contract method and returns its value, failing the test with the error otherwise. */
export async function call<M extends MethodName>(ctx: BackendContext, method: M, token: string | null, input: InputOf<M>): Promise<ResultOf<M>> {
  const r = await dispatch(ctx, method, token, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as ResultOf<M>;
}

export const ADMIN_PASSWORD = 'rahasia-admin-1';

/** A new office from a preset, logged in as its administrator. */
export async function newOffice(presetId = 'balangan', clock?: FakeClock): Promise<{ ctx: BackendContext; token: string; dataDir: string }> {
  const dataDir = tempDir();
  const ctx = await openTestContext(dataDir, clock);
  await call(ctx, 'office.create', null, {
    presetId,
    officeName: 'Diskominfo Uji',
    admin: { username: 'admin', fullName: 'Admin Uji', password: ADMIN_PASSWORD },
  });
  const s = await call(ctx, 'session.login', null, { username: 'admin', password: ADMIN_PASSWORD });
  return { ctx, token: s.token, dataDir };
}

/** Every row of the projection tables, sorted, for comparing a rebuild with the original. */
export async function snapshotProjections(ctx: BackendContext): Promise<Record<string, unknown[]>> {
  const q = (s: string) => ctx.opened.sqlite.prepare(s).all();
  return {
    cases: q('SELECT * FROM cases ORDER BY id'),
    tasks: q('SELECT * FROM case_task ORDER BY id'),
    units: q('SELECT * FROM case_unit ORDER BY case_id, unit_id'),
    identities: q('SELECT * FROM identity ORDER BY case_id'),
    fts: q('SELECT case_id, ref, title, body FROM case_fts ORDER BY case_id'),
  };
}
