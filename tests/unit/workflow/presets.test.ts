/** The five shipped SOP presets: valid, connected, and faithful to the SOP tables. */
import { describe, expect, it } from 'vitest';
import { Unit } from '../../../src/shared/domain/org';
import type { WorkflowPreset } from '../../../src/shared/workflow/preset';
import { PRESET_FILES, loadPreset } from './helpers';

function reachable(p: WorkflowPreset): Set<string> {
  const seen = new Set([p.startStep]);
  const queue = [p.startStep];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const current = id;
    for (const a of p.steps.find((x) => x.id === current)?.actions ?? []) {
      if (a.to && !seen.has(a.to)) {
        seen.add(a.to);
        queue.push(a.to);
      }
    }
  }
  return seen;
}

/** Follows the main path (no returns, fast lane or type-restricted shortcut) and sums the standards. */
function mainPathTotal(p: WorkflowPreset): { days: number; minutes: number; steps: string[] } {
  let days = 0;
  let minutes = 0;
  const steps: string[] = [];
  let id: string | null = p.startStep;
  while (id !== null && steps.length < 50) {
    const s = p.steps.find((x) => x.id === id);
    if (!s) throw new Error(`no step ${id}`);
    steps.push(s.id);
    days += s.standard.days ?? 0;
    minutes += s.standard.minutes ?? 0;
    const next = s.actions.find((a) => a.kind !== 'return' && !a.fastLane && !a.onlyForTypes);
    id = next ? next.to : null;
  }
  return { days, minutes, steps };
}

describe.each(PRESET_FILES)('preset %s', (file) => {
  const p = loadPreset(file);

  it('parses with the schema, has the expected id and version', () => {
    expect(p.id).toBe(file.replace(/-/g, '_'));
    // Version 2 where the workflow changed (issue 15): Kaltim's operator answers information requests; Magetan's Super Admin step.
    expect(p.version).toBe(file === 'kaltim' || file === 'magetan' ? 2 : 1);
  });

  it('names its own recaps', () => {
    expect(Object.keys(p.rules.reportTitles).length).toBeGreaterThan(0);
  });

  it('reaches every step from the start step, and the main path ends in an answer', () => {
    expect([...reachable(p)].sort()).toEqual(p.steps.map((s) => s.id).sort());
    const last = mainPathTotal(p).steps.at(-1);
    expect(p.steps.find((s) => s.id === last)?.actions.some((a) => a.kind === 'answer')).toBe(true);
  });

  it('has one desk role, which answers information requests directly at a hub step', () => {
    expect(p.roles.filter((r) => r.desk)).toHaveLength(1);
    const info = p.steps.flatMap((s) => s.actions.filter((a) => a.onlyForTypes?.includes('informasi')).map((a) => ({ s, a })));
    expect(info).toHaveLength(1);
    // Either answered at that step, or (Kaltim) handed to the desk step that answers it.
    const first = info[0];
    const next = first?.a.kind === 'forward' ? p.steps.find((s) => s.id === first.a.to) : undefined;
    const answering = next ? { s: next, a: next.actions.find((a) => a.kind === 'answer') } : first;
    expect(answering?.a?.kind).toBe('answer');
    expect(answering?.a?.to).toBeNull();
    expect(p.roles.find((r) => r.id === answering?.s.role)?.scope).toBe('hub');
  });

  it('lets an OPD return a case as bukan kewenangan with a reason, back to a hub step', () => {
    const opdRoles = new Set(p.roles.filter((r) => r.scope === 'opd').map((r) => r.id));
    const hubSteps = new Set(p.steps.filter((s) => !opdRoles.has(s.role)).map((s) => s.id));
    const returns = p.steps
      .filter((s) => opdRoles.has(s.role))
      .flatMap((s) => s.actions)
      .filter((a) => a.kind === 'return' && a.to && hubSteps.has(a.to));
    expect(returns.length).toBeGreaterThan(0);
    expect(returns.every((a) => a.requiresNote)).toBe(true);
    // Every return of every preset needs its reason.
    expect(
      p.steps
        .flatMap((s) => s.actions)
        .filter((a) => a.kind === 'return')
        .every((a) => a.requiresNote),
    ).toBe(true);
  });

  it('gathers several OPDs at a join step on the desk side', () => {
    const join = p.steps.filter((s) => s.join);
    expect(join).toHaveLength(1);
    expect(p.roles.find((r) => r.id === join[0]?.role)?.scope).toBe('hub');
  });

  it('lists 8-12 OPDs with codes the unit schema accepts, and the standard instructions', () => {
    expect(p.opdUnits.length).toBeGreaterThanOrEqual(8);
    expect(p.opdUnits.length).toBeLessThanOrEqual(12);
    for (const u of [p.hubUnit, ...p.opdUnits]) expect(Unit.safeParse({ id: 'x', code: u.code, name: u.name, kind: 'opd' }).success).toBe(true);
    expect(new Set(p.opdUnits.map((u) => u.code)).size).toBe(p.opdUnits.length);
    expect(p.instructions).toEqual(expect.arrayContaining(['Tanggapan dan saran', 'Proses lebih lanjut', 'Koordinasikan', 'Untuk diketahui']));
    expect(p.categories.length).toBeGreaterThanOrEqual(8);
    expect(p.categories.find((c) => c.id === 'infrastruktur')?.subcategories.map((s) => s.id)).toEqual(
      expect.arrayContaining(['jalan_rusak', 'drainase', 'pju']),
    );
  });
});

