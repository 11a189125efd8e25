/**
 * Brings new cases to a chosen step through the contract, as the officials would (e2e setup:
 * the UI under test then takes over). Whoever of `users` is offered the main-path act does it:
 * dispositions go to `opdUnitId` and then to its field post; drafts carry a response text.
 */
import { DEMO_PASSWORD } from '../../src/main/cli/demo/generator';
import { apiCall, apiLogin, type DevServer } from './harness';

interface Allowed {
  taskId: string;
  stepId: string;
  asPositionId: string;
  action: { id: string; kind: string; signed: boolean; fastLane: boolean; targets?: string; to: string | null; onlyForTypes?: string[] };
}

interface Overview {
  preset: { steps: Array<{ id: string; role: string }>; instructions: string[] };
  positions: Array<{ id: string; unitId: string; roleId: string }>;
}

type Body<T> = { ok: true; value: T } | { ok: false; error: { message: string } };

async function value<T>(server: DevServer, method: string, input: unknown, token: string): Promise<T> {
  const body = (await apiCall(server, method, input, { token })).body as Body<T>;
  if (!body.ok) throw new Error(`${method}: ${body.error.message}`);
  return body.value;
}

const ORDER = ['draft', 'dispose', 'forward'];

/** Registers a case and acts on it until its open step is `stopAt`; returns its id. */
export async function caseAtStep(server: DevServer, users: string[], opdUnitId: string, title: string, stopAt: string): Promise<string> {
  const tokens = await Promise.all(users.map((u) => apiLogin(server, u, DEMO_PASSWORD)));
  const admin = await apiLogin(server, 'admin', DEMO_PASSWORD);
  const ov = await value<Overview>(server, 'office.overview', {}, admin);
  const { caseId } = await value<{ caseId: string }>(
    server,
    'case.register',
    { channel: 'sms1708', receivedAt: Date.now(), type: 'pengaduan', title, description: `${title}, mohon segera ditangani.`, privacy: 'biasa', complainant: { name: 'Rahmawati', phone: '081254332211' } },
    admin,
  );
  for (let round = 0; round < 12; round++) {
    let acted = false;
    // Everyone looks at once (one round trip), then the first one offered the next act does it.
    const views = await Promise.all(tokens.map(async (token) => ({ token, got: (await apiCall(server, 'case.get', { caseId }, { token })).body as Body<{ allowed: Allowed[] }> })));
    if (views.some((v) => v.got.ok && v.got.value.allowed.some((a) => a.stepId === stopAt))) return caseId;
    for (const { token, got } of views) {
      if (!got.ok) continue;
      const main = got.value.allowed.filter((a) => a.action.kind !== 'return' && !a.action.fastLane && !a.action.onlyForTypes);
      const chosen = ORDER.map((k) => main.find((a) => a.action.kind === k)).find(Boolean);
      if (!chosen) continue;
      let targets: Array<{ unitId: string; positionId: string | null }> = [];
      if (chosen.action.kind === 'dispose') {
        const me = ov.positions.find((p) => p.id === chosen.asPositionId);
        const toRole = ov.preset.steps.find((s) => s.id === chosen.action.to)?.role;
        const field = ov.positions.find((p) => p.unitId === me?.unitId && p.roleId === toRole);
        targets = chosen.action.targets === 'opd_units' ? [{ unitId: opdUnitId, positionId: null }] : [{ unitId: me?.unitId ?? '', positionId: field?.id ?? null }];
      }
      await value(
        server,
        'case.act',
        {
          caseId,
          taskId: chosen.taskId,
          actionId: chosen.action.id,
          asPositionId: chosen.asPositionId,
          targets,
          instructions: chosen.action.kind === 'dispose' ? ov.preset.instructions.slice(0, 1) : [],
          response: chosen.action.kind === 'draft' ? `Tanggapan atas "${title}": perbaikan dijadwalkan minggu ini.` : null,
          signingPassword: chosen.action.signed ? DEMO_PASSWORD : null,
        },
        token,
      );
      acted = true;
      break;
    }
    if (!acted) throw new Error(`nobody can move ${title} towards ${stopAt}`);
  }
  throw new Error(`${title} did not reach ${stopAt}`);
}
