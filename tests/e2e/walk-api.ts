/**
 * Brings new cases to a chosen step through the contract, as the officials would (e2e setup:
 * the UI under test then takes over). At each open task the holder of its post (by unit and
 * role, Plt./Plh. included) does the main-path act: dispositions go to `opdUnitId` and then to
 * the field's post; drafts carry a response text. Two reads per act, logins once per walker.
 */
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { apiCall, apiLogin, type DevServer } from './harness';

interface Allowed {
  taskId: string;
  asPositionId: string;
  action: { id: string; kind: string; signed: boolean; fastLane: boolean; targets?: string; to: string | null; onlyForTypes?: string[] };
}

interface Overview {
  preset: { steps: Array<{ id: string; role: string }>; instructions: string[] };
  positions: Array<{ id: string; unitId: string; roleId: string }>;
}

interface Detail {
  tasks: Array<{ stepId: string; unitId: string; roleId: string; state: string }>;
  allowed: Allowed[];
}

type Body<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

async function value<T>(server: DevServer, method: string, input: unknown, token: string): Promise<T> {
  const body = (await apiCall(server, method, input, { token })).body as Body<T>;
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.value;
}

const ORDER = ['draft', 'dispose', 'forward'];

export interface ApiWalker {
  /** Registers a case and acts on it until `stopAt` is open; returns its id. */
  toStep(title: string, stopAt: string): Promise<string>;
}

export async function apiWalker(server: DevServer, opdUnitId: string): Promise<ApiWalker> {
  const admin = await apiLogin(server, 'admin', DEMO_PASSWORD);
  const ov = await value<Overview>(server, 'office.overview', {}, admin);
  const users = await value<Array<{ username: string; active: boolean; assignments: Array<{ positionId: string }> }>>(server, 'user.list', {}, admin);
  const holders = (unitId: string, roleId: string): string[] => {
    const posts = new Set(ov.positions.filter((p) => p.unitId === unitId && p.roleId === roleId).map((p) => p.id));
    return users.filter((u) => u.active && u.assignments.some((a) => posts.has(a.positionId))).map((u) => u.username);
  };
  const tokens = new Map<string, string>([['admin', admin]]);
  const tokenOf = async (username: string): Promise<string> => {
    const known = tokens.get(username);
    if (known) return known;
    const t = await apiLogin(server, username, DEMO_PASSWORD);
    tokens.set(username, t);
    return t;
  };

  async function actOnce(caseId: string, task: Detail['tasks'][number]): Promise<void> {
    for (const who of holders(task.unitId, task.roleId)) {
      const token = await tokenOf(who);
      const d = await value<Detail>(server, 'case.get', { caseId }, token);
      const main = d.allowed.filter((a) => a.action.kind !== 'return' && !a.action.fastLane && !a.action.onlyForTypes);
      const chosen = ORDER.map((k) => main.find((a) => a.action.kind === k)).find(Boolean);
      if (!chosen) continue;
      let targets: Array<{ unitId: string; positionId: string | null }> = [];
      if (chosen.action.kind === 'dispose') {
        const me = ov.positions.find((p) => p.id === chosen.asPositionId);
        const toRole = ov.preset.steps.find((s) => s.id === chosen.action.to)?.role;
        const field = ov.positions.find((p) => p.unitId === me?.unitId && p.roleId === toRole);
        targets =
          chosen.action.targets === 'opd_units'
            ? [{ unitId: opdUnitId, positionId: null }]
            : [{ unitId: me?.unitId ?? '', positionId: field?.id ?? null }];
      }
      const input = {
        caseId,
        taskId: chosen.taskId,
        actionId: chosen.action.id,
        asPositionId: chosen.asPositionId,
        targets,
        instructions: chosen.action.kind === 'dispose' ? ov.preset.instructions.slice(0, 1) : [],
        response: chosen.action.kind === 'draft' ? 'Tanggapan: perbaikan dijadwalkan minggu ini oleh tim lapangan.' : null,
        signingPassword: chosen.action.signed ? DEMO_PASSWORD : null,
      };
      await value(server, 'case.act', input, token);
      return;
    }
    throw new Error(`nobody holding ${task.roleId} can act at ${task.stepId}`);
  }

  return {
    async toStep(title, stopAt) {
      const { caseId } = await value<{ caseId: string }>(
        server,
        'case.register',
        {
          channel: 'sms1708',
          receivedAt: Date.now(),
          type: 'pengaduan',
          title,
          description: `${title}, mohon segera ditangani.`,
          privacy: 'biasa',
          complainant: { name: 'Rahmawati', phone: '081254332211' },
        },
        admin,
      );
      for (let round = 0; round < 12; round++) {
        const open = (await value<Detail>(server, 'case.get', { caseId }, admin)).tasks.filter((t) => t.state === 'open');
        if (open.some((t) => t.stepId === stopAt)) return caseId;
        const task = open[0];
        if (!task) throw new Error(`${title}: no open task before ${stopAt}`);
        await actOnce(caseId, task);
      }
      throw new Error(`${title} did not reach ${stopAt}`);
    },
  };
}
