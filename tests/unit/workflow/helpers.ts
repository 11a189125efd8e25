/**
 * Test helpers for the workflow engine: the shipped presets and calendar, a fake clock with
 * wall-clock text in the office's zone, deterministic UUID-shaped ids, and a `Walk` that
 * writes acts through `checkAct` (as the services do) and folds them with `applyEvent`.
 */
import { readFileSync } from 'node:fs';
import { buildCalendar, parseHolidayFile, parseOfficeHoursFile } from '../../../src/shared/calendar/default-calendar';
import { utcOffsetMinutes, type TimeZoneCode, type WorkCalendar } from '../../../src/shared/calendar/working-time';
import type { CaseType } from '../../../src/shared/domain/enums';
import type { CaseEvent, EventBody } from '../../../src/shared/domain/events';
import type { Actor, ActorPosition } from '../../../src/shared/domain/org';
import { encodeHlc } from '../../../src/shared/hlc';
import { applyEvent, checkAct, startCase, type ActCheckInput, type EngineContext } from '../../../src/shared/workflow/engine';
import { WorkflowPreset, type ActKind } from '../../../src/shared/workflow/preset';
import type { AllowedAction, CaseState, Task } from '../../../src/shared/workflow/state';

export const PRESET_FILES = ['balangan', 'bontang', 'kaltim', 'magetan', 'tanah-bumbu'] as const;

function readJson(rel: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../resources/${rel}`, import.meta.url), 'utf8'));
}

/** A shipped preset, parsed with the schema (throws if the file is invalid). */
export function loadPreset(file: (typeof PRESET_FILES)[number]): WorkflowPreset {
  return WorkflowPreset.parse(readJson(`presets/${file}.json`));
}

const holidays = parseHolidayFile(readJson('calendar/holidays-id.json')).holidays;
const officeHours = parseOfficeHoursFile(readJson('calendar/office-hours-default.json')).officeHours;
const calendars = new Map<TimeZoneCode, WorkCalendar>();

/** The default office calendar with the shipped holidays, in `tz`. */
export function calendarFor(tz: TimeZoneCode): WorkCalendar {
  let c = calendars.get(tz);
  if (!c) calendars.set(tz, (c = buildCalendar(tz, officeHours, holidays)));
  return c;
}

/** `'2026-03-17 14:00'` read as local time in `tz` → epoch ms. */
export function at(text: string, tz: TimeZoneCode): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`bad test time ${text}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0) - utcOffsetMinutes(tz) * 60_000;
}