describe('what is particular to each SOP', () => {
  it('Balangan: the main path sums to 7 working days 8 h 30 min, as the SOP total', () => {
    const p = loadPreset('balangan');
    const t = mainPathTotal(p);
    expect({ days: t.days, minutes: t.minutes }).toEqual({ days: 7, minutes: 8 * 60 + 30 });
    expect(p.rules.totalStandard).toEqual({ days: 7, minutes: 510 });
    expect(p.rules.totalStandardText).toBe('7 hari 8 jam 30 menit');
    // The SOP's 11 rows, row 5 shared by the OPD admin and the Sekretaris.
    expect(new Set(t.steps.map((id) => p.steps.find((s) => s.id === id)?.no))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    expect(p.timeZone).toBe('WITA');
  });

  it('Bontang: 3 days drafting, 1 day signing, total 4 days 8 h 30 min as printed', () => {
    const p = loadPreset('bontang');
    const t = mainPathTotal(p);
    expect({ days: t.days, minutes: t.minutes }).toEqual({ days: 4, minutes: 510 });
    expect(p.rules.totalStandard).toEqual({ days: 4, minutes: 510 });
  });

  it.each(['balangan', 'bontang'] as const)('%s: drafting extends to 14 days, a fast lane goes straight to the OPD, signed acts', (f) => {
    const p = loadPreset(f);
    const draft = p.steps.find((s) => s.actions.some((a) => a.kind === 'draft'));
    expect(draft?.extendedStandard).toEqual({ days: 14 });
    expect(draft?.standard).toEqual({ days: f === 'balangan' ? 5 : 3 });
    const fast = p.steps.find((s) => s.id === p.startStep)?.actions.find((a) => a.fastLane);
    expect(fast).toMatchObject({ kind: 'dispose', targets: 'opd_units' });
    const approve = p.steps.flatMap((s) => s.actions).find((a) => a.kind === 'approve');
    expect(approve?.signed).toBe(true);
    const revision = p.steps.flatMap((s) => s.actions).find((a) => a.kind === 'return' && a.to === draft?.id);
    expect(revision?.requiresNote).toBe(true);
    const roles = p.roles.map((r) => r.id);
    expect(roles).toEqual(['admin_aduan', 'kasi', 'kabid_ikp', 'kadis', 'admin_opd', 'sekretaris', 'kepala_opd', 'kabid_teknis']);
  });

  it('Kaltim: information classified by the team and answered by the operator (row 3), whole process 2 days', () => {
    const p = loadPreset('kaltim');
    const rows3 = p.steps.filter((s) => s.no === 3);
    expect(rows3.map((s) => s.role)).toEqual(['tim_aspirasi', 'operator']);
    expect(rows3[0]?.actions.find((a) => a.onlyForTypes)).toMatchObject({ kind: 'forward', to: 'jawab_informasi', onlyForTypes: ['informasi'] });
    expect(rows3[1]?.actions).toMatchObject([{ kind: 'answer', to: null }]);
    expect(rows3[0]?.actions.some((a) => a.kind === 'answer')).toBe(false);
    expect(p.roles.find((r) => r.id === rows3[1]?.role)?.desk).toBe(true);
    expect(p.rules.totalStandard).toEqual({ days: 2 });
  });

  it('Magetan: 10 working days for the complainant, Ombudsman after 60, return to super admin level, WIB', () => {
    const p = loadPreset('magetan');
    expect(p.rules.complainantResponseDays).toBe(10);
    expect(p.rules.ombudsmanAfterDays).toBe(60);
    expect(p.timeZone).toBe('WIB');
    const verify = p.steps.find((s) => s.id === 'verifikasi_kab');
    expect(verify?.actions.find((a) => a.kind === 'return')?.to).toBe(p.startStep);
    expect(p.steps.find((s) => s.id === p.startStep)?.standardText).toBe('1-3 hari');
  });

  it('Tanah Bumbu: desk notifies SKPD and vertical agencies (1 day), they answer (1 day), desk posts (5 min)', () => {
    const p = loadPreset('tanah-bumbu');
    expect(p.steps.map((s) => [s.no, s.standard])).toEqual([
      [3, { days: 1 }],
      [5, { days: 1 }],
      [6, { minutes: 5 }],
    ]);
    expect(p.opdUnits.some((u) => /instansi vertikal/.test(u.name))).toBe(true);
  });
});
