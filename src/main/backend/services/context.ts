/**
 * The backend's shared state for one data directory: the database, this workstation's
 * identity and clock, the sessions, and the caches of reference data the engine needs.
 */
import type { PasswordCost } from './password';
import type { OpenKey } from '../keys/key-crypto';
import { EventEmitter } from 'node:events';
import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { ServerEvent } from '../../../shared/api/contract';
import { HlcClock } from '../../../shared/hlc';
import { AppError } from '../../../shared/result';
import { WorkflowPreset } from '../../../shared/workflow/preset';
import { buildCalendar } from '../../../shared/calendar/default-calendar';
import type { Database } from '../db/schema';
import type { OpenedDatabase } from '../db/database';
import type { LockOptions } from '../db/folder-lock';
import type { RestoreReport } from '../../../shared/api/views-backup';
import { CaseWriter, type ProjectionContext } from '../projection/case-projection';
import { getRef, listRefs } from '../refdata/ref-store';
import type { OfficeSettings } from '../refdata/kinds';
import { Logger } from '../log/logger';

export interface BackendOptions {
  dataDir: string;
  resourcesDir: string;
  appVersion: string;
  /** Injectable clock for tests and the demo generator. */
  now?: () => number;
  /** Injectable randomness (floats in [0,1)) so the demo is the same for the same seed. */
  random?: () => number;
  /** Who takes the data folder's lock, and how long to wait for another owner (db/folder-lock.ts). */
  owner?: LockOptions;
  /** scrypt cost of new password hashes: `owasp` (default, always in the app) or `test`. */
  passwordCost?: PasswordCost;
  /** Lines about long work at open (a projection rebuild after an upgrade): the CLI prints them. */
  progress?: (line: string) => void;
}

export interface Session {
  userId: string;
  /** The last call that counted as the user's activity (see BACKGROUND_METHODS). */
  lastSeen: number;
  /** Idle or "Kunci layar": every call but unlock and logout is refused. */
  locked?: boolean;
  /** An administrator's session holds the office root key, opened at login, to certify user keys. */
  rootKey?: OpenKey;
  /** The user's own key, opened at login to seal every event they write; dropped on lock (keys/seal.ts). */
  signingKey?: OpenKey;
}

export class BackendContext {
  readonly db: Kysely<Database>;
  readonly clock: HlcClock;
  readonly sessions = new Map<string, Session>();
  readonly bus = new EventEmitter();
  /** Tasks already warned about as due soon (in memory: a restart may warn once more). */
  readonly warned = new Set<string>();
  /** Writes the projections with cached statements (see CaseWriter). */
  readonly writer: CaseWriter;
  /** The support log in the data folder (no personal data: see log/logger.ts). */
  readonly log: Logger;
  private projectionCtx: ProjectionContext | null = null;
  /** Set by `openBackend`: what only the owner of the open database can do (a restore reopens it). */
  host: { restore(file: string): Promise<RestoreReport> } | null = null;

  constructor(
    readonly opened: OpenedDatabase,
    readonly options: BackendOptions,
    readonly deviceId: string,
    lastHlc: string | undefined,
    readonly now: () => number,
  ) {
    this.db = opened.db;
    this.log = new Logger(options.dataDir);
    this.writer = new CaseWriter(opened.sqlite);
    this.clock = new HlcClock(deviceId, now, lastHlc);
  }

  /** Random bytes: from the injected generator when there is one (demo), else the CSPRNG. */
  randomBytes(n: number): Uint8Array {
    const rnd = this.options.random;
    if (!rnd) return crypto.randomBytes(n);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(rnd() * 256);
    return out;
  }

  /** A UUIDv7 for an event, case or reference record. */
  uuid(): string {
    return uuidv7({ msecs: this.now(), random: this.randomBytes(16) });
  }

  emit(e: ServerEvent): void {
    this.bus.emit('event', e);
  }

  /** Reference data changed: presets or calendar must be re-read. */
  invalidate(): void {
    this.projectionCtx = null;
  }

  async office(): Promise<OfficeSettings> {
    const o = await getRef(this.db, 'office', 'office');
    if (!o) throw new AppError('NOT_INITIALIZED', 'Kantor belum dibuat. Jalankan "alur init" atau buat kantor dari layar pertama.');
    return o;
  }

  /** Presets by id@version and the working calendar, cached until reference data changes. */
  async projection(): Promise<ProjectionContext> {
    if (this.projectionCtx) return this.projectionCtx;
    const presets = new Map<string, WorkflowPreset>();
    for (const rec of await listRefsWithIds(this.db)) presets.set(rec.key, rec.preset);
    const cal = await getRef(this.db, 'calendar', 'calendar');
    if (!cal) throw new AppError('NOT_INITIALIZED', 'Kalender kerja belum ada: kantor belum dibuat.');
    const calendar = buildCalendar(cal.timeZone, cal.officeHours, cal.holidays);
    const ctx: ProjectionContext = {
      engine: { calendar },
      preset(id, version) {
        const p = presets.get(`${id}@${version}`);
        if (!p) throw new AppError('NOT_FOUND', `Preset alur kerja ${id} versi ${version} tidak ada di basis data ini.`);
        return p;
      },
    };
    this.projectionCtx = ctx;
    return ctx;
  }
}

async function listRefsWithIds(db: Kysely<Database>): Promise<Array<{ key: string; preset: WorkflowPreset }>> {
  const out: Array<{ key: string; preset: WorkflowPreset }> = [];
  for (const rec of await listRefs(db, 'preset')) {
    const p = WorkflowPreset.parse(JSON.parse(rec.json));
    out.push({ key: `${p.id}@${p.version}`, preset: p });
  }
  return out;
}

/** A short random id for this workstation (HLC device part and tracking numbers). */
export function newDeviceId(random?: () => number): string {
  if (!random) return crypto.randomBytes(6).toString('hex');
  return Array.from({ length: 12 }, () => Math.floor(random() * 16).toString(16)).join('');
}
