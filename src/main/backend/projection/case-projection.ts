/**
 * The projections: case rows, open and closed tasks (the inboxes), the units a case went to,
 * identities and the full-text index, all derived from the log. One writer serves both the
 * incremental path (a service appends an event) and the full rebuild (drop and replay), so
 * the two cannot disagree.
 */
import type { Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { CaseEvent } from '../../../shared/domain/events';
import { urgencyRank } from '../../../shared/domain/enums';
import { extraStems } from '../../../shared/search/stem-id';
import { phoneDigits } from '../../../shared/search/phone';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import type { CaseState } from '../../../shared/workflow/state';
import { applyEvent, startCase, type EngineContext } from '../../../shared/workflow/engine';
import type { CaseTable, Database } from '../db/schema';

type Db = Kysely<Database>;

export interface ProjectionContext {
  engine: EngineContext;
  /** The preset version a case started with. */
  preset(id: string, version: number): WorkflowPreset;
}

/** What the `cases.state` column holds: the engine state plus the free text people wrote. */
export interface StoredCase {
  s: CaseState;
  /** Notes, responses and answers, in log order, for the full-text index. */
  text: string[];
  lastHlc: string;
}

function eventText(e: CaseEvent): string[] {
  switch (e.type) {
    case 'case.note_added':
      return [e.payload.text];
    case 'case.paused':
    case 'case.extended':
    case 'case.escalated':
    case 'case.reopened':
      return [e.payload.reason];
    case 'case.forwarded':
    case 'case.disposed':
    case 'case.returned':
    case 'case.drafted':
    case 'case.approved':
    case 'case.answered':
      return [e.payload.note, e.payload.response].filter((t): t is string => !!t);
    // Named, not defaulted: a new event type must decide whether its text is searchable.
    case 'case.registered':
    case 'case.identity_recorded':
    case 'case.classified':
    case 'case.resumed':
    case 'case.attachment_added':
    case 'case.closed':
    case 'case.document_issued':
      return [];
    case 'case.answer_delivered':
      return e.payload.note ? [e.payload.note] : [];
  }
}

/** Applies one event to a stored case (null before registration). Pure. */
export function foldEvent(ctx: ProjectionContext, stored: StoredCase | null, e: CaseEvent): StoredCase | null {
  if (e.type === 'case.registered') {
    if (stored) return { ...stored, lastHlc: e.hlc }; // a second registration of the same id changes nothing
    const preset = ctx.preset(e.payload.presetId, e.payload.presetVersion);
    return { s: startCase(preset, e, ctx.engine), text: [], lastHlc: e.hlc };
  }
  // An event whose registration has not arrived yet stays in the log and applies on the next
  // replay of this case; the projection never guesses.
  if (!stored) return null;
  const preset = ctx.preset(stored.s.presetId, stored.s.presetVersion);
  const more = eventText(e);
  return {
    s: applyEvent(preset, stored.s, e, ctx.engine),
    text: more.length ? [...stored.text, ...more] : stored.text,
    lastHlc: e.hlc > stored.lastHlc ? e.hlc : stored.lastHlc,
  };
}

/** Replays a case from its events (in log order). */
export function foldCase(ctx: ProjectionContext, events: readonly CaseEvent[]): StoredCase | null {
  let st: StoredCase | null = null;
  for (const e of events) st = foldEvent(ctx, st, e);
  return st;
}

function nextDue(s: CaseState): number | null {
  let m: number | null = null;
  for (const t of s.tasks) if (t.state === 'open' && t.dueAt !== null && (m === null || t.dueAt < m)) m = t.dueAt;
  return m;
}

function caseRow(st: StoredCase): CaseTable {
  const s = st.s;
  return {
    id: s.id,
    ref: s.ref,
    lapor_id: s.laporId,
    preset_id: s.presetId,
    preset_version: s.presetVersion,
    hub_unit_id: s.hubUnitId,
    channel: s.channel,
    type: s.type,
    category_id: s.categoryId,
    subcategory_id: s.subcategoryId,
    title: s.title,
    description: s.description,
    location: s.location,
    privacy: s.privacy,
    urgency: s.urgency,
    urgency_rank: urgencyRank(s.urgency),
    strategic: s.strategic ? 1 : 0,
    status: s.status,
    received_at: s.receivedAt,
    registered_at: s.registeredAt,
    next_due_at: nextDue(s),
    due_at: s.dueAt,
    paused: s.pausedSince !== null ? 1 : 0,
    answered_at: s.answeredAt,
    closed_at: s.closedAt,
    escalated_at: s.escalatedAt,
    close_reason: s.status === 'closed' ? (s.closeReason ?? null) : null,
    duplicate_of: s.status === 'closed' ? (s.duplicateOf ?? null) : null,
    reopen_count: s.reopens ?? 0,
    delivered_at: s.delivery?.at ?? null,
    delivery_channel: s.delivery?.channel ?? null,
    conflict_count: s.conflicts.length,
    event_count: s.eventCount,
    last_event_at: s.lastEventAt,
    last_hlc: st.lastHlc,
    state: JSON.stringify(st),
  };
}

/**
 * The projection writer: cached prepared statements, because a rebuild writes a hundred
 * thousand cases and compiling a query per write costs more than the write. The statements
 * name exactly the columns of `db/schema.ts`; the rebuild test runs every one of them.
 * It is only used inside a transaction that holds the connection (commitEvents, rebuild),
 * so its statements can never land in somebody else's transaction.
 */
export class CaseWriter {
  private stmts: ReturnType<typeof prepareStatements> | null = null;
  constructor(private readonly sqlite: SqliteDatabase.Database) {}

  private get s(): ReturnType<typeof prepareStatements> {
    this.stmts ??= prepareStatements(this.sqlite);
    return this.stmts;
  }

  /** Writes the projections of these cases; `fresh` skips deleting rows a rebuild already emptied. */
  write(items: readonly StoredCase[], fresh = false): void {
    const s = this.s;
    for (const st of items) {
      const id = st.s.id;
      if (!fresh) {
        s.deleteTasks.run(id);
        s.deleteUnits.run(id);
        s.deleteFts.run(id);
      }
      const row = caseRow(st);
      // A rebuild only inserts: the insert's rowid comes free, no RETURNING round.
      const rowid = fresh ? Number(s.insertCase.run(row).lastInsertRowid) : (s.upsertCase.get(row) as { rowid: number }).rowid;
      for (const t of st.s.tasks) {
        s.insertTask.run({
          id: t.id,
          case_id: id,
          step_id: t.stepId,
          role_id: t.roleId,
          unit_id: t.unitId,
          position_id: t.positionId,
          branch_id: t.branchId,
          state: t.state,
          opened_at: t.openedAt,
          due_at: t.dueAt,
          closed_at: t.closedAt,
          urgency_rank: urgencyRank(t.urgency ?? st.s.urgency),
          returned: t.returned ? 1 : 0,
        });
      }
      for (const u of st.s.opdUnitIds) s.insertUnit.run(id, u);
      s.insertFts.run(rowid, id, st.s.ref, st.s.title, ftsBody(st));
    }
  }

  /** Writes the identity projection (and its search index) for an `identity_recorded` event. */
  writeIdentity(e: CaseEvent): void {
    if (e.type !== 'case.identity_recorded') return;
    const c = e.payload.complainant;
    this.s.upsertIdentity.run({ case_id: e.caseId, name: c.name, nik: c.nik, phone: c.phone, email: c.email, address: c.address });
    this.s.deleteIdentityFts.run(e.caseId);
    this.s.insertIdentityFts.run(e.caseId, c.name, c.nik ?? '', phoneDigits(c.phone));
  }

  /** Empties every projection (the first half of a rebuild). */
  clear(): void {
    this.sqlite.exec(
      'DELETE FROM case_task; DELETE FROM case_unit; DELETE FROM identity; DELETE FROM identity_fts; DELETE FROM case_fts; DELETE FROM cases;',
    );
  }
}

/**
 * The searchable text of a case besides its reference and title: description, notes,
 * responses, answers, then the Indonesian stems its words lack (so "lubang" finds
 * "berlubang"; see shared/search/stem-id.ts).
 */
export function ftsBody(st: StoredCase): string {
  const text = [st.s.description, ...st.text].join('\n');
  const stems = extraStems(`${st.s.title}\n${text}`);
  return stems.length ? `${text}\n${stems.join(' ')}` : text;
}

/** Every column of `cases`, listed once; the Record type makes a missing or extra one a type error. */
const CASE_COLUMN_SET: Record<keyof CaseTable, true> = {
  id: true,
  ref: true,
  lapor_id: true,
  preset_id: true,
  preset_version: true,
  hub_unit_id: true,
  channel: true,
  type: true,
  category_id: true,
  subcategory_id: true,
  title: true,
  description: true,
  location: true,
  privacy: true,
  urgency: true,
  urgency_rank: true,
  strategic: true,
  status: true,
  received_at: true,
  registered_at: true,
  next_due_at: true,
  due_at: true,
  paused: true,
  answered_at: true,
  closed_at: true,
  escalated_at: true,
  close_reason: true,
  duplicate_of: true,
  reopen_count: true,
  delivered_at: true,
  delivery_channel: true,
  conflict_count: true,
  event_count: true,
  last_event_at: true,
  last_hlc: true,
  state: true,
};
const CASE_COLUMNS = Object.keys(CASE_COLUMN_SET);

function prepareStatements(sqlite: SqliteDatabase.Database) {
  const cols = CASE_COLUMNS;
  return {
    insertCase: sqlite.prepare(`INSERT INTO cases (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`),
    upsertCase: sqlite.prepare(
      `INSERT INTO cases (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${cols
         .filter((c) => c !== 'id')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}
       RETURNING rowid`,
    ),
    insertTask: sqlite.prepare(
      `INSERT INTO case_task (id, case_id, step_id, role_id, unit_id, position_id, branch_id, state, opened_at, due_at, closed_at, urgency_rank, returned)
       VALUES (@id, @case_id, @step_id, @role_id, @unit_id, @position_id, @branch_id, @state, @opened_at, @due_at, @closed_at, @urgency_rank, @returned)`,
    ),
    insertUnit: sqlite.prepare('INSERT OR IGNORE INTO case_unit (case_id, unit_id) VALUES (?, ?)'),
    insertFts: sqlite.prepare('INSERT INTO case_fts (rowid, case_id, ref, title, body) VALUES (?, ?, ?, ?, ?)'),
    deleteTasks: sqlite.prepare('DELETE FROM case_task WHERE case_id = ?'),
    deleteUnits: sqlite.prepare('DELETE FROM case_unit WHERE case_id = ?'),
    deleteFts: sqlite.prepare('DELETE FROM case_fts WHERE rowid = (SELECT rowid FROM cases WHERE id = ?)'),
    insertIdentityFts: sqlite.prepare('INSERT INTO identity_fts (case_id, name, nik, phone) VALUES (?, ?, ?, ?)'),
    deleteIdentityFts: sqlite.prepare('DELETE FROM identity_fts WHERE case_id = ?'),
    upsertIdentity: sqlite.prepare(
      `INSERT INTO identity (case_id, name, nik, phone, email, address) VALUES (@case_id, @name, @nik, @phone, @email, @address)
       ON CONFLICT (case_id) DO UPDATE SET name = excluded.name, nik = excluded.nik, phone = excluded.phone, email = excluded.email, address = excluded.address`,
    ),
  };
}

export async function loadStoredCase(db: Db, caseId: string): Promise<StoredCase | null> {
  const r = await db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirst();
  return r ? (JSON.parse(r.state) as StoredCase) : null;
}
