/**
 * Push: local events the server has not acknowledged, in local `seq` order, and reference
 * data changed here. Every insert is `ON CONFLICT DO NOTHING`, so a push repeated after a
 * crash, a lost answer or a killed process changes nothing on the server; the local cursor
 * advances only after the server committed the batch.
 */
import type pg from 'pg';
import { uploadReferencedBlobs } from './blob-sync';
import { rowToEvent } from '../projection/event-store';
import { decodeHlc } from '../../../shared/hlc';
import type { EventRow } from '../db/schema';
import { refsSince } from '../refdata/ref-store';
import type { BackendContext } from '../services/context';
import { loadCursors, recordRejections, updateState, type Rejection } from './settings-store';
import { EVENT_WIRE_COLUMNS } from './event-columns';

/** Events per server call (one JSON parameter). */
const EVENT_BATCH = 1000;
const REF_BATCH = 500;

/**
 * SQLSTATEs that mean "the server will never take this row" (row-level security, a payload
 * it cannot read, a value out of bounds), as opposed to a lost connection, which is retried.
 */
const REFUSALS = new Set(['42501', '22P02', '23514', '22001', '22003', '23502', '22023', '53100']);

function sqlState(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
}

function isRefusal(e: unknown): boolean {
  return REFUSALS.has(sqlState(e));
}

/**
 * One event as the server's `alur.push_events` reads it: the wire columns by name (the
 * function lists them too; a new column needs a server migration anyway).
 */
function eventJson(r: EventRow): Record<string, string | number | null> {
  return Object.fromEntries(EVENT_WIRE_COLUMNS.map((c) => [c, r[c]]));
}

function refusalReason(e: unknown): string {
  const state = sqlState(e);
  if (state === '42501') return 'server menolak: aduan ini tidak boleh diakses unit login ini';
  const msg = e instanceof Error ? e.message : String(e);
  return `server menolak (${state}): ${msg.split('\n')[0] ?? ''}`.slice(0, 300);
}

interface Sent {
  inserted: number;
  refused: Rejection[];
  /** The server's last event seq before and after this batch (see `pushEvents`). */
  seqBefore: number;
  seqAfter: number;
}

export async function lastSeq(client: pg.ClientBase): Promise<number> {
  const r = await client.query<{ last_value: string; is_called: boolean }>('SELECT last_value, is_called FROM alur.event_seq');
  const row = r.rows[0];
  return row?.is_called ? Number(row.last_value) : 0;
}

/**
 * The writers' lock (held to the commit; the server's function takes it, and ends a holder
 * that sits on it) and the last seq handed out: while it is held no other event can get a
 * seq, so the seqs this batch gets are exactly the range from this value to the one read
 * after the insert.
 */
async function beginPush(client: pg.ClientBase): Promise<number> {
  const r = await client.query<{ s: string }>('SELECT alur.begin_push()::text AS s');
  return Number(r.rows[0]?.s ?? '0');
}

interface ServerVerdict {
  inserted: number;
  refused: Array<{ id: string; reason: string }>;
}

/** Inserts through the server's checking function; its refusals come back as data. */
async function insertChecked(client: pg.ClientBase, rows: readonly EventRow[]): Promise<ServerVerdict> {
  const r = await client.query<{ v: ServerVerdict }>('SELECT alur.push_events($1::jsonb) AS v', [JSON.stringify(rows.map(eventJson))]);
  return r.rows[0]?.v ?? { inserted: 0, refused: [] };
}

function rejection(r: EventRow, reason: string): Rejection {
  return {
    direction: 'push',
    kind: 'event',
    itemId: r.id,
    caseId: r.case_id,
    serverSeq: 0,
    reason: `server menolak: ${reason}`.slice(0, 300),
    raw: null,
  };
}

type Blobs = (rows: readonly EventRow[]) => Promise<unknown>;

/**
 * Sends one batch, with the files its events refer to, in one server transaction. When the
 * server refuses any of it, each row is tried on its own (in a savepoint, with its files) so
 * one refused event does not hold back the others.
 */
