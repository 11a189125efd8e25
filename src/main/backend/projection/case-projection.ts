/**
 * The projections: case rows, open and closed tasks (the inboxes), the units a case went to,
 * identities and the full-text index, all derived from the log. One writer serves both the
 * incremental path (a service appends an event) and the full rebuild (drop and replay), so
 * the two cannot disagree.
 */
import { sql, type Kysely } from 'kysely';
import type { CaseEvent } from '../../../shared/domain/events';
import { urgencyRank } from '../../../shared/domain/enums';
import type { WorkflowPreset } from '../../../shared/workflow/preset';
import type { CaseState } from '../../../shared/workflow/state';
import { applyEvent, startCase, type EngineContext } from '../../../shared/workflow/engine';
import type { Database } from '../db/schema';

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
    default:
      return [];
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

function caseRow(st: StoredCase) {
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
    conflict_count: s.conflicts.length,
    event_count: s.eventCount,
    last_event_at: s.lastEventAt,
    last_hlc: st.lastHlc,
    state: JSON.stringify(st),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes the projections of these cases. `fresh` skips deleting old rows (a rebuild that
 * already emptied the tables). Multi-row inserts keep a rebuild of 100k cases to a few
 * thousand statements.
 */
export async function writeCases(db: Db, items: readonly StoredCase[], fresh = false): Promise<void> {
  for (const batch of chunks(items, 200)) {
    const ids = batch.map((b) => b.s.id);
    if (!fresh) {
      await db.deleteFrom('case_task').where('case_id', 'in', ids).execute();
      await db.deleteFrom('case_unit').where('case_id', 'in', ids).execute();
      await sql`DELETE FROM case_fts WHERE rowid IN (SELECT rowid FROM cases WHERE id IN (${sql.join(ids)}))`.execute(db);
    }
    const rows = batch.map(caseRow);
    await db
      .insertInto('cases')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const k of Object.keys(rows[0] ?? {})) if (k !== 'id') set[k] = eb.ref(`excluded.${k}` as 'excluded.title');
          return set;
        }),
      )
      .execute();
    const tasks = batch.flatMap((b) =>
      b.s.tasks.map((t) => ({
        id: t.id,
        case_id: b.s.id,
        step_id: t.stepId,
        role_id: t.roleId,
        unit_id: t.unitId,
        position_id: t.positionId,
        branch_id: t.branchId,
        state: t.state,
        opened_at: t.openedAt,
        due_at: t.dueAt,
        closed_at: t.closedAt,
        urgency_rank: urgencyRank(t.urgency ?? b.s.urgency),
        returned: t.returned ? 1 : 0,
      })),
    );
    for (const c of chunks(tasks, 500)) await db.insertInto('case_task').values(c).execute();
    const units = batch.flatMap((b) => b.s.opdUnitIds.map((u) => ({ case_id: b.s.id, unit_id: u })));
    for (const c of chunks(units, 1000)) await db.insertInto('case_unit').values(c).onConflict((oc) => oc.doNothing()).execute();
    const rowids = await db.selectFrom('cases').select(['id', sql<number>`rowid`.as('rowid')]).where('id', 'in', ids).execute();
    const byId = new Map(rowids.map((r) => [r.id, r.rowid]));
    const fts = batch.map((b) => ({
      rowid: byId.get(b.s.id) ?? 0,
      case_id: b.s.id,
      ref: b.s.ref,
      title: b.s.title,
      body: [b.s.description, ...b.text].join('\n'),
    }));
    for (const c of chunks(fts, 500)) {
      await sql`INSERT INTO case_fts (rowid, case_id, ref, title, body) VALUES ${sql.join(
        c.map((f) => sql`(${f.rowid}, ${f.case_id}, ${f.ref}, ${f.title}, ${f.body})`),
      )}`.execute(db);
    }
  }
}

/** Writes the identity projection for an `identity_recorded` event. */
export async function writeIdentity(db: Db, e: CaseEvent): Promise<void> {
  if (e.type !== 'case.identity_recorded') return;
  const c = e.payload.complainant;
  const row = { case_id: e.caseId, name: c.name, nik: c.nik, phone: c.phone, email: c.email, address: c.address };
  await db
    .insertInto('identity')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ name: row.name, nik: row.nik, phone: row.phone, email: row.email, address: row.address }))
    .execute();
}

export async function loadStoredCase(db: Db, caseId: string): Promise<StoredCase | null> {
  const r = await db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirst();
  return r ? (JSON.parse(r.state) as StoredCase) : null;
}
