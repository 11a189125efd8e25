/**
 * Issue #18 item 2: damage in the projections is not served. Real bytes flipped in the closed
 * `alur.db` (inside the `cases` table's page, where quick_check cannot see them): a case's
 * title ("perhubungan" -> "pevhubungan") and the OPD it went to (its id in the case state, so
 * the OPD's staff lose the case). Reading the case re-derives it from its hash-checked events
 * and repairs it; the background sweep does the same for the lists. Both are recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/main/backend/db/database';
import { sweepProjections } from '../../src/main/backend/integrity/projection-check';
import type { BackendContext } from '../../src/main/backend/services/context';
import { buildOffice, caseTo, sessions, START } from './sync/fixture';
import { call, fakeClock, openTestContext } from '../helpers/temp';
import { flipInTable } from '../helpers/flip';

const open: BackendContext[] = [];
afterAll(async () => {
  for (const c of open) await c.opened.close();
});

function repairsLogged(dataDir: string): string[] {
  const log = path.join(dataDir, 'logs', 'alur.log');
  if (!fs.existsSync(log)) return [];
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.includes('projection.repaired'));
}

describe('a flipped projection', () => {
  it('is repaired from the log before the case is served, and by the sweep before a list shows it', async () => {
    const clock = fakeClock(START);
    const office = await buildOffice(clock, 1);
    const opd = office.opdIds[0] ?? '';
    const title = 'Lampu simpang dinas perhubungan mati';
    const listed = 'Papan nama jalan perhubungan roboh';
    const caseId = await caseTo(office.ctx, office.opdIds, { title }, opd);
    await caseTo(office.ctx, office.opdIds, { title: listed }, null);
    await office.ctx.opened.close();
    const file = path.join(office.dataDir, DB_FILE);
    expect(flipInTable(file, 'cases', 'dinas perhubungan', 'dinas pevhubungan')).toBeGreaterThan(0);
    expect(flipInTable(file, 'cases', 'jalan perhubungan', 'jalan pevhubungan')).toBeGreaterThan(0);
    // The OPD's id inside the case state: its first character changed, the OPD vanishes from the case.
    expect(flipInTable(file, 'cases', `"${opd}"`, `"${opd[0] === 'f' ? 'e' : 'f'}${opd.slice(1)}"`)).toBeGreaterThan(0);

    const ctx = await openTestContext(office.dataDir, clock);
    open.push(ctx);
    const tokens = await sessions(ctx, opd);
    const opdToken = [...tokens.values()][0] ?? null;
    const d = await call(ctx, 'case.get', opdToken, { caseId });
    expect(d.case.title).toBe(title);
    expect(d.case.opdUnitIds).toContain(opd);
    expect(repairsLogged(office.dataDir).length).toBe(1);

    const admin = (await sessions(ctx)).get('admin') ?? null;
    const before = await call(ctx, 'case.list', admin, {});
    expect(before.rows.map((c) => c.title)).toContain('Papan nama jalan pevhubungan roboh');
    const swept = await sweepProjections(ctx);
    expect(swept).toEqual({ checked: 2, repaired: 1 });
    const after = await call(ctx, 'case.list', admin, {});
    expect(after.rows.map((c) => c.title).sort()).toEqual([title, listed].sort());
    expect(repairsLogged(office.dataDir).length).toBe(2);
    // Repaired means equal to the log: the next sweep finds nothing.
    expect(await sweepProjections(ctx)).toEqual({ checked: 2, repaired: 0 });
  }, 60_000);
});