async function sendBatch(client: pg.ClientBase, rows: readonly EventRow[], blobs: Blobs): Promise<Sent> {
  await client.query('BEGIN');
  try {
    await blobs(rows);
    const seqBefore = await beginPush(client);
    const res = await insertChecked(client, rows);
    if (res.refused.length === 0) {
      const seqAfter = await lastSeq(client);
      await client.query('COMMIT');
      return { inserted: res.inserted, refused: [], seqBefore, seqAfter };
    }
    await client.query('ROLLBACK');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (!isRefusal(e)) throw e;
  }
  let inserted = 0;
  const refused: Rejection[] = [];
  await client.query('BEGIN');
  try {
    const seqBefore = await beginPush(client);
    for (const r of rows) {
      await client.query('SAVEPOINT one');
      try {
        await blobs([r]);
        const res = await insertChecked(client, [r]);
        const no = res.refused[0];
        if (no) {
          // Its files go with it.
          await client.query('ROLLBACK TO SAVEPOINT one');
          refused.push(rejection(r, no.reason));
        } else {
          // The row's files are checked now, so a refusal stays with this row.
          await client.query('SET CONSTRAINTS ALL IMMEDIATE');
          await client.query('SET CONSTRAINTS ALL DEFERRED');
          inserted += res.inserted;
          await client.query('RELEASE SAVEPOINT one');
        }
      } catch (e) {
        if (!isRefusal(e)) throw e;
        await client.query('ROLLBACK TO SAVEPOINT one');
        refused.push({ ...rejection(r, ''), reason: refusalReason(e) });
      }
    }
    const seqAfter = await lastSeq(client);
    await client.query('COMMIT');
    return { inserted, refused, seqBefore, seqAfter };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

interface PushResult {
  /** Events sent (new on the server or already there). */
  sent: number;
  /** Of those, new on the server. */
  inserted: number;
  refused: Rejection[];
}

/**
 * Pushes events. `all`: every event this workstation holds, whoever wrote it (publishing an
 * office with `alur server init`), else only local ones after the push cursor. Events the
 * server refused earlier are offered again first (a fixed login may now be allowed).
 */
export async function pushEvents(ctx: BackendContext, client: pg.ClientBase, opts: { all?: boolean } = {}): Promise<PushResult> {
  const db = ctx.db;
  const out: PushResult = { sent: 0, inserted: 0, refused: [] };
  const blobs: Blobs = (rows) => uploadReferencedBlobs(client, ctx.options.dataDir, rows.map(rowToEvent), opts.all === true);
  if (!opts.all) {
    const held = await db
      .selectFrom('sync_rejected')
      .innerJoin('event', 'event.id', 'sync_rejected.item_id')
      .selectAll('event')
      .where('sync_rejected.direction', '=', 'push')
      .where('sync_rejected.resolved_at', 'is', null)
      .orderBy('event.seq')
      .execute();
    for (const r of held) {
      const res = await sendBatch(client, [r], blobs);
      if (res.refused.length === 0) {
        // Its seq is not skipped by the pull cursor: the event simply comes back once.
        await db.updateTable('sync_rejected').set({ resolved_at: ctx.now() }).where('direction', '=', 'push').where('item_id', '=', r.id).execute();
        out.sent++;
        out.inserted += res.inserted;
      }
    }
  }
  let cursor = opts.all ? 0 : (await loadCursors(db)).pushSeq;
  for (;;) {
    let q = db.selectFrom('event').selectAll().where('seq', '>', cursor);
    if (!opts.all) q = q.where('local', '=', 1);
    const rows = await q.orderBy('seq').limit(EVENT_BATCH).execute();
    const last = rows[rows.length - 1];
    if (!last) break;
    const res = await sendBatch(client, rows, blobs);
    out.sent += rows.length;
    out.inserted += res.inserted;
    out.refused.push(...res.refused);
    // Acknowledged: only now may the cursor move (a crash before this line re-sends the batch).
    // When this workstation had pulled everything before the batch, the seqs the batch got
    // hold only its own events: the pull cursor skips them instead of fetching them back.
    await db.transaction().execute(async (trx) => {
      await recordRejections(trx, ctx.now(), res.refused);
      const { pullSeq } = await loadCursors(trx);
      await updateState(trx, pullSeq === res.seqBefore && !opts.all ? { push_seq: last.seq, pull_seq: res.seqAfter } : { push_seq: last.seq });
    });
    cursor = last.seq;
  }
  return out;
}

/**
 * Reference kinds that stay on the workstation that wrote them: a saved search is one user's
 * filters (names, NIKs, places typed into search), personal, and of no use to another unit.
 */
export const LOCAL_ONLY_KINDS: ReadonlySet<string> = new Set(['saved_search']);

interface RefPushResult {
  sent: number;
  inserted: number;
}

/**
 * Pushes reference data: the fields this workstation wrote since the last push (or, `all`,
 * every field of every record). Fields that came from the server are not sent back.
 */
export async function pushRefs(ctx: BackendContext, client: pg.ClientBase, opts: { all?: boolean } = {}): Promise<RefPushResult> {
  const since = opts.all ? '' : (await loadCursors(ctx.db)).refPushHlc;
  const records = await refsSince(ctx.db, since);
  const out: RefPushResult = { sent: 0, inserted: 0 };
  let high = since;
  const rows: Array<[string, string, string, string]> = [];
  for (const rec of records) {
    if (LOCAL_ONLY_KINDS.has(rec.kind)) continue;
    const fields: Record<string, unknown> = {};
    const clocks: Record<string, string> = {};
    for (const [k, c] of Object.entries(rec.clocks)) {
      if (c > high) high = c;
      if (!(k in rec.fields)) continue;
      if (!opts.all && (c <= since || decodeHlc(c).device !== ctx.deviceId)) continue;
      fields[k] = rec.fields[k];
      clocks[k] = c;
    }
    if (Object.keys(clocks).length) rows.push([rec.kind, rec.id, JSON.stringify(fields), JSON.stringify(clocks)]);
  }
  for (let i = 0; i < rows.length; i += REF_BATCH) {
    const batch = rows.slice(i, i + REF_BATCH);
    const values = batch.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}::jsonb, $${j * 4 + 4}::jsonb)`).join(', ');
    await client.query('BEGIN');
    try {
      const res = await client.query(
        `INSERT INTO alur.ref_change (kind, id, fields, clocks) VALUES ${values} ON CONFLICT (kind, id, digest) DO NOTHING`,
        batch.flat(),
      );
      await client.query('COMMIT');
      out.inserted += res.rowCount ?? 0;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    out.sent += batch.length;
  }
  if (high > since) await updateState(ctx.db, { ref_push_hlc: high });
  return out;
}

/** Local events not yet acknowledged by the server (the status bar's "waiting to push"). */
export async function pendingCount(ctx: BackendContext): Promise<number> {
  const { pushSeq } = await loadCursors(ctx.db);
  const r = await ctx.db
    .selectFrom('event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('local', '=', 1)
    .where('seq', '>', pushSeq)
    .executeTakeFirstOrThrow();
  const held = await ctx.db
    .selectFrom('sync_rejected')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('direction', '=', 'push')
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n) + Number(held.n);
}