/** Epoch ms → `'YYYY-MM-DD HH:MM'` in `tz`. */
export function show(instant: number | null, tz: TimeZoneCode): string | null {
  if (instant === null) return null;
  return new Date(instant + utcOffsetMinutes(tz) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Deterministic UUID-shaped ids (version 4 layout), one counter per test file. */
let counter = 0;
export function nextId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const HUB = 'hub';
/** Unit ids of test OPDs: `opd-<code>` in lower case. */
export function opdId(code: string): string {
  return `opd-${code.toLowerCase()}`;
}

/** The post of `roleId` in `unitId`; ids are `<unit>.<role>` so tests can name them. */
export function post(unitId: string, roleId: string, acting: ActorPosition['acting'] = null): ActorPosition {
  return { positionId: `${unitId}.${roleId}`, unitId, roleId, title: `${roleId} ${unitId}`, acting };
}

export function actor(...positions: ActorPosition[]): Actor {
  return { userId: `u-${positions.map((p) => p.positionId).join('+')}`, isAdmin: false, positions };
}

/** One actor holding every post of the preset in the hub and in every listed OPD. */
export function everyone(preset: WorkflowPreset, opdUnitIds: readonly string[]): Actor {
  const positions: ActorPosition[] = [];
  for (const r of preset.roles) {
    if (r.scope === 'hub') positions.push(post(HUB, r.id));
    else for (const u of opdUnitIds) positions.push(post(u, r.id));
  }
  return actor(...positions);
}

interface RegisterOptions {
  type?: CaseType;
  at: number;
}

/**
 * A case under test: its preset, calendar, fake clock (`now`), the log so far and the
 * folded state. Acts go through `checkAct` like the services; `raw` appends any body.
 */
export class Walk {
  readonly events: CaseEvent[] = [];
  readonly caseId = nextId();
  state: CaseState;
  now: number;
  private hlcCounter = 0;

  constructor(
    readonly preset: WorkflowPreset,
    readonly ctx: EngineContext,
    opts: RegisterOptions,
  ) {
    this.now = opts.at;
    const reg = this.event(
      {
        type: 'case.registered',
        payload: {
          ref: `ADU-${this.caseId.slice(-4)}`,
          presetId: preset.id,
          presetVersion: preset.version,
          hubUnitId: HUB,
          channel: 'web',
          laporId: null,
          receivedAt: opts.at,
          type: opts.type ?? 'pengaduan',
          categoryId: 'infrastruktur',
          subcategoryId: 'jalan_rusak',
          title: 'Jalan berlubang di depan pasar',
          description: 'Jalan di depan pasar berlubang dalam sejak musim hujan dan membahayakan pengendara.',
          location: 'Jalan A. Yani km 3',
          privacy: 'biasa',
          urgency: 'biasa',
          attachments: [],
        },
      },
      null,
    );
    if (reg.type !== 'case.registered') throw new Error('unreachable');
    this.state = startCase(preset, reg, ctx);
  }

  /** Builds the next log event at `this.now` (HLC strictly increasing). */
  event(body: EventBody, as: ActorPosition | null): CaseEvent {
    this.hlcCounter += 1;
    const e: CaseEvent = {
      ...body,
      id: nextId(),
      caseId: this.caseId,
      hlc: encodeHlc({ wall: this.now, counter: this.hlcCounter, device: 'test-device' }),
      at: this.now,
      authorId: as ? `user-${as.positionId}` : null,
      positionId: as?.positionId ?? null,
      acting: as?.acting ?? null,
      deviceId: 'test-device',
      signature: null,
    };
    this.events.push(e);
    return e;
  }

  /** Appends `body` (as `as`, or the system) and folds it. */
  raw(body: EventBody, as: ActorPosition | null = null): CaseEvent {
    const e = this.event(body, as);
    this.state = applyEvent(this.preset, this.state, e, this.ctx);
    return e;
  }

  /** Checks and applies an act by `who`; throws with the engine's message when refused. */
  act(who: Actor, input: ActCheckInput): CaseEvent {
    const r = checkAct(this.preset, this.state, who, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return this.raw({ type: r.value.type, payload: r.value.payload }, r.value.as);
  }

  openTasks(): Task[] {
    return this.state.tasks.filter((t) => t.state === 'open');
  }

  /** The single open task (throws when there are none or several). */
  sole(): Task {
    const open = this.openTasks();
    if (open.length !== 1 || !open[0]) throw new Error(`expected one open task, got ${open.map((t) => t.stepId).join(', ') || 'none'}`);
    return open[0];
  }
}

const MAIN_ORDER: ActKind[] = ['answer', 'approve', 'draft', 'dispose', 'forward'];

/** The main-path act among `options`: no return, no fast lane, no type-restricted shortcut. */
export function mainPath(options: readonly AllowedAction[]): AllowedAction | undefined {
  const main = options.filter((o) => o.action.kind !== 'return' && !o.action.fastLane && !o.action.onlyForTypes);
  for (const k of MAIN_ORDER) {
    const hit = main.find((o) => o.action.kind === k);
    if (hit) return hit;
  }
  return undefined;
}

/** Targets for a disposition on the main path: the given OPDs, or the post of the next step's role. */
export function targetsFor(preset: WorkflowPreset, a: AllowedAction, opds: readonly string[]): Array<{ unitId: string; positionId: string | null }> {
  if (a.action.kind !== 'dispose') return [];
  if (a.action.targets === 'opd_units') return opds.map((unitId) => ({ unitId, positionId: null }));
  const role = preset.steps.find((s) => s.id === a.action.to)?.role ?? '';
  return [{ unitId: a.as.unitId, positionId: post(a.as.unitId, role).positionId }];
}

/** Text for acts that need one (drafts and answers). */
export function textFor(kind: ActKind): string | null {
  return kind === 'draft' || kind === 'answer' || kind === 'approve' ? 'Jalan telah diperbaiki oleh tim pemeliharaan pada minggu ini.' : null;
}
