/**
 * Synthetic logs for the benchmarks: cases that walk the office's preset through the real
 * engine (checkAct + applyEvent), written straight into the event table in one transaction.
 * The demo command makes realistic offices through the services; this makes big ones fast.
 */
import type { Database as Sqlite } from 'better-sqlite3';
import type { Actor, ActorPosition, Position, Unit } from '../src/shared/domain/org';
import type { BackendContext } from '../src/main/backend/services/context';
import { putRef } from '../src/main/backend/refdata/ref-store';
import type { CaseEvent, EventBody } from '../src/shared/domain/events';
import type { WorkflowPreset } from '../src/shared/workflow/preset';
import type { CaseState } from '../src/shared/workflow/state';
import { addWorkingTime, type WorkCalendar } from '../src/shared/calendar/working-time';
import { allowedActions, applyEvent, checkAct, startCase } from '../src/shared/workflow/engine';
import { eventToRow } from '../src/main/backend/projection/event-store';
import { sealEvent } from '../src/main/backend/keys/seal';
import type { OpenKey } from '../src/main/backend/keys/key-crypto';
import { createRng } from '../src/main/cli/demo/random';

const WORDS = [
  'jalan',
  'rusak',
  'lampu',
  'air',
  'sampah',
  'puskesmas',
  'sekolah',
  'banjir',
  'drainase',
  'pasar',
  'ktp',
  'bansos',
  'jembatan',
  'listrik',
  'angkutan',
  'izin',
  'pajak',
  'parkir',
  'taman',
  'trotoar',
];
const PLACES = ['Paringin', 'Juai', 'Lampihong', 'Batumandi', 'Awayan', 'Halong', 'Tebing Tinggi', 'Murung Jambu', 'Lasung Batu', 'Tanah Habang'];

interface SyntheticResult {
  cases: number;
  events: number;
}

