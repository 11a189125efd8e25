/** Reading and appending the event log. Appends are idempotent by event id. */
import type { Kysely } from 'kysely';
import type { CaseEvent } from '../../../shared/domain/events';
import type { Database, EventRow, NewEventRow } from '../db/schema';
import { checkEventRow, eventRowHash } from './event-hash';

type Db = Kysely<Database>;

export function eventToRow(e: CaseEvent, local: boolean): NewEventRow {
  const row = {
    id: e.id,
    case_id: e.caseId,
    type: e.type,
    hlc: e.hlc,
    at: e.at,
    author_id: e.authorId,
    position_id: e.positionId,
    acting: e.acting,
    device_id: e.deviceId,
    payload: JSON.stringify(e.payload),
    signature: e.signature,
    seal: e.seal ?? null,
    local: local ? 1 : 0,
  };
  return { ...row, hash: eventRowHash(row) };
}

/**
 * Rows come only from `appendEvents`, which stores events that passed the `CaseEvent` schema,
 * so the log is not re-validated on every replay (a million of them must replay in under a
 * minute); only its content hash is checked, so damage on disk is never served.
 */
export function rowToEvent(
  r: Pick<EventRow, 'id' | 'case_id' | 'type' | 'hlc' | 'at' | 'author_id' | 'position_id' | 'acting' | 'device_id' | 'payload' | 'signature'> & {
    hash?: string | null;
    seal?: string | null;
  },
): CaseEvent {
  checkEventRow(r);
  return {
    id: r.id,
    caseId: r.case_id,
    type: r.type,
    hlc: r.hlc,
    at: r.at,
    authorId: r.author_id,
    positionId: r.position_id,
    acting: r.acting,
    deviceId: r.device_id,
    payload: JSON.parse(r.payload),
    signature: r.signature,
    seal: r.seal ?? null,
  } as CaseEvent;
}

/** Appends events; ones already present (same id) are left as they are. Returns those added. */
export async function appendEvents(db: Db, events: readonly CaseEvent[], local: boolean): Promise<CaseEvent[]> {
  const added: CaseEvent[] = [];
  for (const e of events) {
    const res = await db
      .insertInto('event')
      .values(eventToRow(e, local))
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) > 0) added.push(e);
  }
  return added;
}

/** A case's events in log order (HLC, then id for identical clocks). */
export async function loadCaseEvents(db: Db, caseId: string): Promise<CaseEvent[]> {
  const rows = await db.selectFrom('event').selectAll().where('case_id', '=', caseId).orderBy('hlc').orderBy('id').execute();
  return rows.map(rowToEvent);
}

export async function countEvents(db: Db): Promise<number> {
  const r = await db
    .selectFrom('event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
