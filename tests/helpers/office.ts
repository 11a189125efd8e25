/** Staffing a test office through the contract, and walking a case through its chain. */
import type { BackendContext } from '../../src/main/backend/services/context';
import { dispatch } from '../../src/main/backend/backend';
import type { CaseDetail, AllowedActionView } from '../../src/shared/api/views';
import type { ActKind } from '../../src/shared/workflow/preset';
import type { InputOf, MethodName, ResultOf } from '../../src/shared/api/contract';
import type { Result } from '../../src/shared/result';

/**
 * What the helpers call: a backend context in this process, or any other transport of the
 * contract (the built backend host in a child process, tests/bundle).
 */
type ApiTarget = BackendContext | { dispatch(method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>> };

function send(target: ApiTarget, method: MethodName, token: string | null, input: unknown): Promise<Result<unknown>> {
  return 'opened' in target ? dispatch(target, method, token, input) : target.dispatch(method, token, input);
}

async function call<M extends MethodName>(target: ApiTarget, method: M, token: string | null, input: InputOf<M>): Promise<ResultOf<M>> {
  const r = await send(target, method, token, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value as ResultOf<M>;
}

export const STAFF_PASSWORD = 'petugas-uji-1';

interface Staff {
  /** token by username */
  tokens: Map<string, string>;
  /** username by position id */
  byPosition: Map<string, string>;
}

/**
 * One user per post of the desk and of the first `opdCount` OPDs, each assigned to it and
 * logged in. Usernames: `<roleId>` on the desk side, `<roleId>.<unit code>` in an OPD.
 */
export async function staffOffice(ctx: ApiTarget, adminToken: string, opdCount = 2): Promise<Staff> {
  const ov = await call(ctx, 'office.overview', adminToken, {});
  const opds = ov.units.filter((u) => u.kind === 'opd').slice(0, opdCount);
  const units = [...ov.units.filter((u) => u.kind === 'hub'), ...opds];
  const desk = ov.preset.roles.find((r) => r.desk)?.id;
  const staff: Staff = { tokens: new Map(), byPosition: new Map() };
  for (const unit of units) {
    for (const p of ov.positions.filter((x) => x.unitId === unit.id)) {
      if (unit.kind === 'hub' && p.roleId === desk) continue; // the admin staffs the desk
      const username = (unit.kind === 'hub' ? p.roleId : `${p.roleId}.${unit.code}`).toLowerCase().replace(/[^a-z0-9._-]/g, '');
      const { id } = await call(ctx, 'user.save', adminToken, { id: null, username, fullName: `Pejabat ${username}`, password: STAFF_PASSWORD });
      await call(ctx, 'assignment.save', adminToken, { id: null, userId: id, positionId: p.id, acting: null, from: null, until: null });
      const s = await call(ctx, 'session.login', null, { username, password: STAFF_PASSWORD });
      staff.tokens.set(username, s.token);
      staff.byPosition.set(p.id, username);
    }
  }
  return staff;
}

const PRIORITY: ActKind[] = ['answer', 'approve', 'draft', 'dispose', 'forward'];

export interface Walker {
  /** Performs one act of `kind` (or the main-path act) by whoever may; returns who acted. */
  step(
    caseId: string,
    opts?: {
      kind?: ActKind;
      pick?: (a: AllowedActionView) => boolean;
      note?: string;
      targets?: Array<{ unitId: string; positionId: string | null }>;
    },
  ): Promise<{ who: string; action: AllowedActionView }>;
  detail(caseId: string, who?: string): Promise<CaseDetail>;
}

export function walker(ctx: ApiTarget, tokens: Map<string, string>, opdUnitIds: string[]): Walker {
  const detail = async (caseId: string, who = 'admin') => call(ctx, 'case.get', tokens.get(who) ?? null, { caseId });
  return {
    detail,
    async step(caseId, opts = {}) {
      const seen: string[] = [];
      for (const [who, token] of tokens) {
        const got = await send(ctx, 'case.get', token, { caseId });
        if (!got.ok) {
          if (got.error.code !== 'NOT_FOUND') seen.push(`${who}: ${got.error.message}`);
          continue;
        }
        const d = got.value as CaseDetail;
        seen.push(`${who}: ${d.allowed.map((a) => a.action.id).join(',') || '-'}`);
        if (d.allowed.length === 0) continue;
        const candidates = d.allowed.filter(
          (a) =>
            (opts.pick ? opts.pick(a) : true) &&
            (opts.kind ? a.action.kind === opts.kind : a.action.kind !== 'return' && !a.action.fastLane && !a.action.onlyForTypes),
        );
        const chosen = opts.kind || opts.pick ? candidates[0] : PRIORITY.map((k) => candidates.find((c) => c.action.kind === k)).find(Boolean);
        if (!chosen) continue;
        const ov = await call(ctx, 'office.overview', token, {});
        let targets = opts.targets ?? [];
        if (!opts.targets && chosen.action.kind === 'dispose') {
          if (chosen.action.targets === 'opd_units') targets = [{ unitId: opdUnitIds[0] ?? '', positionId: null }];
          else {
            const me = ov.positions.find((p) => p.id === chosen.asPositionId);
            const toRole = ov.preset.steps.find((s) => s.id === chosen.action.to)?.role;
            const field = ov.positions.find((p) => p.unitId === me?.unitId && p.roleId === toRole);
            targets = [{ unitId: me?.unitId ?? '', positionId: field?.id ?? null }];
          }
        }
        const needsText = chosen.action.kind === 'draft' || chosen.action.kind === 'answer';
        const r = await send(ctx, 'case.act', token, {
          caseId,
          taskId: chosen.taskId,
          actionId: chosen.action.id,
          asPositionId: chosen.asPositionId,
          targets,
          instructions: chosen.action.kind === 'dispose' ? [ov.preset.instructions[0] ?? 'Proses lebih lanjut'] : [],
          note: opts.note ?? (chosen.action.requiresNote || chosen.action.kind === 'return' ? 'Mohon diperbaiki sesuai catatan.' : null),
          response: needsText ? 'Jalan telah diperbaiki oleh tim pemeliharaan pada minggu ini.' : null,
          signingPassword: chosen.action.signed ? STAFF_PASSWORD : null,
        });
        if (!r.ok) throw new Error(`act ${chosen.action.id} by ${who}: ${r.error.message}`);
        return { who, action: chosen };
      }
      throw new Error(`nobody could act (${opts.kind ?? 'main path'}) on ${caseId}; seen: ${seen.join(' | ')}`);
    },
  };
}