function uuidFrom(rng: () => number, ms: number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
  const t = ms.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(3)}-${(8 + Math.floor(rng() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

/** Writes `count` cases (about ten events each on the main path) and returns the totals. */
export function writeSyntheticCases(
  sqlite: Sqlite,
  preset: WorkflowPreset,
  calendar: WorkCalendar,
  units: Unit[],
  positions: Position[],
  /**
   * `authorId`: the user every act is written as (the LAN server refuses authorless acts);
   * `sealer`: that user's key, to seal every event as their session would (keys/seal.ts).
   */
  opts: { count: number; seed: number; end: number; hubUnitId: string; authorId?: string; sealer?: OpenKey },
): SyntheticResult {
  const rng = createRng(opts.seed);
  const all: ActorPosition[] = positions.map((p) => ({ positionId: p.id, unitId: p.unitId, roleId: p.roleId, title: p.title, acting: null }));
  const actor: Actor = { userId: 'bench', isAdmin: true, positions: all };
  const opds = units.filter((u) => u.kind === 'opd');
  const insert = sqlite.prepare(
    'INSERT INTO event (id, case_id, type, hlc, at, author_id, position_id, acting, device_id, payload, signature, seal, local) VALUES (@id, @case_id, @type, @hlc, @at, @author_id, @position_id, @acting, @device_id, @payload, @signature, @seal, @local)',
  );
  const ctx = { calendar };
  let events = 0;
  const write = sqlite.transaction((batch: CaseEvent[]) => {
    for (const e of batch) insert.run(eventToRow(opts.sealer ? sealEvent(e, opts.sealer) : e, true));
  });
  let batch: CaseEvent[] = [];
  const year = 365 * 86_400_000;
  for (let i = 0; i < opts.count; i++) {
    let at = opts.end - Math.floor(rng() * year);
    const caseId = uuidFrom(rng, at);
    // HLC wall = the act's time: synthetic acts of a case are strictly later than the previous.
    const mk = (body: EventBody, positionId: string | null): CaseEvent => {
      return {
        id: uuidFrom(rng, at),
        caseId,
        hlc: `${String(at).padStart(15, '0')}-${String(events % 1_000_000).padStart(6, '0')}-bench00`,
        at,
        authorId: opts.authorId ?? null,
        positionId,
        acting: null,
        deviceId: 'bench00',
        signature: null,
        ...body,
      } as CaseEvent;
    };
    const w1 = rng.pick(WORDS);
    const w2 = rng.pick(WORDS);
    const place = rng.pick(PLACES);
    const reg = mk(
      {
        type: 'case.registered',
        payload: {
          ref: `ADU-${new Date(at).getUTCFullYear()}-BN${String(i + 1).padStart(6, '0')}`,
          presetId: preset.id,
          presetVersion: preset.version,
          hubUnitId: opts.hubUnitId,
          channel: rng.pick(['lapor', 'web', 'sms1708', 'phone', 'email', 'social', 'letter', 'walkin'] as const),
          laporId: null,
          receivedAt: at,
          type: rng.pick(['pengaduan', 'pengaduan', 'aspirasi', 'informasi'] as const),
          categoryId: null,
          subcategoryId: null,
          title: `Aduan ${w1} ${w2} di ${place}`,
          description: `Warga ${place} melaporkan masalah ${w1} dan ${w2} yang belum ditangani sejak bulan lalu. Nomor ${i}.`,
          location: place,
          privacy: 'biasa',
          urgency: rng.pick(['biasa', 'biasa', 'biasa', 'segera', 'sangat_segera'] as const),
          attachments: [],
        },
      },
      null,
    );
    const out: CaseEvent[] = [reg];
    let st: CaseState = startCase(preset, reg as CaseEvent & { type: 'case.registered' }, ctx);
    const stopAfter = rng() < 0.85 ? 99 : rng.int(0, 10);
    for (let step = 0; step < 20 && step < stopAfter; step++) {
      const options = allowedActions(preset, st, actor).filter((o) => o.action.kind !== 'return' && !o.action.fastLane && !o.action.onlyForTypes);
      const order = ['answer', 'approve', 'draft', 'dispose', 'forward'];
      options.sort((a, b) => order.indexOf(a.action.kind) - order.indexOf(b.action.kind));
      const choice = options[0];
      if (!choice) break;
      at = addWorkingTime(calendar, at, { minutes: rng.int(10, 600) });
      if (at > opts.end) break;
      const toRole = preset.steps.find((s) => s.id === choice.action.to)?.role;
      const targets =
        choice.action.kind !== 'dispose'
          ? []
          : choice.action.targets === 'opd_units'
            ? [{ unitId: rng.pick(opds).id, positionId: null }]
            : [{ unitId: choice.as.unitId, positionId: positions.find((p) => p.unitId === choice.as.unitId && p.roleId === toRole)?.id ?? null }];
      const r = checkAct(
        preset,
        st,
        { ...actor, positions: [choice.as] },
        {
          caseId,
          taskId: choice.taskId,
          actionId: choice.action.id,
          asPositionId: choice.as.positionId,
          targets,
          instructions: choice.action.kind === 'dispose' ? [preset.instructions[0] ?? 'Proses'] : [],
          note: rng() < 0.3 ? `Catatan tentang ${w1} di ${place}` : null,
          urgency: null,
          dueAt: null,
          response: choice.action.kind === 'draft' || choice.action.kind === 'answer' ? `Masalah ${w1} di ${place} telah ditangani.` : null,
        },
      );
      if (!r.ok) break;
      const e = mk({ type: r.value.type, payload: r.value.payload } as EventBody, choice.as.positionId);
      out.push(e);
      st = applyEvent(preset, st, e, ctx);
    }
    events += out.length;
    batch.push(...out);
    if (batch.length >= 20_000) {
      write(batch);
      batch = [];
    }
  }
  if (batch.length) write(batch);
  return { cases: opts.count, events };
}

/**
 * Makes `userId` the holder of each of `positions` from the start of time (the synthetic acts
 * are theirs in every one of those posts), so a workstation that checks who held a post
 * (keys/seal.ts) takes the acts as genuine.
 */
export async function holdAll(ctx: BackendContext, userId: string, positions: readonly Position[]): Promise<void> {
  for (const p of positions) {
    const id = ctx.uuid();
    await putRef(ctx.db, 'assignment', id, { id, userId, positionId: p.id, acting: null, from: null, until: null }, ctx.clock.tick());
  }
}
